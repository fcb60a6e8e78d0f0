//! What a record contributes to the columns, child tables, full-text and spatial
//! indexes: computed from the model `Record` before the write transaction starts.

use std::collections::BTreeSet;

use moisson_model::{Bbox, Record, Visibility};

use crate::text::{fold, normalise_date};

/// Denormalised values of one record.
#[derive(Debug, Default)]
pub(crate) struct IndexRow {
    pub title: String,
    pub title_sort: String,
    pub kind: String,
    pub owner_org: Option<String>,
    pub visibility: &'static str,
    /// Workflow status (`draft`, `submitted`, `published`).
    pub status: &'static str,
    /// Units a restricted record is shared with, each once.
    pub shared_with: Vec<String>,
    pub date_stamp: Option<String>,
    pub creation_date: Option<String>,
    pub publication_date: Option<String>,
    pub revision_date: Option<String>,
    pub parent_id: Option<String>,
    pub language: Option<String>,
    pub service_type: Option<String>,
    /// (text, folded text)
    pub keywords: Vec<(String, String)>,
    pub org_names: Vec<(String, String)>,
    pub formats: Vec<String>,
    /// (text or URI, URI)
    pub licences: Vec<(String, Option<String>)>,
    pub topics: Vec<String>,
    /// (code, URI)
    pub identifiers: Vec<(String, Option<String>)>,
    pub crs: Vec<String>,
    pub operates_on: Vec<String>,
    pub alt_titles: Vec<String>,
    pub languages: Vec<String>,
    /// (begin, end, end_is_now), normalised.
    pub temporal: Vec<(Option<String>, Option<String>, bool)>,
    /// (extent number, box that does not cross the antimeridian)
    pub boxes: Vec<(i64, Bbox)>,
    pub fts: FtsRow,
}

/// The full-text columns, in table order (title, alt_titles, abstract, keywords, other).
/// The abstract is not copied here: the writers index the record's own (`abstract_text`),
/// so a long abstract is held once, not twice, while it is written (issue 17).
#[derive(Debug, Default)]
pub(crate) struct FtsRow {
    pub title: String,
    pub alt_titles: String,
    pub keywords: String,
    pub other: String,
}

pub(crate) fn visibility_str(v: Visibility) -> &'static str {
    match v {
        Visibility::Public => "public",
        Visibility::Internal => "internal",
        Visibility::Restricted => "restricted",
    }
}

impl IndexRow {
    pub(crate) fn of(r: &Record) -> Self {
        let date_of = |kind: &str| {
            r.dates
                .iter()
                .filter(|d| d.kind == kind && !d.date.trim().is_empty())
                .map(|d| normalise_date(&d.date))
                .max()
        };
        let org_names = distinct(
            r.contacts
                .iter()
                .chain(&r.metadata_contacts)
                .filter_map(|c| c.organisation.clone()),
        );
        let keywords = distinct(r.keyword_texts().map(str::to_owned));
        Self {
            title: r.title.clone(),
            title_sort: fold(r.title.trim()),
            kind: r.hierarchy_level.as_str().to_owned(),
            owner_org: r.catalogue.owner_org.clone(),
            visibility: visibility_str(r.catalogue.visibility),
            status: r.catalogue.status.as_str(),
            shared_with: distinct(r.catalogue.shared_with.iter().cloned()),
            date_stamp: r.metadata.date_stamp.as_deref().map(normalise_date),
            creation_date: date_of("creation"),
            publication_date: date_of("publication"),
            revision_date: date_of("revision"),
            parent_id: r.parent_id.clone(),
            language: r.metadata.language.clone(),
            service_type: r.service.as_ref().and_then(|s| s.service_type.clone()),
            keywords: keywords.iter().map(|k| (k.clone(), fold(k))).collect(),
            org_names: org_names.iter().map(|o| (o.clone(), fold(o))).collect(),
            formats: distinct(r.formats.iter().map(|f| f.name.text.clone())),
            licences: licences(r),
            topics: distinct(r.topic_categories.iter().cloned()),
            identifiers: pairs(
                r.identifiers
                    .iter()
                    .map(|i| (i.code.clone(), i.uri.clone())),
            ),
            crs: distinct(r.reference_systems.iter().map(|i| i.code.clone())),
            operates_on: operates_on(r),
            alt_titles: distinct(r.alternate_titles.iter().cloned()),
            languages: distinct(r.resource_languages.iter().cloned()),
            temporal: temporal(r),
            boxes: boxes(r),
            fts: fts_row(r, &keywords, &org_names),
        }
    }
}

