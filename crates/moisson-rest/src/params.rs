//! `GET /api/v1/records` query parameters → a typed `SearchQuery`, without actix.

use moisson_model::{
    Bbox, Expr, FacetField, Property, SearchQuery, SortField, SortKey, SpatialOp, TemporalOp,
    TimeRange,
};

use moisson_http::catalogue::Requested;

use crate::error::{Error, Result};

/// Page size when `limit` is absent.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest accepted `limit`.
pub const MAX_LIMIT: u32 = 1000;

/// Every parameter the list accepts; anything else is refused with 400.
pub const KNOWN: [&str; 12] = [
    "q", "bbox", "datetime", "type", "keyword", "theme", "org", "status", "sort", "limit",
    "offset", "facets",
];

/// Every parameter a record write (POST, PUT) accepts.
pub const WRITE: [&str; 2] = ["status", "visibility"];

/// Parameters that may be repeated (the values are ANDed).
const REPEATABLE: [&str; 2] = ["keyword", "theme"];

/// Parses decoded `(name, value)` pairs into a search query.
pub fn parse_list(pairs: &[(String, String)]) -> Result<SearchQuery> {
    check_names(pairs)?;
    let mut query = SearchQuery {
        facets: FacetField::ALL.to_vec(),
        ..SearchQuery::default()
    };
    for (name, value) in pairs {
        apply(&mut query, name, value)?;
    }
    Ok(query)
}

/// Parses the query of a record write: the status and visibility it asks for.
pub fn parse_write(pairs: &[(String, String)]) -> Result<Requested> {
    check_names_in(pairs, &WRITE)?;
    let mut requested = Requested::default();
    for (name, value) in pairs {
        let quoted = format!("\"{}\"", value.trim());
        let bad = |e: serde_json::Error| Error::invalid(name.as_str(), e.to_string());
        match name.as_str() {
            "status" => requested.status = Some(serde_json::from_str(&quoted).map_err(bad)?),
            _ => requested.visibility = Some(serde_json::from_str(&quoted).map_err(bad)?),
        }
    }
    Ok(requested)
}

fn check_names(pairs: &[(String, String)]) -> Result<()> {
    check_names_in(pairs, &KNOWN)
}

fn check_names_in(pairs: &[(String, String)], known: &[&str]) -> Result<()> {
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !known.contains(&name.as_str()) {
            return Err(Error::UnknownParameter(name.clone()));
        }
        let repeated = pairs[..i].iter().any(|(n, _)| n == name);
        if repeated && !REPEATABLE.contains(&name.as_str()) {
            return Err(Error::invalid(name.as_str(), "given more than once"));
        }
    }
    Ok(())
}

fn apply(query: &mut SearchQuery, name: &str, value: &str) -> Result<()> {
    let filter = std::mem::replace(&mut query.filter, Expr::All);
    query.filter = match name {
        "q" => filter.and(full_text(value)?),
        "bbox" => filter.and(Expr::Spatial {
            op: SpatialOp::Intersects,
            bbox: bbox(value)?,
        }),
        "datetime" => filter.and(Expr::Temporal {
            op: TemporalOp::Intersects,
            range: datetime(value)?,
        }),
        "type" => filter.and(one_of(Property::Type, "type", value)?),
        "keyword" => filter.and(Expr::eq(Property::Keyword, non_empty("keyword", value)?)),
        // A concept URI: records under it or a narrower concept (any thesaurus).
        "theme" => filter.and(Expr::eq(Property::Theme, non_empty("theme", value)?)),
        "org" => filter.and(Expr::eq(Property::Organisation, non_empty("org", value)?)),
        "status" => filter.and(statuses(value)?),
        _ => filter,
    };
    match name {
        "sort" => query.sort = sort(value)?,
        "limit" => query.limit = limit(value)?,
        "offset" => query.offset = number("offset", value)?,
        "facets" => query.facets = facets(value)?,
        _ => {}
    }
    Ok(())
}

