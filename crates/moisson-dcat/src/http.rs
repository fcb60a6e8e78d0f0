//! The thin actix layer: `GET|HEAD /dcat/catalog[.jsonld|.ttl|.rdf|.nt]` and
//! `/dcat/records/{id}[.ext]` (ids may contain `/`). Never redirects.

use std::sync::Arc;

use actix_web::http::header::{ACCEPT, CONTENT_TYPE, VARY};
use actix_web::{HttpRequest, HttpResponse, guard, web};
use moisson_model::Classify;
use moisson_store::Store;

use crate::endpoint::{self, CatalogParams, CatalogRequest};
use crate::error::Error;
use crate::export::{CatalogConfig, Context};
use crate::format::Format;

/// What the endpoints need: the store, the public URL minted IRIs use, the catalogue's
/// own description.
#[derive(Clone)]
pub struct DcatState {
    pub store: Arc<dyn Store>,
    pub public_url: String,
    pub catalog: CatalogConfig,
}

impl DcatState {
    fn context(&self) -> Context {
        Context::new(&self.public_url).with_landing_page(self.catalog.landing_page.clone())
    }
}

/// Registers the `/dcat` routes; the app must hold a `web::Data<DcatState>`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let get_or_head = || web::route().guard(guard::Any(guard::Get()).or(guard::Head()));
    cfg.service(web::resource("/dcat/catalog").route(get_or_head().to(get_catalog)))
        .service(web::resource("/dcat/catalog.{ext}").route(get_or_head().to(get_catalog_ext)))
        .service(web::resource("/dcat/records/{id:.*}").route(get_or_head().to(get_record)));
}

async fn get_catalog(
    state: web::Data<DcatState>,
    req: HttpRequest,
    q: web::Query<CatalogParams>,
) -> HttpResponse {
    catalog(&state, &req, &q, None).await
}

async fn get_catalog_ext(
    state: web::Data<DcatState>,
    req: HttpRequest,
    q: web::Query<CatalogParams>,
    ext: web::Path<String>,
) -> HttpResponse {
    catalog(&state, &req, &q, Some(ext.as_str())).await
}

async fn catalog(
    state: &DcatState,
    req: &HttpRequest,
    q: &CatalogParams,
    ext: Option<&str>,
) -> HttpResponse {
    let result = match CatalogRequest::parse(q, ext, accept(req)) {
        Ok(parsed) => endpoint::catalog(
            state.store.as_ref(),
            &state.context(),
            &state.catalog,
            &parsed,
        )
        .await
        .map(|b| (parsed.format, b)),
        Err(e) => Err(e),
    };
    respond(result)
}

async fn get_record(
    state: web::Data<DcatState>,
    req: HttpRequest,
    q: web::Query<CatalogParams>,
    tail: web::Path<String>,
) -> HttpResponse {
    let tail = percent_encoding::percent_decode_str(&tail)
        .decode_utf8_lossy()
        .into_owned();
    let ext = tail
        .rsplit_once('.')
        .and_then(|(_, e)| Format::from_extension(e))
        .filter(|_| !tail.ends_with(".xml") && !tail.ends_with(".json"));
    let fallback = endpoint::negotiate(None, q.format.as_deref(), accept(&req));
    respond(endpoint::record(state.store.as_ref(), &state.context(), &tail, ext, fallback).await)
}

fn accept(req: &HttpRequest) -> Option<&str> {
    req.headers().get(ACCEPT).and_then(|v| v.to_str().ok())
}

fn respond(result: Result<(Format, Vec<u8>), Error>) -> HttpResponse {
    match result {
        Ok((format, body)) => HttpResponse::Ok()
            .insert_header((
                CONTENT_TYPE,
                format!("{}; charset=utf-8", format.media_type()),
            ))
            .insert_header((VARY, "Accept"))
            .body(body),
        Err(e) => problem(&e),
    }
}

fn problem(e: &Error) -> HttpResponse {
    let class = e.class();
    let status = actix_web::http::StatusCode::from_u16(class.http_status())
        .unwrap_or(actix_web::http::StatusCode::INTERNAL_SERVER_ERROR);
    let status = if matches!(e, Error::UnsupportedFormat(_)) {
        actix_web::http::StatusCode::NOT_ACCEPTABLE
    } else {
        status
    };
    let detail = if status.is_server_error() {
        tracing_error(e);
        "internal error".to_owned()
    } else {
        e.to_string()
    };
    let body = serde_json::json!({ "type": "about:blank", "title": status.canonical_reason(), "status": status.as_u16(), "detail": detail });
    HttpResponse::build(status)
        .insert_header((CONTENT_TYPE, "application/problem+json"))
        .body(body.to_string())
}

fn tracing_error(e: &Error) {
    let mut chain = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        chain.push_str(": ");
        chain.push_str(&s.to_string());
        source = s.source();
    }
    tracing::error!(error = %chain, "dcat endpoint failed");
}
