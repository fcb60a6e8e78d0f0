//! Transaction: Insert, Update (whole record, or RecordProperty over a constraint) and
//! Delete (over a constraint). Actions run in order, each record write on its own: an
//! error stops the transaction and leaves the earlier actions done.

use moisson_iso::ElementSet;
use moisson_iso::ns::{CSW, XSI};
use moisson_model::{
    Anchored, Expr, Format, HierarchyLevel, Record, RecordId, SearchQuery, SortField, SortKey,
    Viewer,
};
use moisson_store::{NewRecord, PutOutcome};

use crate::CswState;
use crate::error::{Error, Result};
use crate::request::{Action, Transaction};
use crate::write::{Xml, ns};

/// Counts of what a transaction or harvest did, and the records it inserted.
#[derive(Debug, Default)]
pub struct Summary {
    pub inserted: u64,
    pub updated: u64,
    pub deleted: u64,
    pub inserted_records: Vec<Record>,
}

pub async fn transaction(state: &CswState, t: Transaction, actor: &Viewer) -> Result<String> {
    let mut s = Summary::default();
    for action in t.actions {
        match action {
            Action::Insert(docs) | Action::Replace(docs) => {
                for doc in docs {
                    put_document(state, &doc, actor, &mut s).await?;
                }
            }
            Action::UpdateProperties { properties, filter } => {
                for id in matching(state, &filter, actor).await? {
                    let Some(stored) = state.store.get(&id, actor).await? else {
                        continue;
                    };
                    let mut record = stored.record;
                    for (name, value) in &properties {
                        set_property(&mut record, name, value)?;
                    }
                    state
                        .store
                        .put(
                            NewRecord {
                                record,
                                original: None,
                            },
                            actor,
                        )
                        .await?;
                    s.updated += 1;
                }
            }
            Action::Delete(filter) => {
                for id in matching(state, &filter, actor).await? {
                    if state.store.delete(&id, actor).await? {
                        s.deleted += 1;
                    }
                }
            }
        }
    }
    Ok(response("csw:TransactionResponse", &s))
}

async fn put_document(state: &CswState, doc: &str, actor: &Viewer, s: &mut Summary) -> Result<()> {
    for parsed in moisson_iso::read(doc.as_bytes())? {
        let record = parsed.record;
        match state
            .store
            .put(
                NewRecord {
                    record: record.clone(),
                    original: parsed.original,
                },
                actor,
            )
            .await?
        {
            PutOutcome::Created => {
                s.inserted += 1;
                s.inserted_records.push(record);
            }
            PutOutcome::Updated => s.updated += 1,
        }
    }
    Ok(())
}

/// Identifiers of every record the actor sees that matches, read before any change.
async fn matching(state: &CswState, filter: &Expr, actor: &Viewer) -> Result<Vec<RecordId>> {
    const PAGE: u32 = 500;
    let mut ids = Vec::new();
    loop {
        let query = SearchQuery {
            filter: filter.clone(),
            sort: vec![SortKey {
                field: SortField::Identifier,
                descending: false,
            }],
            limit: PAGE,
            offset: ids.len() as u64,
            facets: Vec::new(),
            facet_limit: 0,
        };
        let page = state.store.search(&query, actor).await?;
        let n = page.records.len();
        ids.extend(page.records.iter().map(|r| r.id().clone()));
        if n < PAGE as usize {
            return Ok(ids);
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
