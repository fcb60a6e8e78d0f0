//! The items core: search and fetch records over the `Store`, and their representations.

use std::collections::BTreeMap;

use moisson_model::{DocumentFormat, FacetField, RecordId, Viewer};
use moisson_store::StoredRecord;
use serde::Serialize;
use utoipa::ToSchema;

use crate::OgcState;
use crate::error::{Error, Result};
use crate::links::{self, Link};
use crate::params::ItemsRequest;
use crate::record::RecordFeature;

/// A page of records: a GeoJSON FeatureCollection. It has no `timeStamp`, so that its
/// `ETag` (a hash of the body) stays the same while the matching records do.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FeatureCollection {
    /// Always `FeatureCollection`.
    #[serde(rename = "type")]
    #[schema(example = "FeatureCollection")]
    pub kind: String,
    pub features: Vec<RecordFeature>,
    /// Exact number of matching records, all pages together.
    pub number_matched: u64,
    pub number_returned: u64,
    /// `self`, `next`/`prev` when there are such pages, and `collection`.
    pub links: Vec<Link>,
    /// With `facets=true`: value counts by property (keywords, themes, type,
    /// organisation, formats, license) over all matching records.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub facets: Option<BTreeMap<String, FacetTerms>>,
}

/// The counts of one property's values.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct FacetTerms {
    /// Always `terms`.
    #[serde(rename = "type")]
    pub kind: String,
    pub property: String,
    pub buckets: Vec<Bucket>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bucket {
    pub value: String,
    pub count: u64,
}

/// The record property a facet counts.
fn facet_property(f: FacetField) -> &'static str {
    match f {
        FacetField::Keyword => "keywords",
        FacetField::TopicCategory => "themes",
        FacetField::Type => "type",
        FacetField::Organisation => "organisation",
        FacetField::Format => "formats",
        FacetField::Licence => "license",
    }
}

/// Runs a search; `pairs` are the request's parameters (for the paging links).
#[tracing::instrument(skip_all, fields(op = "GetRecords"))]
pub async fn search(
    state: &OgcState,
    request: &ItemsRequest,
    pairs: &[(String, String)],
    viewer: &Viewer,
) -> Result<FeatureCollection> {
    let page = state.store.search(&request.query, viewer).await?;
    let base = state.base();
    let dcat = moisson_dcat::Context::new(&state.public_url);
    let features: Vec<RecordFeature> = page
        .records
        .iter()
        .map(|r| RecordFeature::new(r, &base, &dcat))
        .collect();
    let facets = (!request.query.facets.is_empty()).then(|| {
        page.facets
            .into_iter()
            .map(|f| {
                let property = facet_property(f.field).to_owned();
                let buckets = f
                    .buckets
                    .into_iter()
                    .map(|b| Bucket {
                        value: b.value,
                        count: b.count,
                    })
                    .collect();
                (
                    property.clone(),
                    FacetTerms {
                        kind: "terms".to_owned(),
                        property,
                        buckets,
                    },
                )
            })
            .collect()
    });
    Ok(FeatureCollection {
        kind: "FeatureCollection".to_owned(),
        number_matched: page.total,
        number_returned: features.len() as u64,
        features,
        links: links::paging(
            &base,
            pairs,
            request.query.limit,
            request.query.offset,
            page.total,
        ),
        facets,
    })
}

/// One record by identifier.
#[tracing::instrument(skip_all, fields(op = "GetRecord"))]
pub async fn get(state: &OgcState, raw_id: &str, viewer: &Viewer) -> Result<StoredRecord> {
    let id = RecordId::parse(raw_id).map_err(|e| Error::invalid("recordId", e.to_string()))?;
    state
        .store
        .get(&id, viewer)
        .await?
        .ok_or_else(|| Error::RecordNotFound(raw_id.to_owned()))
}

/// The record as ISO 19139: the original document when the record is an unedited ISO
/// import, else a document written from the model.
#[must_use]
pub fn iso19139(stored: &StoredRecord) -> Vec<u8> {
    match &stored.original {
        Some(original) if original.format == DocumentFormat::Iso19139 => original.bytes.clone(),
        _ => moisson_iso::write_iso19139(&stored.record).into_bytes(),
    }
}

/// Checks the collection identifier of the path.
pub fn check_collection(id: &str) -> Result<()> {
    if id == links::CATALOGUE_ID {
        Ok(())
    } else {
        Err(Error::CollectionNotFound(id.to_owned()))
    }
}
