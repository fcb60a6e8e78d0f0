//! The tables `moisson db copy` carries besides records: accounts, API keys, refresh-token
//! state, the audit log and harvesting (sources, jobs, provenance), read in keyset pages and written as they are (password and
//! secret hashes, timestamps, audit sequence numbers), so that everyone signs in on the
//! copy as before. Each backend maps the cells to its own column types
//! (`sqlite/transfer.rs`, `pg/transfer.rs`); the table list is written once, here.
//!
//! Not carried, because they are derived: the records' index tables and shares (written
//! again from each record), the catalogue generation, and kept representations (a cache,
//! remade by the next export).

use async_trait::async_trait;

use crate::{Error, Result};

/// A table `db copy` carries, in an order where parents come before their children.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Table {
    Users,
    Units,
    Memberships,
    ApiKeys,
    AuditLog,
    RefreshTokens,
    RefreshFamilies,
    HarvestSources,
    HarvestJobs,
    /// Copied after the records it refers to (`Table::AFTER_RECORDS`).
    HarvestRecords,
}

/// What a column holds, so each backend reads and writes it in its own type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Text,
    Bool,
    /// An integer (the audit sequence number).
    Int,
    /// A timestamp, carried as microseconds since the Unix epoch.
    Micros,
    /// A timestamp, carried as whole seconds since the Unix epoch (refresh expiries).
    Seconds,
    /// JSON, carried as its text (PostgreSQL `jsonb`, SQLite text).
    Json,
}

/// One cell of a row; integers also carry `Micros` and `Seconds` timestamps.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell {
    Null,
    Text(String),
    Bool(bool),
    Int(i64),
}

/// A row, its cells in the order of `Table::columns`.
pub type Row = Vec<Cell>;

impl Table {
    /// Every table copied before the records, parents first.
    pub const ALL: [Self; 9] = [
        Self::Users,
        Self::Units,
        Self::Memberships,
        Self::ApiKeys,
        Self::AuditLog,
        Self::RefreshTokens,
        Self::RefreshFamilies,
        Self::HarvestSources,
        Self::HarvestJobs,
    ];

