//! Distribution (formats, online resources) and data quality (lineage, conformity).

use moisson_model::{ConformityReport, Format, OnlineResource, Record};

use super::identification::ci_date;
use super::values::{anchored, child_code, child_string, linkage, string};
use crate::ns::{GCO, GMD};
use crate::tree::Element;

/// Reads one MD_Distribution.
pub(crate) fn read(dist: &Element, r: &mut Record) {
    let distributors: Vec<&Element> = dist
        .children(GMD, "distributor")
        .filter_map(Element::first)
        .collect();
    let formats = dist.children(GMD, "distributionFormat").chain(
        distributors
            .iter()
            .flat_map(|d| d.children(GMD, "distributorFormat")),
    );
    r.formats
        .extend(formats.filter_map(Element::first).filter_map(format));
    let options = dist.children(GMD, "transferOptions").chain(
        distributors
            .iter()
            .flat_map(|d| d.children(GMD, "distributorTransferOptions")),
    );
    let resources = options
        .filter_map(Element::first)
        .flat_map(|o| o.children(GMD, "onLine"))
        .filter_map(|p| p.child(GMD, "CI_OnlineResource"));
    r.online_resources.extend(resources.map(online));
}

fn format(f: &Element) -> Option<Format> {
    let format = Format {
        name: f.child(GMD, "name").and_then(anchored).unwrap_or_default(),
        version: child_string(f, "version"),
    };
    (format != Format::default()).then_some(format)
}

pub(crate) fn online(res: &Element) -> OnlineResource {
    OnlineResource {
        url: linkage(res).unwrap_or_default(),
        protocol: child_string(res, "protocol"),
        name: child_string(res, "name"),
        description: child_string(res, "description"),
        function: child_code(res, "function"),
    }
}

/// Reads one DQ_DataQuality: conformance results and the first lineage statement.
pub(crate) fn read_quality(dq: &Element, r: &mut Record) {
    let results = dq
        .children(GMD, "report")
        .filter_map(Element::first)
        .flat_map(|report| report.children(GMD, "result"))
        .filter_map(|p| p.child(GMD, "DQ_ConformanceResult"));
    r.conformity.extend(results.map(conformity));
    if r.lineage.is_none() {
        let statement = dq
            .path(GMD, &["lineage", "LI_Lineage"])
            .and_then(|l| l.child(GMD, "statement"));
        r.lineage = statement.and_then(string);
        if r.lineage.is_some() {
            // By locale id; `super::i18n` turns them into languages.
            r.lineage_i18n = statement.map(super::i18n::by_locale_id).unwrap_or_default();
        }
    }
}

fn conformity(result: &Element) -> ConformityReport {
    let citation = result.path(GMD, &["specification", "CI_Citation"]);
    let date = citation.and_then(|c| c.children(GMD, "date").find_map(ci_date));
    ConformityReport {
        specification: citation
            .and_then(|c| c.child(GMD, "title"))
            .and_then(anchored)
            .unwrap_or_default(),
        date: date.as_ref().map(|d| d.date.clone()),
        date_kind: date.map(|d| d.kind).filter(|k| !k.is_empty()),
        explanation: child_string(result, "explanation"),
        pass: result
            .child(GMD, "pass")
            .and_then(|p| p.child(GCO, "Boolean"))
            .and_then(|b| match b.text.trim() {
                "true" | "1" => Some(true),
                "false" | "0" => Some(false),
                _ => None,
            }),
    }
}
