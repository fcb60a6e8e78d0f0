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
/// `page_size=all` asks for the whole catalogue in one streamed document.
pub const WHOLE_PAGE_SIZE_VALUE: &str = "all";

/// `GET /dcat/catalog[.ext]?page=&page_size=&modified_since=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CatalogRequest {
    pub format: Format,
    /// Whether the format came from the path suffix (kept in paging links).
    pub suffix: bool,
    pub page: u64,
    pub page_size: u64,
    pub modified_since: Option<String>,
    /// `page_size=all`: the whole catalogue, streamed, without hydra paging.
    pub whole: bool,
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
        let whole = params
            .page_size
            .as_deref()
            .is_some_and(|p| p.trim().eq_ignore_ascii_case(WHOLE_PAGE_SIZE_VALUE));
        if whole && params.page.is_some() {
            return Err(Error::InvalidParameter {
                name: "page",
                reason: format!("page_size={WHOLE_PAGE_SIZE_VALUE} has no pages"),
            });
        }
        Ok(Self {
            format: negotiate(ext, params.format.as_deref(), accept)?,
            suffix: ext.is_some(),
            page: number("page", &params.page, 1, u64::from(u32::MAX))?,
            page_size: if whole {
                MAX_PAGE_SIZE
            } else {
                number(
                    "page_size",
                    &params.page_size,
                    DEFAULT_PAGE_SIZE,
                    MAX_PAGE_SIZE,
                )?
            },
            modified_since,
            whole,
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

/// Runs a catalogue request: the records `viewer` may see, and their count as hydra
/// `totalItems`.
pub async fn catalog(
    store: &dyn Store,
    ctx: &Context,
    config: &CatalogConfig,
    req: &CatalogRequest,
    viewer: &Viewer,
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
    let found = store.search(&query, viewer).await?;
    let records: Vec<_> = found.records.into_iter().map(|s| s.record).collect();
    let ctx = &ctx
        .clone()
        .with_served(served(store, &records, viewer).await?);
    let url = |n| req.page_url(ctx, n);
    let page = Page {
        number: req.page,
        size: req.page_size,
        total: found.total,
        url: &url,
    };
    write(&catalog_graph(&records, &page, ctx, config), req.format)
}

/// Runs `GET /dcat/records/{id}`: the id as given, else without a format suffix; a
/// record `viewer` may not see is not found.
pub async fn record(
    store: &dyn Store,
    ctx: &Context,
    tail: &str,
    (ext_format, fallback): (Option<Format>, Result<Format>),
    viewer: &Viewer,
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
        if let Some(stored) = store.get(&id, viewer).await? {
            let format = format?;
            let ctx = ctx
                .clone()
                .with_served(served(store, std::slice::from_ref(&stored.record), viewer).await?);
            return Ok((format, write(&record_graph(&stored.record, &ctx), format)?));
        }
    }
    Err(Error::NotFound(tail.to_owned()))
}

/// The datasets the services among `records` operate on, found by record id, else by
/// resource identifier, among the records `viewer` sees.
pub(crate) async fn served(
    store: &dyn Store,
    records: &[moisson_model::Record],
    viewer: &Viewer,
) -> Result<BTreeMap<String, Served>> {
    served_with(store, records, viewer, &mut BTreeMap::new()).await
}

/// [`served`] remembering every answer in `known` (found or not), so that a walk over the
/// whole catalogue looks each uuidref up once: a lookup by resource identifier costs a
/// scan of the records, and services of a catalogue often name the same datasets.
pub(crate) async fn served_with(
    store: &dyn Store,
    records: &[moisson_model::Record],
    viewer: &Viewer,
    known: &mut BTreeMap<String, Option<Served>>,
) -> Result<BTreeMap<String, Served>> {
    let mut out = BTreeMap::new();
    // Collected first: an iterator of closures held across the awaits below would make
    // the future not `Send` (the file export reads the store in a spawned task).
    let uuidrefs: Vec<&str> = records
        .iter()
        .flat_map(|r| r.service.iter().flat_map(|s| s.operates_on.iter()))
        .filter_map(|o| o.uuidref.as_deref())
        .map(str::trim)
        .filter(|u| !u.is_empty())
        .collect();
    for uuidref in uuidrefs {
        if out.contains_key(uuidref) {
            continue;
        }
        if let Some(answer) = known.get(uuidref) {
            if let Some(served) = answer {
                out.insert(uuidref.to_owned(), served.clone());
            }
            continue;
        }
        let by_id = match RecordId::parse(uuidref) {
            Ok(id) => store.get(&id, viewer).await?.map(|s| s.record),
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
                    .search(&query, viewer)
                    .await?
                    .records
                    .into_iter()
                    .next()
                    .map(|s| s.record)
            }
        };
        let answer = found.filter(|r| r.id.is_some()).map(|r| Served {
            id: r.id.as_ref().map(ToString::to_string).unwrap_or_default(),
            title: r.title.clone(),
            description: r.abstract_text.clone(),
        });
        if let Some(served) = &answer {
            out.insert(uuidref.to_owned(), served.clone());
        }
        known.insert(uuidref.to_owned(), answer);
    }
    Ok(out)
}
