//! The records core: typed operations over the `Store`, and the JSON representations.

use std::collections::BTreeMap;

use moisson_http::catalogue::Requested;
use moisson_model::{DocumentFormat, Record, RecordId, SearchQuery, Viewer};
use moisson_store::{NewRecord, PutOutcome, SearchPage, StoredRecord};
use serde::Serialize;
use utoipa::ToSchema;

use crate::RestState;
use crate::body::WriteBody;
use crate::coupling::OperatedRecord;
use crate::error::{Error, Result};
use crate::links::Link;
use crate::precondition::IfMatch;

/// A record as the REST API shows it: the model's JSON form plus the store's `version`.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RecordResponse {
    #[serde(flatten)]
    pub record: Record,
    /// Incremented on every write.
    pub version: i64,
    /// What harvesters read as the identifier of the described resource (DCAT
    /// `dct:identifier`).
    pub resource_identifier: ResourceIdentity,
    /// On a single record: `self`, and `alternate` representations (ISO 19139, DCAT-AP
    /// JSON-LD and Turtle). Absent from list items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub links: Vec<Link>,
    /// On a single service record: the `service.operates_on` entries that name a record of
    /// this catalogue the caller may see (by record id, else by resource identifier), with
    /// that record's id, title and URL. Absent from list items.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub operates_on_records: Vec<OperatedRecord>,
}

/// The identifier harvesters (data.gouv.fr, the GéoCatalogue, data.europa.eu) match a
/// dataset on: the producer's first resource identifier, else one minted from the public
/// URL and the record id, stable while both are. `minted` tells producers which records
/// lack an identifier of their own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct ResourceIdentity {
    pub value: String,
    /// True when the producer gave none and `value` was minted.
    pub minted: bool,
}

impl RecordResponse {
    /// A stored record as the API shows it, its minted identifier under `dcat`'s public
    /// URL.
    #[must_use]
    pub fn new(stored: StoredRecord, dcat: &moisson_dcat::Context) -> Self {
        let id = stored.record.id.as_ref().map_or("", RecordId::as_str);
        let identity = moisson_dcat::resource_identity(&stored.record, dcat, id);
        Self {
            resource_identifier: ResourceIdentity {
                value: identity.value,
                minted: identity.minted,
            },
            record: stored.record,
            version: stored.version,
            links: Vec::new(),
            operates_on_records: Vec::new(),
        }
    }

    /// The response with its `self` and `alternate` links under `public_url`.
    #[must_use]
    pub fn with_links(mut self, public_url: &str) -> Self {
        if let Some(id) = &self.record.id {
            self.links = crate::links::record(public_url, id.as_str());
        }
        self
    }

    /// The response with the local records its service operates on.
    #[must_use]
    pub fn with_operated(mut self, operated: Vec<OperatedRecord>) -> Self {
        self.operates_on_records = operated;
        self
    }
}

/// One value of a facet and the number of matching records that have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct FacetBucket {
    pub value: String,
    pub count: u64,
}

/// A page of search results.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ListResponse {
    pub items: Vec<RecordResponse>,
    /// Number of matching records, all pages together.
    pub total: u64,
    pub limit: u32,
    pub offset: u64,
    /// Buckets by facet name (`keyword`, `type`, `organisation`, `format`, `licence`, `topicCategory`).
    pub facets: BTreeMap<String, Vec<FacetBucket>>,
    /// `self`, and `next` / `prev` when there are such pages.
    pub links: Vec<Link>,
}

impl ListResponse {
    #[must_use]
    pub fn new(page: SearchPage, query: &SearchQuery, links: Vec<Link>, public_url: &str) -> Self {
        let dcat = moisson_dcat::Context::new(public_url);
        let facets = page
            .facets
            .into_iter()
            .map(|f| {
                let buckets = f.buckets.into_iter().map(|b| FacetBucket {
                    value: b.value,
                    count: b.count,
                });
                (f.field.as_str().to_owned(), buckets.collect())
            })
            .collect();
        Self {
            items: page
                .records
                .into_iter()
                .map(|r| RecordResponse::new(r, &dcat))
                .collect(),
            total: page.total,
            limit: query.limit,
            offset: query.offset,
            facets,
            links,
        }
    }
}

