//! Content negotiation (`f` and `Accept`) and conditional GET (`ETag`, `Last-Modified`,
//! `If-None-Match` → 304, `If-Modified-Since` → 304).

use actix_web::http::header::{self, Header, HttpDate};
use actix_web::{HttpRequest, HttpResponse};
use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};

use crate::links::{GEOJSON, JSON, OGC_CATALOG_JSON};
use crate::params::Format;

/// The representation to send: `f` when given, else the first of JSON, HTML and (where
/// `xml_ok`) ISO XML that `Accept` ranks, else JSON. A browser's `Accept` ranks
/// `text/html` before `application/xml`, so it gets the page.
pub fn chosen(req: &HttpRequest, f: Option<Format>, xml_ok: bool) -> Format {
    f.unwrap_or_else(|| {
        ranked(req)
            .into_iter()
            .find_map(|m| match m.as_str() {
                "application/json"
                | "application/geo+json"
                | "application/ogc-catalog+json"
                | "application/problem+json"
                | "application/schema+json"
                | "application/vnd.oai.openapi+json" => Some(Format::Json),
                "text/html" | "application/xhtml+xml" => Some(Format::Html),
                "application/xml" | "text/xml" | "application/vnd.iso.19139+xml" if xml_ok => {
                    Some(Format::Xml)
                }
                _ => None,
            })
            .unwrap_or(Format::Json)
    })
}

/// `application/geo+json` unless the client accepts only `application/json`.
pub fn geojson_type(req: &HttpRequest) -> &'static str {
    let accepted = ranked(req);
    let json_only = accepted.iter().any(|m| m == JSON)
        && !accepted
            .iter()
            .any(|m| m == GEOJSON || m == "*/*" || m == "application/*");
    if json_only { JSON } else { GEOJSON }
}

/// `application/ogc-catalog+json` when the client asks for it (the catalogue's own
/// media type, /req/json/collection-response), else `application/json`.
pub fn catalog_type(req: &HttpRequest) -> &'static str {
    if ranked(req).iter().any(|m| m == OGC_CATALOG_JSON) {
        OGC_CATALOG_JSON
    } else {
        JSON
    }
}

fn ranked(req: &HttpRequest) -> Vec<String> {
    header::Accept::parse(req)
        .map(|a| {
            a.ranked()
                .iter()
                .map(|m| m.essence_str().to_ascii_lowercase())
                .collect()
        })
        .unwrap_or_default()
}

/// A 200 response with a strong `ETag` (hash of the body) and `Last-Modified` when
/// known, or 304 when the request's validators match.
pub fn conditional(
    req: &HttpRequest,
    body: Vec<u8>,
    media_type: &str,
    modified: Option<DateTime<Utc>>,
) -> HttpResponse {
    let digest = Sha256::digest(&body);
    let etag = header::EntityTag::new_strong(hex::encode(&digest[..16]));
    let last_modified = modified.map(|m| HttpDate::from(std::time::SystemTime::from(m)));
    // What a record list or record shows depends on the caller's credentials.
    let vary = (header::VARY, "Accept, Authorization");
    if not_modified(req, &etag, modified) {
        let mut resp = HttpResponse::NotModified();
        resp.insert_header(header::ETag(etag)).insert_header(vary);
        if let Some(lm) = last_modified {
            resp.insert_header(header::LastModified(lm));
        }
        return resp.finish();
    }
    let mut resp = HttpResponse::Ok();
    resp.content_type(media_type)
        .insert_header(header::ETag(etag))
        .insert_header(vary);
    if let Some(lm) = last_modified {
        resp.insert_header(header::LastModified(lm));
    }
    resp.body(body)
}

/// `If-None-Match` decides when present (RFC 9110 §13.2.2); else `If-Modified-Since`.
fn not_modified(
    req: &HttpRequest,
    etag: &header::EntityTag,
    modified: Option<DateTime<Utc>>,
) -> bool {
    if req.headers().contains_key(header::IF_NONE_MATCH) {
        return match header::IfNoneMatch::parse(req) {
            Ok(header::IfNoneMatch::Any) => true,
            Ok(header::IfNoneMatch::Items(tags)) => tags.iter().any(|t| t.weak_eq(etag)),
            Err(_) => false,
        };
    }
    let (Ok(header::IfModifiedSince(since)), Some(modified)) =
        (header::IfModifiedSince::parse(req), modified)
    else {
        return false;
    };
    let since = DateTime::<Utc>::from(std::time::SystemTime::from(since));
    modified.timestamp() <= since.timestamp()
}