/// `status=submitted` or `status=draft,submitted`: records in any of those states (the
/// rights clause still hides those the caller may not see).
fn statuses(value: &str) -> Result<Expr> {
    for one in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        if !["draft", "submitted", "published"].contains(&one) {
            let why = format!("{one:?} is not one of draft, submitted, published");
            return Err(Error::invalid("status", why));
        }
    }
    one_of(Property::Status, "status", value)
}

fn non_empty<'a>(name: &str, value: &'a str) -> Result<&'a str> {
    moisson_http::params::non_empty(value).map_err(|why| Error::invalid(name, why))
}

fn bbox(value: &str) -> Result<Bbox> {
    Bbox::parse(value).map_err(|e| match e {
        moisson_model::error::Error::InvalidBbox { reason, bound, .. } => {
            let bound = bound
                .map(|b| format!("{} ", b.iso_name()))
                .unwrap_or_default();
            Error::invalid("bbox", format!("{value:?}: {bound}{reason}"))
        }
        other => Error::Model(other),
    })
}

fn full_text(value: &str) -> Result<Expr> {
    Ok(Expr::FullText(non_empty("q", value)?.to_owned()))
}

/// `type=dataset,series`: any of the hierarchy levels.
fn one_of(property: Property, name: &str, value: &str) -> Result<Expr> {
    moisson_http::params::one_of(property, value, usize::MAX)
        .map_err(|why| Error::invalid(name, why))
}

fn number<T: std::str::FromStr>(name: &str, value: &str) -> Result<T> {
    value
        .trim()
        .parse()
        .map_err(|_| Error::invalid(name, format!("{value:?} is not a non-negative integer")))
}

fn limit(value: &str) -> Result<u32> {
    let n: u64 = number("limit", value)?;
    u32::try_from(n)
        .ok()
        .filter(|n| *n <= MAX_LIMIT)
        .ok_or_else(|| Error::invalid("limit", format!("{n} is more than the maximum {MAX_LIMIT}")))
}

fn sort(value: &str) -> Result<Vec<SortKey>> {
    value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(sort_key)
        .collect()
}

fn sort_key(s: &str) -> Result<SortKey> {
    let (descending, name) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s.strip_prefix('+').unwrap_or(s)),
    };
    let field = match name {
        "relevance" => SortField::Relevance,
        "title" => SortField::Title,
        "identifier" => SortField::Identifier,
        "modified" => SortField::Modified,
        "created" => SortField::Created,
        "updated" => SortField::Updated,
        "type" => SortField::Type,
        "publicationDate" => SortField::PublicationDate,
        _ => return Err(Error::invalid("sort", format!("cannot sort by {name:?}"))),
    };
    Ok(SortKey { field, descending })
}

/// `facets=keyword,type`; `facets=` (empty) asks for none.
fn facets(value: &str) -> Result<Vec<FacetField>> {
    let mut out = Vec::new();
    for name in value.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let field = FacetField::ALL
            .into_iter()
            .find(|f| f.as_str() == name)
            .ok_or_else(|| Error::invalid("facets", format!("no facet named {name:?}")))?;
        if !out.contains(&field) {
            out.push(field);
        }
    }
    Ok(out)
}

/// The `datetime` parameter (see [`moisson_http::datetime`]); refusals name it.
pub fn datetime(value: &str) -> Result<TimeRange> {
    moisson_http::datetime(value).map_err(|why| Error::invalid("datetime", why))
}

#[cfg(test)]
mod tests {
    use super::*;
    use moisson_model::Classify;

    fn parse(q: &[(&str, &str)]) -> Result<SearchQuery> {
        let pairs: Vec<(String, String)> = q
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        parse_list(&pairs)
    }

    fn locator(e: &Error) -> Option<String> {
        match e.class() {
            moisson_model::ErrorClass::InvalidParameter { locator } => locator,
            _ => None,
        }
    }

    #[test]
    fn defaults() {
        let q = parse(&[]).expect("empty query");
        assert_eq!((q.limit, q.offset, q.filter), (10, 0, Expr::All));
        assert_eq!(q.facets, FacetField::ALL.to_vec());
    }

