//! mri:MD_DataIdentification and srv:SV_ServiceIdentification: citation, keywords,
//! constraints, resolution, overviews, service.

use moisson_model::{
    Constraint, ConstraintKind, CoupledResource, GraphicOverview, KeywordGroup, OperatesOn,
    Operation, Record, Resolution, ServiceInfo, Thesaurus,
};

use super::values::{
    anchored, child, child_code, child_string, child_strings, children, ci_date, identifier,
    linkage, objects, path, string,
};
use super::{contact, extent};
use crate::iso_read::values::code;
use crate::ns::XLINK;
use crate::tree::Element;

pub(crate) fn read(ident: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    if let Some(citation) = path(ident, &["citation", "CI_Citation"]) {
        read_citation(citation, r);
    }
    r.abstract_text = child_string(ident, "abstract").unwrap_or_default();
    r.purpose = child_string(ident, "purpose");
    r.status = children(ident, "status").filter_map(code).collect();
    r.contacts = objects(ident, "pointOfContact")
        .filter_map(contact::party)
        .collect();
    r.maintenance_frequency = objects(ident, "resourceMaintenance")
        .find_map(|m| child_code(m, "maintenanceAndUpdateFrequency"));
    r.overviews = objects(ident, "graphicOverview")
        .filter_map(overview)
        .collect();
    r.keywords = objects(ident, "descriptiveKeywords")
        .map(keywords)
        .collect();
    r.constraints = objects(ident, "resourceConstraints")
        .map(constraint)
        .collect();
    r.relations = objects(ident, "associatedResource")
        .filter_map(related)
        .collect();
    for ex in objects(ident, "extent") {
        extent::read(ex, r, warnings);
    }
    r.spatial_resolutions = objects(ident, "spatialResolution")
        .filter_map(|res| resolution(res, warnings))
        .collect();
    r.resource_languages = objects(ident, "defaultLocale")
        .chain(objects(ident, "otherLocale"))
        .filter_map(|l| child_code(l, "language"))
        .collect();
    for topic in children(ident, "topicCategory").filter_map(code) {
        crate::topic::push(&mut r.topic_categories, topic, warnings);
    }
    if ident.local == "SV_ServiceIdentification" {
        r.service = Some(service(ident));
    }
}

/// The identifier of an MD_AssociatedResource: the first of its name's (else its metadata
/// reference's) citation identifiers, else the metadata reference's uuidref.
fn related(resource: &Element) -> Option<String> {
    let cited = ["name", "metadataReference"]
        .iter()
        .filter_map(|p| path(resource, &[p, "CI_Citation"]))
        .flat_map(|c| objects(c, "identifier"))
        .find_map(identifier)
        .map(|id| id.code);
    cited.or_else(|| {
        child(resource, "metadataReference")?
            .attr("", "uuidref")
            .map(str::to_owned)
    })
}

fn read_citation(citation: &Element, r: &mut Record) {
    r.title = child_string(citation, "title").unwrap_or_default();
    r.alternate_titles = child_strings(citation, "alternateTitle");
    r.dates = children(citation, "date").filter_map(ci_date).collect();
    r.identifiers = objects(citation, "identifier")
        .filter_map(identifier)
        .collect();
}

fn keywords(k: &Element) -> KeywordGroup {
    KeywordGroup {
        thesaurus: path(k, &["thesaurusName", "CI_Citation"]).map(thesaurus),
        kind: child_code(k, "type"),
        keywords: children(k, "keyword").filter_map(anchored).collect(),
    }
}

fn thesaurus(citation: &Element) -> Thesaurus {
    let first_date = children(citation, "date").find_map(ci_date);
    Thesaurus {
        title: child(citation, "title")
            .and_then(anchored)
            .unwrap_or_default(),
        date: first_date.as_ref().map(|d| d.date.clone()),
        date_kind: first_date.map(|d| d.kind).filter(|k| !k.is_empty()),
    }
}

