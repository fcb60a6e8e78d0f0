//! The values of a queryable in one record, read from the fields the stores index
//! (`moisson-store`'s `index.rs` and `target/doc.rs`), so that every value listed
//! matches a filter `property = value`.

use std::collections::BTreeSet;

use moisson_model::{ConstraintKind, FacetField, Property, Record, Resolution};

/// Where GetDomain finds the values of a property.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Source {
    /// The store counts them (one query).
    Facet(FacetField),
    /// A walk over the records the caller may see.
    Records,
    /// Free text: every record has its own value, no domain to list.
    None,
}

pub(super) fn source(p: &Property) -> Source {
    match p {
        Property::Keyword => Source::Facet(FacetField::Keyword),
        Property::Type => Source::Facet(FacetField::Type),
        Property::Format => Source::Facet(FacetField::Format),
        Property::TopicCategory => Source::Facet(FacetField::TopicCategory),
        Property::AnyText | Property::Abstract => Source::None,
        _ => Source::Records,
    }
}

/// Whether values are numbers (sorted as numbers, not as text).
pub(super) fn numeric(p: &Property) -> bool {
    matches!(p, Property::Denominator | Property::DistanceValue)
}

/// The distinct values of `p` in `r`: trimmed, never empty.
pub(super) fn of(p: &Property, r: &Record) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut add = |v: &str| {
        let v = v.trim();
        if !v.is_empty() {
            out.insert(v.to_owned());
        }
    };
    match p {
        Property::Identifier => r.id.iter().for_each(|id| add(id.as_str())),
        Property::ParentIdentifier => r.parent_id.iter().for_each(|v| add(v)),
        Property::Title => add(&r.title),
        Property::AlternateTitle => r.alternate_titles.iter().for_each(|v| add(v)),
        Property::Abstract => add(&r.abstract_text),
        Property::AnyText => {}
        Property::Keyword => r.keyword_texts().for_each(add),
        Property::TopicCategory => r.topic_categories.iter().for_each(|v| add(v)),
        Property::Type => add(r.hierarchy_level.as_str()),
        Property::Organisation => r.catalogue.owner_org.iter().for_each(|v| add(v)),
        Property::Status => add(r.catalogue.status.as_str()),
        Property::OrganisationName => r
            .contacts
            .iter()
            .chain(&r.metadata_contacts)
            .filter_map(|c| c.organisation.as_deref())
            .for_each(add),
        Property::Format => r.formats.iter().for_each(|f| add(&f.name.text)),
        Property::Licence => r.licence().iter().for_each(|l| add(anchored(l))),
        Property::Language => r.metadata.language.iter().for_each(|v| add(v)),
        Property::ResourceLanguage => r.resource_languages.iter().for_each(|v| add(v)),
        Property::Modified => r.metadata.date_stamp.iter().for_each(|v| add(v)),
        Property::CreationDate => latest_date(r, "creation").into_iter().for_each(add),
        Property::PublicationDate => latest_date(r, "publication").into_iter().for_each(add),
        Property::RevisionDate => latest_date(r, "revision").into_iter().for_each(add),
        Property::CrsCode => r.reference_systems.iter().for_each(|i| add(&i.code)),
        Property::ResourceIdentifier => r.identifiers.iter().for_each(|i| add(&i.code)),
        Property::TempExtentBegin => temporal(r, true).iter().for_each(|v| add(v)),
        Property::TempExtentEnd => temporal(r, false).iter().for_each(|v| add(v)),
        Property::Created | Property::Updated => timestamp(p, r).iter().for_each(|v| add(v)),
        Property::ServiceType
        | Property::ServiceTypeVersion
        | Property::CouplingType
        | Property::OperatesOn
        | Property::OperatesOnName => service(p, r).into_iter().for_each(add),
        Property::KeywordType => r
            .keywords
            .iter()
            .filter_map(|g| g.kind.as_deref())
            .for_each(add),
        Property::Denominator | Property::DistanceValue | Property::DistanceUom => {
            resolutions(p, r).iter().for_each(|v| add(v));
        }
        Property::GeographicDescriptionCode => r
            .extents
            .iter()
            .filter_map(|e| e.description.as_deref())
            .for_each(add),
        Property::HasSecurityConstraints
        | Property::AccessConstraints
        | Property::OtherConstraints
        | Property::Classification
        | Property::ConditionApplyingToAccessAndUse => {
            constraints(p, r).into_iter().for_each(add);
        }
        Property::Lineage => r.lineage.iter().for_each(|v| add(v)),
        Property::ResponsiblePartyRole => r
            .contacts
            .iter()
            .filter_map(|c| c.role.as_deref())
            .for_each(add),
        Property::Degree
        | Property::SpecificationTitle
        | Property::SpecificationDate
        | Property::SpecificationDateType => conformity(p, r).into_iter().for_each(add),
        Property::Relation => {
            r.relations.iter().for_each(|v| add(v));
            service(&Property::OperatesOn, r).into_iter().for_each(add);
        }
        Property::Extra(name) => extra(r, name).iter().for_each(|v| add(v)),
        // Concept URIs: the anchors of keywords (links by label need the stored thesauri).
        Property::Theme => r
            .keywords
            .iter()
            .flat_map(|g| &g.keywords)
            .filter_map(|k| k.uri.as_deref())
            .for_each(add),
    }
    out
}

