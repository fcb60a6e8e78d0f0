//! Links: absolute URLs built from the public URL, the collection and paging links.

use moisson_http::links::PageUrls;
use serde::Serialize;
use utoipa::ToSchema;

/// Where the API is mounted under the public URL.
pub const PREFIX: &str = "/ogcapi";
/// Identifier of the one catalogue collection.
pub const CATALOGUE_ID: &str = "main";

pub const JSON: &str = "application/json";
pub const GEOJSON: &str = "application/geo+json";
/// The media type of a catalogue (OGC API Records JSON class).
pub const OGC_CATALOG_JSON: &str = "application/ogc-catalog+json";
pub const SCHEMA_JSON: &str = "application/schema+json";
/// OpenAPI 3.0: the version OWSLib's `api()` looks for (see `openapi::v30`).
pub const OPENAPI_JSON: &str = "application/vnd.oai.openapi+json;version=3.0";
pub const ISO_XML: &str = "application/xml";
pub const JSON_LD: &str = "application/ld+json";
pub const HTML: &str = "text/html";
pub const TURTLE: &str = "text/turtle";

/// Where the DCAT-AP endpoints (moisson-dcat) are mounted under the public URL.
const DCAT_PREFIX: &str = "/dcat";

/// A link (OGC API Common / RFC 8288).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Link {
    pub href: String,
    #[schema(example = "self")]
    pub rel: String,
    #[serde(rename = "type", skip_serializing_if = "Option::is_none")]
    #[schema(example = "application/geo+json")]
    pub media_type: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
}

impl Link {
    #[must_use]
    pub fn new(rel: &str, href: impl Into<String>, media_type: &str, title: &str) -> Self {
        Self {
            href: href.into(),
            rel: rel.to_owned(),
            media_type: (!media_type.is_empty()).then(|| media_type.to_owned()),
            title: (!title.is_empty()).then(|| title.to_owned()),
        }
    }
}

/// Percent-encodes one path segment or query component.
pub use moisson_http::links::encode;

/// `base/collections/main`.
#[must_use]
pub fn collection_url(base: &str) -> String {
    format!("{base}/collections/{CATALOGUE_ID}")
}

/// `base/collections/main/items/<id>` with the identifier percent-encoded.
#[must_use]
pub fn record_url(base: &str, id: &str) -> String {
    format!("{}/items/{}", collection_url(base), encode(id))
}

/// The public URL of a `public_url/ogcapi` base: the DCAT-AP endpoints live beside
/// `/ogcapi`, not under it, and handlers only carry the OGC API base.
fn public_url(base: &str) -> &str {
    base.strip_suffix(PREFIX).unwrap_or(base)
}

/// `public_url/api/v1/harvest/records/<id>`: where a harvested record comes from (REST).
#[must_use]
pub fn provenance_url(base: &str, id: &str) -> String {
    format!("{}/api/v1/harvest/records/{}", public_url(base), encode(id))
}

/// `public_url/dcat/records/<id>.<ext>`: one record in DCAT-AP (`jsonld` or `ttl`). The
/// suffix picks the format whatever the client's `Accept`, so the link's type holds.
#[must_use]
pub fn dcat_record_url(base: &str, id: &str, ext: &str) -> String {
    format!(
        "{}{DCAT_PREFIX}/records/{}.{ext}",
        public_url(base),
        encode(id)
    )
}

/// `public_url/dcat/catalog.<ext>`: the whole catalogue in DCAT-AP.
#[must_use]
pub fn dcat_catalog_url(base: &str, ext: &str) -> String {
    format!("{}{DCAT_PREFIX}/catalog.{ext}", public_url(base))
}

/// The DCAT-AP alternates (JSON-LD, Turtle) of a record, or of the catalogue when `id`
/// is `None`.
#[must_use]
pub fn dcat_alternates(base: &str, id: Option<&str>) -> Vec<Link> {
    let what = if id.is_some() { "record" } else { "catalogue" };
    [(JSON_LD, "jsonld", "JSON-LD"), (TURTLE, "ttl", "Turtle")]
        .into_iter()
        .map(|(media_type, ext, name)| {
            let href = match id {
                Some(id) => dcat_record_url(base, id, ext),
                None => dcat_catalog_url(base, ext),
            };
            Link::new(
                "alternate",
                href,
                media_type,
                &format!("This {what} in DCAT-AP ({name})"),
            )
        })
        .collect()
}

/// `self`, `next`, `prev` of an items page. `pairs` are the request's parameters;
/// `limit` and `offset` are replaced, the others kept in order.
#[must_use]
pub fn paging(
    base: &str,
    pairs: &[(String, String)],
    limit: u32,
    offset: u64,
    matched: u64,
) -> Vec<Link> {
    let PageUrls { this, next, prev } =
        moisson_http::links::paging(pairs, limit, offset, matched, |query| {
            format!("{}/items?{query}", collection_url(base))
        });
    let html = crate::html::as_html(&this);
    let mut links = vec![
        Link::new("self", this, GEOJSON, "This page"),
        Link::new("alternate", html, HTML, "This page as HTML"),
    ];
    links.extend(next.map(|url| Link::new("next", url, GEOJSON, "Next page")));
    links.extend(prev.map(|url| Link::new("prev", url, GEOJSON, "Previous page")));
    links.push(Link::new(
        "collection",
        collection_url(base),
        JSON,
        "The catalogue",
    ));
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(q: &[(&str, &str)]) -> Vec<(String, String)> {
        q.iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn paging_keeps_the_query_and_moves_offset() {
        let links = paging(
            "u/ogcapi",
            &pairs(&[("q", "eau potable"), ("offset", "10")]),
            10,
            10,
            35,
        );
        let rels: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.rel.as_str(), l.href.as_str()))
            .collect();
        assert_eq!(
            rels[0],
            (
                "self",
                "u/ogcapi/collections/main/items?q=eau%20potable&limit=10&offset=10"
            )
        );
        assert_eq!(
            rels[2],
            (
                "next",
                "u/ogcapi/collections/main/items?q=eau%20potable&limit=10&offset=20"
            )
        );
        assert_eq!(
            rels[3],
            (
                "prev",
                "u/ogcapi/collections/main/items?q=eau%20potable&limit=10&offset=0"
            )
        );
        let last = paging("u", &[], 10, 30, 35);
        assert!(!last.iter().any(|l| l.rel == "next"));
    }

    #[test]
    fn ids_with_slashes_are_encoded() {
        assert_eq!(
            record_url("u", "FR-1/plu:2024"),
            "u/collections/main/items/FR-1%2Fplu%3A2024"
        );
    }

    #[test]
    fn dcat_links_sit_beside_the_ogc_api() {
        assert_eq!(
            dcat_record_url("http://h/base/ogcapi", "FR-1/plu", "ttl"),
            "http://h/base/dcat/records/FR-1%2Fplu.ttl"
        );
        let catalog = dcat_alternates("http://h/ogcapi", None);
        assert_eq!(catalog[0].href, "http://h/dcat/catalog.jsonld");
        assert_eq!(catalog[1].media_type.as_deref(), Some(TURTLE));
    }
}