    /// Tables whose rows refer to records: copied after them.
    pub const AFTER_RECORDS: [Self; 1] = [Self::HarvestRecords];

    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Users => "users",
            Self::Units => "units",
            Self::Memberships => "memberships",
            Self::ApiKeys => "api_keys",
            Self::AuditLog => "audit_log",
            Self::RefreshTokens => "refresh_tokens",
            Self::RefreshFamilies => "refresh_families",
            Self::HarvestSources => "harvest_sources",
            Self::HarvestJobs => "harvest_jobs",
            Self::HarvestRecords => "harvest_records",
        }
    }

    /// The columns, primary key first (`key_len` of them).
    #[must_use]
    pub fn columns(self) -> &'static [(&'static str, Kind)] {
        use Kind::{Bool, Int, Json, Micros, Seconds, Text};
        match self {
            Self::Users => &[
                ("username", Text),
                ("name", Text),
                ("email", Text),
                ("password_hash", Text),
                ("superadmin", Bool),
                ("disabled", Bool),
                ("created", Micros),
            ],
            Self::Units => &[("id", Text), ("kind", Text), ("name", Text)],
            Self::Memberships => &[("username", Text), ("unit", Text), ("role", Text)],
            Self::ApiKeys => &[
                ("id", Text),
                ("unit", Text),
                ("role", Text),
                ("label", Text),
                ("created_by", Text),
                ("created", Micros),
                ("revoked", Bool),
                ("secret_hash", Text),
            ],
            Self::AuditLog => &[
                ("seq", Int),
                ("at", Micros),
                ("actor", Text),
                ("action", Text),
                ("record_id", Text),
                ("status", Text),
            ],
            Self::RefreshTokens => &[("jti", Text), ("expires", Seconds)],
            Self::RefreshFamilies => &[("family", Text), ("expires", Seconds)],
            // Harvest timestamps are RFC 3339 text on both backends.
            Self::HarvestSources => &[
                ("id", Text),
                ("name", Text),
                ("kind", Text),
                ("url", Text),
                ("options", Json),
                ("owner_org", Text),
                ("visibility", Text),
                ("status", Text),
                ("schedule", Text),
                ("enabled", Bool),
                ("created", Text),
            ],
            Self::HarvestJobs => &[
                ("id", Int),
                ("source_id", Text),
                ("full_run", Bool),
                ("started", Text),
                ("ended", Text),
                ("state", Text),
                ("counts", Json),
                ("errors", Json),
                ("log", Json),
            ],
            Self::HarvestRecords => &[
                ("record_id", Text),
                ("source_id", Text),
                ("remote_id", Text),
                ("harvested_at", Text),
                ("source_hash", Text),
                ("seen_job", Int),
            ],
        }
    }

    /// How many leading columns make the primary key.
    #[must_use]
    pub fn key_len(self) -> usize {
        match self {
            Self::Memberships => 2,
            _ => 1,
        }
    }

    /// Column names joined by `, `.
    #[must_use]
    pub fn column_list(self) -> String {
        let names: Vec<&str> = self.columns().iter().map(|(n, _)| *n).collect();
        names.join(", ")
    }

    /// Key column names joined by `, `.
    #[must_use]
    pub fn key_list(self) -> String {
        let names: Vec<&str> = self.columns()[..self.key_len()]
            .iter()
            .map(|(n, _)| *n)
            .collect();
        names.join(", ")
    }

    /// `SET c = excluded.c` for the columns outside the key: a copied row replaces the
    /// target's row with the same key, as copied records do.
    #[must_use]
    pub fn update_list(self) -> String {
        let sets: Vec<String> = self.columns()[self.key_len()..]
            .iter()
            .map(|(n, _)| format!("{n} = excluded.{n}"))
            .collect();
        sets.join(", ")
    }
}

fn unsupported<T>() -> Result<T> {
    Err(Error::UnsupportedQuery(
        "this store cannot copy its tables".to_owned(),
    ))
}

/// Reading and writing the carried tables row by row. Defaults refuse, so a store that
/// keeps no accounts still builds. No actor: only the CLI, which owns both databases,
/// calls these.
#[async_trait]
pub trait TableTransfer: Send + Sync {
    /// Up to `limit` rows of `table` whose key sorts after `after` (from the first when
    /// `None`), in key order: keyset pages, so a copy never holds a whole table.
    async fn rows_after(&self, table: Table, after: Option<Row>, limit: u32) -> Result<Vec<Row>> {
        let _ = (table, after, limit);
        unsupported()
    }

    /// Writes rows in one transaction: a row replaces the one with the same key; an
    /// audit line whose sequence number is taken is appended with a new one instead, so
    /// no line is lost. Returns the rows written.
    async fn load_rows(&self, table: Table, rows: Vec<Row>) -> Result<u64> {
        let _ = (table, rows);
        unsupported()
    }

    /// Number of rows in `table`.
    async fn count_rows(&self, table: Table) -> Result<u64> {
        let _ = table;
        unsupported()
    }
}

/// The key cells of a row, for the next page's `after`.
#[must_use]
pub fn key_of(table: Table, row: &Row) -> Row {
    row[..table.key_len()].to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_table_has_its_key_first() {
        for table in Table::ALL.into_iter().chain(Table::AFTER_RECORDS) {
            assert!(table.key_len() <= table.columns().len(), "{}", table.name());
            // No key column is set by the upsert (names compared whole: `source_id`
            // is not `id`).
            let key = table.key_list();
            assert!(
                !(table.update_list().split(", ")).any(|set| set.starts_with(&format!("{key} ="))),
                "{}",
                table.name()
            );
        }
        assert_eq!(Table::Memberships.key_list(), "username, unit");
        assert_eq!(
            Table::Units.update_list(),
            "kind = excluded.kind, name = excluded.name"
        );
    }
}
