//! `TableTransfer` for PostgreSQL: timestamps are `timestamptz` (carried as exact
//! microseconds or seconds since the epoch), the audit sequence a `bigserial` moved past
//! every copied line.

use async_trait::async_trait;
use tokio_postgres::types::ToSql;

use super::PgStore;
use crate::transfer::{Cell, Kind, Row, Table, TableTransfer};
use crate::{Error, Result};

fn pg(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

/// A column as read: every kind comes back as text, bool or int8.
fn select_expr(name: &str, kind: Kind) -> String {
    match kind {
        Kind::Text | Kind::Json => format!("{name}::text"),
        Kind::Bool => name.to_owned(),
        Kind::Int => format!("{name}::int8"),
        Kind::Micros => format!("(extract(epoch FROM {name}) * 1000000)::int8"),
        Kind::Seconds => format!("extract(epoch FROM {name})::int8"),
    }
}

/// Parameter `$i` as written into a column of `kind`.
fn insert_expr(i: usize, kind: Kind) -> String {
    match kind {
        Kind::Text => format!("${i}::text"),
        Kind::Json => format!("${i}::text::jsonb"),
        Kind::Bool => format!("${i}::bool"),
        Kind::Int => format!("${i}::int8"),
        Kind::Micros => format!("'epoch'::timestamptz + ${i}::int8 * interval '1 microsecond'"),
        Kind::Seconds => format!("to_timestamp(${i}::int8)"),
    }
}

/// A cell as a parameter of the type `insert_expr` casts.
fn param(kind: Kind, cell: &Cell) -> Result<Box<dyn ToSql + Sync + Send>> {
    Ok(match (kind, cell) {
        (Kind::Text | Kind::Json, Cell::Null) => Box::new(None::<String>),
        (Kind::Bool, Cell::Null) => Box::new(None::<bool>),
        (_, Cell::Null) => Box::new(None::<i64>),
        (Kind::Text | Kind::Json, Cell::Text(t)) => Box::new(t.clone()),
        (Kind::Bool, Cell::Bool(b)) => Box::new(*b),
        (Kind::Int | Kind::Micros | Kind::Seconds, Cell::Int(n)) => Box::new(*n),
        _ => return Err(Error::Invalid(format!("{cell:?} is not a {kind:?}"))),
    })
}

fn params(table: Table, cells: &[Cell]) -> Result<Vec<Box<dyn ToSql + Sync + Send>>> {
    table
        .columns()
        .iter()
        .zip(cells)
        .map(|((_, kind), cell)| param(*kind, cell))
        .collect()
}

fn cell(row: &tokio_postgres::Row, i: usize, kind: Kind) -> Result<Cell> {
    let got = match kind {
        Kind::Text | Kind::Json => row
            .try_get::<_, Option<String>>(i)
            .map(|v| v.map(Cell::Text)),
        Kind::Bool => row.try_get::<_, Option<bool>>(i).map(|v| v.map(Cell::Bool)),
        _ => row.try_get::<_, Option<i64>>(i).map(|v| v.map(Cell::Int)),
    };
    Ok(got
        .map_err(pg("reading rows to copy"))?
        .unwrap_or(Cell::Null))
}

fn select_sql(table: Table, after: bool, limit: u32) -> String {
    let columns: Vec<String> = table
        .columns()
        .iter()
        .map(|(n, k)| select_expr(n, *k))
        .collect();
    let keys = table.key_list();
    let condition = if after {
        let marks: Vec<String> = table.columns()[..table.key_len()]
            .iter()
            .enumerate()
            .map(|(i, (_, k))| insert_expr(i + 1, *k))
            .collect();
        format!("WHERE ({keys}) > ({})", marks.join(", "))
    } else {
        String::new()
    };
    format!(
        "SELECT {} FROM {} {condition} ORDER BY {keys} LIMIT {limit}",
        columns.join(", "),
        table.name()
    )
}

/// An upsert by key; for the audit log, a taken sequence number is replaced by the
/// next of the sequence.
fn insert_sql(table: Table) -> String {
    let values: Vec<String> = table
        .columns()
        .iter()
        .enumerate()
        .map(|(i, (_, k))| insert_expr(i + 1, *k))
        .collect();
    let cols = table.column_list();
    if table == Table::AuditLog {
        let rest = values[1..].join(", ");
        return format!(
            "INSERT INTO audit_log ({cols}) VALUES \
             (CASE WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = $1::int8) \
              THEN nextval(pg_get_serial_sequence('audit_log', 'seq')) ELSE $1::int8 END, {rest})"
        );
    }
    // Job numbers are an identity column: copied as they are.
    let overriding = if table == Table::HarvestJobs {
        "OVERRIDING SYSTEM VALUE "
    } else {
        ""
    };
    format!(
        "INSERT INTO {} ({cols}) {overriding}VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
        table.name(),
        values.join(", "),
        table.key_list(),
        table.update_list()
    )
}

/// Moves the audit sequence past the highest line, so later writes never collide.
const AUDIT_SEQUENCE: &str = "SELECT setval(pg_get_serial_sequence('audit_log', 'seq'), \
     greatest((SELECT max(seq) FROM audit_log), 1))";

/// Moves the job numbers past the highest copied job, so the next run gets a new one.
const JOB_SEQUENCE: &str = "SELECT setval(pg_get_serial_sequence('harvest_jobs', 'id'), \
     greatest((SELECT max(id) FROM harvest_jobs), 1))";

#[async_trait]
impl TableTransfer for PgStore {
    async fn rows_after(&self, table: Table, after: Option<Row>, limit: u32) -> Result<Vec<Row>> {
        let client = self.pool.get("reading rows to copy").await?;
        let sql = select_sql(table, after.is_some(), limit);
        let bound = match &after {
            Some(key) => params(table, key)?,
            None => Vec::new(),
        };
        let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref() as _).collect();
        let rows = client
            .query(&sql, &refs)
            .await
            .map_err(pg("reading rows to copy"))?;
        rows.iter()
            .map(|r| {
                let kinds = table.columns().iter().map(|(_, k)| *k);
                kinds.enumerate().map(|(i, k)| cell(r, i, k)).collect()
            })
            .collect()
    }

    async fn load_rows(&self, table: Table, rows: Vec<Row>) -> Result<u64> {
        let mut client = self.pool.get("copying rows").await?;
        let tx = client.transaction().await.map_err(pg("copying rows"))?;
        let stmt = tx
            .prepare(&insert_sql(table))
            .await
            .map_err(pg("copying rows"))?;
        for row in &rows {
            let bound = params(table, row)?;
            let refs: Vec<&(dyn ToSql + Sync)> = bound.iter().map(|b| b.as_ref() as _).collect();
            tx.execute(&stmt, &refs).await.map_err(pg("copying rows"))?;
        }
        if table == Table::AuditLog {
            tx.execute(AUDIT_SEQUENCE, &[])
                .await
                .map_err(pg("moving the audit sequence"))?;
        }
        if table == Table::HarvestJobs {
            tx.execute(JOB_SEQUENCE, &[])
                .await
                .map_err(pg("moving the harvest job sequence"))?;
        }
        tx.commit().await.map_err(pg("copying rows"))?;
        Ok(rows.len() as u64)
    }

    async fn count_rows(&self, table: Table) -> Result<u64> {
        let client = self.pool.get("counting rows").await?;
        let sql = format!("SELECT count(*) FROM {}", table.name());
        let row = client
            .query_one(&sql, &[])
            .await
            .map_err(pg("counting rows"))?;
        Ok(row.get::<_, i64>(0).unsigned_abs())
    }
}
