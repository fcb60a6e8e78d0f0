//! Damaged documents: a real sample with a few random edits, each a flipped byte, a cut
//! range, or a hostile fragment inserted.

use proptest::prelude::*;

/// What a hostile or careless producer puts into documents.
const FRAGMENTS: &[&str] = &[
    "<",
    ">",
    "&",
    "&amp",
    "&lol;",
    "&#0;",
    "&#xD800;",
    "<!DOCTYPE x [<!ENTITY lol \"lol\">]>",
    "<!ENTITY x SYSTEM \"file:///etc/passwd\">",
    "<![CDATA[",
    "]]>",
    "<?xml version=\"1.0\"?>",
    "<?pi x?>",
    "<!--",
    "-->",
    "xmlns:gmd=\"\"",
    "xmlns=\"urn:x\"",
    "\"",
    "'",
    "\u{0}",
    "\u{FEFF}",
    "\u{FFFD}",
    "\r\n",
    "<a><a><a><a><a><a><a><a>",
    "</gmd:MD_Metadata>",
    "<gmd:MD_Metadata>",
    "@prefix x: <",
    "_:b0",
    "\"\"\"",
    "{\"@context\":",
    "]",
    "}",
    "-9e999",
    "NaN",
];

/// One edit, its position given as a fraction of the document's length so that it lands
/// anywhere in documents of any size.
#[derive(Debug, Clone)]
pub enum Edit {
    Flip { at: f64, byte: u8 },
    Cut { at: f64, len: usize },
    Insert { at: f64, fragment: usize },
    Truncate { at: f64 },
}

fn edit() -> impl Strategy<Value = Edit> {
    let at = 0.0..1.0f64;
    prop_oneof![
        (at.clone(), any::<u8>()).prop_map(|(at, byte)| Edit::Flip { at, byte }),
        (at.clone(), 1..64usize).prop_map(|(at, len)| Edit::Cut { at, len }),
        (at.clone(), 0..FRAGMENTS.len()).prop_map(|(at, fragment)| Edit::Insert { at, fragment }),
        at.prop_map(|at| Edit::Truncate { at }),
    ]
}

fn position(doc: &[u8], at: f64) -> usize {
    // Truncation is intended: a fraction of the length, floored.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let i = (doc.len() as f64 * at) as usize;
    i.min(doc.len())
}

fn apply(mut doc: Vec<u8>, edit: &Edit) -> Vec<u8> {
    match *edit {
        Edit::Flip { at, byte } => {
            let i = position(&doc, at);
            if let Some(b) = doc.get_mut(i) {
                *b = byte;
            }
        }
        Edit::Cut { at, len } => {
            let i = position(&doc, at);
            let end = i.saturating_add(len).min(doc.len());
            doc.drain(i..end);
        }
        Edit::Insert { at, fragment } => {
            let i = position(&doc, at);
            doc.splice(i..i, FRAGMENTS[fragment].bytes());
        }
        Edit::Truncate { at } => doc.truncate(position(&doc, at)),
    }
    doc
}

/// One of `samples`, damaged by one to four edits.
pub fn damaged(samples: Vec<Vec<u8>>) -> impl Strategy<Value = Vec<u8>> {
    let count = samples.len();
    (0..count, prop::collection::vec(edit(), 1..=4))
        .prop_map(move |(i, edits)| edits.iter().fold(samples[i].clone(), apply))
}

/// Damaged samples, or arbitrary text, as a string (lossy where the damage broke UTF-8).
pub fn damaged_text(samples: Vec<Vec<u8>>) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => damaged(samples).prop_map(|b| String::from_utf8_lossy(&b).into_owned()),
        1 => any::<String>(),
    ]
}
