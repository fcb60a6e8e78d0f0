//! RFC 7807 `application/problem+json`, the one error body of every JSON endpoint (REST,
//! OGC API, DCAT, the server's own): [`Problem`], its fields from
//! `moisson_model::ErrorClass`, its HTTP response, and the error chain for the log.

use actix_web::HttpResponse;
use actix_web::http::{StatusCode, header};
use moisson_model::{Classify, ErrorClass};
use serde::Serialize;
use utoipa::ToSchema;

/// Media type of every error body.
pub const PROBLEM_JSON: &str = "application/problem+json";

/// The detail shown instead of an internal error's message.
pub const INTERNAL_DETAIL: &str = "internal error; the server log has the details";

/// The fields of a problem that follow from its error class.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fields {
    /// `urn:moisson:problem:<slug>`, stable per class.
    pub kind: String,
    pub title: String,
    pub status: u16,
    /// The offending parameter or body field (an extension member), when known.
    pub parameter: Option<String>,
}

/// The type, title, status and parameter of a problem of class `class`.
#[must_use]
pub fn fields(class: &ErrorClass) -> Fields {
    let (slug, title) = slug_and_title(class);
    let parameter = match class {
        ErrorClass::InvalidParameter { locator } => locator.clone(),
        ErrorClass::MissingParameter { locator } => Some(locator.clone()),
        _ => None,
    };
    Fields {
        kind: format!("urn:moisson:problem:{slug}"),
        title: title.to_owned(),
        status: class.http_status(),
        parameter,
    }
}

/// An RFC 7807 problem. `type` is a stable URN per error class
/// (`urn:moisson:problem:<slug>`); `parameter` (an extension member) names the offending
/// query parameter or body field.
#[derive(Debug, Clone, PartialEq, Serialize, ToSchema)]
pub struct Problem {
    #[serde(rename = "type")]
    #[schema(example = "urn:moisson:problem:invalid-parameter")]
    pub kind: String,
    #[schema(example = "Invalid parameter")]
    pub title: String,
    #[schema(example = 400)]
    pub status: u16,
    #[schema(example = "invalid bbox: expected four numbers west,south,east,north")]
    pub detail: String,
    /// The request path, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub instance: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(example = "bbox")]
    pub parameter: Option<String>,
}

impl Problem {
    /// The problem of an error class; `detail` is shown as given.
    #[must_use]
    pub fn new(class: &ErrorClass, detail: impl Into<String>) -> Self {
        let Fields {
            kind,
            title,
            status,
            parameter,
        } = fields(class);
        Self {
            kind,
            title,
            status,
            detail: detail.into(),
            instance: None,
            parameter,
        }
    }

    /// A problem no error class names (405, 406, 429, 503): `slug` makes its type.
    #[must_use]
    pub fn other(status: u16, slug: &str, title: &str, detail: impl Into<String>) -> Self {
        Self {
            kind: format!("urn:moisson:problem:{slug}"),
            title: title.to_owned(),
            status,
            detail: detail.into(),
            instance: None,
            parameter: None,
        }
    }

    /// 405 for a method a route refuses.
    #[must_use]
    pub fn method_not_allowed(detail: impl Into<String>) -> Self {
        Self::other(405, "method-not-allowed", "Method not allowed", detail)
    }

    /// The problem of `error`, whose client-facing text is `detail(error)`. An internal
    /// error is logged here with its source chain (`area` says where it happened) and
    /// shown with [`INTERNAL_DETAIL`] only: paths and SQL never reach a client.
    #[must_use]
    pub fn of<E: Classify + std::error::Error>(
        error: &E,
        area: &str,
        detail: impl FnOnce(&E) -> String,
    ) -> Self {
        let class = error.class();
        if class == ErrorClass::Internal {
            tracing::error!(error = %chain(error, true), "internal error in {area}");
            return Self::new(&class, INTERNAL_DETAIL);
        }
        Self::new(&class, detail(error))
    }

    #[must_use]
    pub fn with_instance(mut self, path: impl Into<String>) -> Self {
        self.instance = Some(path.into());
        self
    }

    /// The HTTP response carrying this problem (a 401 asks for a bearer token).
    #[must_use]
    pub fn response(&self) -> HttpResponse {
        response(self.status, self)
    }
}

