//! Identification (MD_DataIdentification, SV_ServiceIdentification): citation,
//! keywords, constraints, resolution, overviews.

use moisson_model::{
    Constraint, ConstraintKind, GraphicOverview, KeywordGroup, Record, Resolution, ResourceDate,
    Thesaurus,
};

use super::values::{anchored, child_code, child_string, child_strings, code, date, identifier};
use super::{contact, extent, service};
use crate::ns::{GCO, GMD, SRV};
use crate::tree::Element;

pub(crate) fn read(ident: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    if let Some(citation) = ident.path(GMD, &["citation", "CI_Citation"]) {
        read_citation(citation, r);
    }
    r.abstract_text = child_string(ident, "abstract").unwrap_or_default();
    r.purpose = child_string(ident, "purpose");
    r.status = ident.children(GMD, "status").filter_map(code).collect();
    r.contacts = ident
        .children(GMD, "pointOfContact")
        .filter_map(contact::party)
        .collect();
    r.maintenance_frequency = ident
        .children(GMD, "resourceMaintenance")
        .filter_map(Element::first)
        .find_map(|m| child_code(m, "maintenanceAndUpdateFrequency"));
    r.overviews = ident
        .children(GMD, "graphicOverview")
        .filter_map(overview)
        .collect();
    r.keywords = ident
        .children(GMD, "descriptiveKeywords")
        .filter_map(keywords)
        .collect();
    r.constraints = ident
        .children(GMD, "resourceConstraints")
        .filter_map(constraint)
        .collect();
    r.relations = ident
        .children(GMD, "aggregationInfo")
        .filter_map(|a| {
            a.path(
                GMD,
                &["MD_AggregateInformation", "aggregateDataSetIdentifier"],
            )
        })
        .filter_map(Element::first)
        .filter_map(|id| child_string(id, "code"))
        .collect();
    let extents = ident
        .children(GMD, "extent")
        .chain(ident.children(SRV, "extent"));
    for ex in extents.filter_map(Element::first) {
        extent::read(ex, r, warnings);
    }
    if ident.ns == SRV || ident.local.ends_with("SV_ServiceIdentification") {
        r.service = Some(service::read(ident));
    } else {
        r.spatial_resolutions = ident
            .children(GMD, "spatialResolution")
            .filter_map(|p| resolution(p, warnings))
            .collect();
        r.resource_languages = ident.children(GMD, "language").filter_map(code).collect();
        for topic in ident.children(GMD, "topicCategory").filter_map(code) {
            crate::topic::push(&mut r.topic_categories, topic, warnings);
        }
    }
}

fn read_citation(citation: &Element, r: &mut Record) {
    r.title = child_string(citation, "title").unwrap_or_default();
    r.alternate_titles = child_strings(citation, "alternateTitle");
    r.dates = citation.children(GMD, "date").filter_map(ci_date).collect();
    r.identifiers = citation
        .children(GMD, "identifier")
        .filter_map(Element::first)
        .filter_map(identifier)
        .collect();
}

/// A CI_Date inside a gmd:date property.
pub(crate) fn ci_date(prop: &Element) -> Option<ResourceDate> {
    let d = prop.child(GMD, "CI_Date")?;
    Some(ResourceDate {
        kind: child_code(d, "dateType").unwrap_or_default(),
        date: d.child(GMD, "date").and_then(date)?,
    })
}

fn keywords(prop: &Element) -> Option<KeywordGroup> {
    let k = prop.first()?;
    Some(KeywordGroup {
        thesaurus: k
            .path(GMD, &["thesaurusName", "CI_Citation"])
            .map(thesaurus),
        kind: child_code(k, "type"),
        keywords: k.children(GMD, "keyword").filter_map(anchored).collect(),
    })
}

fn thesaurus(citation: &Element) -> Thesaurus {
    let first_date = citation.children(GMD, "date").find_map(ci_date);
    Thesaurus {
        title: citation
            .child(GMD, "title")
            .and_then(anchored)
            .unwrap_or_default(),
        date: first_date.as_ref().map(|d| d.date.clone()),
        date_kind: first_date.map(|d| d.kind).filter(|k| !k.is_empty()),
    }
}

fn constraint(prop: &Element) -> Option<Constraint> {
    let c = prop.first()?;
    let kind = if c.local.ends_with("LegalConstraints") {
        ConstraintKind::Legal
    } else if c.local.ends_with("SecurityConstraints") {
        ConstraintKind::Security
    } else {
        ConstraintKind::Plain
    };
    Some(Constraint {
        kind,
        use_limitations: c
            .children(GMD, "useLimitation")
            .filter_map(anchored)
            .collect(),
        access_constraints: c
            .children(GMD, "accessConstraints")
            .filter_map(code)
            .collect(),
        use_constraints: c.children(GMD, "useConstraints").filter_map(code).collect(),
        other_constraints: c
            .children(GMD, "otherConstraints")
            .filter_map(anchored)
            .collect(),
        licence: None,
        classification: child_code(c, "classification"),
    })
}

fn resolution(prop: &Element, warnings: &mut Vec<String>) -> Option<Resolution> {
    let res = prop.first()?;
    if let Some(denominator) = res.path(
        GMD,
        &[
            "equivalentScale",
            "MD_RepresentativeFraction",
            "denominator",
        ],
    ) {
        let text = denominator
            .child(GCO, "Integer")
            .and_then(Element::trimmed)?;
        return match text.parse::<u64>() {
            Ok(n) => Some(Resolution::ScaleDenominator(n)),
            Err(_) => skip(warnings, "scale denominator", text),
        };
    }
    let distance = res.child(GMD, "distance")?.child(GCO, "Distance")?;
    let text = distance.trimmed()?;
    match text.parse::<f64>() {
        Ok(value) if value.is_finite() => Some(Resolution::Distance {
            value,
            uom: distance
                .attr("", "uom")
                .map(str::trim)
                .filter(|u| !u.is_empty())
                .map(str::to_owned),
        }),
        _ => skip(warnings, "resolution distance", text),
    }
}

fn skip<T>(warnings: &mut Vec<String>, what: &str, text: &str) -> Option<T> {
    warnings.push(format!("{what} {text:?} is not a number: skipped"));
    None
}

fn overview(prop: &Element) -> Option<GraphicOverview> {
    let g = prop.first()?;
    let overview = GraphicOverview {
        url: child_string(g, "fileName").unwrap_or_default(),
        description: child_string(g, "fileDescription"),
        file_type: child_string(g, "fileType"),
    };
    (overview != GraphicOverview::default()).then_some(overview)
}
