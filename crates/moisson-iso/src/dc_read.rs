//! Dublin Core (csw:Record / SummaryRecord / BriefRecord, rdf:Description) → record.

use moisson_model::{
    Anchored, Bbox, Constraint, ConstraintKind, Contact, Format, GeographicExtent, HierarchyLevel,
    KeywordGroup, OnlineResource, OperatesOn, Record, RecordId, ResourceDate, ResourceIdentifier,
    ServiceInfo, TemporalExtent, Thesaurus,
};

use crate::ns::{DC, DCT, OWS, TOPIC_CATEGORY_SCHEME};
use crate::tree::Element;

/// Contact roles standing for dc:creator, dc:publisher and dc:contributor.
pub(crate) const CREATOR_ROLE: &str = "originator";
pub(crate) const PUBLISHER_ROLE: &str = "publisher";
pub(crate) const CONTRIBUTOR_ROLE: &str = "author";

pub(crate) fn record(el: &Element, warnings: &mut Vec<String>) -> Record {
    let mut r = Record::default();
    let mut relations = Vec::new();
    for child in &el.children {
        let text = child.text.trim();
        if child.ns == OWS {
            bounding_box(child, &mut r, warnings);
        } else if text.is_empty() {
            // an empty DC element says nothing
        } else if child.ns == DC {
            dc_element(child, text, &mut r, &mut relations, warnings);
        } else if child.ns == DCT {
            dct_element(child, text, &mut r);
        }
    }
    if !relations.is_empty() {
        if r.hierarchy_level == HierarchyLevel::Service {
            let operates_on = relations.into_iter().map(|uuid| OperatesOn {
                uuidref: Some(uuid),
                href: None,
            });
            r.service
                .get_or_insert_with(ServiceInfo::default)
                .operates_on
                .extend(operates_on);
        } else {
            r.relations = relations;
        }
    }
    r
}

fn dc_element(
    child: &Element,
    text: &str,
    r: &mut Record,
    relations: &mut Vec<String>,
    warnings: &mut Vec<String>,
) {
    let text = text.to_owned();
    match child.local.as_str() {
        "identifier" if r.id.is_none() => r.id = RecordId::parse(text).ok(),
        "identifier" => r.identifiers.push(ResourceIdentifier {
            code: text,
            ..ResourceIdentifier::default()
        }),
        "title" if r.title.is_empty() => r.title = text,
        "title" => r.alternate_titles.push(text),
        "type" => r.hierarchy_level = hierarchy_level(&text),
        "subject" => subject(child.attr("", "scheme"), text, r, warnings),
        "format" => r.formats.push(Format {
            name: Anchored::text(text),
            version: None,
        }),
        "relation" => relations.push(text),
        "date" => r.dates.push(ResourceDate {
            kind: "revision".to_owned(),
            date: text,
        }),
        "description" if r.abstract_text.is_empty() => r.abstract_text = text,
        "creator" => r.contacts.push(organisation(CREATOR_ROLE, text)),
        "publisher" => r.contacts.push(organisation(PUBLISHER_ROLE, text)),
        "contributor" => r.contacts.push(organisation(CONTRIBUTOR_ROLE, text)),
        "language" => r.resource_languages.push(text),
        "rights" => legal(r).other_constraints.push(Anchored::text(text)),
        "source" if r.lineage.is_none() => r.lineage = Some(text),
        _ => {}
    }
}

fn dct_element(child: &Element, text: &str, r: &mut Record) {
    let text = text.to_owned();
    match child.local.as_str() {
        "abstract" => r.abstract_text = text,
        "alternative" => r.alternate_titles.push(text),
        "modified" if r.metadata.date_stamp.is_none() => r.metadata.date_stamp = Some(text),
        "created" => r.dates.push(ResourceDate {
            kind: "creation".to_owned(),
            date: text,
        }),
        "issued" => r.dates.push(ResourceDate {
            kind: "publication".to_owned(),
            date: text,
        }),
        "accessRights" => legal(r).other_constraints.push(Anchored::text(text)),
        "license" => legal(r).licence = Some(Anchored::text(text)),
        "references" => r.online_resources.push(OnlineResource {
            url: text,
            protocol: child
                .attr("", "scheme")
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_owned),
            ..OnlineResource::default()
        }),
        "spatial" => r.extents.push(GeographicExtent {
            bbox: None,
            description: Some(text),
        }),
        "temporal" => r.temporal_extents.push(temporal(&text)),
        _ => {}
    }
}

