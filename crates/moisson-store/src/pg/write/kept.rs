//! Kept documents of rewritten records: an edit without a document of its own is merged
//! into the stored ISO 19139 original (`crate::merged`), read here from the rows the
//! round has locked.

use std::collections::HashMap;

use moisson_model::{DocumentFormat, OriginalDocument, Record};
use tokio_postgres::types::Json;

use super::Prepared;
use super::rows::Stored;
use crate::{Error, Result};

const KEPT: &str = "SELECT id, doc, original FROM records WHERE id = ANY($1::text[]) \
     AND original_format = 'iso19139' AND original IS NOT NULL";

/// Gives every edit in `round` without a document, of a stored record with an ISO 19139
/// original, that original with the edit merged in.
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
    let mut kept: HashMap<String, (Record, Vec<u8>)> = HashMap::new();
    for row in rows {
        let id: String = row.get(0);
        let Json(record): Json<Record> = row
            .try_get(1)
            .map_err(|e| Error::Corrupt(format!("record {id}: {e}")))?;
        kept.insert(id, (record, row.get(2)));
    }
    for p in round.iter_mut() {
        let Some((mut before, bytes)) = kept.remove(p.id.as_str()) else {
            continue;
        };
        before.id = Some(p.id.clone());
        let original = OriginalDocument {
            format: DocumentFormat::Iso19139,
            bytes,
        };
        p.new.original = crate::merged::merged_original(&p.id, &before, &original, &p.new.record);
    }
    Ok(())
}
