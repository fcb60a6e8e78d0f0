//! `HEAD` wherever `GET` is answered (RFC 9110 §9.3.2): link checkers and harvesters
//! (data.gouv.fr among them) send `HEAD` first. One middleware for every protocol,
//! instead of a `HEAD` route beside each `GET` one: the request is routed as a `GET`,
//! and its response goes out with the same status and headers but no body.

use std::pin::Pin;
use std::task::{Context, Poll};

use actix_web::body::{BodySize, BoxBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web::Bytes;

/// Routes `HEAD` as `GET` and drops the body, keeping its size so that
/// `Content-Length` is the one `GET` sends. actix's HTTP/1 and HTTP/2 writers already
/// omit the body of a response to a `HEAD` on the wire; dropping it here also stops a
/// streamed body (a whole-catalogue export) before any of it is made.
pub async fn head_as_get(
    mut req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<BoxBody>, actix_web::Error> {
    let head = req.method() == Method::HEAD;
    if head {
        req.head_mut().method = Method::GET;
    }
    let res = next.call(req).await?;
    if !head {
        return Ok(res.map_into_boxed_body());
    }
    Ok(res.map_body(|_, body| BoxBody::new(Headless { size: body.size() })))
}

/// A body of a known size that sends nothing.
struct Headless {
    size: BodySize,
}

impl MessageBody for Headless {
    type Error = std::convert::Infallible;

    fn size(&self) -> BodySize {
        self.size
    }

    fn poll_next(
        self: Pin<&mut Self>,
        _: &mut Context<'_>,
    ) -> Poll<Option<Result<Bytes, Self::Error>>> {
        Poll::Ready(None)
    }
}
