//! The allow-list: which column, child table or JSON path each queryable `Property`
//! reads. Nothing else can appear as an identifier in compiled SQL.

mod doc;

use moisson_model::{Property, Value};

use crate::{Error, Result};

/// How values of a property compare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Text,
    /// Normalised ISO text, compared at the coarser of the two precisions.
    Date,
    /// A number; literals must parse as numbers.
    Number,
    /// `true`, `false` (or `unknown`) as text; literals are normalised to those words.
    Bool,
}

/// Where a property lives.
#[derive(Debug, Clone)]
pub(crate) enum Target {
    /// An expression over `records r`.
    Column { expr: &'static str, kind: Kind },
    /// Values in a child table aliased `c` (a record matches when any row does).
    /// `fold` is a folded copy of the column used for case/accent-insensitive equality.
    /// `indexed`: a stored table whose equality columns (`fold`, else every one of
    /// `cols`) are indexed, so an equality is answered by `rid IN (SELECT rid …)` from
    /// the index instead of a lookup per candidate record.
    Child {
        table: &'static str,
        cols: &'static [&'static str],
        fold: Option<&'static str>,
        kind: Kind,
        indexed: bool,
    },
    /// `json_extract(r.doc, path)` with the path bound as a parameter.
    Extra { path: String },
    /// The full-text index.
    AnyText,
}

/// The effective end of a temporal extent: "now" is today's date at query time.
pub(crate) const TEMPORAL_END: &str = "CASE WHEN c.end_is_now THEN date('now') ELSE c.end_date END";

const fn col(expr: &'static str) -> Target {
    Target::Column {
        expr,
        kind: Kind::Text,
    }
}

const fn date(expr: &'static str) -> Target {
    Target::Column {
        expr,
        kind: Kind::Date,
    }
}

