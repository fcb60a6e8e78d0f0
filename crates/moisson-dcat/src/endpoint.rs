//! The pure core of the endpoints: typed requests, execution over the store, serialisation.

use std::collections::BTreeMap;

use moisson_model::{
    CmpOp, Expr, Property, RecordId, SearchQuery, SortField, SortKey, Value, Viewer,
};
use moisson_store::Store;

use crate::error::{Error, Result};
use crate::export::{CatalogConfig, Context, Page, Served, catalog_graph, record_graph};
use crate::format::{Format, write};
use crate::tables::codes;

pub const DEFAULT_PAGE_SIZE: u64 = 100;
pub const MAX_PAGE_SIZE: u64 = 1000;

/// `GET /dcat/catalog[.ext]?page=&page_size=&modified_since=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogRequest {
    pub format: Format,
    /// Whether the format came from the path suffix (kept in paging links).
    pub suffix: bool,
    pub page: u64,
    pub page_size: u64,
    pub modified_since: Option<String>,
}

/// Query parameters as received.
#[derive(Debug, Default, Clone, serde::Deserialize)]
pub struct CatalogParams {
    pub page: Option<String>,
    pub page_size: Option<String>,
    pub modified_since: Option<String>,
    /// Format by name or media type, overriding `Accept`.
    pub format: Option<String>,
}

/// The format of a request: path suffix, else `format=`, else `Accept`.
pub fn negotiate(ext: Option<&str>, format: Option<&str>, accept: Option<&str>) -> Result<Format> {
    if let Some(ext) = ext {
        return Format::from_extension(ext).ok_or_else(|| Error::UnsupportedFormat(ext.to_owned()));
    }
    if let Some(f) = format {
        return Format::from_media_type(f).ok_or_else(|| Error::UnsupportedFormat(f.to_owned()));
    }
    Format::negotiate(accept)
        .ok_or_else(|| Error::UnsupportedFormat(accept.unwrap_or_default().to_owned()))
}

impl CatalogRequest {
    pub fn parse(params: &CatalogParams, ext: Option<&str>, accept: Option<&str>) -> Result<Self> {
        let number =
            |name: &'static str, value: &Option<String>, default: u64, max: u64| -> Result<u64> {
                let Some(v) = value else { return Ok(default) };
                let n: u64 = v.trim().parse().map_err(|_| Error::InvalidParameter {
                    name,
                    reason: format!("{v:?} is not a positive integer"),
                })?;
                if n == 0 || n > max {
                    return Err(Error::InvalidParameter {
                        name,
                        reason: format!("must be between 1 and {max}"),
                    });
                }
                Ok(n)
            };
        let modified_since = params
            .modified_since
            .clone()
            .filter(|m| !m.trim().is_empty());
        if let Some(m) = modified_since
            .as_ref()
            .filter(|m| codes::date_datatype(m.trim()).is_none())
        {
            return Err(Error::InvalidParameter {
                name: "modified_since",
                reason: format!("{m:?} is not an ISO 8601 date or date-time"),
            });
        }
        Ok(Self {
            format: negotiate(ext, params.format.as_deref(), accept)?,
            suffix: ext.is_some(),
            page: number("page", &params.page, 1, u64::from(u32::MAX))?,
            page_size: number(
                "page_size",
                &params.page_size,
                DEFAULT_PAGE_SIZE,
                MAX_PAGE_SIZE,
            )?,
            modified_since,
        })
    }

    /// The URL of page `n` of the same listing.
    #[must_use]
    pub fn page_url(&self, ctx: &Context, n: u64) -> String {
        let suffix = if self.suffix {
            format!(".{}", self.format.extension())
        } else {
            String::new()
        };
        let mut url = format!(
            "{}{suffix}?page={n}&page_size={}",
            ctx.catalog_iri(),
            self.page_size
        );
        if let Some(m) = &self.modified_since {
            url.push_str("&modified_since=");
            url.push_str(
                &percent_encoding::utf8_percent_encode(
                    m.trim(),
                    percent_encoding::NON_ALPHANUMERIC,
                )
                .to_string(),
            );
        }
        url
    }
}

