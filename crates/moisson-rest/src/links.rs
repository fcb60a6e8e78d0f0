//! Absolute links: paging links of a list and the `Location` of a created record.

use moisson_http::links::{PageUrls, encode};
use serde::Serialize;
use utoipa::ToSchema;

/// A link of a response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Link {
    #[schema(example = "next")]
    pub rel: String,
    /// Absolute URL, built from the server's public URL.
    pub href: String,
    #[serde(rename = "type")]
    #[schema(example = "application/json")]
    pub media_type: String,
}

impl Link {
    fn json(rel: &str, href: String) -> Self {
        Self {
            rel: rel.to_owned(),
            href,
            media_type: "application/json".to_owned(),
        }
    }
}

/// `public_url/api/v1/records/<id>` with the identifier percent-encoded.
#[must_use]
pub fn record_url(public_url: &str, id: &str) -> String {
    format!("{public_url}/api/v1/records/{}", encode(id))
}

/// The links of one record: `self` (this JSON) and its `alternate` representations:
/// ISO 19139 (`.xml` suffix of the same URL) and the DCAT-AP record in JSON-LD and
/// Turtle (`/dcat/records/{id}`, the document that also serves RDF/XML and N-Triples).
#[must_use]
pub fn record(public_url: &str, id: &str) -> Vec<Link> {
    let this = record_url(public_url, id);
    let dcat = format!("{public_url}/dcat/records/{}", encode(id));
    let link = |rel: &str, href: String, media_type: &str| Link {
        rel: rel.to_owned(),
        href,
        media_type: media_type.to_owned(),
    };
    vec![
        link("alternate", format!("{this}.xml"), "application/xml"),
        link("alternate", format!("{dcat}.jsonld"), "application/ld+json"),
        link("alternate", format!("{dcat}.ttl"), "text/turtle"),
        Link::json("self", this),
    ]
}

/// `self`, `next` and `prev` of a list page. `pairs` are the request's parameters;
/// `limit` and `offset` are replaced, the others kept in order.
#[must_use]
pub fn paging(
    public_url: &str,
    pairs: &[(String, String)],
    limit: u32,
    offset: u64,
    total: u64,
) -> Vec<Link> {
    let PageUrls { this, next, prev } =
        moisson_http::links::paging(pairs, limit, offset, total, |query| {
            format!("{public_url}/api/v1/records?{query}")
        });
    let mut links = vec![Link::json("self", this)];
    links.extend(next.map(|url| Link::json("next", url)));
    links.extend(prev.map(|url| Link::json("prev", url)));
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
    fn middle_page_has_all_three() {
        let links = paging(
            "https://cat.example",
            &pairs(&[("q", "plu lyon"), ("offset", "10")]),
            10,
            10,
            35,
        );
        let hrefs: Vec<(&str, &str)> = links
            .iter()
            .map(|l| (l.rel.as_str(), l.href.as_str()))
            .collect();
        assert_eq!(
            hrefs,
            [
                (
                    "self",
                    "https://cat.example/api/v1/records?q=plu%20lyon&limit=10&offset=10"
                ),
                (
                    "next",
                    "https://cat.example/api/v1/records?q=plu%20lyon&limit=10&offset=20"
                ),
                (
                    "prev",
                    "https://cat.example/api/v1/records?q=plu%20lyon&limit=10&offset=0"
                ),
            ]
        );
    }

    #[test]
    fn first_and_last_pages() {
        assert_eq!(paging("u", &[], 10, 0, 5).len(), 1);
        let last = paging("u", &[], 10, 30, 35);
        assert_eq!(
            last.iter().map(|l| l.rel.as_str()).collect::<Vec<_>>(),
            ["self", "prev"]
        );
    }

    #[test]
    fn record_urls_encode_slashes_and_colons() {
        assert_eq!(
            record_url("u", "FR-1/plu/2024"),
            "u/api/v1/records/FR-1%2Fplu%2F2024"
        );
        assert_eq!(
            record_url("u", "http://e.org/x"),
            "u/api/v1/records/http%3A%2F%2Fe.org%2Fx"
        );
    }
}
