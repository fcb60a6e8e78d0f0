//! The thin actix layer: `GET /csw` (KVP), `POST /csw` (XML, or a KVP form).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::{Classify, ErrorClass, Viewer};

use crate::error::{Error, Result};
use crate::{CswState, Request, exception, execute, kvp, post};

/// Largest request body accepted (a Transaction carries whole records).
pub const MAX_BODY: usize = 16 << 20;
const XML: &str = "application/xml; charset=UTF-8";

/// Registers `/csw`. Needs `web::Data<CswState>`, and `web::Data<moisson_auth::Authenticator>`
/// to accept credentials (without it, any `Authorization` header is refused).
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/csw")
            .app_data(web::PayloadConfig::new(MAX_BODY))
            .route(web::get().to(get_csw))
            .route(web::post().to(post_csw)),
    );
}

/// The caller; credentials that do not verify fail the request (401), whatever it asks.
async fn caller(req: &HttpRequest) -> Result<Viewer> {
    Ok(moisson_http::caller(req).await?)
}

async fn get_csw(state: web::Data<CswState>, req: HttpRequest) -> HttpResponse {
    let parsed = kvp::parse(&kvp::Params::from_query(req.query_string()));
    respond(&state, parsed, caller(&req).await).await
}

async fn post_csw(state: web::Data<CswState>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    respond(&state, parse_post(&req, &body), caller(&req).await).await
}

fn parse_post(req: &HttpRequest, body: &[u8]) -> Result<Request> {
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let text = std::str::from_utf8(body)
        .map_err(|_| Error::invalid("request", "the body is not UTF-8"))?;
    if form {
        return kvp::parse(&kvp::Params::from_query(text));
    }
    if text.trim().is_empty() {
        return kvp::parse(&kvp::Params::from_query(req.query_string()));
    }
    post::parse(text)
}

async fn respond(
    state: &CswState,
    parsed: Result<Request>,
    caller: Result<Viewer>,
) -> HttpResponse {
    let result = match (caller, parsed) {
        (Err(e), _) | (_, Err(e)) => Err(e),
        (Ok(viewer), Ok(request)) => execute(state, request, &viewer).await,
    };
    match result {
        Ok(body) => HttpResponse::Ok().content_type(XML).body(body),
        Err(e) => {
            if e.class() == ErrorClass::Internal {
                tracing::error!(error = %chain(&e), "CSW request failed");
            } else {
                tracing::debug!(error = %e, "CSW exception");
            }
            let status = StatusCode::from_u16(exception::http_status(&e)).unwrap_or(StatusCode::OK);
            let mut res = HttpResponse::build(status);
            if status == StatusCode::UNAUTHORIZED {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            res.content_type(XML).body(exception::report(&e))
        }
    }
}

fn chain(e: &dyn std::error::Error) -> String {
    let mut s = e.to_string();
    let mut source = e.source();
    while let Some(cause) = source {
        s.push_str(": ");
        s.push_str(&cause.to_string());
        source = cause.source();
    }
    s
}
