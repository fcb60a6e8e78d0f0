//! Thumbnails imported from GeoNetwork MEF archives, kept as files under
//! `server.overviews_dir/<key>/<name>` and served at `/overviews/<key>/<name>` to whoever
//! may see their record (404 otherwise, as for the record). Files rather than a store
//! table: they are static bytes a proxy or a CDN can serve, backups copy a folder, and
//! the store keeps its one job; `<key>` is the record id in hex, safe in any file system
//! and URL path whatever the id holds (`/`, `:`).

use std::path::{Path, PathBuf};
use std::sync::Arc;

use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::RecordId;
use moisson_store::Store;

/// Where thumbnails are written at import, and the URL they are served under.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Target {
    pub dir: PathBuf,
    /// `<public_url>/overviews`.
    pub base_url: String,
}

impl Target {
    /// Writes one thumbnail of record `id`; returns its URL.
    pub fn store(&self, id: &str, name: &str, bytes: &[u8]) -> std::io::Result<String> {
        if !is_file_name(name) {
            return Err(std::io::Error::other(format!(
                "{name:?} is not a plain file name"
            )));
        }
        let folder = self.dir.join(key(id));
        std::fs::create_dir_all(&folder)?;
        std::fs::write(folder.join(name), bytes)?;
        Ok(format!(
            "{}/{}/{name}",
            self.base_url.trim_end_matches('/'),
            key(id)
        ))
    }
}

/// The record id in lowercase hex.
pub fn key(id: &str) -> String {
    id.bytes().map(|b| format!("{b:02x}")).collect()
}

fn id_of(key: &str) -> Option<String> {
    if !key.len().is_multiple_of(2) {
        return None;
    }
    let bytes: Option<Vec<u8>> = (0..key.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(key.get(i..i + 2)?, 16).ok())
        .collect();
    String::from_utf8(bytes?).ok()
}

/// One plain path component: no separator, no `..`, not hidden.
pub fn is_file_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\', ':', '\0'])
}

/// What the route needs: the folder (none: every thumbnail is 404) and the store.
#[derive(Clone)]
pub struct OverviewsState {
    pub dir: Option<PathBuf>,
    pub store: Arc<dyn Store>,
}

pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/overviews/{key}/{name}", web::get().to(get));
}

async fn get(
    req: HttpRequest,
    path: web::Path<(String, String)>,
    state: web::Data<OverviewsState>,
) -> actix_web::Result<HttpResponse> {
    let (key, name) = path.into_inner();
    let viewer = moisson_http::caller(&req)
        .await
        .map_err(|_| actix_web::error::ErrorUnauthorized("invalid credentials"))?;
    let not_found = || actix_web::error::ErrorNotFound("no such overview");
    let (Some(dir), Some(id)) = (&state.dir, id_of(&key)) else {
        return Err(not_found());
    };
    let id = RecordId::parse(id).map_err(|_| not_found())?;
    if !is_file_name(&name) {
        return Err(not_found());
    }
    // The record's own rights decide: a hidden record's thumbnails are absent too.
    let visible = state.store.get(&id, &viewer).await.map_err(|e| {
        tracing::error!(error = %e, "reading a record for its overview");
        actix_web::error::ErrorInternalServerError("internal error")
    })?;
    if visible.is_none() {
        return Err(not_found());
    }
    let bytes = web::block({
        let file = dir.join(&key).join(&name);
        move || std::fs::read(file)
    })
    .await
    .map_err(|_| not_found())?
    .map_err(|_| not_found())?;
    Ok(HttpResponse::Ok()
        .content_type(media_type(Path::new(&name)))
        .insert_header(("X-Content-Type-Options", "nosniff"))
        // An SVG may hold scripts: never run them with the catalogue's origin.
        .insert_header(("Content-Security-Policy", "sandbox"))
        .body(bytes))
}

fn media_type(name: &Path) -> &'static str {
    let ext = name
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or_default()
        .to_ascii_lowercase();
    match ext.as_str() {
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "svg" => "image/svg+xml",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_round_trip_and_names_are_plain() {
        let id = "https://example.org/rec/1:a";
        assert_eq!(id_of(&key(id)).as_deref(), Some(id));
        assert_eq!(id_of("zz"), None);
        assert!(is_file_name("thumb_s.png"));
        for bad in ["../x.png", "a/b.png", ".hidden", ""] {
            assert!(!is_file_name(bad), "{bad}");
        }
    }
}
