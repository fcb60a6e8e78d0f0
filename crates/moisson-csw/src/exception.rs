//! `ows:ExceptionReport` (OWS 1.0) and the HTTP status it travels with.
//!
//! Status policy: CSW 2.0.2 (OWS 1.0) sets no HTTP status for exceptions, and its clients
//! (OWSLib, GeoNetwork, GDAL) read the report whatever the status, while some treat any
//! non-200 as a transport failure. Like pycsw, Moisson answers **200** for protocol
//! exceptions (missing or invalid parameters, unsupported operations, version
//! negotiation), **401** when credentials do not verify or a write comes without them,
//! **403** when the caller may not make a write, and **500** for internal errors (whose
//! cause is logged, never shown).

use moisson_iso::ns::OWS;
use moisson_model::{Classify, ErrorClass};

use crate::error::Error;
use crate::write::{Xml, ns};

/// The report document for an error.
#[must_use]
pub fn report(error: &Error) -> String {
    let (code, locator) = error.exception_code();
    let mut x = Xml::new();
    let location = format!("{OWS} {}", ns::OWS_SCHEMA);
    let root_attrs = [
        ("xmlns:ows", OWS),
        ("xmlns:xsi", moisson_iso::ns::XSI),
        ("xsi:schemaLocation", location.as_str()),
        ("version", "1.2.0"),
        ("language", "en"),
    ];
    x.with("ows:ExceptionReport", &root_attrs, |x| {
        let mut attrs = vec![("exceptionCode", code)];
        if let Some(l) = locator.as_deref() {
            attrs.push(("locator", l));
        }
        x.with("ows:Exception", &attrs, |x| {
            x.leaf("ows:ExceptionText", &[], &error.public_message())
        });
    });
    x.finish()
}

/// The HTTP status of an error's report (see the module documentation).
#[must_use]
pub fn http_status(error: &Error) -> u16 {
    match error.class() {
        ErrorClass::Internal => 500,
        ErrorClass::Unauthorized => 401,
        ErrorClass::Forbidden => 403,
        _ => 200,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn report_carries_code_and_locator() {
        let xml = report(&Error::MissingParameter("request".to_owned()));
        assert!(
            xml.contains(r#"exceptionCode="MissingParameterValue" locator="request""#),
            "{xml}"
        );
        assert_eq!(http_status(&Error::MissingParameter("x".to_owned())), 200);
        assert_eq!(http_status(&Error::Unauthorized), 401);
    }
}
