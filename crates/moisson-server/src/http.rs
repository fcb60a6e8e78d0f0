//! The server's own routes: `/` (landing), `/health` (liveness), `/ready`
//! (readiness: the store answers), plus the access log and `x-request-id` header.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{HeaderName, HeaderValue};
use actix_web::middleware::Next;
use actix_web::{HttpMessage, HttpResponse, web};
use moisson_http::problem::Problem;
use moisson_rest::RestState;
use serde_json::json;
use tracing::Span;
use tracing::field::Empty;
use tracing_actix_web::{DefaultRootSpanBuilder, RequestId, RootSpanBuilder};

/// Registers `/`, `/health` and `/ready`. Needs `web::Data<RestState>`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/", web::get().to(landing))
        .route("/health", web::get().to(health))
        .route("/ready", web::get().to(ready));
}

/// 200 while the process runs.
async fn health() -> HttpResponse {
    HttpResponse::Ok().json(json!({ "status": "ok" }))
}

/// 200 when the store answers, else 503 problem JSON.
async fn ready(state: web::Data<RestState>) -> HttpResponse {
    match state.store.ping().await {
        Ok(()) => HttpResponse::Ok().json(json!({ "status": "ready" })),
        Err(e) => {
            tracing::error!(error = %crate::logging::chain(&e), "readiness check failed");
            Problem::other(
                503,
                "unavailable",
                "Service unavailable",
                "the database does not answer",
            )
            .response()
        }
    }
}

/// Links to what this server offers.
async fn landing(state: web::Data<RestState>) -> HttpResponse {
    let base = &state.public_url;
    let link = |path: &str, rel: &str, title: &str| json!({ "href": format!("{base}{path}"), "rel": rel, "title": title });
    HttpResponse::Ok().json(json!({
        "title": "Moisson",
        "description": "Metadata catalogue (ISO 19139, Dublin Core, REST API)",
        "version": env!("CARGO_PKG_VERSION"),
        "links": [
            link("/", "self", "This document"),
            link("/api", "service-doc", "API documentation (OpenAPI)"),
            link("/api/v1/records", "data", "Records"),
            link("/dcat/catalog", "alternate", "DCAT-AP 3 catalogue (RDF/XML, Turtle, JSON-LD, N-Triples)"),
            link("/health", "status", "Liveness"),
            link("/ready", "status", "Readiness"),
        ],
    }))
}

/// The root span of each request: tracing-actix-web's fields, with the client address
/// resolved through `server.trusted_proxies` (`moisson_http::client`) instead of
/// actix's, which believes any `X-Forwarded-For`.
pub struct ClientSpan;

impl RootSpanBuilder for ClientSpan {
    fn on_request_start(request: &ServiceRequest) -> Span {
        let client = moisson_http::client::address(request.request());
        let request_id = request.extensions().get::<RequestId>().copied();
        let target = request
            .uri()
            .path_and_query()
            .map_or_else(|| request.path().to_owned(), ToString::to_string);
        tracing::info_span!(
            "HTTP request",
            http.method = %request.method(),
            http.target = %target,
            http.client_ip = %client,
            request_id = %request_id.map(|id| id.to_string()).unwrap_or_default(),
            http.status_code = Empty,
            otel.status_code = Empty,
            exception.message = Empty,
            exception.details = Empty,
        )
    }

    fn on_request_end<B: MessageBody>(
        span: Span,
        outcome: &Result<ServiceResponse<B>, actix_web::Error>,
    ) {
        DefaultRootSpanBuilder::on_request_end(span, outcome);
    }
}

/// Logs one line per request (inside the `TracingLogger` span, so with its request
/// id) and copies the request id into an `x-request-id` response header, so a client
/// report can be matched with the log.
pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let id = req.extensions().get::<RequestId>().copied();
    let started = std::time::Instant::now();
    let mut res = next.call(req).await?;
    let status = res.status().as_u16();
    let elapsed_ms = started.elapsed().as_millis();
    tracing::info!(status, elapsed_ms, "request");
    if let Some(value) = id.and_then(|id| HeaderValue::from_str(&id.to_string()).ok()) {
        res.headers_mut()
            .insert(HeaderName::from_static("x-request-id"), value);
    }
    Ok(res)
}