fn constraint(c: &Element) -> Constraint {
    let kind = match c.local.as_str() {
        "MD_LegalConstraints" => ConstraintKind::Legal,
        "MD_SecurityConstraints" => ConstraintKind::Security,
        _ => ConstraintKind::Plain,
    };
    Constraint {
        kind,
        use_limitations: children(c, "useLimitation").filter_map(anchored).collect(),
        access_constraints: children(c, "accessConstraints").filter_map(code).collect(),
        use_constraints: children(c, "useConstraints").filter_map(code).collect(),
        other_constraints: children(c, "otherConstraints")
            .filter_map(anchored)
            .collect(),
        licence: None,
        classification: child_code(c, "classification"),
    }
}

fn resolution(res: &Element, warnings: &mut Vec<String>) -> Option<Resolution> {
    if let Some(denominator) = path(
        res,
        &[
            "equivalentScale",
            "MD_RepresentativeFraction",
            "denominator",
            "Integer",
        ],
    ) {
        let text = denominator.trimmed()?;
        return match text.parse::<u64>() {
            Ok(n) => Some(Resolution::ScaleDenominator(n)),
            Err(_) => skip(warnings, "scale denominator", text),
        };
    }
    let distance = path(res, &["distance", "Distance"])?;
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

fn overview(g: &Element) -> Option<GraphicOverview> {
    let overview = GraphicOverview {
        url: child_string(g, "fileName").unwrap_or_default(),
        description: child_string(g, "fileDescription"),
        file_type: child_string(g, "fileType"),
    };
    (overview != GraphicOverview::default()).then_some(overview)
}

fn service(ident: &Element) -> ServiceInfo {
    ServiceInfo {
        service_type: child(ident, "serviceType").and_then(string),
        service_type_versions: child_strings(ident, "serviceTypeVersion"),
        coupled_resources: objects(ident, "coupledResource")
            .map(coupled_resource)
            .collect(),
        coupling_type: child(ident, "couplingType").and_then(code),
        operates_on: children(ident, "operatesOn")
            .filter_map(operates_on)
            .collect(),
        operations: objects(ident, "containsOperations")
            .map(operation)
            .collect(),
    }
}

fn operates_on(el: &Element) -> Option<OperatesOn> {
    let attr = |ns, name| {
        el.attr(ns, name)
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(str::to_owned)
    };
    let link = OperatesOn {
        uuidref: attr("", "uuidref"),
        href: attr(XLINK, "href"),
    };
    (link != OperatesOn::default()).then_some(link)
}

fn operation(op: &Element) -> Operation {
    Operation {
        name: child_string(op, "operationName").unwrap_or_default(),
        dcp: children(op, "distributedComputingPlatform")
            .filter_map(code)
            .collect(),
        urls: objects(op, "connectPoint").filter_map(linkage).collect(),
        protocols: protocols(op),
    }
}

/// The protocol of each connect point that has a linkage, as `Operation::protocols`.
fn protocols(op: &Element) -> Vec<String> {
    let mut out: Vec<String> = objects(op, "connectPoint")
        .filter(|r| linkage(r).is_some())
        .map(|r| child_string(r, "protocol").unwrap_or_default())
        .collect();
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// The dataset by its citation's `uuidref` (else its first identifier), the operation by
/// its name.
fn coupled_resource(c: &Element) -> CoupledResource {
    let reference = child(c, "resourceReference");
    let identifier = reference
        .and_then(|r| r.attr("", "uuidref"))
        .map(|u| u.trim().to_owned())
        .or_else(|| {
            let citation = reference?.first()?;
            objects(citation, "identifier")
                .find_map(identifier)
                .map(|i| i.code)
        })
        .unwrap_or_default();
    CoupledResource {
        operation_name: path(c, &["operation", "SV_OperationMetadata", "operationName"])
            .and_then(string)
            .unwrap_or_default(),
        identifier,
        scoped_name: child(c, "scopedName")
            .and_then(|s| s.first().or(Some(s)))
            .and_then(Element::trimmed)
            .map(str::to_owned),
    }
}
