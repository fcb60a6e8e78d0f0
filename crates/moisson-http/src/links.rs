//! Link building: percent-encoding of URL components and the URLs of an offset-paged list.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};

/// Everything but RFC 3986 unreserved characters is encoded (`/` in ids becomes `%2F`).
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Percent-encodes one path segment or query component.
#[must_use]
pub fn encode(s: &str) -> String {
    utf8_percent_encode(s, COMPONENT).to_string()
}

/// The URLs of one page of a list and of its neighbours.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageUrls {
    pub this: String,
    /// Present when records remain after this page.
    pub next: Option<String>,
    /// Present unless this page starts at offset 0.
    pub prev: Option<String>,
}

/// The `self`, `next` and `prev` URLs of a list page. `pairs` are the request's
/// parameters; `limit` and `offset` are replaced, the others kept in order and encoded.
/// `url` makes the absolute URL from the query string (without `?`).
#[must_use]
pub fn paging(
    pairs: &[(String, String)],
    limit: u32,
    offset: u64,
    total: u64,
    url: impl Fn(&str) -> String,
) -> PageUrls {
    let kept: Vec<String> = pairs
        .iter()
        .filter(|(n, _)| n != "limit" && n != "offset")
        .map(|(n, v)| format!("{}={}", encode(n), encode(v)))
        .collect();
    let at = |offset: u64| {
        let mut query = kept.clone();
        query.push(format!("limit={limit}"));
        query.push(format!("offset={offset}"));
        url(&query.join("&"))
    };
    let next = offset.saturating_add(u64::from(limit));
    PageUrls {
        this: at(offset),
        next: (limit > 0 && next < total).then(|| at(next)),
        prev: (offset > 0).then(|| at(offset.saturating_sub(u64::from(limit)))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn middle_page_has_all_three() {
        let pairs = [("q", "plu lyon"), ("offset", "10"), ("limit", "3")]
            .map(|(n, v)| (n.to_owned(), v.to_owned()));
        let page = paging(&pairs, 10, 10, 35, |q| format!("u?{q}"));
        assert_eq!(
            page,
            PageUrls {
                this: "u?q=plu%20lyon&limit=10&offset=10".into(),
                next: Some("u?q=plu%20lyon&limit=10&offset=20".into()),
                prev: Some("u?q=plu%20lyon&limit=10&offset=0".into()),
            }
        );
    }

    #[test]
    fn first_and_last_pages() {
        let first = paging(&[], 10, 0, 5, str::to_owned);
        assert_eq!((first.next, first.prev), (None, None));
        let last = paging(&[], 10, 30, 35, str::to_owned);
        assert_eq!(
            (last.next, last.prev.as_deref()),
            (None, Some("limit=10&offset=20"))
        );
        assert_eq!(paging(&[], 0, 0, 5, str::to_owned).next, None);
    }

    #[test]
    fn components_keep_only_unreserved_characters() {
        assert_eq!(encode("FR-1/plu:2024_a.b~c"), "FR-1%2Fplu%3A2024_a.b~c");
        assert_eq!(encode("é &="), "%C3%A9%20%26%3D");
    }
}
