//! What of a CSW answer `RULES.md` compares, read from the XML (or JSON) document.

use std::collections::BTreeSet;

use moisson_filter::xml::{self, Element};

const DC: &str = "http://purl.org/dc/elements/1.1/";
const SOAP_LOCALS: [&str; 2] = ["Envelope", "Body"];

/// A record of an answer: its element (`{ns}local`) and its identifier.
pub type Named = (String, String);

/// The comparable content of an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    /// The first ows:Exception of a report (any OWS version).
    Exception {
        code: String,
        locator: Option<String>,
    },
    /// csw:GetRecordsResponse.
    Records {
        matched: String,
        returned: String,
        next: String,
        records: Vec<Named>,
        /// The sort key of each record (the text of the sorted property), when asked for.
        keys: Vec<Option<String>>,
    },
    /// csw:GetRecordByIdResponse.
    ById(BTreeSet<Named>),
    /// csw:GetDomainResponse: (name, value) pairs.
    Domain(BTreeSet<(String, String)>),
    /// csw:DescribeRecordResponse: target namespaces.
    Describe(BTreeSet<String>),
    /// csw:Capabilities: sections and operations (but Transaction, Harvest and
    /// GetRepositoryItem, which depend on configuration or on pycsw).
    Capabilities {
        sections: BTreeSet<String>,
        operations: BTreeSet<String>,
    },
    /// csw:TransactionResponse: the totals and the inserted records.
    Transaction {
        totals: Vec<String>,
        inserted: BTreeSet<Named>,
    },
    /// Any other document: its root element only.
    Other,
    /// A JSON answer: its top-level keys.
    Json(BTreeSet<String>),
}

/// The root (`{ns}local`; the Body's first child of a SOAP envelope, marked `soap:`) and
/// content of an answer.
pub fn read(text: &str, sort_property: Option<&str>) -> Result<(String, Answer), String> {
    let trimmed = text.trim_start_matches('\u{feff}').trim_start();
    if trimmed.starts_with('{') || trimmed.starts_with('[') {
        let value: serde_json::Value =
            serde_json::from_str(trimmed).map_err(|e| format!("JSON: {e}"))?;
        let keys = value
            .as_object()
            .map(|o| o.keys().cloned().collect())
            .unwrap_or_default();
        return Ok(("json".to_owned(), Answer::Json(keys)));
    }
    let doc = xml::parse(text).map_err(|e| format!("not XML: {e}"))?;
    let (soap, root) = unwrap_soap(&doc)?;
    let name = match root.local.as_str() {
        // OWS 1.0, 1.1 and 2.0 reports are the same answer.
        "ExceptionReport" => "ExceptionReport".to_owned(),
        _ => format!("{{{}}}{}", root.ns, root.local),
    };
    let name = if soap { format!("soap:{name}") } else { name };
    Ok((name, content(root, sort_property)))
}

fn unwrap_soap(doc: &Element) -> Result<(bool, &Element), String> {
    if doc.local != SOAP_LOCALS[0] {
        return Ok((false, doc));
    }
    let body = doc
        .child(SOAP_LOCALS[1])
        .ok_or("SOAP envelope without Body")?;
    let first = body.children.first().ok_or("empty SOAP Body")?;
    if first.local != "Fault" {
        return Ok((true, first));
    }
    // A SOAP fault carries the report in its Detail.
    let report = first
        .child("Detail")
        .and_then(|d| d.children.first())
        .ok_or("SOAP Fault without a report in its Detail")?;
    Ok((true, report))
}

fn content(root: &Element, sort_property: Option<&str>) -> Answer {
    match root.local.as_str() {
        "ExceptionReport" => exception(root),
        "GetRecordsResponse" => records(root, sort_property),
        "GetRecordByIdResponse" => Answer::ById(root.children.iter().map(named).collect()),
        "GetDomainResponse" => domain(root),
        "DescribeRecordResponse" => Answer::Describe(
            root.children_named("SchemaComponent")
                .filter_map(|c| c.attr("targetNamespace"))
                .map(str::to_owned)
                .collect(),
        ),
        "Capabilities" => capabilities(root),
        "TransactionResponse" => transaction(root),
        _ => Answer::Other,
    }
}

fn exception(root: &Element) -> Answer {
    let first = root.child("Exception");
    Answer::Exception {
        code: first
            .and_then(|e| e.attr("exceptionCode"))
            .unwrap_or_default()
            .to_owned(),
        locator: first
            .and_then(|e| e.attr("locator"))
            .map(str::to_ascii_lowercase),
    }
}

fn records(root: &Element, sort_property: Option<&str>) -> Answer {
    let results = root.child("SearchResults");
    let attr = |name: &str| {
        results
            .and_then(|r| r.attr(name))
            .unwrap_or_default()
            .to_owned()
    };
    let children: Vec<&Element> = results
        .map(|r| r.children.iter().collect())
        .unwrap_or_default();
    Answer::Records {
        matched: attr("numberOfRecordsMatched"),
        returned: attr("numberOfRecordsReturned"),
        next: attr("nextRecord"),
        records: children.iter().map(|c| named(c)).collect(),
        keys: children
            .iter()
            .map(|c| sort_property.and_then(|p| descendant_text(c, p)))
            .collect(),
    }
}

/// A record's element and identifier: dc:identifier, else gmd:fileIdentifier.
fn named(record: &Element) -> Named {
    let id = record
        .children
        .iter()
        .find(|c| c.is(DC, "identifier"))
        .map(|c| c.trimmed().to_owned())
        .or_else(|| descendant_text(record.child("fileIdentifier")?, "CharacterString"))
        .unwrap_or_default();
    (format!("{{{}}}{}", record.ns, record.local), id)
}

/// The text of the first element named `local` in `el` or below it.
fn descendant_text(el: &Element, local: &str) -> Option<String> {
    if el.local == local {
        return Some(el.trimmed().to_owned());
    }
    el.children.iter().find_map(|c| descendant_text(c, local))
}

fn domain(root: &Element) -> Answer {
    let mut pairs = BTreeSet::new();
    for values in root.children_named("DomainValues") {
        let name = values
            .child_text("ParameterName")
            .or_else(|| values.child_text("PropertyName"))
            .unwrap_or_default()
            .to_owned();
        for list in &values.children {
            for value in list.children_named("Value") {
                pairs.insert((name.clone(), value.trimmed().to_owned()));
            }
            for range in list.children_named("RangeOfValues") {
                pairs.insert((name.clone(), format!("{range:?}")));
            }
        }
    }
    Answer::Domain(pairs)
}

const CONFIGURED_OPERATIONS: [&str; 3] = ["Transaction", "Harvest", "GetRepositoryItem"];

fn capabilities(root: &Element) -> Answer {
    let operations = root
        .child("OperationsMetadata")
        .map(|m| {
            m.children_named("Operation")
                .filter_map(|o| o.attr("name"))
                .filter(|n| !CONFIGURED_OPERATIONS.contains(n))
                .map(str::to_owned)
                .collect()
        })
        .unwrap_or_default();
    Answer::Capabilities {
        sections: root.children.iter().map(|c| c.local.clone()).collect(),
        operations,
    }
}

fn transaction(root: &Element) -> Answer {
    let totals = root
        .child("TransactionSummary")
        .map(|s| {
            s.children
                .iter()
                .map(|c| format!("{}={}", c.local, c.trimmed()))
                .collect()
        })
        .unwrap_or_default();
    let inserted = root
        .children_named("InsertResult")
        .flat_map(|r| r.children.iter().map(named))
        .collect();
    Answer::Transaction { totals, inserted }
}
