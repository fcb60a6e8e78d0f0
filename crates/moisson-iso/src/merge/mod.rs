//! Edits merged into the kept original document, so that changing one field of a record
//! changes only that field's elements and keeps everything the model does not own
//! (translations, unknown elements, extra parties, couplings, national extensions).
//!
//! How: the writer renders the record before the edit (the base) and after it; the
//! three trees (original, base, edited) are walked together (`three_way`), the original
//! copied byte for byte wherever base and edit render the same. Which elements a field
//! owns is therefore the writer's own code, described in `docs/iso-mapping.md`
//! (`crate::mapping`). The result is read again and must say what the edited record says;
//! otherwise the merge is refused and the caller decides (the store then drops the
//! original, as before merges existed).

mod order;
mod tag;
mod three_way;

use moisson_model::{DocumentFormat, OriginalDocument, Record};

use crate::tree::{self, Element};
use crate::{Error, Result, document, input, iso_read, iso_write};
use tag::{Declarations, StartTag};
use three_way::{Pairing, Texts};

const UTF8_BOM: &str = "\u{feff}";

/// The original document with the edit from `old` to `new` merged into it. ISO 19139
/// only; a Dublin Core original is refused (`Error::Merge`).
pub fn merge(original: &OriginalDocument, old: &Record, new: &Record) -> Result<OriginalDocument> {
    match original.format {
        DocumentFormat::Iso19139 => Ok(OriginalDocument {
            format: DocumentFormat::Iso19139,
            bytes: merge_iso19139(&original.bytes, old, new)?,
        }),
        DocumentFormat::DublinCore => Err(Error::Merge(
            "edits are not merged into Dublin Core documents yet".to_owned(),
        )),
    }
}

/// `merge` for the bytes of a standalone ISO 19139 document (UTF-8).
pub fn merge_iso19139(original: &[u8], old: &Record, new: &Record) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(original)
        .map_err(|_| Error::Merge("only UTF-8 documents are merged".to_owned()))?;
    let (bom, text) = match text.strip_prefix(UTF8_BOM) {
        Some(rest) => (UTF8_BOM, rest),
        None => ("", text),
    };
    // Same checks as reading (declared encoding, hardening), on the very same text.
    input::decode(text.as_bytes())?;
    let root = tree::parse(text)?;
    if !document::is_iso(&root) {
        return Err(Error::Merge(format!(
            "the original is not an ISO 19139 record ({{{}}}{})",
            root.ns, root.local
        )));
    }
    let base = iso_write::write(old);
    let edited = iso_write::write(new);
    let (base_root, edited_root) = (tree::parse(&base)?, tree::parse(&edited)?);
    let mut texts = Texts {
        original: text,
        base: &base,
        edited: &edited,
        declarations: Declarations::of_root(&StartTag::scan(&text[root.span.clone()])),
        pairing: Pairing::Lenient,
    };
    let attempt = |texts: &Texts<'_>| {
        let mut out = String::with_capacity(bom.len() + text.len() + 256);
        out.push_str(bom);
        out.push_str(&text[..root.span.start]);
        three_way::element(texts, &root, &base_root, &edited_root, &mut out);
        out.push_str(&text[root.span.end..]);
        check_reads_as_edited(&out[bom.len()..], &edited_root).map(|()| out)
    };
    // Pairing leniently keeps the most; when the original groups the edited field
    // otherwise than the writer does, its elements of that field give way instead.
    let merged = attempt(&texts).or_else(|_| {
        texts.pairing = Pairing::Strict;
        attempt(&texts)
    })?;
    Ok(merged.into_bytes())
}

/// The merged document must say what the edited record says, as the writer would.
fn check_reads_as_edited(merged: &str, edited_root: &Element) -> Result<()> {
    let root = tree::parse(merged)?;
    let mut got = iso_read::record(&root, &mut Vec::new());
    let want = iso_read::record(edited_root, &mut Vec::new());
    // A record read without fileIdentifier has an id derived from its bytes, not written.
    if got.id.is_none() {
        got.id.clone_from(&want.id);
    }
    match crate::mapping::differing_fields(&got, &want).as_slice() {
        [] => Ok(()),
        fields => Err(Error::Merge(format!(
            "the merged document would not read as the edited record ({})",
            fields.join(", ")
        ))),
    }
}
