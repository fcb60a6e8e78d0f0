//! Transaction: Insert, Update (whole record, or RecordProperty over a constraint) and
//! Delete (over a constraint).
//!
//! All or nothing: every action is read, resolved and checked first (documents parsed,
//! constraints evaluated against the records as stored before the transaction, rights of
//! each delete checked), without writing; then every insert, update and delete is applied
//! with one `Store::write_and_delete_versioned`, one store transaction in which the rights
//! are checked again under the write's lock, and each updated record must still be at the
//! version it was resolved at: an edit made in between (REST, another node) fails the
//! transaction instead of being lost. Any failure leaves the catalogue as it was.
//! Constraints of Update and Delete see the stored records, not the ones inserted earlier
//! in the same transaction.

mod plan;

use moisson_iso::ElementSet;
use moisson_iso::ns::{CSW, XSI};
use moisson_model::{
    Anchored, Expr, Format, HierarchyLevel, Record, SearchQuery, SortField, SortKey, Viewer, rights,
};
use moisson_store::{NewRecord, StoredRecord};

use crate::CswState;
use crate::error::{Error, Result};
use crate::request::{Action, Transaction};
use crate::write::{Xml, ns};
use plan::Plan;

/// Counts of what a transaction or harvest did, and the records it inserted.
#[derive(Debug, Default)]
pub struct Summary {
    pub inserted: u64,
    pub updated: u64,
    pub deleted: u64,
    pub inserted_records: Vec<Record>,
}

pub async fn transaction(state: &CswState, t: Transaction, actor: &Viewer) -> Result<String> {
    let mut plan = Plan::default();
    for action in t.actions {
        match action {
            Action::Insert(docs) => {
                for doc in docs {
                    plan_document(state, &doc, actor, &mut plan, false).await?;
                }
            }
            Action::Replace(docs) => {
                for doc in docs {
                    plan_document(state, &doc, actor, &mut plan, true).await?;
                }
            }
            Action::UpdateProperties { properties, filter } => {
                for stored in matching(state, &filter, actor).await? {
                    // A record deleted earlier in this transaction is gone: nothing to update.
                    if plan.is_deleted(stored.id()) {
                        continue;
                    }
                    let (mut record, seen, version) = match plan.pending(stored.id()) {
                        Some(w) => (w.new.record.clone(), w.seen, w.version),
                        None => (stored.record, true, Some(stored.version)),
                    };
                    for (name, value) in &properties {
                        set_property(&mut record, name, value)?;
                    }
                    let new = NewRecord {
                        record,
                        original: None,
                    };
                    plan.write_at(new, seen, version);
                }
            }
            Action::Delete(filter) => {
                for stored in matching(state, &filter, actor).await? {
                    rights::check_delete(actor, &stored.record.catalogue)
                        .map_err(|d| moisson_store::Error::Forbidden(d.0))?;
                    plan.delete(stored.id().clone());
                }
            }
        }
    }
    let s = apply(state, plan, actor).await?;
    Ok(response("csw:TransactionResponse", &s))
}

/// Applies the plan: every insert, update and delete in one store transaction.
async fn apply(state: &CswState, plan: Plan, actor: &Viewer) -> Result<Summary> {
    let (writes, deletes) = plan.into_parts();
    if writes.is_empty() && deletes.is_empty() {
        return Ok(Summary::default());
    }
    // Records new to the caller are the inserted ones (a hidden stored record with the
    // same id makes the store refuse the write).
    let inserted_records = writes
        .iter()
        .filter(|w| !w.seen)
        .map(|w| w.new.record.clone())
        .collect();
    let news = writes.into_iter().map(|w| (w.new, w.version)).collect();
    // A refusal over a hidden record never names its owner (`rights::check_write`).
    let bulk = state
        .store
        .write_and_delete_versioned(news, deletes, actor)
        .await?;
    Ok(Summary {
        inserted: bulk.created,
        updated: bulk.updated,
        deleted: bulk.deleted,
        inserted_records,
    })
}