/// Non-empty trimmed values, each once, in first-seen order.
fn distinct(values: impl Iterator<Item = String>) -> Vec<String> {
    let mut seen = BTreeSet::new();
    values
        .map(|v| v.trim().to_owned())
        .filter(|v| !v.is_empty() && seen.insert(v.clone()))
        .collect()
}

/// Like `distinct`, keyed on the first element.
fn pairs(values: impl Iterator<Item = (String, Option<String>)>) -> Vec<(String, Option<String>)> {
    let mut seen = BTreeSet::new();
    values
        .map(|(k, v)| (k.trim().to_owned(), v))
        .filter(|(k, _)| !k.is_empty() && seen.insert(k.clone()))
        .collect()
}

fn licences(r: &Record) -> Vec<(String, Option<String>)> {
    let Some(l) = r.licence() else {
        return Vec::new();
    };
    let text = if l.text.trim().is_empty() {
        l.uri.clone().unwrap_or_default()
    } else {
        l.text.clone()
    };
    pairs(std::iter::once((text, l.uri.clone())))
}

fn operates_on(r: &Record) -> Vec<String> {
    let Some(service) = &r.service else {
        return Vec::new();
    };
    distinct(
        service
            .operates_on
            .iter()
            .flat_map(|o| o.uuidref.iter().chain(o.href.iter()).cloned()),
    )
}

fn temporal(r: &Record) -> Vec<(Option<String>, Option<String>, bool)> {
    let norm = |v: &Option<String>| {
        v.as_deref()
            .map(str::trim)
            .filter(|v| !v.is_empty())
            .map(normalise_date)
    };
    r.temporal_extents
        .iter()
        .map(|t| (norm(&t.begin), norm(&t.end), t.end_is_now))
        // An extent with neither end says nothing; stored, it would match every range.
        .filter(|(b, e, now)| b.is_some() || e.is_some() || *now)
        .collect()
}

fn boxes(r: &Record) -> Vec<(i64, Bbox)> {
    let with_box = r.extents.iter().filter_map(|e| e.bbox.as_ref());
    (0_i64..)
        .zip(with_box)
        .flat_map(|(n, b)| b.split_at_antimeridian().into_iter().map(move |p| (n, p)))
        .collect()
}

fn fts_row(r: &Record, keywords: &[String], org_names: &[String]) -> FtsRow {
    let mut keyword_text = keywords.join(" ; ");
    for t in &r.topic_categories {
        keyword_text.push_str(" ; ");
        keyword_text.push_str(t);
    }
    let other: Vec<&str> = r
        .lineage
        .iter()
        .chain(r.purpose.iter())
        .map(String::as_str)
        .chain(org_names.iter().map(String::as_str))
        .chain(r.identifiers.iter().map(|i| i.code.as_str()))
        .collect();
    FtsRow {
        title: r.title.clone(),
        alt_titles: r.alternate_titles.join(" ; "),
        keywords: keyword_text,
        other: other.join(" ; "),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::{GeographicExtent, ResourceDate};

    #[test]
    fn splits_antimeridian_boxes_and_keeps_latest_dates() {
        let mut r = Record {
            title: "Été".to_owned(),
            ..Record::default()
        };
        r.extents.push(GeographicExtent {
            bbox: Some(Bbox::new(170.0, -20.0, -170.0, -10.0).expect("valid")),
            description: None,
        });
        r.dates.push(ResourceDate {
            kind: "revision".to_owned(),
            date: "2020-01-01".to_owned(),
        });
        r.dates.push(ResourceDate {
            kind: "revision".to_owned(),
            date: "2021-01-01".to_owned(),
        });
        let row = IndexRow::of(&r);
        assert_eq!(row.boxes.len(), 2);
        assert_eq!(row.title_sort, "ete");
        assert_eq!(row.revision_date.as_deref(), Some("2021-01-01"));
    }
}
