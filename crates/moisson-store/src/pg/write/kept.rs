//! Kept documents of rewritten records: an edit without a document of its own is merged
//! into the stored original (`crate::merged`), read here from the rows the round has
//! locked.

use std::collections::HashMap;

use moisson_model::{OriginalDocument, Record};
use tokio_postgres::types::Json;

use super::Prepared;
use super::rows::Stored;
use crate::{Error, Result};

const KEPT: &str = "SELECT id, doc, original, original_format FROM records \
     WHERE id = ANY($1::text[]) AND original IS NOT NULL AND original_format IS NOT NULL";

/// Gives every edit in `round` without a document, of a stored record with an original,
/// that original with the edit merged in.
pub(super) async fn merge_edits(
    tx: &deadpool_postgres::Transaction<'_>,
    round: &mut [Prepared],
    stored: &HashMap<String, Stored>,
) -> Result<()> {
    let ids: Vec<&str> = round
        .iter()
        .filter(|p| p.new.original.is_none() && p.kept.is_none())
        .map(|p| p.id.as_str())
        .filter(|id| stored.contains_key(*id))
        .collect();
    if ids.is_empty() {
        return Ok(());
    }
    let rows = tx
        .query(KEPT, &[&ids])
        .await
        .map_err(|e| Error::Pg(e, "reading kept documents"))?;
    let mut kept: HashMap<String, (Record, OriginalDocument)> = HashMap::new();
    for row in rows {
        let id: String = row.get(0);
        let Json(record): Json<Record> = row
            .try_get(1)
            .map_err(|e| Error::Corrupt(format!("record {id}: {e}")))?;
        let format: String = row.get(3);
        if let Some(format) = crate::merged::format(&format) {
            let bytes = row.get(2);
            kept.insert(id, (record, OriginalDocument { format, bytes }));
        }
    }
    for p in round.iter_mut() {
        let Some((mut before, original)) = kept.remove(p.id.as_str()) else {
            continue;
        };
        before.id = Some(p.id.clone());
        p.new.original = crate::merged::merged_original(&p.id, &before, &original, &p.new.record);
    }
    Ok(())
}