/// The text of an anchored value, else its URI.
fn anchored(a: &moisson_model::Anchored) -> &str {
    if a.text.trim().is_empty() {
        a.uri.as_deref().unwrap_or_default()
    } else {
        &a.text
    }
}

/// The latest resource date of a kind: the stores index that one only.
fn latest_date<'a>(r: &'a Record, kind: &str) -> Option<&'a str> {
    r.dates
        .iter()
        .filter(|d| d.kind == kind)
        .map(|d| d.date.trim())
        .filter(|d| !d.is_empty())
        .max()
}

/// Begins or ends of the temporal extents; an end at "now" is today (UTC), as the
/// stores compare it.
fn temporal(r: &Record, begin: bool) -> Vec<String> {
    r.temporal_extents
        .iter()
        .filter_map(|t| {
            if begin {
                t.begin.clone()
            } else if t.end_is_now {
                Some(chrono::Utc::now().date_naive().to_string())
            } else {
                t.end.clone()
            }
        })
        .collect()
}

/// The catalogue timestamps as stored: RFC 3339, UTC, microseconds.
fn timestamp(p: &Property, r: &Record) -> Option<String> {
    let t = match p {
        Property::Created => r.catalogue.created,
        _ => r.catalogue.updated,
    };
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

fn service<'a>(p: &Property, r: &'a Record) -> Vec<&'a str> {
    let Some(s) = &r.service else {
        return Vec::new();
    };
    match p {
        Property::ServiceType => s.service_type.as_deref().into_iter().collect(),
        Property::ServiceTypeVersion => {
            s.service_type_versions.iter().map(String::as_str).collect()
        }
        Property::CouplingType => s.coupling_type.as_deref().into_iter().collect(),
        Property::OperatesOn => s
            .operates_on
            .iter()
            .flat_map(|o| o.uuidref.iter().chain(o.href.iter()))
            .map(String::as_str)
            .collect(),
        _ => s.operations.iter().map(|o| o.name.as_str()).collect(),
    }
}

fn resolutions(p: &Property, r: &Record) -> Vec<String> {
    r.spatial_resolutions
        .iter()
        .filter_map(|res| match (p, res) {
            (Property::Denominator, Resolution::ScaleDenominator(n)) => Some(n.to_string()),
            (Property::DistanceValue, Resolution::Distance { value, .. }) if value.is_finite() => {
                Some(value.to_string())
            }
            (Property::DistanceUom, Resolution::Distance { uom, .. }) => uom.clone(),
            _ => None,
        })
        .collect()
}

fn constraints<'a>(p: &Property, r: &'a Record) -> Vec<&'a str> {
    let blocks = r.constraints.iter();
    match p {
        Property::HasSecurityConstraints => {
            let any = r
                .constraints
                .iter()
                .any(|c| c.kind == ConstraintKind::Security || c.classification.is_some());
            vec![if any { "true" } else { "false" }]
        }
        Property::AccessConstraints => blocks
            .flat_map(|c| c.access_constraints.iter().map(String::as_str))
            .collect(),
        Property::OtherConstraints => blocks
            .flat_map(|c| c.other_constraints.iter().map(anchored))
            .collect(),
        Property::Classification => blocks.filter_map(|c| c.classification.as_deref()).collect(),
        // Every use limitation, and the other constraints of blocks with useConstraints.
        _ => blocks
            .flat_map(|c| {
                let others = if c.use_constraints.is_empty() {
                    &[][..]
                } else {
                    &c.other_constraints[..]
                };
                c.use_limitations.iter().chain(others).map(anchored)
            })
            .collect(),
    }
}

fn conformity<'a>(p: &Property, r: &'a Record) -> Vec<&'a str> {
    r.conformity
        .iter()
        .filter_map(|q| match p {
            Property::Degree => Some(match q.pass {
                Some(true) => "true",
                Some(false) => "false",
                None => "unknown",
            }),
            Property::SpecificationTitle => Some(anchored(&q.specification)),
            Property::SpecificationDate => q.date.as_deref(),
            _ => q.date_kind.as_deref(),
        })
        .collect()
}