/// Runs a catalogue request for the anonymous viewer.
pub async fn catalog(
    store: &dyn Store,
    ctx: &Context,
    config: &CatalogConfig,
    req: &CatalogRequest,
) -> Result<Vec<u8>> {
    let filter = req
        .modified_since
        .as_ref()
        .map_or(Expr::All, |m| Expr::Compare {
            property: Property::Updated,
            op: CmpOp::Ge,
            value: Value::Text(m.trim().to_owned()),
        });
    let limit = u32::try_from(req.page_size).unwrap_or(u32::MAX);
    let query = SearchQuery {
        filter,
        sort: vec![SortKey {
            field: SortField::Identifier,
            descending: false,
        }],
        limit,
        offset: (req.page - 1).saturating_mul(req.page_size),
        ..SearchQuery::default()
    };
    let found = store.search(&query, &Viewer::Anonymous).await?;
    let records: Vec<_> = found.records.into_iter().map(|s| s.record).collect();
    let ctx = &ctx.clone().with_served(served(store, &records).await?);
    let url = |n| req.page_url(ctx, n);
    let page = Page {
        number: req.page,
        size: req.page_size,
        total: found.total,
        url: &url,
    };
    write(&catalog_graph(&records, &page, ctx, config), req.format)
}

/// Runs `GET /dcat/records/{id}`: the id as given, else without a format suffix.
pub async fn record(
    store: &dyn Store,
    ctx: &Context,
    tail: &str,
    ext_format: Option<Format>,
    fallback: Result<Format>,
) -> Result<(Format, Vec<u8>)> {
    let mut candidates = Vec::new();
    if let (Some(f), Some(stripped)) = (ext_format, tail.rsplit_once('.').map(|(s, _)| s)) {
        candidates.push((stripped, Ok(f)));
    }
    candidates.push((tail, fallback));
    for (id, format) in candidates {
        let Ok(id) = RecordId::parse(id) else {
            continue;
        };
        if let Some(stored) = store.get(&id, &Viewer::Anonymous).await? {
            let format = format?;
            let ctx = ctx
                .clone()
                .with_served(served(store, std::slice::from_ref(&stored.record)).await?);
            return Ok((format, write(&record_graph(&stored.record, &ctx), format)?));
        }
    }
    Err(Error::NotFound(tail.to_owned()))
}

/// The datasets the services among `records` operate on, found by record id, else by
/// resource identifier, among the records the anonymous viewer sees.
async fn served(
    store: &dyn Store,
    records: &[moisson_model::Record],
) -> Result<BTreeMap<String, Served>> {
    let mut out = BTreeMap::new();
    let uuidrefs = records
        .iter()
        .flat_map(|r| r.service.iter().flat_map(|s| s.operates_on.iter()));
    for uuidref in uuidrefs
        .filter_map(|o| o.uuidref.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty())
    {
        if out.contains_key(uuidref) {
            continue;
        }
        let by_id = match RecordId::parse(uuidref) {
            Ok(id) => store.get(&id, &Viewer::Anonymous).await?.map(|s| s.record),
            Err(_) => None,
        };
        let found = match by_id {
            Some(r) => Some(r),
            None => {
                let query = SearchQuery {
                    filter: Expr::eq(Property::ResourceIdentifier, uuidref),
                    limit: 1,
                    ..SearchQuery::default()
                };
                store
                    .search(&query, &Viewer::Anonymous)
                    .await?
                    .records
                    .into_iter()
                    .next()
                    .map(|s| s.record)
            }
        };
        if let Some(r) = found.filter(|r| r.id.is_some()) {
            let id = r.id.as_ref().map(ToString::to_string).unwrap_or_default();
            out.insert(
                uuidref.to_owned(),
                Served {
                    id,
                    title: r.title.clone(),
                    description: r.abstract_text.clone(),
                },
            );
        }
    }
    Ok(out)
}
