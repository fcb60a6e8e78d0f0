//! Query parameters → typed requests, without actix. Unknown or repeated parameters
//! and invalid values are refused with an error naming the parameter.

use moisson_filter::cql2::{parse_cql2_json, parse_cql2_text};
use moisson_model::{
    Bbox, CmpOp, Expr, FacetField, Property, SearchQuery, SortKey, SpatialOp, TemporalOp,
    TimeRange, Value,
};

use crate::error::{Error, Result};
use crate::queryables;

/// Page size when `limit` is absent.
pub const DEFAULT_LIMIT: u32 = 10;
/// Largest page; a larger `limit` is lowered to it (OGC API Features permits this).
pub const MAX_LIMIT: u32 = 1000;

/// Most values in one comma list (`ids`, `type`, `externalIds`) and most `q` terms, so
/// that a query stays within the store's limits of bound parameters.
pub const MAX_LIST: usize = 1000;
pub const MAX_TERMS: usize = 50;

/// Parameters of `/items` besides the queryables themselves.
pub const ITEMS_PARAMS: &[&str] = &[
    "f",
    "bbox",
    "bbox-crs",
    "datetime",
    "q",
    "type",
    "ids",
    "externalIds",
    "limit",
    "offset",
    "sortby",
    "filter",
    "filter-lang",
    "filter-crs",
    "facets",
];

/// The CRS84 spellings accepted in `bbox-crs` and `filter-crs`.
const CRS84: &[&str] = &[
    "http://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "https://www.opengis.net/def/crs/OGC/1.3/CRS84",
    "http://www.opengis.net/def/crs/OGC/0/CRS84h",
    "[OGC:CRS84]",
    "OGC:CRS84",
];

/// The representation a client asked for with `f`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Json,
    /// ISO 19139 (single records only).
    Xml,
    /// The server-rendered page for people and search engines.
    Html,
}

/// A parsed `/items` request.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemsRequest {
    pub query: SearchQuery,
    pub format: Option<Format>,
}

/// Refuses parameters not in `allowed` and repeated ones.
pub fn check_names(pairs: &[(String, String)], allowed: &dyn Fn(&str) -> bool) -> Result<()> {
    for (i, (name, _)) in pairs.iter().enumerate() {
        if !allowed(name) {
            return Err(Error::UnknownParameter(name.clone()));
        }
        if pairs[..i].iter().any(|(n, _)| n == name) {
            return Err(Error::RepeatedParameter(name.clone()));
        }
    }
    Ok(())
}

/// `f`: `json`/`geojson`, `html` (and `xml` where `xml_ok`); `None` when absent.
pub fn format(pairs: &[(String, String)], xml_ok: bool) -> Result<Option<Format>> {
    let Some((_, f)) = pairs.iter().find(|(n, _)| n == "f") else {
        return Ok(None);
    };
    match f.as_str() {
        "json" | "geojson" => Ok(Some(Format::Json)),
        "html" => Ok(Some(Format::Html)),
        "xml" | "iso19139" if xml_ok => Ok(Some(Format::Xml)),
        other => {
            let known = if xml_ok {
                "json, geojson, html, xml"
            } else {
                "json, html"
            };
            Err(Error::invalid(
                "f",
                format!("{other:?} is not available; use {known}"),
            ))
        }
    }
}

/// Parses the parameters of a resource that takes only `f`.
pub fn plain(pairs: &[(String, String)]) -> Result<Option<Format>> {
    check_names(pairs, &|n| n == "f")?;
    format(pairs, false)
}

/// Parses `/items` parameters.
pub fn items(pairs: &[(String, String)]) -> Result<ItemsRequest> {
    check_names(pairs, &|n| {
        ITEMS_PARAMS.contains(&n) || queryables::parameter(n).is_some()
    })?;
    let get = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    };
    check_crs("bbox-crs", get("bbox-crs"))?;
    check_crs("filter-crs", get("filter-crs"))?;
    let mut query = SearchQuery {
        limit: DEFAULT_LIMIT,
        ..SearchQuery::default()
    };
    let mut filter = Expr::All;
    for (name, value) in pairs {
        filter = filter.and(match name.as_str() {
            "bbox" => Expr::Spatial {
                op: SpatialOp::Intersects,
                bbox: bbox(value)?,
            },
            "datetime" => Expr::Temporal {
                op: TemporalOp::Intersects,
                range: datetime(value)?,
            },
            "q" => full_text(value)?,
            "type" => one_of(Property::Type, "type", value)?,
            "ids" => one_of(Property::Identifier, "ids", value)?,
            "externalIds" => one_of(Property::ResourceIdentifier, "externalIds", value)?,
            "filter" => cql2(value, get("filter-lang"))?,
            "limit" => {
                query.limit = limit(value)?;
                Expr::All
            }
            "offset" => {
                query.offset = value
                    .trim()
                    .parse()
                    .map_err(|_| not_integer("offset", value))?;
                Expr::All
            }
            "sortby" => {
                query.sort = sortby(value)?;
                Expr::All
            }
            "facets" => {
                query.facets = facets(value)?;
                Expr::All
            }
            other => match queryables::parameter(other) {
                Some(property) if !ITEMS_PARAMS.contains(&other) => Expr::Compare {
                    property,
                    op: CmpOp::Eq,
                    value: Value::Text(non_empty(other, value)?.to_owned()),
                },
                _ => Expr::All,
            },
        });
    }
    if let Some(lang) = get("filter-lang")
        && get("filter").is_none()
    {
        return Err(Error::invalid(
            "filter-lang",
            format!("{lang:?} given without a filter"),
        ));
    }
    query.filter = filter;
    Ok(ItemsRequest {
        query,
        format: format(pairs, false)?,
    })
}