/// A subject: an ISO topic category, or a keyword grouped by its scheme.
fn subject(scheme: Option<&str>, text: String, r: &mut Record, warnings: &mut Vec<String>) {
    let scheme = scheme.map(str::trim).filter(|s| !s.is_empty());
    if scheme == Some(TOPIC_CATEGORY_SCHEME) {
        crate::topic::push(&mut r.topic_categories, text, warnings);
        return;
    }
    let thesaurus = scheme.map(|s| Thesaurus {
        title: Anchored::text(s),
        ..Thesaurus::default()
    });
    let at = r
        .keywords
        .iter()
        .position(|g| g.thesaurus == thesaurus && g.kind.is_none());
    let i = at.unwrap_or_else(|| {
        r.keywords.push(KeywordGroup {
            thesaurus,
            ..KeywordGroup::default()
        });
        r.keywords.len() - 1
    });
    r.keywords[i].keywords.push(Anchored::text(text));
}

/// A dc:type: a scope code, or a DCMI Type URI whose name matches one (`…/Dataset`).
fn hierarchy_level(text: &str) -> HierarchyLevel {
    HierarchyLevel::from_dc_type(text)
}

fn organisation(role: &str, name: String) -> Contact {
    Contact {
        role: Some(role.to_owned()),
        organisation: Some(name),
        ..Contact::default()
    }
}

/// The one legal constraint block that dc:rights and dct:license fill.
fn legal(r: &mut Record) -> &mut Constraint {
    if r.constraints.is_empty() {
        r.constraints.push(Constraint {
            kind: ConstraintKind::Legal,
            ..Constraint::default()
        });
    }
    let last = r.constraints.len() - 1;
    &mut r.constraints[last]
}

/// `begin/end`, where `..` or an empty side is open and `now` marks an ongoing end.
pub(crate) fn temporal(text: &str) -> TemporalExtent {
    let (begin, end) = text.split_once('/').unwrap_or((text, text));
    let side = |s: &str| {
        Some(s.trim())
            .filter(|s| !s.is_empty() && *s != ".." && *s != "now")
            .map(str::to_owned)
    };
    TemporalExtent {
        begin: side(begin),
        end: side(end),
        end_is_now: end.trim() == "now",
    }
}

/// ows:BoundingBox (latitude first for EPSG:4326) or ows:WGS84BoundingBox (longitude first).
fn bounding_box(el: &Element, r: &mut Record, warnings: &mut Vec<String>) {
    let lat_first = match el.local.as_str() {
        "BoundingBox" => el.attr("", "crs").is_some_and(|crs| crs.contains("4326")),
        "WGS84BoundingBox" => false,
        _ => return,
    };
    let corner = |name: &str| -> Option<(f64, f64)> {
        let text = el.child(OWS, name)?.text.trim().to_owned();
        let mut parts = text.split_whitespace().map(str::parse::<f64>);
        match (parts.next(), parts.next(), parts.next()) {
            (Some(Ok(a)), Some(Ok(b)), None) if a.is_finite() && b.is_finite() => Some((a, b)),
            _ => None,
        }
    };
    let (Some(lower), Some(upper)) = (corner("LowerCorner"), corner("UpperCorner")) else {
        warnings.push(format!(
            "ows:{} without two numeric corners: skipped",
            el.local
        ));
        return;
    };
    let bbox = if lat_first {
        Bbox {
            west: lower.1,
            south: lower.0,
            east: upper.1,
            north: upper.0,
        }
    } else {
        Bbox {
            west: lower.0,
            south: lower.1,
            east: upper.0,
            north: upper.1,
        }
    };
    r.extents.push(GeographicExtent {
        bbox: Some(bbox),
        description: None,
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ns::DCMI_TYPE;

    #[test]
    fn temporal_text_forms() {
        let t = temporal("2001-01-01/..");
        assert_eq!(
            (t.begin.as_deref(), t.end, t.end_is_now),
            (Some("2001-01-01"), None, false)
        );
        let t = temporal("../now");
        assert_eq!((t.begin, t.end, t.end_is_now), (None, None, true));
        let t = temporal("2004");
        assert_eq!(
            (t.begin.as_deref(), t.end.as_deref()),
            (Some("2004"), Some("2004"))
        );
    }

    #[test]
    fn dcmi_types_map_to_scope_codes() {
        assert_eq!(
            hierarchy_level(&format!("{DCMI_TYPE}Dataset")),
            HierarchyLevel::Dataset
        );
        assert_eq!(hierarchy_level("service"), HierarchyLevel::Service);
        let image = format!("{DCMI_TYPE}StillImage");
        assert_eq!(
            hierarchy_level(&image),
            HierarchyLevel::Other(image.clone())
        );
    }
}