/// Parses a record identifier taken from a URL path (already percent-decoded).
pub fn record_id(raw: &str) -> Result<RecordId> {
    RecordId::parse(raw).map_err(|e| Error::invalid("id", e.to_string()))
}

#[tracing::instrument(skip_all, fields(op = "GetRecords"))]
pub async fn search(state: &RestState, query: &SearchQuery, viewer: &Viewer) -> Result<SearchPage> {
    Ok(state.store.search(query, viewer).await?)
}

#[tracing::instrument(skip_all, fields(op = "GetRecord"))]
pub async fn get(state: &RestState, id: &RecordId, viewer: &Viewer) -> Result<StoredRecord> {
    state
        .store
        .get(id, viewer)
        .await?
        .ok_or_else(|| Error::RecordNotFound(id.to_string()))
}

/// Resolves a path that may end in `.xml`: the record without the suffix, as XML, when
/// it exists; else the whole path as an identifier. Returns whether XML was asked for.
#[tracing::instrument(skip_all, fields(op = "GetRecord"))]
pub async fn get_by_path(
    state: &RestState,
    raw: &str,
    viewer: &Viewer,
) -> Result<(StoredRecord, bool)> {
    if let Some(stem) = raw.strip_suffix(".xml")
        && let Ok(id) = RecordId::parse(stem)
        && let Some(stored) = state.store.get(&id, viewer).await?
    {
        return Ok((stored, true));
    }
    Ok((get(state, &record_id(raw)?, viewer).await?, false))
}

/// Inserts or replaces a record by its own identifier. `requested`: the status and
/// visibility named by the query (they win over the body's).
#[tracing::instrument(skip_all, fields(op = "CreateRecord"))]
pub async fn create(
    state: &RestState,
    body: WriteBody,
    actor: &Viewer,
    requested: Requested,
) -> Result<(PutOutcome, StoredRecord)> {
    let mut new = body.new;
    check(state, &new.record)?;
    let id = new
        .record
        .id
        .clone()
        .ok_or_else(|| Error::MissingParameter("id".to_owned()))?;
    let requested = requested.or(body.requested);
    catalogue_fields(state, &mut new, actor, requested, body.from_document).await?;
    // A refusal over a hidden record never names its owner: `rights::check_write` says so.
    let outcome = state.store.put(new, actor).await?;
    Ok((outcome, get(state, &id, actor).await?))
}

/// Replaces an existing record. The body's identifier must be absent or equal `id`.
#[tracing::instrument(skip_all, fields(op = "ReplaceRecord"))]
pub async fn replace(
    state: &RestState,
    id: RecordId,
    body: WriteBody,
    actor: &Viewer,
    requested: Requested,
    if_match: &IfMatch,
) -> Result<StoredRecord> {
    let mut new = body.new;
    match &new.record.id {
        Some(own) if *own != id => {
            return Err(Error::invalid(
                "id",
                format!("the body's identifier {own} differs from the path's {id}"),
            ));
        }
        _ => new.record.id = Some(id.clone()),
    }
    complete(&new.record)?;
    check(state, &new.record)?;
    let stored = get(state, &id, actor).await?;
    let expected = if_match.expected(id.as_str(), stored.version)?;
    drop(stored);
    let requested = requested.or(body.requested);
    catalogue_fields(state, &mut new, actor, requested, body.from_document).await?;
    state.store.put_versioned(new, expected, actor).await?;
    get(state, &id, actor).await
}