fn check_crs(name: &str, value: Option<&str>) -> Result<()> {
    match value {
        Some(v) if !CRS84.contains(&v.trim()) => Err(Error::invalid(
            name,
            format!("{v:?} is not supported; use http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
        )),
        _ => Ok(()),
    }
}

fn non_empty<'a>(name: &str, value: &'a str) -> Result<&'a str> {
    moisson_http::params::non_empty(value).map_err(|why| Error::invalid(name, why))
}

fn not_integer(name: &str, value: &str) -> Error {
    Error::invalid(name, format!("{value:?} is not a non-negative integer"))
}

/// `west,south,east,north` or the 3D `west,south,min,east,north,max`, in CRS84.
fn bbox(value: &str) -> Result<Bbox> {
    let n: Vec<f64> = value
        .split(',')
        .map(|p| p.trim().parse::<f64>())
        .collect::<Result<_, _>>()
        .map_err(|_| Error::invalid("bbox", format!("{value:?}: expected four or six numbers")))?;
    let (w, s, e, north) = match n[..] {
        [w, s, e, n] => (w, s, e, n),
        [w, s, _, e, n, _] => (w, s, e, n),
        _ => {
            return Err(Error::invalid(
                "bbox",
                format!("{value:?}: expected four or six numbers"),
            ));
        }
    };
    Bbox::new(w, s, e, north).map_err(|e| Error::invalid("bbox", e.to_string()))
}

/// `q=a b,c`: comma-separated terms are ORed (OGC API Records); the words of one term
/// must all match (full text, case- and accent-insensitive).
fn full_text(value: &str) -> Result<Expr> {
    let mut terms: Vec<Expr> = value
        .split(',')
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .map(|t| Expr::FullText(t.to_owned()))
        .collect();
    match terms.len() {
        0 => Err(Error::invalid("q", "must not be empty")),
        n if n > MAX_TERMS => Err(Error::invalid(
            "q",
            format!("{n} terms; at most {MAX_TERMS}"),
        )),
        1 => Ok(terms.remove(0)),
        _ => Ok(Expr::Or(terms)),
    }
}

/// A comma list: any of the values.
fn one_of(property: Property, name: &str, value: &str) -> Result<Expr> {
    moisson_http::params::one_of(property, value, MAX_LIST).map_err(|why| Error::invalid(name, why))
}

fn limit(value: &str) -> Result<u32> {
    let n: u64 = value
        .trim()
        .parse()
        .map_err(|_| not_integer("limit", value))?;
    if n == 0 {
        return Err(Error::invalid("limit", "must be at least 1"));
    }
    Ok(u32::try_from(n).map_or(MAX_LIMIT, |n| n.min(MAX_LIMIT)))
}

/// `sortby=-updated,+title` (a `+` decoded as a space is accepted too).
fn sortby(value: &str) -> Result<Vec<SortKey>> {
    let keys: Vec<SortKey> = value
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(|s| {
            let (descending, name) = match s.strip_prefix('-') {
                Some(rest) => (true, rest),
                None => (false, s.strip_prefix('+').unwrap_or(s)),
            };
            let field = queryables::sort_field(name.trim()).ok_or_else(|| {
                Error::invalid(
                    "sortby",
                    format!("{name:?} is not a sortable; see /sortables"),
                )
            })?;
            Ok(SortKey { field, descending })
        })
        .collect::<Result<_>>()?;
    if keys.is_empty() {
        return Err(Error::invalid("sortby", "must name at least one sortable"));
    }
    Ok(keys)
}

fn facets(value: &str) -> Result<Vec<FacetField>> {
    match value.trim() {
        "true" => Ok(FacetField::ALL.to_vec()),
        "false" => Ok(Vec::new()),
        other => Err(Error::invalid(
            "facets",
            format!("{other:?}: expected true or false"),
        )),
    }
}

fn cql2(text: &str, lang: Option<&str>) -> Result<Expr> {
    let resolve = |name: &str| queryables::resolve(name);
    match lang.map(str::trim) {
        None | Some("cql2-text") => parse_cql2_text(text, &resolve),
        Some("cql2-json") => parse_cql2_json(text, &resolve),
        Some(other) => {
            return Err(Error::invalid(
                "filter-lang",
                format!("{other:?}: use cql2-text or cql2-json"),
            ));
        }
    }
    .map_err(Error::Filter)
}

/// The `datetime` parameter (see [`moisson_http::datetime`]); refusals name it.
pub fn datetime(value: &str) -> Result<TimeRange> {
    moisson_http::datetime(value).map_err(|why| Error::invalid("datetime", why))
}

#[cfg(test)]
mod tests;
