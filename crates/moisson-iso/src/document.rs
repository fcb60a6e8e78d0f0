//! Finds the records in a document (standalone, CSW response, RDF) and reads each one.

use moisson_model::{DocumentFormat, OriginalDocument, Record, RecordId};
use sha2::{Digest, Sha256};

use crate::merge::tag::StartTag;
use crate::ns::{CSW, DC, DCT, GMD, GMI, RDF};
use crate::tree::{self, Element};
use crate::{Error, ParsedRecord, Result, dc_read, fgdc_read, input, iso_read, iso3_read};

/// What a record element is.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Kind {
    Iso,
    Iso3,
    Dc,
    Fgdc,
}

pub(crate) fn read(bytes: &[u8]) -> Result<Vec<ParsedRecord>> {
    let text = input::decode(bytes)?;
    // A transcoded document (UTF-16) is kept as the UTF-8 text it was read as: every
    // output stays UTF-8, and the kept original says so in its declaration.
    let bytes = match &text {
        std::borrow::Cow::Owned(utf8) if input::is_utf16(bytes) => utf8.as_bytes(),
        _ => bytes,
    };
    let root = tree::parse(&text)?;
    if let Some(kind) = kind(&root) {
        let original = OriginalDocument {
            format: format(kind),
            bytes: bytes.to_vec(),
        };
        return Ok(vec![parse_one(&root, kind, bytes, Some(original))]);
    }
    if root.is(RDF, "RDF") {
        let descriptions: Vec<&Element> = root
            .children(RDF, "Description")
            .filter(|d| is_dc_description(d))
            .collect();
        if let [single] = descriptions[..] {
            let original = OriginalDocument {
                format: DocumentFormat::DublinCore,
                bytes: bytes.to_vec(),
            };
            return Ok(vec![parse_one(single, Kind::Dc, bytes, Some(original))]);
        }
        if !descriptions.is_empty() {
            let parse =
                |d: &&Element| parse_one(d, Kind::Dc, text[d.span.clone()].as_bytes(), None);
            return Ok(descriptions.iter().map(parse).collect());
        }
    }
    if root.ns == CSW
        && (root.local == "GetRecordsResponse" || root.local == "GetRecordByIdResponse")
    {
        return Ok(embedded(&root)
            .map(|(el, parent, kind)| {
                let own = &text[el.span.clone()];
                let original = kept_kind(kind).map(|format| OriginalDocument {
                    format,
                    bytes: standalone(&text, &[&root, parent], el),
                });
                parse_one(el, kind, own.as_bytes(), original)
            })
            .collect());
    }
    Err(Error::UnknownDocument(format!(
        "{{{}}}{}",
        root.ns, root.local
    )))
}

/// The records of a CSW response, in document order, each with its parent.
fn embedded(root: &Element) -> impl Iterator<Item = (&Element, &Element, Kind)> {
    root.children
        .iter()
        .flat_map(move |c| {
            if c.is(CSW, "SearchResults") {
                c.children.iter().map(|r| (r, c)).collect()
            } else {
                vec![(c, root)]
            }
        })
        .filter_map(|(el, parent)| kind(el).map(|k| (el, parent, k)))
}

/// The ISO records of a CSW response are kept as documents of their own (a harvest keeps
/// what the source serves, so its export loses nothing); Dublin Core ones are not (a
/// brief or summary csw:Record is not the producer's record).
fn kept_kind(kind: Kind) -> Option<DocumentFormat> {
    matches!(kind, Kind::Iso | Kind::Iso3).then(|| format(kind))
}

/// A record of a CSW response as a standalone UTF-8 document: its own text, byte for
/// byte, with the namespace declarations it inherits from `ancestors` written on its
/// root (those it does not declare itself).
fn standalone(text: &str, ancestors: &[&Element], el: &Element) -> Vec<u8> {
    let own = &text[el.span.clone()];
    let tag = StartTag::scan(own);
    let declared = |key: &str| tag.attrs.iter().any(|(k, _)| *k == key);
    let mut inherited: Vec<(&str, &str)> = Vec::new();
    for ancestor in ancestors.iter().rev() {
        let start = StartTag::scan(&text[ancestor.span.clone()]);
        for (key, value) in start.attrs {
            let is_declaration = key == "xmlns" || key.starts_with("xmlns:");
            let known = inherited.iter().any(|(k, _)| *k == key);
            if is_declaration && !known && !declared(key) {
                inherited.push((key, value));
            }
        }
    }
    let name_end = 1 + tag.name.len();
    let mut out = String::with_capacity(own.len() + 64 * inherited.len() + 40);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(&own[..name_end]);
    for (key, value) in inherited {
        out.push(' ');
        out.push_str(key);
        out.push('=');
        out.push_str(value);
    }
    out.push_str(&own[name_end..]);
    out.into_bytes()
}

fn kind(el: &Element) -> Option<Kind> {
    if is_iso(el) {
        Some(Kind::Iso)
    } else if iso3_read::is_root(el) {
        Some(Kind::Iso3)
    } else if fgdc_read::is_root(el) {
        Some(Kind::Fgdc)
    } else if el.ns == CSW
        && matches!(
            el.local.as_str(),
            "Record" | "SummaryRecord" | "BriefRecord"
        )
    {
        Some(Kind::Dc)
    } else {
        None
    }
}

/// gmd:MD_Metadata, gmi:MI_Metadata, or a profile root extending them with gmd children.
pub(crate) fn is_iso(el: &Element) -> bool {
    el.is(GMD, "MD_Metadata")
        || el.is(GMI, "MI_Metadata")
        || ((el.local.ends_with("MD_Metadata") || el.local.ends_with("MI_Metadata"))
            && el.children.iter().any(|c| c.ns == GMD))
}

fn is_dc_description(el: &Element) -> bool {
    el.children.iter().any(|c| c.ns == DC || c.ns == DCT)
}

fn format(kind: Kind) -> DocumentFormat {
    match kind {
        Kind::Iso => DocumentFormat::Iso19139,
        Kind::Iso3 => DocumentFormat::Iso19115_3,
        Kind::Dc => DocumentFormat::DublinCore,
        Kind::Fgdc => DocumentFormat::Fgdc,
    }
}

fn parse_one(
    el: &Element,
    kind: Kind,
    bytes: &[u8],
    original: Option<OriginalDocument>,
) -> ParsedRecord {
    let mut warnings = Vec::new();
    let mut record = match kind {
        Kind::Iso => iso_read::record(el, &mut warnings),
        Kind::Iso3 => iso3_read::record(el, &mut warnings),
        Kind::Dc => dc_read::record(el, &mut warnings),
        Kind::Fgdc => fgdc_read::record(el, &mut warnings),
    };
    if record.id.is_none() {
        derive_id(&mut record, bytes, &mut warnings);
    }
    ParsedRecord {
        record,
        original,
        warnings,
    }
}

/// Gives a record without identifier a stable id from the SHA-256 of its bytes.
fn derive_id(record: &mut Record, bytes: &[u8], warnings: &mut Vec<String>) {
    let digest = hex::encode(Sha256::digest(bytes));
    let id = format!("moisson-{}", &digest[..32]);
    warnings.push(format!(
        "no usable identifier: derived id {id} from the content"
    ));
    record.id = RecordId::parse(id).ok();
}
