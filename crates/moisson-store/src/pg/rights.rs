//! Rights in writes: the stored record's catalogue information, read under the write's
//! row lock so that no other node changes it between the check and the write, and
//! checked with `moisson_model::rights`; and deletes, which do the same.

use moisson_model::account::AuditAction;
use moisson_model::rights::{self, Denied};
use moisson_model::{CatalogueInfo, Viewer, Visibility, WorkflowStatus};
use tokio_postgres::Row;

use super::audit::{self, AuditLine};
use super::pool::Pool;
use crate::{Error, Result};

/// A refused write of record `id`, with the reason the rules give.
pub(crate) fn denied(id: &str, Denied(why): Denied) -> Error {
    Error::Forbidden(format!("record {id}: {why}"))
}

/// The catalogue information rights depend on, from the columns `owner_org, visibility,
/// status, shared_with` starting at column `first`.
pub(crate) fn stored_info(row: &Row, first: usize) -> Result<CatalogueInfo> {
    let visibility: &str = row.get(first + 1);
    let status: &str = row.get(first + 2);
    Ok(CatalogueInfo {
        owner_org: row.get(first),
        visibility: parse_visibility(visibility)
            .ok_or_else(|| Error::Corrupt(format!("unknown visibility {visibility:?}")))?,
        status: parse_status(status)
            .ok_or_else(|| Error::Corrupt(format!("unknown status {status:?}")))?,
        shared_with: row.get(first + 3),
        ..CatalogueInfo::default()
    })
}

fn parse_visibility(s: &str) -> Option<Visibility> {
    [
        Visibility::Public,
        Visibility::Internal,
        Visibility::Restricted,
    ]
    .into_iter()
    .find(|v| v.as_str() == s)
}

fn parse_status(s: &str) -> Option<WorkflowStatus> {
    [
        WorkflowStatus::Draft,
        WorkflowStatus::Submitted,
        WorkflowStatus::Published,
    ]
    .into_iter()
    .find(|v| v.as_str() == s)
}

/// Deletes a record the actor may delete (its child rows go with it: ON DELETE
/// CASCADE) and writes its audit line. `false` when absent or not visible to the actor,
/// so that a hidden record stays absent; `Error::Forbidden` when seen but not deletable.
/// `expected`: the version the record must be at (`Store::delete_versioned`).
pub(crate) async fn delete(
    pool: &Pool,
    id: &str,
    expected: Option<i64>,
    actor: &Viewer,
) -> Result<bool> {
    let err = |what| move |e| Error::Pg(e, what);
    let mut client = pool.get("deleting a record").await?;
    let tx = client
        .transaction()
        .await
        .map_err(err("starting a delete"))?;
    let Some(line) = delete_in(&tx, id, expected, actor).await? else {
        return Ok(false);
    };
    audit::append(&tx, actor.subject(), &[line]).await?;
    tx.commit().await.map_err(err("committing a delete"))?;
    Ok(true)
}

/// The delete itself, inside the caller's transaction: locks the row, checks the
/// actor's rights on it, then the `expected` version under that lock, and deletes it.
/// Answers the audit line to write, `None` when absent or hidden from the actor.
pub(crate) async fn delete_in(
    tx: &deadpool_postgres::Transaction<'_>,
    id: &str,
    expected: Option<i64>,
    actor: &Viewer,
) -> Result<Option<AuditLine>> {
    let err = |what| move |e| Error::Pg(e, what);
    let row = tx
        .query_opt(
            "SELECT rid, owner_org, visibility, status, shared_with, version FROM records \
             WHERE id = $1 FOR UPDATE",
            &[&id],
        )
        .await
        .map_err(err("locking a record"))?;
    let Some(row) = row else {
        return Ok(None);
    };
    let stored = stored_info(&row, 1)?;
    if !rights::can_see(actor, &stored) {
        return Ok(None);
    }
    rights::check_delete(actor, &stored).map_err(|d| denied(id, d))?;
    crate::store::check_expected(id, expected, Some(row.get::<_, i64>(5)))?;
    let rid: i64 = row.get(0);
    tx.execute("DELETE FROM records WHERE rid = $1", &[&rid])
        .await
        .map_err(err("deleting a record"))?;
    Ok(Some(AuditLine {
        record_id: id.to_owned(),
        action: AuditAction::Delete,
        status: None,
    }))
}
