//! The thin actix layer: `GET /csw` (KVP), `POST /csw` (XML, or a KVP form).

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::{Classify, ErrorClass, Viewer};

use crate::error::{Error, Result};
use crate::{CswState, Request, exception, execute, json, kvp, post, soap};

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

/// A request as read from HTTP, with how its answer goes out.
struct Incoming {
    request: Result<Request>,
    /// It came in a SOAP 1.2 envelope: the answer goes in one.
    soap: bool,
    /// It names Transaction or Harvest (known even when the rest does not parse).
    write: bool,
    /// `outputFormat=application/json`: the answer goes out as JSON (`json`).
    json: bool,
}

async fn get_csw(state: web::Data<CswState>, req: HttpRequest) -> HttpResponse {
    let params = kvp::Params::from_query(req.query_string());
    let incoming = Incoming {
        write: params.get("request").is_some_and(names_write),
        json: params.get("outputformat") == Some(json::MEDIA_TYPE),
        request: kvp::parse(&params),
        soap: false,
    };
    respond(&state, incoming, caller(&req).await).await
}

async fn post_csw(state: web::Data<CswState>, req: HttpRequest, body: web::Bytes) -> HttpResponse {
    respond(&state, parse_post(&req, &body), caller(&req).await).await
}

fn names_write(operation: &str) -> bool {
    ["Transaction", "Harvest"]
        .iter()
        .any(|w| operation.trim().eq_ignore_ascii_case(w))
}

fn parse_post(req: &HttpRequest, body: &[u8]) -> Incoming {
    let form = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
    let body = body.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(body);
    let plain = |request| Incoming {
        request,
        soap: false,
        write: false,
        json: false,
    };
    let Ok(text) = std::str::from_utf8(body) else {
        return plain(Err(Error::invalid("request", "the body is not UTF-8")));
    };
    if form || text.trim().is_empty() {
        let query = if form { text } else { req.query_string() };
        let params = kvp::Params::from_query(query);
        return Incoming {
            write: params.get("request").is_some_and(names_write),
            json: params.get("outputformat") == Some(json::MEDIA_TYPE),
            request: kvp::parse(&params),
            soap: false,
        };
    }
    let (soap, request) = match soap::unwrap(text) {
        Some(inner) => (true, inner.and_then(|doc| post::parse(&doc))),
        None => (false, post::parse(text)),
    };
    // Only a request that failed to parse is looked at again, to refuse an anonymous
    // writer before telling it what is wrong with its body.
    let write = request.is_err()
        && moisson_filter::xml::parse(text).is_ok_and(|root| names_write(&root.local));
    // Read again only when the body names JSON at all: XML requests are parsed once.
    let json = text.contains(json::MEDIA_TYPE)
        && moisson_filter::xml::parse(text)
            .is_ok_and(|root| root.attr("outputFormat") == Some(json::MEDIA_TYPE));
    Incoming {
        request,
        soap,
        write,
        json,
    }
}

async fn respond(state: &CswState, incoming: Incoming, caller: Result<Viewer>) -> HttpResponse {
    let result = match (caller, incoming.request) {
        (Err(e), _) => Err(e),
        (Ok(viewer), Err(_)) if incoming.write && !viewer.is_signed_in() => {
            Err(Error::Unauthorized)
        }
        (_, Err(e)) => Err(e),
        (Ok(viewer), Ok(request)) => execute(state, request, &viewer).await,
    };
    let content_type = if incoming.soap {
        soap::CONTENT_TYPE
    } else {
        XML
    };
    match result {
        Ok(body) if incoming.json => match json::from_xml(&body) {
            Ok(value) => HttpResponse::Ok().json(value),
            // Our own XML always converts; logged should it ever not.
            Err(e) => {
                tracing::error!(error = %e, "CSW answer not converted to JSON");
                HttpResponse::InternalServerError().finish()
            }
        },
        Ok(body) if incoming.soap => HttpResponse::Ok()
            .content_type(content_type)
            .body(soap::envelope(&body)),
        Ok(body) => HttpResponse::Ok().content_type(content_type).body(body),
        Err(e) => {
            if e.class() == ErrorClass::Internal {
                tracing::error!(error = %chain(&e), "CSW request failed");
            } else {
                tracing::debug!(error = %e, "CSW exception");
            }
            let code = exception::http_status(&e);
            let status = StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
            let mut res = HttpResponse::build(status);
            if status == StatusCode::UNAUTHORIZED {
                res.insert_header((header::WWW_AUTHENTICATE, "Bearer"));
            }
            let report = exception::report(&e);
            let body = if incoming.soap {
                soap::fault(&report, code, &e.public_message())
            } else {
                report
            };
            res.content_type(content_type).body(body)
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
