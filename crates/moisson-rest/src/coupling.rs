//! A service's `operatesOn` resolved to the records of this catalogue: each target named by
//! its `uuidref`, else by the `id` of its `xlink:href` (a CSW `GetRecordById` URL) or the
//! segment after `records/` (a catalogue's record URL), is found by record id, else by
//! resource identifier (INSPIRE's `uuidref` names the dataset's resource identifier), as
//! the DCAT mapping finds the datasets a service serves. Found under the caller's rights:
//! a record the caller may not see is not shown, as if absent.

use moisson_model::{Expr, Property, Record, RecordId, SearchQuery, Viewer};
use moisson_store::Store;
use serde::Serialize;
use utoipa::ToSchema;

use crate::error::Result;

/// One `service.operates_on` entry that names a record of this catalogue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct OperatedRecord {
    /// The rank of the entry in `service.operates_on`.
    pub index: usize,
    /// What named the record: the `uuidref`, or the identifier read from the `href`.
    pub target: String,
    /// The local record's identifier.
    pub id: String,
    pub title: String,
    /// The local record in this API.
    pub href: String,
}

/// The local records a service's `operatesOn` entries name, in their order; empty for a
/// record that is not a service.
pub async fn operated_records(
    store: &dyn Store,
    record: &Record,
    viewer: &Viewer,
    public_url: &str,
) -> Result<Vec<OperatedRecord>> {
    let Some(service) = &record.service else {
        return Ok(Vec::new());
    };
    let mut out = Vec::new();
    for (index, link) in service.operates_on.iter().enumerate() {
        let Some(target) = target(link.uuidref.as_deref(), link.href.as_deref()) else {
            continue;
        };
        if let Some(found) = find(store, &target, viewer).await?
            && let Some(id) = &found.id
        {
            out.push(OperatedRecord {
                index,
                target,
                id: id.to_string(),
                title: found.title,
                href: crate::links::record_url(public_url, id.as_str()),
            });
        }
    }
    Ok(out)
}

/// The identifier an `operatesOn` names: its `uuidref`, else one read from its `href`.
fn target(uuidref: Option<&str>, href: Option<&str>) -> Option<String> {
    let uuidref = uuidref.map(str::trim).filter(|u| !u.is_empty());
    uuidref
        .map(str::to_owned)
        .or_else(|| href.and_then(id_in_href))
}

/// The `id` query parameter of a URL (any case, as CSW's KVP names are), else the path
/// segment after `records` (`…/records/{id}`, `…/api/records/{id}/formatters/xml`).
fn id_in_href(href: &str) -> Option<String> {
    let without_fragment = href.split('#').next().unwrap_or(href);
    let (path, query) = without_fragment
        .split_once('?')
        .unwrap_or((without_fragment, ""));
    let decoded = |raw: &str| {
        moisson_http::path::decode(raw)
            .ok()
            .map(|v| v.trim().to_owned())
            .filter(|v| !v.is_empty())
    };
    let in_query = query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .find(|(name, _)| name.eq_ignore_ascii_case("id"))
        .and_then(|(_, value)| decoded(value));
    in_query.or_else(|| {
        let mut segments = path.split('/');
        segments.find(|s| *s == "records")?;
        segments.next().and_then(decoded)
    })
}

/// The record with this id, else the first with this resource identifier, that the
/// viewer may see.
async fn find(store: &dyn Store, target: &str, viewer: &Viewer) -> Result<Option<Record>> {
    if let Ok(id) = RecordId::parse(target)
        && let Some(stored) = store.get(&id, viewer).await?
    {
        return Ok(Some(stored.record));
    }
    let query = SearchQuery {
        filter: Expr::eq(Property::ResourceIdentifier, target),
        limit: 1,
        ..SearchQuery::default()
    };
    let page = store.search(&query, viewer).await?;
    Ok(page.records.into_iter().next().map(|s| s.record))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_come_from_uuidref_then_href() {
        assert_eq!(target(Some(" a-1 "), Some("x")).as_deref(), Some("a-1"));
        let csw = "https://c.example.org/csw?service=CSW&request=GetRecordById&ID=ds%2F1#MD_DataIdentification";
        assert_eq!(target(None, Some(csw)).as_deref(), Some("ds/1"));
        let gn = "https://gn.example.org/geonetwork/srv/api/records/65273ef8/formatters/xml?approved=true";
        assert_eq!(target(Some(""), Some(gn)).as_deref(), Some("65273ef8"));
        assert_eq!(target(None, Some("#DataIdentification")), None);
        assert_eq!(target(None, None), None);
    }
}