/// A simple extra field (text, number, boolean, or an array of them) as text.
fn extra(r: &Record, name: &str) -> Vec<String> {
    let Some(v) = r.catalogue.extra.get(name) else {
        return Vec::new();
    };
    let items: Vec<&_> = match v.as_array() {
        Some(items) => items.iter().collect(),
        None => vec![v],
    };
    items
        .into_iter()
        .filter_map(|x| match x.as_str() {
            Some(s) => Some(s.to_owned()),
            None => (x.is_number() || x.is_boolean()).then(|| x.to_string()),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::{
        Anchored, ConformityReport, Constraint, Contact, OperatesOn, ServiceInfo, TemporalExtent,
    };

    fn record() -> Record {
        let mut r = Record {
            title: " Roads ".to_owned(),
            lineage: Some("Surveyed".to_owned()),
            ..Record::default()
        };
        r.contacts.push(Contact {
            role: Some("owner".to_owned()),
            organisation: Some("IGN".to_owned()),
            ..Contact::default()
        });
        r.metadata_contacts.push(Contact {
            organisation: Some("IGN".to_owned()),
            role: Some("pointOfContact".to_owned()),
            ..Contact::default()
        });
        r.spatial_resolutions = vec![
            Resolution::ScaleDenominator(25_000),
            Resolution::Distance {
                value: 0.5,
                uom: Some("m".to_owned()),
            },
        ];
        r.constraints.push(Constraint {
            kind: ConstraintKind::Legal,
            use_constraints: vec!["otherRestrictions".to_owned()],
            other_constraints: vec![Anchored::with_uri(
                "",
                Some("http://example.org/noLimitations".to_owned()),
            )],
            use_limitations: vec![Anchored::text("none")],
            ..Constraint::default()
        });
        r.conformity.push(ConformityReport {
            specification: Anchored::text("INSPIRE"),
            pass: None,
            ..ConformityReport::default()
        });
        r.temporal_extents.push(TemporalExtent {
            begin: Some("2020".to_owned()),
            end: None,
            end_is_now: true,
        });
        r.service = Some(ServiceInfo {
            operates_on: vec![OperatesOn {
                uuidref: Some("ds-1".to_owned()),
                href: Some("http://example.org/ds-1".to_owned()),
            }],
            ..ServiceInfo::default()
        });
        r
    }

    fn values(p: Property) -> Vec<String> {
        of(&p, &record()).into_iter().collect()
    }

    #[test]
    fn reads_the_fields_the_stores_index() {
        assert_eq!(values(Property::Title), ["Roads"]);
        assert_eq!(values(Property::OrganisationName), ["IGN"]);
        assert_eq!(values(Property::ResponsiblePartyRole), ["owner"]);
        assert_eq!(values(Property::Denominator), ["25000"]);
        assert_eq!(values(Property::DistanceValue), ["0.5"]);
        assert_eq!(values(Property::DistanceUom), ["m"]);
        assert_eq!(
            values(Property::OtherConstraints),
            ["http://example.org/noLimitations"]
        );
        assert_eq!(
            values(Property::ConditionApplyingToAccessAndUse),
            ["http://example.org/noLimitations", "none"]
        );
        assert_eq!(values(Property::HasSecurityConstraints), ["false"]);
        assert_eq!(values(Property::Degree), ["unknown"]);
        assert_eq!(values(Property::SpecificationTitle), ["INSPIRE"]);
        assert_eq!(
            values(Property::OperatesOn),
            ["ds-1", "http://example.org/ds-1"]
        );
        assert_eq!(values(Property::TempExtentBegin), ["2020"]);
        assert_eq!(values(Property::TempExtentEnd).len(), 1);
        assert!(values(Property::ServiceType).is_empty());
        assert!(values(Property::Classification).is_empty());
    }

    #[test]
    fn sources() {
        assert_eq!(
            source(&Property::Keyword),
            Source::Facet(FacetField::Keyword)
        );
        assert_eq!(source(&Property::AnyText), Source::None);
        assert_eq!(source(&Property::Lineage), Source::Records);
        assert!(numeric(&Property::Denominator));
    }

    #[test]
    fn simple_extra_fields_only() {
        let mut r = Record::default();
        let extra = &mut r.catalogue.extra;
        extra.insert("theme".to_owned(), ["b", "a"].into_iter().collect());
        extra.insert("n".to_owned(), 2.into());
        extra.insert("flag".to_owned(), true.into());
        extra.insert("nested".to_owned(), [("x", 1)].into_iter().collect());
        let values = |name: &str| -> Vec<String> {
            of(&Property::Extra(name.to_owned()), &r)
                .into_iter()
                .collect()
        };
        assert_eq!(values("theme"), ["a", "b"]);
        assert_eq!(values("n"), ["2"]);
        assert_eq!(values("flag"), ["true"]);
        assert!(values("nested").is_empty());
        assert!(values("absent").is_empty());
    }
}