const fn child(table: &'static str, cols: &'static [&'static str], indexed: bool) -> Target {
    Target::Child {
        table,
        cols,
        fold: None,
        kind: Kind::Text,
        indexed,
    }
}

/// A stored table with a folded column (`norm`, indexed) for case/accent-insensitive
/// equality.
const fn folded_child(table: &'static str, cols: &'static [&'static str]) -> Target {
    Target::Child {
        table,
        cols,
        fold: Some("c.norm"),
        kind: Kind::Text,
        indexed: true,
    }
}

/// Values of a derived table over the stored document (see `doc.rs`).
const fn doc_rows(table: &'static str, cols: &'static [&'static str], kind: Kind) -> Target {
    Target::Child {
        table,
        cols,
        fold: None,
        kind,
        indexed: false,
    }
}

pub(crate) fn target(p: &Property) -> Result<Target> {
    Ok(match p {
        Property::Identifier => col("r.id"),
        Property::ParentIdentifier => col("r.parent_id"),
        Property::Title => col("r.title"),
        Property::AlternateTitle => child("record_alt_titles", &["c.title"], false),
        Property::Abstract => col("json_extract(r.doc, '$.abstract')"),
        Property::AnyText => Target::AnyText,
        Property::Keyword => folded_child("record_keywords", &["c.text"]),
        Property::TopicCategory => child("record_topics", &["c.value"], true),
        Property::Type => col("r.type"),
        Property::Organisation => col("r.owner_org"),
        Property::Status => col("r.status"),
        Property::OrganisationName => folded_child("record_org_names", &["c.name"]),
        Property::Format => child("record_formats", &["c.name"], true),
        Property::Licence => child("record_licences", &["c.text", "c.uri"], false),
        Property::Language => col("r.language"),
        Property::ResourceLanguage => child("record_languages", &["c.lang"], true),
        Property::Modified => date("r.date_stamp"),
        Property::CreationDate => date("r.creation_date"),
        Property::PublicationDate => date("r.publication_date"),
        Property::RevisionDate => date("r.revision_date"),
        Property::ServiceType => col("r.service_type"),
        Property::CrsCode => child("record_crs", &["c.code"], true),
        Property::ResourceIdentifier => child("record_identifiers", &["c.code", "c.uri"], false),
        Property::OperatesOn => child("record_operates_on", &["c.value"], true),
        Property::TempExtentBegin => Target::Child {
            table: "record_temporal",
            cols: &["c.begin_date"],
            fold: None,
            kind: Kind::Date,
            indexed: false,
        },
        Property::TempExtentEnd => Target::Child {
            table: "record_temporal",
            cols: &[TEMPORAL_END],
            fold: None,
            kind: Kind::Date,
            indexed: false,
        },
        Property::Created => date("r.created"),
        Property::Updated => date("r.updated"),
        Property::Theme => child("record_concepts", &["c.concept"], true),
        Property::KeywordType => doc_rows(doc::KEYWORD_GROUPS, &["c.kind"], Kind::Text),
        Property::ServiceTypeVersion => {
            doc_rows(doc::SERVICE_TYPE_VERSIONS, &["c.version"], Kind::Text)
        }
        Property::OperatesOnName => doc_rows(doc::OPERATIONS, &["c.name"], Kind::Text),
        Property::CouplingType => col(doc::COUPLING_TYPE),
        Property::HasSecurityConstraints => Target::Column {
            expr: doc::HAS_SECURITY_CONSTRAINTS,
            kind: Kind::Bool,
        },
        Property::Denominator => doc_rows(doc::RESOLUTIONS, &["c.denominator"], Kind::Number),
        Property::DistanceValue => doc_rows(doc::RESOLUTIONS, &["c.distance"], Kind::Number),
        Property::DistanceUom => doc_rows(doc::RESOLUTIONS, &["c.uom"], Kind::Text),
        Property::GeographicDescriptionCode => doc_rows(doc::EXTENTS, &["c.code"], Kind::Text),
        Property::Degree => doc_rows(doc::CONFORMITY, &["c.degree"], Kind::Bool),
        Property::AccessConstraints => doc_rows(doc::ACCESS_CONSTRAINTS, &["c.code"], Kind::Text),
        Property::OtherConstraints => {
            doc_rows(doc::OTHER_CONSTRAINTS, &["c.text", "c.uri"], Kind::Text)
        }
        Property::Classification => doc_rows(doc::CLASSIFICATIONS, &["c.code"], Kind::Text),
        Property::ConditionApplyingToAccessAndUse => {
            doc_rows(doc::USE_CONDITIONS, &["c.text", "c.uri"], Kind::Text)
        }
        Property::Lineage => col(doc::LINEAGE),
        Property::ResponsiblePartyRole => doc_rows(doc::CONTACTS, &["c.role"], Kind::Text),
        Property::SpecificationTitle => {
            doc_rows(doc::CONFORMITY, &["c.title", "c.uri"], Kind::Text)
        }
        Property::SpecificationDate => doc_rows(doc::CONFORMITY, &["c.date"], Kind::Date),
        Property::SpecificationDateType => doc_rows(doc::CONFORMITY, &["c.date_kind"], Kind::Text),
        Property::Relation => doc_rows(doc::RELATIONS, &["c.value"], Kind::Text),
        Property::Extra(name) => Target::Extra {
            path: extra_path(name)?,
        },
    })
}

/// A literal compared with a numeric property.
pub(crate) fn number_literal(v: &Value) -> Result<f64> {
    match v {
        Value::Number(n) => Ok(*n),
        Value::Text(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| n.is_finite())
            .ok_or_else(|| Error::UnsupportedQuery(format!("{s:?} is not a number"))),
        Value::Bool(_) => Err(Error::UnsupportedQuery(
            "a boolean cannot be compared with a number".to_owned(),
        )),
    }
}

/// A literal compared with a true/false/unknown property, as the word stored.
pub(crate) fn truth_literal(v: &Value) -> Result<&'static str> {
    let word = match v {
        Value::Bool(b) => return Ok(if *b { "true" } else { "false" }),
        Value::Number(n) if *n == 1.0 => return Ok("true"),
        Value::Number(n) if *n == 0.0 => return Ok("false"),
        Value::Number(n) => n.to_string(),
        Value::Text(s) => s.trim().to_ascii_lowercase(),
    };
    match word.as_str() {
        "true" | "1" => Ok("true"),
        "false" | "0" => Ok("false"),
        "unknown" => Ok("unknown"),
        _ => Err(Error::UnsupportedQuery(format!(
            "{word:?} is not true, false or unknown"
        ))),
    }
}

/// `$.catalogue.extra.<name>` for a name matching `^[A-Za-z_][A-Za-z0-9_]*$`.
fn extra_path(name: &str) -> Result<String> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_');
    if first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_') {
        Ok(format!("$.catalogue.extra.{name}"))
    } else {
        Err(Error::UnsupportedQuery(format!(
            "extra field name {name:?} must match ^[A-Za-z_][A-Za-z0-9_]*$"
        )))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literals_of_numbers_and_truth_values() {
        assert_eq!(
            number_literal(&Value::Text(" 25000 ".into())).ok(),
            Some(25_000.0)
        );
        assert!(number_literal(&Value::Text("NaN".into())).is_err());
        assert!(number_literal(&Value::Bool(true)).is_err());
        assert_eq!(
            truth_literal(&Value::Text("TRUE".into())).ok(),
            Some("true")
        );
        assert_eq!(truth_literal(&Value::Number(0.0)).ok(), Some("false"));
        assert_eq!(
            truth_literal(&Value::Text("Unknown".into())).ok(),
            Some("unknown")
        );
        assert!(truth_literal(&Value::Text("yes".into())).is_err());
    }

    #[test]
    fn extra_names_are_checked() {
        assert!(target(&Property::Extra("theme_2".to_owned())).is_ok());
        for bad in ["", "1a", "a.b", "a') OR 1=1 --", "é"] {
            assert!(
                matches!(
                    target(&Property::Extra(bad.to_owned())),
                    Err(Error::UnsupportedQuery(_))
                ),
                "{bad}"
            );
        }
    }
}
