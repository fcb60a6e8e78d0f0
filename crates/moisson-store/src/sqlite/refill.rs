//! The Rust step of the migrations that change how text is analysed (`crate::words`):
//! the full-text index filled again from every record's document, inside the
//! migration's transaction, so a database is never left half indexed.

use rusqlite::Transaction;

use super::children::insert_full_text;
use super::read::decode_doc;
use crate::index::IndexRow;
use crate::{Error, Result};

/// The migrations after which the full-text index is filled again.
pub(super) const REFILL_FULL_TEXT_AFTER: [u32; 1] = [10];

/// Indexes every record's words again (the migration emptied the index).
pub(super) fn full_text(tx: &Transaction<'_>) -> Result<()> {
    let err = |e| Error::Sqlite(e, "indexing the records' words again");
    let mut read = tx
        .prepare("SELECT rid, id, doc FROM records ORDER BY rid")
        .map_err(err)?;
    let mut rows = read.query([]).map_err(err)?;
    let mut count = 0_u64;
    while let Some(row) = rows.next().map_err(err)? {
        let rid: i64 = row.get(0).map_err(err)?;
        let id: String = row.get(1).map_err(err)?;
        let doc: String = row.get(2).map_err(err)?;
        let record = decode_doc(&id, &doc)?;
        insert_full_text(tx, rid, &IndexRow::of(&record), &record.abstract_text).map_err(err)?;
        count += 1;
    }
    tracing::info!(records = count, "indexed the records' words again");
    Ok(())
}

#[cfg(test)]
mod tests {
    use moisson_model::Viewer;

    use crate::Store;
    use crate::sqlite::SqliteStore;
    use crate::words::fixtures::{flood_records, found};

    /// A database whose index was made another way (here: emptied) finds its records
    /// again once the step has run.
    #[tokio::test]
    async fn the_index_is_filled_again_from_the_documents() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("refill.db");
        let store = SqliteStore::open(&path).await.expect("open");
        store
            .put_many(flood_records(300), &Viewer::Admin)
            .await
            .expect("put");
        drop(store);
        let mut conn = super::super::pool::open_connection(&path).expect("connection");
        conn.execute_batch("INSERT INTO records_fts (records_fts) VALUES ('delete-all')")
            .expect("forget");
        let tx = conn.transaction().expect("tx");
        super::full_text(&tx).expect("refill");
        tx.commit().expect("commit");
        drop(conn);
        let store = SqliteStore::open(&path).await.expect("reopen");
        assert_eq!(found(&store, "commune").await, 300);
        assert_eq!(found(&store, "inondab").await, 300);
    }
}
