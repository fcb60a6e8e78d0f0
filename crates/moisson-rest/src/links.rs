//! Absolute links: paging links of a list and the `Location` of a created record.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use utoipa::ToSchema;

/// Everything but RFC 3986 unreserved characters is encoded (so `/` in ids becomes `%2F`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

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
    format!(
        "{public_url}/api/v1/records/{}",
        utf8_percent_encode(id, COMPONENT)
    )
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
    let kept: Vec<&(String, String)> = pairs
        .iter()
        .filter(|(n, _)| n != "limit" && n != "offset")
        .collect();
    let url = |offset: u64| {
        let mut query: Vec<String> = kept
            .iter()
            .map(|(n, v)| {
                format!(
                    "{}={}",
                    utf8_percent_encode(n, COMPONENT),
                    utf8_percent_encode(v, COMPONENT)
                )
            })
            .collect();
        query.push(format!("limit={limit}"));
        query.push(format!("offset={offset}"));
        format!("{public_url}/api/v1/records?{}", query.join("&"))
    };
    let mut links = vec![Link::json("self", url(offset))];
    let next = offset.saturating_add(u64::from(limit));
    if limit > 0 && next < total {
        links.push(Link::json("next", url(next)));
    }
    if offset > 0 {
        links.push(Link::json(
            "prev",
            url(offset.saturating_sub(u64::from(limit))),
        ));
    }
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
