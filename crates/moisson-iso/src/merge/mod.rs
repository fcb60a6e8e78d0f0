//! Edits merged into the kept original document (ISO 19139, or a Dublin Core csw:Record),
//! so that changing one field of a record changes only that field's elements and keeps
//! everything the model does not own (translations, unknown elements, extra parties,
//! couplings, national extensions).
//!
//! How: the writer renders the record before the edit (the base) and after it; the
//! three trees (original, base, edited) are walked together (`three_way`), the original
//! copied byte for byte wherever base and edit render the same. Which elements a field
//! owns is therefore the writer's own code, described in `docs/iso-mapping.md`
//! (`crate::mapping`). The result is read again and must say what the edited record says;
//! otherwise the merge is refused and the caller decides (the store then drops the
//! original, as before merges existed).

mod order;
pub(crate) mod tag;
mod three_way;

use moisson_model::{DocumentFormat, OriginalDocument, Record};

use crate::ns::CSW;
use crate::tree::{self, Element};
use crate::{
    ElementSet, Error, Result, dc_read, dc_write, document, input, iso_read, iso_write, iso3_read,
    iso3_write,
};
use tag::{Declarations, StartTag};
use three_way::{Pairing, Texts};

const UTF8_BOM: &str = "\u{feff}";

/// A document schema the merge knows: how to recognise, write and read its records.
struct Schema {
    name: &'static str,
    is_record: fn(&Element) -> bool,
    write: fn(&Record) -> String,
    read: fn(&Element) -> Record,
    prefixes: &'static [(&'static str, &'static str)],
    /// `(locale id, language)` of a document's locales, so translations pair by language.
    locales: fn(&Element) -> Vec<(String, String)>,
}

const ISO19139: Schema = Schema {
    name: "an ISO 19139 record",
    is_record: document::is_iso,
    write: iso_write::write,
    read: |el| iso_read::record(el, &mut Vec::new()),
    prefixes: tag::ISO_PREFIXES,
    locales: iso_read::i18n::locales,
};

/// ISO 19115-3 (`mdb:MD_Metadata`), written and read as the 19139 schema is.
const ISO19115_3: Schema = Schema {
    name: "an ISO 19115-3 record",
    is_record: iso3_read::is_root,
    write: iso3_write::write,
    read: |el| iso3_read::record(el, &mut Vec::new()),
    prefixes: tag::ISO3_PREFIXES,
    locales: iso3_read::i18n::locales,
};

/// csw:Record only: its writer writes the full element set, which a brief or summary
/// record (or Dublin Core in RDF/XML) may not hold.
const DUBLIN_CORE: Schema = Schema {
    name: "a csw:Record",
    is_record: |el| el.is(CSW, "Record"),
    write: |r| dc_write::write(r, ElementSet::Full),
    read: |el| dc_read::record(el, &mut Vec::new()),
    prefixes: tag::DC_PREFIXES,
    locales: |_| Vec::new(),
};

/// The original document with the edit from `old` to `new` merged into it: ISO 19139
/// (any root the reader takes) or Dublin Core (a standalone csw:Record).
pub fn merge(original: &OriginalDocument, old: &Record, new: &Record) -> Result<OriginalDocument> {
    // Other formats (brief and summary records, RDF, FGDC) are not merged: refused, so
    // the store drops them.
    let schema = if original.format == DocumentFormat::Iso19139 {
        &ISO19139
    } else if original.format == DocumentFormat::Iso19115_3 {
        &ISO19115_3
    } else if original.format == DocumentFormat::DublinCore {
        &DUBLIN_CORE
    } else {
        return Err(Error::Merge(format!(
            "edits are not merged into {} documents yet",
            original.format.as_str()
        )));
    };
    Ok(OriginalDocument {
        format: original.format,
        bytes: merge_with(schema, &original.bytes, old, new)?,
    })
}

/// `merge` for the bytes of a standalone ISO 19139 document (UTF-8).
pub fn merge_iso19139(original: &[u8], old: &Record, new: &Record) -> Result<Vec<u8>> {
    merge_with(&ISO19139, original, old, new)
}

/// `merge` for the bytes of a standalone ISO 19115-3 document (UTF-8).
pub fn merge_iso19115_3(original: &[u8], old: &Record, new: &Record) -> Result<Vec<u8>> {
    merge_with(&ISO19115_3, original, old, new)
}

fn merge_with(schema: &Schema, original: &[u8], old: &Record, new: &Record) -> Result<Vec<u8>> {
    let text = std::str::from_utf8(original)
        .map_err(|_| Error::Merge("only UTF-8 documents are merged".to_owned()))?;
    let (bom, text) = match text.strip_prefix(UTF8_BOM) {
        Some(rest) => (UTF8_BOM, rest),
        None => ("", text),
    };
    // Same checks as reading (declared encoding, hardening), on the very same text.
    input::decode(text.as_bytes())?;
    let root = tree::parse(text)?;
    if !(schema.is_record)(&root) {
        return Err(Error::Merge(format!(
            "the original is not {} ({{{}}}{})",
            schema.name, root.ns, root.local
        )));
    }
    let base = (schema.write)(old);
    let edited = (schema.write)(new);
    let (base_root, edited_root) = (tree::parse(&base)?, tree::parse(&edited)?);
    let root_tag = StartTag::scan(&text[root.span.clone()]);
    let mut texts = Texts {
        original: text,
        base: &base,
        edited: &edited,
        declarations: Declarations::of_root(&root_tag, schema.prefixes),
        pairing: Pairing::Lenient,
        locales: [(schema.locales)(&root), (schema.locales)(&base_root)],
    };
    let attempt = |texts: &Texts<'_>| {
        let mut out = String::with_capacity(bom.len() + text.len() + 256);
        out.push_str(bom);
        out.push_str(&text[..root.span.start]);
        three_way::element(texts, &root, &base_root, &edited_root, &mut out);
        out.push_str(&text[root.span.end..]);
        check_reads_as_edited(schema, &out[bom.len()..], &edited_root).map(|()| out)
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
fn check_reads_as_edited(schema: &Schema, merged: &str, edited_root: &Element) -> Result<()> {
    let root = tree::parse(merged)?;
    let mut got = (schema.read)(&root);
    let want = (schema.read)(edited_root);
    // A record read without an identifier has an id derived from its bytes, not written.
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
