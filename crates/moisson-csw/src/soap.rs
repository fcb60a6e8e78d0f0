//! SOAP 1.2 (CSW 2.0.2 §10.3.4, OWS Common 1.1 §11): a request sent in a `soap:Envelope`
//! is answered in one, an exception as a `soap:Fault` whose `soap:Detail` holds the
//! ows:ExceptionReport. Only SOAP requests pay for this: a plain body is not parsed twice.

use moisson_filter::xml;

use crate::error::{Error, Result};
use crate::write::{DECLARATION, escape};

pub const SOAP_ENV: &str = "http://www.w3.org/2003/05/soap-envelope";
/// Media type of SOAP 1.2 messages (RFC 3902).
pub const CONTENT_TYPE: &str = "application/soap+xml; charset=UTF-8";

/// The request inside a SOAP 1.2 envelope, as a document of its own; `None` when the body
/// is no envelope.
pub fn unwrap(text: &str) -> Option<Result<String>> {
    if !text.contains(SOAP_ENV) {
        return None;
    }
    let root = xml::parse(text).ok()?;
    if !root.is(SOAP_ENV, "Envelope") {
        return None;
    }
    let request = root
        .children
        .iter()
        .find(|c| c.is(SOAP_ENV, "Body"))
        .and_then(|body| Some((body, body.children.first()?)))
        .map(|(body, request)| request.standalone(text, &[&root, body]))
        .ok_or_else(|| Error::MissingParameter("soap:Body".to_owned()));
    Some(request)
}

/// A response document inside an envelope.
#[must_use]
pub fn envelope(response: &str) -> String {
    format!(
        "{DECLARATION}<soap:Envelope xmlns:soap=\"{SOAP_ENV}\"><soap:Body>{}</soap:Body></soap:Envelope>",
        without_declaration(response)
    )
}

/// An exception report as a SOAP fault: `Sender` for the client's errors, `Receiver` for
/// the server's (status 500 and above).
#[must_use]
pub fn fault(report: &str, status: u16, reason: &str) -> String {
    let code = if status >= 500 {
        "soap:Receiver"
    } else {
        "soap:Sender"
    };
    envelope(&format!(
        "<soap:Fault><soap:Code><soap:Value>{code}</soap:Value></soap:Code><soap:Reason><soap:Text xml:lang=\"en\">{}</soap:Text></soap:Reason><soap:Detail>{}</soap:Detail></soap:Fault>",
        escape(reason),
        without_declaration(report)
    ))
}

fn without_declaration(doc: &str) -> &str {
    let doc = doc.trim_start();
    match doc.strip_prefix("<?xml") {
        Some(rest) => rest
            .split_once("?>")
            .map_or(doc, |(_, after)| after.trim_start()),
        None => doc,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_request_comes_out_of_its_envelope_with_its_namespaces() {
        let body = format!(
            r#"<soapenv:Envelope xmlns:soapenv="{SOAP_ENV}" xmlns:ows="http://www.opengis.net/ows"><soapenv:Body><GetCapabilities xmlns="http://www.opengis.net/cat/csw/2.0.2" service="CSW"><ows:AcceptVersions><ows:Version>2.0.2</ows:Version></ows:AcceptVersions></GetCapabilities></soapenv:Body></soapenv:Envelope>"#
        );
        let inner = unwrap(&body).expect("an envelope").expect("a request");
        let root = xml::parse(&inner).expect("standalone");
        assert_eq!(root.local, "GetCapabilities");
        assert_eq!(root.children[0].ns, "http://www.opengis.net/ows");
        assert!(unwrap("<csw:GetCapabilities/>").is_none());
    }

    #[test]
    fn responses_and_faults_are_enveloped() {
        let doc = envelope("<?xml version=\"1.0\"?>\n<csw:Capabilities/>");
        assert!(
            doc.contains("<soap:Body><csw:Capabilities/></soap:Body>"),
            "{doc}"
        );
        let fault = fault("<ows:ExceptionReport/>", 400, "bad <value>");
        assert!(fault.contains("soap:Sender") && fault.contains("bad &lt;value&gt;"));
        assert!(fault.contains("<soap:Detail><ows:ExceptionReport/></soap:Detail>"));
    }
}
