//! Parts of the GeoJSON record: geometry, time, themes, contacts, languages, links.
//! Each part follows its schema of OGC API Records 1.0 (`recordCommonProperties.yaml`
//! and the files it names): arrays are never empty, so a part with nothing to say is
//! left out.

mod contact;
mod licence;
mod time;

pub use contact::{Contact, contacts};
pub use licence::licence;
pub use time::time;

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

/// Keyword groups with a thesaurus, then the topic categories.
#[must_use]
pub fn themes(record: &Record) -> Vec<Theme> {
    let mut out: Vec<Theme> = record
        .keywords
        .iter()
        .filter_map(|g| {
            let t = g.thesaurus.as_ref()?;
            let scheme = t.title.uri.clone().unwrap_or_else(|| t.title.text.clone());
            let concepts: Vec<Concept> = g
                .keywords
                .iter()
                .filter(|k| !k.text.trim().is_empty())
                .map(|k| Concept {
                    id: k.text.clone(),
                    url: k.uri.clone().filter(|u| is_uri(u)),
                })
                .collect();
            // `themes.yaml` wants at least one concept per scheme.
            (!concepts.is_empty()).then_some(Theme { concepts, scheme })
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

/// An absolute URI (the `format: uri` of a concept's `url`), not a text in its place.
fn is_uri(s: &str) -> bool {
    let Some((scheme, rest)) = s.split_once(':') else {
        return false;
    };
    !rest.is_empty()
        && scheme
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        && !s.chars().any(char::is_whitespace)
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
        .filter(|f| !f.name.text.trim().is_empty())
        .map(|f| FormatRef {
            name: f.name.text.clone(),
        })
        .collect()
}

/// Use limitations and other constraints, joined, and the words of a licence that
/// `license` cannot name (neither an SPDX one nor linked).
#[must_use]
pub fn rights(record: &Record) -> Option<String> {
    let unnamed_licence = licence(record)
        .is_none()
        .then(|| record.constraints.iter().filter_map(|c| c.licence.as_ref()))
        .into_iter()
        .flatten();
    let texts: Vec<&str> = record
        .constraints
        .iter()
        .flat_map(|c| c.use_limitations.iter().chain(&c.other_constraints))
        .chain(unnamed_licence)
        .map(|a| a.text.as_str())
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
    if let Some(link) = licence(record).and_then(|l| l.link) {
        out.push(Link::new("license", link, "", "Licence"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::GeographicExtent;

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
    fn languages_and_uris() {
        assert_eq!(Language::new("fre").code, "fr");
        assert!(is_uri("http://inspire.ec.europa.eu/theme/hy"));
        assert!(!is_uri("Hydrographie"));
        assert!(!is_uri("a b:c"));
    }
}