/// Changes the fields a JSON Merge Patch (RFC 7396) names and keeps the others, status
/// and visibility included unless named. Like any JSON edit, the store merges the change
/// into a kept ISO 19139 document. The write is conditional on the version the patch
/// was applied to, so a patch never overwrites an edit it did not see: without
/// `If-Match`, a write that lands in between is a 412 too.
#[tracing::instrument(skip_all, fields(op = "PatchRecord"))]
pub async fn patch(
    state: &RestState,
    id: RecordId,
    patch: serde_json::Value,
    actor: &Viewer,
    if_match: &IfMatch,
) -> Result<StoredRecord> {
    if !patch.is_object() {
        return Err(Error::invalid(
            "body",
            "a merge patch of a record is a JSON object",
        ));
    }
    if patch
        .get("id")
        .is_some_and(|v| v.as_str() != Some(id.as_str()))
    {
        return Err(Error::invalid(
            "id",
            "a patch cannot change the record's identifier",
        ));
    }
    let stored = get(state, &id, actor).await?;
    if_match.expected(id.as_str(), stored.version)?;
    let read_version = stored.version;
    let mut doc = serde_json::to_value(&stored.record).map_err(Error::Json)?;
    drop(stored);
    crate::patch::merge(&mut doc, patch);
    let record = crate::body::strict_record(doc)?;
    complete(&record)?;
    check(state, &record)?;
    // The merged record states its status and visibility: keep them as they are.
    let requested = Requested {
        status: Some(record.catalogue.status),
        visibility: Some(record.catalogue.visibility),
    };
    let mut new = NewRecord {
        record,
        original: None,
    };
    catalogue_fields(state, &mut new, actor, requested, false).await?;
    state
        .store
        .put_versioned(new, Some(read_version), actor)
        .await?;
    get(state, &id, actor).await
}

/// A replacement is a whole record: at least a title. A partial body would blank the
/// fields it leaves out; PATCH is for partial changes.
fn complete(record: &Record) -> Result<()> {
    if record.title.trim().is_empty() {
        return Err(Error::invalid(
            "title",
            "a record needs a title: PUT replaces the whole record; to change some fields, \
             send PATCH with a JSON Merge Patch (application/merge-patch+json)",
        ));
    }
    Ok(())
}

/// Deletes a record; one the actor may not see is not found (404), like a read, before
/// the store decides whether the actor may delete it (403).
#[tracing::instrument(skip_all, fields(op = "DeleteRecord"))]
pub async fn delete(
    state: &RestState,
    id: &RecordId,
    actor: &Viewer,
    if_match: &IfMatch,
) -> Result<()> {
    let stored = get(state, id, actor).await?;
    let expected = if_match.expected(id.as_str(), stored.version)?;
    if state.store.delete_versioned(id, expected, actor).await? {
        Ok(())
    } else {
        Err(Error::RecordNotFound(id.to_string()))
    }
}

/// A document replacing a stored record keeps its owner, visibility and status; a record
/// without an owner gets the caller's organisation when there is one obvious choice; a
/// new record whose request names no status is a draft unless the caller may publish it
/// (`moisson_http::catalogue::settle`).
async fn catalogue_fields(
    state: &RestState,
    new: &mut NewRecord,
    actor: &Viewer,
    requested: Requested,
    from_document: bool,
) -> Result<()> {
    let store = state.store.as_ref();
    moisson_http::catalogue::settle(store, &mut new.record, actor, requested, from_document)
        .await?;
    Ok(())
}

/// What every write checks before the store sees the record: extents and the profile.
/// A bad box is refused naming its failing bound (`northBoundLatitude`…) as the
/// problem's `parameter`.
fn check(state: &RestState, record: &Record) -> Result<()> {
    record.validate().map_err(Error::Model)?;
    state.profiles.validate(record)
}

/// The record as ISO 19139: the original document when the record is an unedited
/// ISO import, else a document written from the model.
#[must_use]
pub fn iso19139(stored: &StoredRecord) -> Vec<u8> {
    match &stored.original {
        Some(original) if original.format == DocumentFormat::Iso19139 => original.bytes.clone(),
        _ => moisson_iso::write_iso19139(&stored.record).into_bytes(),
    }
}
