//! Links: absolute URLs built from the public URL, the collection and paging links.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use utoipa::ToSchema;

/// Where the API is mounted under the public URL.
pub const PREFIX: &str = "/ogcapi";
/// Identifier of the one catalogue collection.
pub const CATALOGUE_ID: &str = "main";

pub const JSON: &str = "application/json";
pub const GEOJSON: &str = "application/geo+json";
pub const SCHEMA_JSON: &str = "application/schema+json";
pub const OPENAPI_JSON: &str = "application/vnd.oai.openapi+json;version=3.1";
pub const ISO_XML: &str = "application/xml";

/// Everything but RFC 3986 unreserved characters is encoded (`/` in ids becomes `%2F`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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
#[must_use]
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

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
    let kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(n, _)| n != "limit" && n != "offset")
        .collect();
    let url = |offset: u64| {
        let mut query: Vec<String> = kept
            .iter()
            .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
            .collect();
        query.push(format!("limit={limit}"));
        query.push(format!("offset={offset}"));
        format!("{}/items?{}", collection_url(base), query.join("&"))
    };
    let mut links = vec![Link::new("self", url(offset), GEOJSON, "This page")];
    let next = offset.saturating_add(u64::from(limit));
    if next < matched {
        links.push(Link::new("next", url(next), GEOJSON, "Next page"));
    }
    if offset > 0 {
        links.push(Link::new(
            "prev",
            url(offset.saturating_sub(u64::from(limit))),
            GEOJSON,
            "Previous page",
        ));
    }
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
            rels[1],
            (
                "next",
                "u/ogcapi/collections/main/items?q=eau%20potable&limit=10&offset=20"
            )
        );
        assert_eq!(
            rels[2],
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
}
