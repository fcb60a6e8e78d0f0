//! Parts of the GeoJSON record: geometry, time, themes, contacts, languages, links.

use moisson_model::{Bbox, Record};
use serde::Serialize;
use serde_json::{Value, json};
use utoipa::ToSchema;

use crate::links::Link;

/// Scheme of ISO 19115 topic categories (as a theme).
const TOPIC_SCHEME: &str =
    "https://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_TopicCategoryCode";

/// A theme: concepts of one scheme (a thesaurus).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Theme {
    pub concepts: Vec<Concept>,
    /// The thesaurus URI, else its title.
    pub scheme: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Concept {
    pub id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// A language (RFC 5646 code where the ISO 639-2 code is known).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Language {
    #[schema(example = "fr")]
    pub code: String,
}

impl Language {
    #[must_use]
    pub fn new(iso639_2: &str) -> Self {
        let code = match iso639_2.trim().to_ascii_lowercase().as_str() {
            "fre" | "fra" => "fr",
            "eng" => "en",
            "ger" | "deu" => "de",
            "spa" => "es",
            "ita" => "it",
            "dut" | "nld" => "nl",
            "por" => "pt",
            "bre" => "br",
            "oci" => "oc",
            "cat" => "ca",
            "eus" | "baq" => "eu",
            "cos" => "co",
            "gsw" => "gsw",
            _ => {
                return Self {
                    code: iso639_2.trim().to_owned(),
                };
            }
        };
        Self {
            code: code.to_owned(),
        }
    }
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ExternalId {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    pub value: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FormatRef {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Contact {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub position: Option<String>,
    pub emails: Vec<Valued>,
    pub phones: Vec<Valued>,
    pub roles: Vec<String>,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Valued {
    pub value: String,
}

/// The bounding boxes: a Point, a Polygon, or a MultiPolygon for several boxes or one
/// crossing the antimeridian (split in two).
#[must_use]
pub fn geometry(record: &Record) -> Option<Value> {
    let boxes: Vec<Bbox> = record
        .extents
        .iter()
        .filter_map(|e| e.bbox)
        .flat_map(|b| b.split_at_antimeridian())
        .collect();
    match boxes.as_slice() {
        [] => None,
        [b] if b.west == b.east && b.south == b.north => {
            Some(json!({"type": "Point", "coordinates": [b.west, b.south]}))
        }
        [b] => Some(json!({"type": "Polygon", "coordinates": [ring(b)]})),
        many => {
            let polys: Vec<Value> = many.iter().map(|b| json!([ring(b)])).collect();
            Some(json!({"type": "MultiPolygon", "coordinates": polys}))
        }
    }
}

fn ring(b: &Bbox) -> Value {
    json!([
        [b.west, b.south],
        [b.east, b.south],
        [b.east, b.north],
        [b.west, b.north],
        [b.west, b.south]
    ])
}

/// The first temporal extent as `{"interval": [..]}` (or `{"date"}`/`{"timestamp"}` for an instant).
#[must_use]
pub fn time(record: &Record) -> Option<Value> {
    let t = record
        .temporal_extents
        .iter()
        .find(|t| t.begin.is_some() || t.end.is_some() || t.end_is_now)?;
    let begin = t.begin.as_deref().map(|s| complete(s, false));
    let end = if t.end_is_now {
        None
    } else {
        t.end.as_deref().map(|s| complete(s, true))
    };
    if begin.is_some() && begin == end {
        let v = begin.unwrap_or_default();
        let key = if v.contains('T') { "timestamp" } else { "date" };
        return Some(json!({ key: v }));
    }
    let open = || "..".to_owned();
    Some(json!({"interval": [begin.unwrap_or_else(open), end.unwrap_or_else(open)]}))
}

/// `2020` → `2020-01-01` (or `-12-31` at an end), `2020-05` → `2020-05-01`; else as written.
fn complete(s: &str, end: bool) -> String {
    let s = s.trim();
    match (s.len(), end) {
        (4, false) => format!("{s}-01-01"),
        (4, true) => format!("{s}-12-31"),
        (7, _) => format!("{s}-01"),
        _ => s.to_owned(),
    }
}

/// Keyword groups with a thesaurus, then the topic categories.
#[must_use]
pub fn themes(record: &Record) -> Vec<Theme> {
    let mut out: Vec<Theme> = record
        .keywords
        .iter()
        .filter_map(|g| {
            let t = g.thesaurus.as_ref()?;
            let scheme = t.title.uri.clone().unwrap_or_else(|| t.title.text.clone());
            let concepts = g
                .keywords
                .iter()
                .map(|k| Concept {
                    id: k.text.clone(),
                    url: k.uri.clone(),
                })
                .collect();
            Some(Theme { concepts, scheme })
        })
        .collect();
    if !record.topic_categories.is_empty() {
        let concepts = record
            .topic_categories
            .iter()
            .map(|c| Concept {
                id: c.clone(),
                url: None,
            })
            .collect();
        out.push(Theme {
            concepts,
            scheme: TOPIC_SCHEME.to_owned(),
        });
    }
    out
}

#[must_use]
pub fn external_ids(record: &Record) -> Vec<ExternalId> {
    record
        .identifiers
        .iter()
        .map(|i| ExternalId {
            scheme: i.codespace.clone(),
            value: i.uri.clone().unwrap_or_else(|| i.code.clone()),
        })
        .collect()
}

#[must_use]
pub fn formats(record: &Record) -> Vec<FormatRef> {
    record
        .formats
        .iter()
        .map(|f| FormatRef {
            name: f.name.text.clone(),
        })
        .collect()
}

#[must_use]
pub fn contacts(record: &Record) -> Vec<Contact> {
    record
        .contacts
        .iter()
        .chain(&record.metadata_contacts)
        .map(|c| Contact {
            name: c.individual.clone(),
            organization: c.organisation.clone(),
            position: c.position.clone(),
            emails: c
                .emails
                .iter()
                .map(|v| Valued { value: v.clone() })
                .collect(),
            phones: c
                .phones
                .iter()
                .map(|v| Valued { value: v.clone() })
                .collect(),
            roles: c.role.iter().cloned().collect(),
            links: c
                .url
                .iter()
                .map(|u| Link::new("about", u.clone(), "", ""))
                .collect(),
        })
        .collect()
}

/// Use limitations, access and other constraints, joined.
#[must_use]
pub fn rights(record: &Record) -> Option<String> {
    let texts: Vec<&str> = record
        .constraints
        .iter()
        .flat_map(|c| {
            c.use_limitations
                .iter()
                .chain(&c.other_constraints)
                .map(|a| a.text.as_str())
        })
        .filter(|t| !t.is_empty())
        .collect();
    (!texts.is_empty()).then(|| texts.join("; "))
}

/// Online resources (`enclosure` for downloads, else `related`), overviews (`preview`)
/// and the licence URI (`license`).
#[must_use]
pub fn resource_links(record: &Record) -> Vec<Link> {
    let mut out: Vec<Link> = record
        .online_resources
        .iter()
        .filter(|o| !o.url.trim().is_empty())
        .map(|o| {
            let rel = if o.function.as_deref() == Some("download") {
                "enclosure"
            } else {
                "related"
            };
            let title = o
                .name
                .as_deref()
                .or(o.description.as_deref())
                .unwrap_or_default();
            Link::new(rel, o.url.trim(), "", title)
        })
        .collect();
    for o in record.overviews.iter().filter(|o| !o.url.trim().is_empty()) {
        let media = o
            .file_type
            .as_deref()
            .filter(|t| t.contains('/'))
            .unwrap_or_default();
        out.push(Link::new(
            "preview",
            o.url.trim(),
            media,
            o.description.as_deref().unwrap_or_default(),
        ));
    }
    if let Some(uri) = record.licence().and_then(|l| l.uri.clone()) {
        out.push(Link::new("license", uri, "", "Licence"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::{GeographicExtent, TemporalExtent};

    #[test]
    fn antimeridian_box_is_a_multipolygon() {
        let mut r = Record::default();
        r.extents.push(GeographicExtent {
            bbox: Some(Bbox::new(170.0, -20.0, -170.0, -10.0).expect("b")),
            description: None,
        });
        let g = geometry(&r).expect("geometry");
        assert_eq!(g["type"], "MultiPolygon");
        assert_eq!(g["coordinates"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn time_forms() {
        let mut r = Record::default();
        r.temporal_extents.push(TemporalExtent {
            begin: Some("2019".into()),
            end: Some("2020-06".into()),
            end_is_now: false,
        });
        assert_eq!(
            time(&r),
            Some(json!({"interval": ["2019-01-01", "2020-06-01"]}))
        );
        r.temporal_extents[0] = TemporalExtent {
            begin: Some("2020-01-02".into()),
            end: Some("2020-01-02".into()),
            end_is_now: false,
        };
        assert_eq!(time(&r), Some(json!({"date": "2020-01-02"})));
        assert_eq!(Language::new("fre").code, "fr");
    }
}
