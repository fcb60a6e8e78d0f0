//! OGC API sources (Features, Records, Maps… any OGC API with collections): the landing
//! page (JSON) → its `data` link (else `{landing}/collections`) → one dataset record per
//! collection (title, description, keywords, WGS 84 extent, CRS, its links) and a service
//! record operating on them. Identifiers are made from the landing URL, so a source keeps
//! them from run to run. Remote data (items, tiles) is not read.

use moisson_model::{
    Anchored, Bbox, GeographicExtent, HierarchyLevel, KeywordGroup, OnlineResource, OperatesOn,
    Record, RecordId, ResourceIdentifier, ServiceInfo,
};
use reqwest::Url;
use serde_json::Value;
use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::http::Fetcher;
use crate::json_api::text;

const ACCEPT: &str = "application/json";
const PROTOCOL: &str = "OGC API";
/// Link relations of the collections document (OGC API Common).
const DATA_RELS: [&str; 2] = ["data", "http://www.opengis.net/def/rel/ogc/1.0/data"];

/// Whether a fetched capabilities document is JSON (an OGC API landing page).
pub(crate) fn is_json(body: &[u8]) -> bool {
    body.iter()
        .find(|b| !b.is_ascii_whitespace())
        .is_some_and(|b| *b == b'{')
}

/// The service record first, then one dataset record per collection.
///
/// # Errors
/// `Error::Remote` when the landing page or the collections do not read.
pub(crate) async fn records(
    fetcher: &mut Fetcher,
    landing_url: &Url,
    landing: &[u8],
) -> Result<Vec<Record>> {
    let fail = |url: &Url, m: String| Error::remote(url.as_str(), m);
    let landing: Value = serde_json::from_slice(landing)
        .map_err(|e| fail(landing_url, format!("unreadable landing page: {e}")))?;
    let collections_url = link(&landing, &DATA_RELS)
        .and_then(|href| landing_url.join(href).ok())
        .or_else(|| {
            landing_url
                .join(&format!(
                    "{}/collections",
                    landing_url.path().trim_end_matches('/')
                ))
                .ok()
        })
        .ok_or_else(|| fail(landing_url, "no collections link".to_owned()))?;
    let body = fetcher.get(collections_url.as_str(), ACCEPT).await?.body;
    let doc: Value = serde_json::from_slice(&body)
        .map_err(|e| fail(&collections_url, format!("unreadable collections: {e}")))?;
    let collections = doc
        .get("collections")
        .and_then(Value::as_array)
        .ok_or_else(|| fail(&collections_url, "no collections array".to_owned()))?;
    let service_id = format!(
        "ogc-{}",
        &hex::encode(Sha256::digest(landing_url.as_str().as_bytes()))[..16]
    );
    let datasets: Vec<Record> = collections
        .iter()
        .filter_map(|c| collection_record(&service_id, &collections_url, c))
        .collect();
    let mut out = vec![service_record(
        &service_id,
        landing_url,
        &landing,
        &datasets,
    )];
    out.extend(datasets);
    Ok(out)
}

/// The `href` of the first link with one of `rels`.
fn link<'a>(doc: &'a Value, rels: &[&str]) -> Option<&'a str> {
    doc.get("links")?
        .as_array()?
        .iter()
        .find(|l| {
            l.get("rel")
                .and_then(Value::as_str)
                .is_some_and(|r| rels.contains(&r))
        })
        .and_then(|l| l.get("href")?.as_str())
}

fn keywords(c: &Value) -> Vec<KeywordGroup> {
    let words: Vec<Anchored> = c
        .get("keywords")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(|k| k.as_str().or_else(|| k.get("keyword")?.as_str()))
        .filter(|k| !k.trim().is_empty())
        .map(|k| Anchored::text(k.trim()))
        .collect();
    if words.is_empty() {
        return Vec::new();
    }
    vec![KeywordGroup {
        keywords: words,
        ..KeywordGroup::default()
    }]
}

/// `extent.spatial.bbox[0]` (CRS84: west, south, east, north).
fn bbox(c: &Value) -> Option<Bbox> {
    let b = c.pointer("/extent/spatial/bbox/0")?.as_array()?;
    let n: Vec<f64> = b.iter().filter_map(Value::as_f64).collect();
    match n.as_slice() {
        [w, s, e, n] | [w, s, _, e, n, _] => Bbox::new(*w, *s, *e, *n).ok(),
        _ => None,
    }
}

fn collection_record(service_id: &str, collections_url: &Url, c: &Value) -> Option<Record> {
    let name = text(c, "id")?;
    let id = RecordId::parse(format!(
        "{service_id}:{}",
        name.replace(char::is_whitespace, "_")
    ))
    .ok()?;
    let own = collections_url
        .join(&format!(
            "{}/{name}",
            collections_url.path().trim_end_matches('/')
        ))
        .map(|u| u.to_string())
        .unwrap_or_default();
    let mut online = vec![OnlineResource {
        url: own,
        protocol: Some(PROTOCOL.to_owned()),
        name: Some(name.to_owned()),
        ..OnlineResource::default()
    }];
    if let Some(meta) = link(c, &["describedby"]) {
        online.push(OnlineResource {
            url: meta.to_owned(),
            function: Some("information".to_owned()),
            description: Some("describedby".to_owned()),
            ..OnlineResource::default()
        });
    }
    Some(Record {
        id: Some(id),
        hierarchy_level: HierarchyLevel::Dataset,
        title: text(c, "title").unwrap_or(name).to_owned(),
        abstract_text: text(c, "description").unwrap_or_default().to_owned(),
        keywords: keywords(c),
        extents: bbox(c)
            .map(|b| GeographicExtent {
                bbox: Some(b),
                description: None,
            })
            .into_iter()
            .collect(),
        reference_systems: c
            .get("crs")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .map(|code| ResourceIdentifier {
                code: code.to_owned(),
                ..ResourceIdentifier::default()
            })
            .collect(),
        online_resources: online,
        ..Record::default()
    })
}

fn service_record(id: &str, url: &Url, landing: &Value, datasets: &[Record]) -> Record {
    Record {
        id: RecordId::parse(id.to_owned()).ok(),
        hierarchy_level: HierarchyLevel::Service,
        title: text(landing, "title").unwrap_or(url.as_str()).to_owned(),
        abstract_text: text(landing, "description").unwrap_or_default().to_owned(),
        online_resources: vec![OnlineResource {
            url: url.to_string(),
            protocol: Some(PROTOCOL.to_owned()),
            function: Some("information".to_owned()),
            ..OnlineResource::default()
        }],
        service: Some(ServiceInfo {
            service_type: Some("download".to_owned()),
            coupling_type: Some("tight".to_owned()),
            operates_on: datasets
                .iter()
                .filter_map(|d| d.id.as_ref())
                .map(|i| OperatesOn {
                    uuidref: Some(i.as_str().to_owned()),
                    href: None,
                })
                .collect(),
            ..ServiceInfo::default()
        }),
        ..Record::default()
    }
}