fn slug_and_title(class: &ErrorClass) -> (&'static str, &'static str) {
    match class {
        ErrorClass::InvalidParameter { .. } => ("invalid-parameter", "Invalid parameter"),
        ErrorClass::MissingParameter { .. } => ("missing-parameter", "Missing parameter"),
        ErrorClass::NotFound => ("not-found", "Not found"),
        ErrorClass::Unauthorized => ("unauthorized", "Unauthorized"),
        ErrorClass::Forbidden => ("forbidden", "Forbidden"),
        ErrorClass::Conflict => ("conflict", "Conflict"),
        ErrorClass::PreconditionFailed => ("precondition-failed", "Precondition failed"),
        ErrorClass::PreconditionRequired => ("precondition-required", "Precondition required"),
        ErrorClass::PayloadTooLarge => ("payload-too-large", "Payload too large"),
        ErrorClass::UnsupportedMediaType => ("unsupported-media-type", "Unsupported media type"),
        _ => ("internal", "Internal server error"),
    }
}

/// The HTTP status of an error class (500 if it were not a valid code).
#[must_use]
pub fn status_code(class: &ErrorClass) -> StatusCode {
    status(class.http_status())
}

fn status(code: u16) -> StatusCode {
    StatusCode::from_u16(code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

/// The response carrying `problem` (a problem+json body) with status `status`; a 401
/// also asks for a bearer token.
#[must_use]
pub fn response(status_code: u16, problem: &impl Serialize) -> HttpResponse {
    let status = status(status_code);
    let mut builder = HttpResponse::build(status);
    builder.insert_header((header::CONTENT_TYPE, PROBLEM_JSON));
    if status == StatusCode::UNAUTHORIZED {
        builder.insert_header((header::WWW_AUTHENTICATE, "Bearer realm=\"moisson\""));
    }
    builder.json(problem)
}

/// `error: cause: cause…`. With `skip_repeated`, a cause whose text already ends the
/// message (an error that shows its source) is not repeated.
#[must_use]
pub fn chain(error: &dyn std::error::Error, skip_repeated: bool) -> String {
    let mut out = error.to_string();
    let mut source = error.source();
    while let Some(cause) = source {
        let text = cause.to_string();
        if !(skip_repeated && out.ends_with(&text)) {
            out.push_str(": ");
            out.push_str(&text);
        }
        source = cause.source();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    struct Outer(Inner);
    #[derive(Debug)]
    struct Inner;

    impl std::fmt::Display for Outer {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "outer: {}", self.0)
        }
    }
    impl std::fmt::Display for Inner {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("inner")
        }
    }
    impl std::error::Error for Outer {
        fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
            Some(&self.0)
        }
    }
    impl std::error::Error for Inner {}

    #[test]
    fn fields_name_the_parameter() {
        let f = fields(&ErrorClass::InvalidParameter {
            locator: Some("bbox".into()),
        });
        assert_eq!(
            f,
            Fields {
                kind: "urn:moisson:problem:invalid-parameter".into(),
                title: "Invalid parameter".into(),
                status: 400,
                parameter: Some("bbox".into()),
            }
        );
        let f = fields(&ErrorClass::MissingParameter {
            locator: "id".into(),
        });
        assert_eq!((f.status, f.parameter.as_deref()), (400, Some("id")));
        let f = fields(&ErrorClass::Internal);
        assert_eq!(
            (f.kind.as_str(), f.status),
            ("urn:moisson:problem:internal", 500)
        );
        assert_eq!(fields(&ErrorClass::Conflict).status, 409);
    }

    #[test]
    fn chain_lists_causes_once_when_asked() {
        assert_eq!(chain(&Outer(Inner), false), "outer: inner: inner");
        assert_eq!(chain(&Outer(Inner), true), "outer: inner");
    }

    #[test]
    fn internal_errors_hide_their_source() {
        #[derive(Debug)]
        struct Secret;
        impl std::fmt::Display for Secret {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("secret path /var/db")
            }
        }
        impl std::error::Error for Secret {}
        impl Classify for Secret {
            fn class(&self) -> ErrorClass {
                ErrorClass::Internal
            }
        }
        let p = Problem::of(&Secret, "a test", ToString::to_string);
        assert_eq!((p.status, p.detail.as_str()), (500, INTERNAL_DETAIL));
    }

    #[test]
    fn only_401_asks_for_a_bearer_token() {
        let body = serde_json::json!({"title": "x"});
        for (code, bearer) in [(400, false), (401, true), (404, false), (500, false)] {
            let resp = response(code, &body);
            let headers = resp.headers();
            let content_type = headers.get(header::CONTENT_TYPE).map(|v| v.as_bytes());
            assert_eq!(resp.status().as_u16(), code);
            assert_eq!(content_type, Some(PROBLEM_JSON.as_bytes()));
            assert_eq!(
                headers.contains_key(header::WWW_AUTHENTICATE),
                bearer,
                "{code}"
            );
        }
    }
}
