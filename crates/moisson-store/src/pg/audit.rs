//! The audit log: one line per record write, appended in the write's own transaction
//! (one statement per batch, however many records), read newest first by superadmins.

use chrono::{DateTime, Utc};
use moisson_model::Viewer;
use moisson_model::account::{AuditAction, AuditEntry, AuditQuery};

use super::params::{Param, Params};
use super::pool::Pool;
use crate::{Error, Result};

/// One record write to log.
#[derive(Debug)]
pub(crate) struct AuditLine {
    pub record_id: String,
    pub action: AuditAction,
    /// The record's status after the write; `None` for a delete.
    pub status: Option<&'static str>,
}

/// Appends `lines` (in order) in the transaction `tx`; `at` is the transaction's time.
pub(crate) async fn append(
    tx: &deadpool_postgres::Transaction<'_>,
    actor: &str,
    lines: &[AuditLine],
) -> Result<()> {
    if lines.is_empty() {
        return Ok(());
    }
    let ids: Vec<&str> = lines.iter().map(|l| l.record_id.as_str()).collect();
    let actions: Vec<&str> = lines.iter().map(|l| l.action.as_str()).collect();
    let statuses: Vec<Option<&str>> = lines.iter().map(|l| l.status).collect();
    let stmt = tx
        .prepare_cached(
            "INSERT INTO audit_log (actor, action, record_id, status) \
             SELECT $1::text, u.action, u.record_id, u.status \
             FROM unnest($2::text[], $3::text[], $4::text[]) WITH ORDINALITY \
                  AS u (record_id, action, status, n) \
             ORDER BY u.n",
        )
        .await
        .map_err(|e| Error::Pg(e, "preparing the audit log"))?;
    tx.execute(&stmt, &[&actor, &ids, &actions, &statuses])
        .await
        .map_err(|e| Error::Pg(e, "writing the audit log"))?;
    Ok(())
}

/// Audit lines matching `query`, newest first; a `limit` of 0 reads every line.
pub(crate) async fn read(
    pool: &Pool,
    query: &AuditQuery,
    actor: &Viewer,
) -> Result<Vec<AuditEntry>> {
    crate::accounts::check_superadmin(actor)?;
    let mut params = Params::default();
    let mut conds = vec!["TRUE".to_owned()];
    if let Some(id) = &query.record_id {
        conds.push(format!(
            "record_id = {}",
            params.bind(Param::Text(id.clone()))
        ));
    }
    if let Some(who) = &query.actor {
        conds.push(format!("actor = {}", params.bind(Param::Text(who.clone()))));
    }
    let limit = match query.limit {
        0 => "ALL".to_owned(),
        n => params.bind(Param::Int(i64::from(n))),
    };
    let offset = params.bind(Param::Int(i64::try_from(query.offset).unwrap_or(i64::MAX)));
    let sql = format!(
        "SELECT seq, {AT_MICROS}, actor, action, record_id, status FROM audit_log \
         WHERE {} ORDER BY seq DESC LIMIT {limit} OFFSET {offset}",
        conds.join(" AND ")
    );
    let client = pool.get("reading the audit log").await?;
    let rows = client
        .query(&sql, &params.refs())
        .await
        .map_err(|e| Error::Pg(e, "reading the audit log"))?;
    rows.iter()
        .map(|r| {
            let action: &str = r.get(3);
            Ok(AuditEntry {
                seq: r.get(0),
                at: from_micros(r.get(1))?,
                actor: r.get(2),
                action: AuditAction::parse(action)
                    .ok_or_else(|| Error::Corrupt(format!("audit action {action:?}")))?,
                record_id: r.get(4),
                status: r.get(5),
            })
        })
        .collect()
}

/// `at` as microseconds since the epoch (exact: `extract` answers a numeric).
const AT_MICROS: &str = "(extract(epoch FROM at) * 1000000)::int8";

/// A `timestamptz` read as microseconds since the epoch (see `AT_MICROS`).
pub(crate) fn from_micros(micros: i64) -> Result<DateTime<Utc>> {
    DateTime::from_timestamp_micros(micros)
        .ok_or_else(|| Error::Corrupt(format!("timestamp out of range: {micros}")))
}
