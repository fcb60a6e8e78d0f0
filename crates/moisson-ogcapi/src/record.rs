//! A model record as the OGC API Records GeoJSON record (`recordGeoJSON`).

use moisson_model::{DocumentFormat, Record, RecordSource};
use moisson_store::StoredRecord;
use serde::Serialize;
use serde_json::Value;
use utoipa::ToSchema;

use crate::links::{self, GEOJSON, HTML, ISO_XML, JSON, Link};
use crate::record_parts::{self as parts, Contact, ExternalId, FormatRef, Language, Theme};

/// The `conformsTo` of every record.
pub const RECORD_CORE: &str = "http://www.opengis.net/spec/ogcapi-records-1/1.0/req/record-core";
/// The profile every record links to (`rel=profile`, /req/record-core/default-mediatype).
pub const RECORD_PROFILE: &str = "http://www.opengis.net/def/profile/OGC/0/ogc-record";

/// A record as a GeoJSON feature.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordFeature {
    pub id: String,
    /// Always `Feature`.
    #[serde(rename = "type")]
    #[schema(example = "Feature")]
    pub kind: String,
    pub conforms_to: Vec<String>,
    /// The bounding boxes as a Polygon, or a MultiPolygon when there are several or one
    /// crosses the antimeridian; `null` when the record has none.
    #[schema(value_type = Option<Object>)]
    pub geometry: Option<Value>,
    /// `{"interval": [start, end]}` with `..` for an open end, or `{"date": …}`; absent
    /// when the record has no temporal extent (`time.yaml` is itself nullable, so a
    /// `null` would match both branches of the record schema's `oneOf`).
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub time: Option<Value>,
    pub properties: RecordProperties,
    pub links: Vec<Link>,
}

/// The record's properties (OGC API Records core properties).
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordProperties {
    /// Resource type: the ISO hierarchy level (dataset, series, service, …).
    #[serde(rename = "type")]
    pub kind: String,
    pub title: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub description: Option<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub keywords: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub themes: Vec<Theme>,
    /// Language of the record (the metadata).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub language: Option<Language>,
    /// The other languages this record is available in (Records `languages`): those its
    /// texts are translated into (title, abstract, keywords, constraints, lineage; the
    /// REST record's `title_i18n` and the like), the record's own `language` aside.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub languages: Vec<Language>,
    /// Languages of the described resource.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub resource_languages: Vec<Language>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub external_ids: Vec<ExternalId>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub contacts: Vec<Contact>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub formats: Vec<FormatRef>,
    /// Access and use constraints, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rights: Option<String>,
    /// The SPDX identifier of a common licence, else `other` with a `license` link to
    /// its text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub license: Option<String>,
    /// When the record was created in this catalogue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<String>,
    /// When the record was last changed in this catalogue.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<String>,
    /// What harvesters read as the identifier of the described resource (DCAT
    /// `dct:identifier`): the producer's first resource identifier, else one minted from
    /// the public URL and the record id (`minted: true`).
    pub resource_identifier: ResourceIdentity,
}

/// A resource identifier and whether Moisson minted it (the producer gave none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ResourceIdentity {
    pub value: String,
    pub minted: bool,
}

impl RecordFeature {
    /// The GeoJSON record of a stored record; `base` is `public_url/ogcapi`, `dcat` mints
    /// under `public_url`.
    #[must_use]
    pub fn new(stored: &StoredRecord, base: &str, dcat: &moisson_dcat::Context) -> Self {
        let record = &stored.record;
        let id = stored.id().as_str();
        let identity = moisson_dcat::resource_identity(record, dcat, id);
        let identity = ResourceIdentity {
            value: identity.value,
            minted: identity.minted,
        };
        Self {
            id: id.to_owned(),
            kind: "Feature".to_owned(),
            conforms_to: vec![RECORD_CORE.to_owned()],
            geometry: parts::geometry(record),
            time: parts::time(record),
            properties: properties(record, identity),
            links: record_links(stored, base),
        }
    }
}