/// Reads a document of Insert or Update into the plan. An `update` replaces the
/// record at the version it is stored at now (an Insert of an existing id replaces it
/// whatever its version, as before).
async fn plan_document(
    state: &CswState,
    doc: &str,
    actor: &Viewer,
    plan: &mut Plan,
    update: bool,
) -> Result<()> {
    for parsed in moisson_iso::read(doc.as_bytes())? {
        let mut record = parsed.record;
        let version = match (&record.id, update) {
            (Some(id), true) => state.store.get(id, actor).await?.map(|s| s.version),
            _ => None,
        };
        let seen = catalogue_fields(state, &mut record, actor).await?;
        let new = NewRecord {
            record,
            original: parsed.original,
        };
        plan.write_at(new, seen, version);
    }
    Ok(())
}

/// An ISO document carries no catalogue fields: a replaced record keeps its owner,
/// visibility and status, and a new one gets the caller's organisation when obvious, and
/// is a draft when the caller may not publish it. Returns whether the caller sees a
/// stored record with this id.
pub(crate) async fn catalogue_fields(
    state: &CswState,
    record: &mut Record,
    actor: &Viewer,
) -> Result<bool> {
    let store = state.store.as_ref();
    let requested = moisson_http::catalogue::Requested::default();
    Ok(moisson_http::catalogue::settle(store, record, actor, requested, true).await?)
}

/// Every record the actor sees that matches, read before any change.
async fn matching(state: &CswState, filter: &Expr, actor: &Viewer) -> Result<Vec<StoredRecord>> {
    const PAGE: u32 = 500;
    let mut records: Vec<StoredRecord> = Vec::new();
    loop {
        let query = SearchQuery {
            filter: filter.clone(),
            sort: vec![SortKey {
                field: SortField::Identifier,
                descending: false,
            }],
            limit: PAGE,
            offset: records.len() as u64,
            facets: Vec::new(),
            facet_limit: 0,
        };
        let page = state.store.search(&query, actor).await?;
        let n = page.records.len();
        records.extend(page.records);
        if n < PAGE as usize {
            return Ok(records);
        }
    }
}

/// Sets one queryable of a record (csw:RecordProperty).
fn set_property(r: &mut Record, name: &str, value: &str) -> Result<()> {
    let v = value.to_owned();
    match moisson_filter::queryables::local_name(name).as_str() {
        "title" => r.title = v,
        "abstract" => r.abstract_text = v,
        "type" => r.hierarchy_level = HierarchyLevel::parse(&v),
        "modified" | "date" => r.metadata.date_stamp = Some(v),
        "language" => r.metadata.language = Some(v),
        "resourcelanguage" => r.resource_languages = vec![v],
        "parentidentifier" => r.parent_id = Some(v),
        "topiccategory" => r.topic_categories = vec![v],
        "format" => {
            r.formats = vec![Format {
                name: Anchored::text(v),
                version: None,
            }]
        }
        "lineage" => r.lineage = Some(v),
        _ => {
            return Err(Error::invalid(
                "RecordProperty",
                format!("{name} cannot be updated by RecordProperty"),
            ));
        }
    }
    Ok(())
}

/// `csw:TransactionResponse` (or the same summary inside `csw:HarvestResponse`).
pub(crate) fn response(root_name: &str, s: &Summary) -> String {
    let location = format!("{CSW} {}", ns::CSW_PUBLICATION_SCHEMA);
    let mut x = Xml::new();
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
        ("version", "2.0.2"),
    ];
    let body = |x: &mut Xml| {
        x.with("csw:TransactionSummary", &[], |x| {
            x.leaf("csw:totalInserted", &[], &s.inserted.to_string());
            x.leaf("csw:totalUpdated", &[], &s.updated.to_string());
            x.leaf("csw:totalDeleted", &[], &s.deleted.to_string());
        });
        if !s.inserted_records.is_empty() {
            x.with("csw:InsertResult", &[], |x| {
                for r in &s.inserted_records {
                    x.raw(&moisson_iso::write_csw_record_fragment(
                        r,
                        ElementSet::Brief,
                    ));
                }
            });
        }
    };
    if root_name == "csw:HarvestResponse" {
        x.with(root_name, &root[..3], |x| {
            x.with("csw:TransactionResponse", &[("version", "2.0.2")], body)
        });
    } else {
        x.with(root_name, &root, body);
    }
    x.finish()
}
