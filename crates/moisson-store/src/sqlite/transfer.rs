//! `TableTransfer` for SQLite: booleans are integers, timestamps RFC 3339 text (refresh
//! expiries Unix seconds), JSON text, the audit sequence and job numbers AUTOINCREMENT
//! keys (which an explicit copied number moves past).

use async_trait::async_trait;
use chrono::DateTime;
use rusqlite::types::{Value, ValueRef};
use rusqlite::{Connection, params_from_iter};

use super::SqliteStore;
use super::users::parse_time;
use crate::text::timestamp;
use crate::transfer::{Cell, Kind, Row, Table, TableTransfer};
use crate::{Error, Result};

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

#[async_trait]
impl TableTransfer for SqliteStore {
    async fn rows_after(&self, table: Table, after: Option<Row>, limit: u32) -> Result<Vec<Row>> {
        self.pool
            .read(move |c| read_page(c, table, after.as_ref(), limit))
            .await
    }

    async fn load_rows(&self, table: Table, rows: Vec<Row>) -> Result<u64> {
        self.pool.write(move |c| write_rows(c, table, &rows)).await
    }

    async fn count_rows(&self, table: Table) -> Result<u64> {
        let sql = format!("SELECT count(*) FROM {}", table.name());
        self.pool
            .read(move |c| {
                c.query_row(&sql, [], |r| r.get::<_, i64>(0))
                    .map(|n| n.unsigned_abs())
                    .map_err(sql_err("counting rows"))
            })
            .await
    }
}

fn read_page(c: &Connection, table: Table, after: Option<&Row>, limit: u32) -> Result<Vec<Row>> {
    let keys = table.key_list();
    let (condition, bound) = match after {
        Some(key) => {
            let marks = vec!["?"; key.len()].join(", ");
            let values = to_values(table, key)?;
            (format!("WHERE ({keys}) > ({marks})"), values)
        }
        None => (String::new(), Vec::new()),
    };
    let sql = format!(
        "SELECT {} FROM {} {condition} ORDER BY {keys} LIMIT {limit}",
        table.column_list(),
        table.name()
    );
    let mut stmt = c.prepare(&sql).map_err(sql_err("reading rows to copy"))?;
    let mut rows = stmt
        .query(params_from_iter(bound))
        .map_err(sql_err("reading rows to copy"))?;
    let mut out = Vec::new();
    while let Some(row) = rows.next().map_err(sql_err("reading rows to copy"))? {
        let mut cells = Vec::with_capacity(table.columns().len());
        for (i, (_, kind)) in table.columns().iter().enumerate() {
            let value = row.get_ref(i).map_err(sql_err("reading rows to copy"))?;
            cells.push(read_cell(*kind, value)?);
        }
        out.push(cells);
    }
    Ok(out)
}

fn read_cell(kind: Kind, value: ValueRef<'_>) -> Result<Cell> {
    let corrupt = || Error::Corrupt(format!("unexpected {kind:?} value {value:?}"));
    Ok(match (kind, value) {
        (_, ValueRef::Null) => Cell::Null,
        (Kind::Text | Kind::Json, ValueRef::Text(t)) => {
            Cell::Text(String::from_utf8_lossy(t).into_owned())
        }
        (Kind::Bool, ValueRef::Integer(n)) => Cell::Bool(n != 0),
        (Kind::Int | Kind::Seconds, ValueRef::Integer(n)) => Cell::Int(n),
        (Kind::Micros, ValueRef::Text(t)) => {
            let text = std::str::from_utf8(t).map_err(|_| corrupt())?;
            Cell::Int(parse_time(text)?.timestamp_micros())
        }
        _ => return Err(corrupt()),
    })
}

/// The cells as SQLite values, in the table's column types.
fn to_values(table: Table, cells: &[Cell]) -> Result<Vec<Value>> {
    table
        .columns()
        .iter()
        .zip(cells)
        .map(|((name, kind), cell)| to_value(*kind, cell, name))
        .collect()
}

fn to_value(kind: Kind, cell: &Cell, column: &str) -> Result<Value> {
    Ok(match (kind, cell) {
        (_, Cell::Null) => Value::Null,
        (Kind::Text | Kind::Json, Cell::Text(t)) => Value::Text(t.clone()),
        (Kind::Bool, Cell::Bool(b)) => Value::Integer(i64::from(*b)),
        (Kind::Int | Kind::Seconds, Cell::Int(n)) => Value::Integer(*n),
        (Kind::Micros, Cell::Int(n)) => {
            let t = DateTime::from_timestamp_micros(*n)
                .ok_or_else(|| Error::Invalid(format!("{column}: no such time {n}")))?;
            Value::Text(timestamp(t))
        }
        _ => {
            return Err(Error::Invalid(format!(
                "{column}: {cell:?} is not a {kind:?}"
            )));
        }
    })
}

fn write_rows(c: &mut Connection, table: Table, rows: &[Row]) -> Result<u64> {
    let tx = c.transaction().map_err(sql_err("copying rows"))?;
    {
        let mut stmt = tx
            .prepare(&insert_sql(table))
            .map_err(sql_err("copying rows"))?;
        for row in rows {
            let values = to_values(table, row)?;
            stmt.execute(params_from_iter(values))
                .map_err(sql_err("copying rows"))?;
        }
    }
    tx.commit().map_err(sql_err("copying rows"))?;
    Ok(rows.len() as u64)
}

/// An upsert by key; for the audit log, a taken sequence number becomes NULL, which
/// SQLite replaces with the next one (AUTOINCREMENT keeps it above every copied line).
fn insert_sql(table: Table) -> String {
    let n = table.columns().len();
    let marks: Vec<String> = (1..=n).map(|i| format!("?{i}")).collect();
    let cols = table.column_list();
    if table == Table::AuditLog {
        let rest = marks[1..].join(", ");
        return format!(
            "INSERT INTO audit_log ({cols}) VALUES \
             ((SELECT CASE WHEN EXISTS (SELECT 1 FROM audit_log WHERE seq = ?1) \
               THEN NULL ELSE ?1 END), {rest})"
        );
    }
    format!(
        "INSERT INTO {} ({cols}) VALUES ({}) ON CONFLICT ({}) DO UPDATE SET {}",
        table.name(),
        marks.join(", "),
        table.key_list(),
        table.update_list()
    )
}
