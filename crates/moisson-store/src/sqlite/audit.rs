//! The audit log: appended by record writes in their own transaction, read by
//! superadmins.

use chrono::{DateTime, Utc};
use moisson_model::account::{AuditAction, AuditEntry, AuditQuery};
use rusqlite::{CachedStatement, Connection, Row, Transaction, params};

use super::text::timestamp;
use crate::{Error, Result};

const APPEND: &str =
    "INSERT INTO audit_log (at, actor, action, record_id, status) VALUES (?1, ?2, ?3, ?4, ?5)";

/// Appends the lines of one write transaction: one statement prepared for the batch.
pub(crate) struct AuditAppender<'t> {
    statement: CachedStatement<'t>,
    actor: String,
    at: String,
}

impl<'t> AuditAppender<'t> {
    pub(crate) fn new(tx: &'t Transaction<'_>, actor: &str, at: DateTime<Utc>) -> Result<Self> {
        let statement = tx
            .prepare_cached(APPEND)
            .map_err(|e| Error::Sqlite(e, "preparing the audit log"))?;
        Ok(Self {
            statement,
            actor: actor.to_owned(),
            at: timestamp(at),
        })
    }

    /// One line: `status` is the record's status after the write (`None`: deleted).
    pub(crate) fn append(
        &mut self,
        action: AuditAction,
        record_id: &str,
        status: Option<&str>,
    ) -> Result<()> {
        self.statement
            .execute(params![
                self.at,
                self.actor,
                action.as_str(),
                record_id,
                status
            ])
            .map(drop)
            .map_err(|e| Error::Sqlite(e, "writing the audit log"))
    }
}

/// Lines matching `query`, newest first; a `limit` of 0 reads every line.
pub(crate) fn read(conn: &Connection, query: &AuditQuery) -> Result<Vec<AuditEntry>> {
    let limit = match query.limit {
        0 => -1,
        n => i64::from(n),
    };
    let offset = i64::try_from(query.offset).unwrap_or(i64::MAX);
    let err = |e| Error::Sqlite(e, "reading the audit log");
    let mut stmt = conn
        .prepare_cached(
            "SELECT seq, at, actor, action, record_id, status FROM audit_log
             WHERE (?1 IS NULL OR record_id = ?1) AND (?2 IS NULL OR actor = ?2)
             ORDER BY seq DESC LIMIT ?3 OFFSET ?4",
        )
        .map_err(err)?;
    let rows = stmt
        .query_map(
            params![query.record_id, query.actor, limit, offset],
            raw_entry,
        )
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(err)?;
    rows.into_iter().map(decode).collect()
}

type RawEntry = (i64, String, String, String, String, Option<String>);

/// Reads the columns in order (rusqlite converts a row to a tuple of `FromSql` values).
fn raw_entry(r: &Row<'_>) -> rusqlite::Result<RawEntry> {
    RawEntry::try_from(r)
}

fn decode((seq, at, actor, action, record_id, status): RawEntry) -> Result<AuditEntry> {
    let corrupt = |what: String| Error::Corrupt(format!("audit line {seq}: {what}"));
    let at = DateTime::parse_from_rfc3339(&at)
        .map_err(|e| corrupt(e.to_string()))?
        .with_timezone(&Utc);
    let action = AuditAction::parse(&action).ok_or_else(|| corrupt(format!("action {action}")))?;
    Ok(AuditEntry {
        seq,
        at,
        actor,
        action,
        record_id,
        status,
    })
}
