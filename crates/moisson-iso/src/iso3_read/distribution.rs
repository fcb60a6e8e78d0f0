//! mrd:MD_Distribution (formats, online resources) and mdq:DQ_DataQuality (conformity).

use moisson_model::{ConformityReport, Format, OnlineResource, Record};

use super::values::{
    anchored, child, child_code, child_string, children, ci_date, linkage, objects, path,
};
use crate::tree::Element;

/// Reads one MD_Distribution.
pub(crate) fn read(dist: &Element, r: &mut Record) {
    let distributors: Vec<&Element> = objects(dist, "distributor").collect();
    let formats = objects(dist, "distributionFormat").chain(
        distributors
            .iter()
            .flat_map(|d| objects(d, "distributorFormat")),
    );
    r.formats.extend(formats.filter_map(format));
    let options = objects(dist, "transferOptions").chain(
        distributors
            .iter()
            .flat_map(|d| objects(d, "distributorTransferOptions")),
    );
    let resources = options.flat_map(|o| objects(o, "onLine"));
    r.online_resources.extend(resources.map(online));
}

/// An MD_Format: its specification citation's title and edition.
fn format(f: &Element) -> Option<Format> {
    let citation = path(f, &["formatSpecificationCitation", "CI_Citation"])?;
    let format = Format {
        name: child(citation, "title")
            .and_then(anchored)
            .unwrap_or_default(),
        version: child_string(citation, "edition"),
    };
    (format != Format::default()).then_some(format)
}

fn online(res: &Element) -> OnlineResource {
    OnlineResource {
        url: linkage(res).unwrap_or_default(),
        protocol: child_string(res, "protocol"),
        name: child_string(res, "name"),
        description: child_string(res, "description"),
        function: child_code(res, "function"),
    }
}

/// Reads one DQ_DataQuality: its conformance results.
pub(crate) fn read_quality(dq: &Element, r: &mut Record) {
    let results = objects(dq, "report")
        .flat_map(|report| objects(report, "result"))
        .filter(|result| result.local == "DQ_ConformanceResult");
    r.conformity.extend(results.map(conformity));
}

fn conformity(result: &Element) -> ConformityReport {
    let citation = path(result, &["specification", "CI_Citation"]);
    let date = citation.and_then(|c| children(c, "date").find_map(ci_date));
    ConformityReport {
        specification: citation
            .and_then(|c| child(c, "title"))
            .and_then(anchored)
            .unwrap_or_default(),
        date: date.as_ref().map(|d| d.date.clone()),
        date_kind: date.map(|d| d.kind).filter(|k| !k.is_empty()),
        explanation: child_string(result, "explanation"),
        pass: path(result, &["pass", "Boolean"]).and_then(|b| match b.text.trim() {
            "true" | "1" => Some(true),
            "false" | "0" => Some(false),
            _ => None,
        }),
    }
}
