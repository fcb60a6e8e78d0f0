//! OGC API exceptions: RFC 7807 `application/problem+json` (OGC API Common's exception
//! schema: `type`, `title`, `status`, `detail`, `instance`), the one `Problem` of every
//! JSON endpoint, rendered at the HTTP edge.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, ResponseError};
use moisson_http::problem as edge;
use moisson_model::Classify;

use crate::error::Error;

pub use moisson_http::problem::{PROBLEM_JSON, Problem};

/// The problem of an OGC API error: its message and causes as detail, internal errors
/// hidden.
#[must_use]
pub fn from_error(error: &Error) -> Problem {
    Problem::of(error, "OGC API", detail)
}

/// The message with its causes, for client errors (a filter error says where).
fn detail(error: &Error) -> String {
    match error {
        Error::Filter(e) => format!("invalid filter: {e}"),
        other => edge::chain(other, true),
    }
}

impl ResponseError for Error {
    fn status_code(&self) -> StatusCode {
        edge::status_code(&self.class())
    }

    fn error_response(&self) -> HttpResponse {
        from_error(self).response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invalid_parameter_is_named() {
        let e = from_error(&Error::invalid("limit", "not a number"));
        assert_eq!((e.status, e.parameter.as_deref()), (400, Some("limit")));
        assert!(e.detail.contains("limit"));
    }

    #[test]
    fn internal_errors_hide_their_source() {
        let e = Error::from(moisson_store::Error::Task("secret /var/db".into()));
        let x = from_error(&e);
        assert_eq!(x.status, 500);
        assert!(!x.detail.contains("secret"));
    }
}