fn properties(record: &Record, resource_identifier: ResourceIdentity) -> RecordProperties {
    let catalogue = &record.catalogue;
    let ts = |d: Option<chrono::DateTime<chrono::Utc>>| {
        d.map(|d| d.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
    };
    RecordProperties {
        kind: record.hierarchy_level.as_str().to_owned(),
        title: record.title.clone(),
        description: (!record.abstract_text.is_empty()).then(|| record.abstract_text.clone()),
        keywords: record.keyword_texts().map(str::to_owned).collect(),
        themes: parts::themes(record),
        language: record.metadata.language.as_deref().map(Language::new),
        languages: other_languages(record),
        resource_languages: record
            .resource_languages
            .iter()
            .map(|l| Language::new(l))
            .collect(),
        external_ids: parts::external_ids(record),
        contacts: parts::contacts(record),
        formats: parts::formats(record),
        rights: parts::rights(record),
        license: parts::licence(record).map(|l| l.license),
        created: ts(catalogue.created),
        updated: ts(catalogue.updated),
        resource_identifier,
    }
}

/// The languages of the record's translations, each once, without its own.
fn other_languages(record: &Record) -> Vec<Language> {
    let own = record.metadata.language.as_deref().map(Language::new);
    let mut out: Vec<Language> = Vec::new();
    for language in record
        .translation_languages()
        .into_iter()
        .map(Language::new)
    {
        let known = out.iter().chain(&own).any(|l| l.code == language.code);
        if !known {
            out.push(language);
        }
    }
    out
}

/// `self`, the alternates (HTML, ISO 19139, DCAT-AP), the profile, the collection, then
/// the record's own resources.
fn record_links(stored: &StoredRecord, base: &str) -> Vec<Link> {
    let url = links::record_url(base, stored.id().as_str());
    let iso_title = match &stored.original {
        Some(o) if o.format == DocumentFormat::Iso19139 => {
            "ISO 19139 metadata (the original document)"
        }
        _ => "ISO 19139 metadata",
    };
    let mut out = vec![
        Link::new(
            "self",
            format!("{url}?f=json"),
            GEOJSON,
            "This record as GeoJSON",
        ),
        Link::new("alternate", format!("{url}?f=xml"), ISO_XML, iso_title),
        Link::new(
            "alternate",
            format!("{url}?f=html"),
            HTML,
            "This record as a web page",
        ),
    ];
    out.extend(links::dcat_alternates(base, Some(stored.id().as_str())));
    out.push(Link::new(
        "profile",
        RECORD_PROFILE,
        "",
        "OGC API Records record",
    ));
    out.push(Link::new(
        "collection",
        links::collection_url(base),
        JSON,
        "The catalogue",
    ));
    out.extend(provenance_links(stored, base));
    out.extend(parts::resource_links(&stored.record));
    out
}

/// A harvested record's source (`via`, RFC 4287: where its information comes from) and
/// its provenance (REST: source, remote identifier, harvest time, job).
fn provenance_links(stored: &StoredRecord, base: &str) -> Vec<Link> {
    let RecordSource::Harvested { harvester, url } = &stored.record.catalogue.source else {
        return Vec::new();
    };
    let mut out = Vec::new();
    if let Some(url) = url {
        let title = format!("Harvested from {url} (harvest source {harvester})");
        out.push(Link::new("via", url.as_str(), "", &title));
    }
    out.push(Link::new(
        "describedby",
        links::provenance_url(base, stored.id().as_str()),
        JSON,
        "Provenance: harvest source, remote identifier, harvest time and job",
    ));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::{Bbox, GeographicExtent, RecordId, TemporalExtent};

    fn stored(record: Record) -> StoredRecord {
        StoredRecord {
            record,
            original: None,
            version: 1,
        }
    }

    #[test]
    fn a_harvested_record_links_its_source_and_provenance() {
        let mut r = Record {
            id: Some(RecordId::parse("FR-1/a").expect("id")),
            title: "Eau".into(),
            ..Record::default()
        };
        let local = RecordFeature::new(
            &stored(r.clone()),
            "u/ogcapi",
            &moisson_dcat::Context::new("u"),
        );
        let v = serde_json::to_value(&local).expect("json");
        assert!(!v["links"].to_string().contains("\"via\""), "{v}");
        r.catalogue.source = RecordSource::Harvested {
            harvester: "geo-ide-1".into(),
            url: Some("https://geo.example/csw".into()),
        };
        let f = RecordFeature::new(&stored(r), "u/ogcapi", &moisson_dcat::Context::new("u"));
        let v = serde_json::to_value(&f).expect("json");
        let links = v["links"].as_array().expect("links");
        let rel = |name: &str| links.iter().find(|l| l["rel"] == name).cloned();
        assert_eq!(rel("via").expect("via")["href"], "https://geo.example/csw");
        assert_eq!(
            rel("describedby").expect("provenance")["href"],
            "u/api/v1/harvest/records/FR-1%2Fa"
        );
    }

    #[test]
    fn lists_the_languages_of_its_translations() {
        let mut r = Record {
            id: Some(RecordId::parse("FR-1/a").expect("id")),
            title: "Eau".into(),
            ..Record::default()
        };
        r.metadata.language = Some("fre".into());
        r.title_i18n.insert("eng".into(), "Water".into());
        r.title_i18n.insert("fre".into(), "Eau".into());
        r.lineage_i18n.insert("ger".into(), "Wasser".into());
        let f = RecordFeature::new(&stored(r), "u/ogcapi", &moisson_dcat::Context::new("u"));
        let v = serde_json::to_value(&f).expect("json");
        assert_eq!(v["properties"]["language"]["code"], "fr");
        assert_eq!(
            v["properties"]["languages"],
            serde_json::json!([{"code": "en"}, {"code": "de"}])
        );
    }

    #[test]
    fn maps_core_properties_and_links() {
        let mut r = Record {
            id: Some(RecordId::parse("FR-1/a").expect("id")),
            title: "Eau".into(),
            ..Record::default()
        };
        r.extents.push(GeographicExtent {
            bbox: Some(Bbox::new(1.0, 43.0, 2.0, 44.0).expect("bbox")),
            description: None,
        });
        r.temporal_extents.push(TemporalExtent {
            begin: Some("2020-01-01".into()),
            end: None,
            end_is_now: true,
        });
        let f = RecordFeature::new(&stored(r), "u/ogcapi", &moisson_dcat::Context::new("u"));
        let v = serde_json::to_value(&f).expect("json");
        assert_eq!(v["type"], "Feature");
        assert_eq!(v["geometry"]["type"], "Polygon");
        assert_eq!(
            v["time"]["interval"],
            serde_json::json!(["2020-01-01", ".."])
        );
        assert_eq!(v["properties"]["type"], "dataset");
        assert_eq!(
            v["links"][0]["href"],
            "u/ogcapi/collections/main/items/FR-1%2Fa?f=json"
        );
        assert_eq!(v["links"][1]["rel"], "alternate");
        assert_eq!(v["links"][2]["type"], "text/html");
        assert_eq!(
            v["links"][3]["href"], "u/dcat/records/FR-1%2Fa.jsonld",
            "DCAT-AP beside the OGC API"
        );
        assert_eq!(v["links"][4]["type"], "text/turtle");
        assert!(v["properties"].get("description").is_none());
        assert_eq!(
            v["properties"]["resourceIdentifier"],
            serde_json::json!({"value": "u/dcat/records/FR-1/a#dataset", "minted": true}),
            "no resource identifier of its own: the one the DCAT mapping mints, flagged"
        );
    }
}
