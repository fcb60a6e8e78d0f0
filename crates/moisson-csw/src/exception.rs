//! `ows:ExceptionReport` (OWS 1.0) and the HTTP status it travels with.
//!
//! Status policy (OWS Common 1.1 §8.6, as OGC API and pycsw's CSW 3 do): the body is
//! always the same report, which OWSLib, GeoNetwork, GDAL and harvesters read whatever
//! the status, and the status lets proxies, caches and monitoring see an error as one:
//! **400** for MissingParameterValue, InvalidParameterValue, VersionNegotiationFailed and
//! InvalidUpdateSequence; **401** when credentials do not verify or a write comes without
//! them, **403** when the caller may not make a write; **501** for OperationNotSupported;
//! **500** for a NoApplicableCode that is an internal error (whose cause is logged, never
//! shown), the status of its class for others (409 for a write conflict, 400 for a harvest
//! source that fails). CurrentUpdateSequence says the capabilities did not change: 200, with the report
//! (a 304 could carry no body).

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
        ErrorClass::Unauthorized => return 401,
        ErrorClass::Forbidden => return 403,
        _ => {}
    }
    match error.exception_code().0 {
        "MissingParameterValue"
        | "InvalidParameterValue"
        | "VersionNegotiationFailed"
        | "InvalidUpdateSequence" => 400,
        "OperationNotSupported" => 501,
        "CurrentUpdateSequence" => 200,
        // NoApplicableCode: what the error is (a store conflict, a harvest source that
        // failed), 500 for an internal error.
        _ => error.class().http_status(),
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
        assert_eq!(http_status(&Error::MissingParameter("x".to_owned())), 400);
        assert_eq!(http_status(&Error::invalid("maxRecords", "-1")), 400);
        assert_eq!(
            http_status(&Error::VersionNegotiationFailed("1.0.0".to_owned())),
            400
        );
        assert_eq!(
            http_status(&Error::OperationNotSupported("Foo".to_owned())),
            501
        );
        assert_eq!(http_status(&Error::Unauthorized), 401);
    }
}
