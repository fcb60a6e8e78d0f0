//! Edits keep the stored document: a write that carries no document, of a record whose
//! original is kept (ISO 19139, ISO 19115-3, or a Dublin Core csw:Record), stores that original with
//! the edit merged in
//! (`moisson_iso::merge`), so that everything the model does not own (translations,
//! extra parties, couplings, national extensions) stays. Both backends call this inside
//! their write transaction, on the row they have locked. A write with a document of its
//! own replaces the stored one, as before.

use moisson_model::{DocumentFormat, OriginalDocument, Record, RecordId};

/// The format of a kept original, from its column value.
pub(crate) fn format(column: &str) -> Option<DocumentFormat> {
    match column {
        "iso19139" => Some(DocumentFormat::Iso19139),
        "iso19115-3" => Some(DocumentFormat::Iso19115_3),
        "dublincore" => Some(DocumentFormat::DublinCore),
        _ => None,
    }
}

/// The document to store for `edited`, given the stored record and its original; `None`
/// when the edit cannot be merged (the document is then dropped and exports regenerate
/// XML from the record, which is what every edit did before merges).
pub(crate) fn merged_original(
    id: &RecordId,
    stored: &Record,
    original: &OriginalDocument,
    edited: &Record,
) -> Option<OriginalDocument> {
    match moisson_iso::merge(original, stored, edited) {
        Ok(merged) => Some(merged),
        Err(e) => {
            tracing::warn!(
                record = %id,
                error = %e,
                "edit not merged into the kept document: the document is dropped"
            );
            None
        }
    }
}