    #[test]
    fn each_filter_parameter_builds_its_expression() {
        let q = parse(&[
            ("q", "plu lyon"),
            ("bbox", "4.7,45.6,5.0,45.9"),
            ("org", "metropole"),
        ])
        .expect("ok");
        let Expr::And(parts) = q.filter else {
            panic!("expected And")
        };
        assert_eq!(parts[0], Expr::FullText("plu lyon".into()));
        assert!(matches!(
            parts[1],
            Expr::Spatial {
                op: SpatialOp::Intersects,
                ..
            }
        ));
        assert_eq!(parts[2], Expr::eq(Property::Organisation, "metropole"));
        let q = parse(&[("type", "dataset,series")]).expect("ok");
        assert!(matches!(
            q.filter,
            Expr::In {
                property: Property::Type,
                ..
            }
        ));
        let q = parse(&[("keyword", "a"), ("keyword", "b")]).expect("repeatable");
        assert!(matches!(q.filter, Expr::And(ref v) if v.len() == 2));
    }

    #[test]
    fn datetime_refusals_name_the_parameter() {
        assert_eq!(
            datetime("2020-01-01/..")
                .expect("open end")
                .start
                .as_deref(),
            Some("2020-01-01")
        );
        for bad in ["yesterday", "../..", "2024-02-01/2024-01-01"] {
            assert_eq!(
                locator(&datetime(bad).expect_err(bad)).as_deref(),
                Some("datetime"),
                "{bad}"
            );
        }
    }

    #[test]
    fn sort_limit_offset_facets() {
        let q = parse(&[
            ("sort", "-modified,title"),
            ("limit", "1000"),
            ("offset", "20"),
            ("facets", "keyword"),
        ])
        .expect("ok");
        assert_eq!(
            q.sort[0],
            SortKey {
                field: SortField::Modified,
                descending: true
            }
        );
        assert_eq!(
            q.sort[1],
            SortKey {
                field: SortField::Title,
                descending: false
            }
        );
        assert_eq!(
            (q.limit, q.offset, q.facets),
            (1000, 20, vec![FacetField::Keyword])
        );
        assert!(parse(&[("facets", "")]).expect("none").facets.is_empty());
    }

    #[test]
    fn bad_values_name_their_parameter() {
        let cases: [(&str, &str); 8] = [
            ("bbox", "1,2,3"),
            ("bbox", "0,91,1,92"),
            ("limit", "100000"),
            ("limit", "-1"),
            ("offset", "x"),
            ("sort", "colour"),
            ("facets", "colour"),
            ("q", " "),
        ];
        for (name, value) in cases {
            let err = parse(&[(name, value)]).expect_err(value);
            assert_eq!(
                locator(&err).as_deref(),
                Some(name),
                "{name}={value}: {err}"
            );
        }
    }

    #[test]
    fn write_parameters() {
        let pairs = |q: &[(&str, &str)]| -> Vec<(String, String)> {
            q.iter()
                .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
                .collect()
        };
        let r = parse_write(&pairs(&[
            ("status", "submitted"),
            ("visibility", "internal"),
        ]))
        .expect("valid");
        assert_eq!(r.status, Some(moisson_model::WorkflowStatus::Submitted));
        assert_eq!(r.visibility, Some(moisson_model::Visibility::Internal));
        let err = parse_write(&pairs(&[("status", "done")])).expect_err("bad status");
        assert_eq!(locator(&err).as_deref(), Some("status"));
        let err = parse_write(&pairs(&[("q", "x")])).expect_err("not a write parameter");
        assert_eq!(locator(&err).as_deref(), Some("q"));
    }

    #[test]
    fn unknown_and_repeated_parameters_are_refused() {
        let err = parse(&[("status", "pending")]).expect_err("no such status");
        assert_eq!(locator(&err).as_deref(), Some("status"));
        let q = parse(&[("status", "submitted")]).expect("status");
        assert_eq!(q.filter, Expr::eq(Property::Status, "submitted"));
        let err = parse(&[("colour", "red")]).expect_err("unknown");
        assert_eq!(locator(&err).as_deref(), Some("colour"));
        assert!(parse(&[("limit", "1"), ("limit", "2")]).is_err());
    }
}
