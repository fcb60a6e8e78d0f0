//! The Rust step of the migrations that change how text is analysed (`crate::words`):
//! every record's full-text vector computed again from its document, in pages, inside
//! the migration's transaction (under its advisory lock, so one node does it).

use moisson_model::Record;
use tokio_postgres::Transaction;
use tokio_postgres::types::Json;

use super::text::weighted_texts;
use crate::index::IndexRow;
use crate::{Error, Result};

/// The migrations after which the vectors are computed again.
pub(super) const REFILL_FULL_TEXT_AFTER: [u32; 1] = [10];

/// Records read and rewritten per round trip.
const PAGE: i64 = 500;

/// Computes every record's vector again.
pub(super) async fn full_text(tx: &Transaction<'_>) -> Result<()> {
    let err = |what| move |e| Error::Pg(e, what);
    let (mut after, mut count) = (0_i64, 0_usize);
    loop {
        let rows = tx
            .query(
                "SELECT rid, doc FROM records WHERE rid > $1 ORDER BY rid LIMIT $2",
                &[&after, &PAGE],
            )
            .await
            .map_err(err("reading records to index again"))?;
        let Some(last) = rows.last() else { break };
        after = last.get(0);
        let mut rids = Vec::with_capacity(rows.len());
        let mut texts: [Vec<String>; 4] = Default::default();
        for row in &rows {
            let Json(record): Json<Record> = row
                .try_get(1)
                .map_err(|e| Error::Corrupt(format!("record {}: {e}", row.get::<_, i64>(0))))?;
            rids.push(row.get::<_, i64>(0));
            let one = weighted_texts(&IndexRow::of(&record), &record.abstract_text);
            for (column, text) in texts.iter_mut().zip(one) {
                column.push(text);
            }
        }
        let [a, b, c, d] = &texts;
        tx.execute(
            "UPDATE records r SET fts = moisson_tsvector(u.a, u.b, u.c, u.d) \
             FROM unnest($1::bigint[], $2::text[], $3::text[], $4::text[], $5::text[]) \
             AS u (rid, a, b, c, d) WHERE r.rid = u.rid",
            &[&rids, a, b, c, d],
        )
        .await
        .map_err(err("indexing records again"))?;
        count += rows.len();
    }
    tracing::info!(records = count, "indexed the records' words again");
    Ok(())
}

#[cfg(test)]
mod tests {
    use moisson_model::Viewer;

    use crate::words::fixtures::{flood_records, found};

    /// A database whose vectors were made another way (here: none at all) finds its
    /// records again once the step has run.
    #[tokio::test]
    async fn vectors_are_made_again_from_the_documents() {
        let db = moisson_testkit::pg::fresh().await;
        let store = crate::open(db.url()).await.expect("open");
        store
            .put_many(flood_records(1_200), &Viewer::Admin)
            .await
            .expect("put");
        let (mut client, conn) = tokio_postgres::connect(db.url(), tokio_postgres::NoTls)
            .await
            .expect("connect");
        let task = tokio::spawn(conn);
        client
            .execute("UPDATE records SET fts = ''::tsvector", &[])
            .await
            .expect("forget");
        assert_eq!(found(store.as_ref(), "commune").await, 0);
        let tx = client.transaction().await.expect("tx");
        super::full_text(&tx).await.expect("refill");
        tx.commit().await.expect("commit");
        drop(client);
        let _ = task.await;
        let store = crate::open(db.url()).await.expect("reopen");
        assert_eq!(found(store.as_ref(), "commune").await, 1_200);
        assert_eq!(found(store.as_ref(), "inondab").await, 1_200);
    }
}
