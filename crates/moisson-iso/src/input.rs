//! Turns input bytes into UTF-8 text: BOM, declared encoding, invalid UTF-8.

use std::borrow::Cow;

use crate::{Error, Result};

const UTF8_BOM: &[u8] = b"\xEF\xBB\xBF";

/// Decodes a document: UTF-8 (with or without BOM), a declared Latin-1 / ASCII, or UTF-16
/// with its byte order mark (transcoded, its declaration then saying UTF-8).
pub(crate) fn decode(bytes: &[u8]) -> Result<Cow<'_, str>> {
    if let Some(text) = utf16(bytes)? {
        return Ok(Cow::Owned(text));
    }
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    match declared_encoding(bytes).as_deref() {
        None | Some("utf-8" | "utf8") => utf8(bytes).map(Cow::Borrowed),
        Some("iso-8859-1" | "iso8859-1" | "latin1" | "latin-1" | "iso_8859-1" | "l1") => {
            Ok(Cow::Owned(bytes.iter().map(|&b| char::from(b)).collect()))
        }
        Some(_) if bytes.is_ascii() => utf8(bytes).map(Cow::Borrowed),
        Some(other) => Err(syntax(
            1,
            1,
            &format!("unsupported encoding {other:?}; use UTF-8"),
        )),
    }
}

/// The original document as UTF-8 text without BOM and XML declaration, when it is UTF-8
/// (or plain ASCII whatever it declares).
pub(crate) fn fragment(bytes: &[u8]) -> Option<&str> {
    let bytes = bytes.strip_prefix(UTF8_BOM).unwrap_or(bytes);
    let declared = declared_encoding(bytes);
    if !matches!(declared.as_deref(), None | Some("utf-8" | "utf8")) && !bytes.is_ascii() {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let body = match text.strip_prefix("<?xml") {
        Some(rest) => &rest[rest.find("?>")? + 2..],
        None => text,
    };
    Some(body.trim_start())
}

/// The UTF-8 text of a UTF-16 document (byte order mark first, as XML 1.0 §4.3.3 asks of
/// UTF-16 entities), its declaration rewritten to name UTF-8 so that the text stored and
/// served as the original says what it is; `None` for any other document.
fn utf16(bytes: &[u8]) -> Result<Option<String>> {
    let Some((encoding, bom)) = utf16_encoding(bytes) else {
        return Ok(None);
    };
    let (text, malformed) = encoding.decode_without_bom_handling(&bytes[bom..]);
    if malformed {
        return Err(syntax(
            1,
            1,
            "invalid UTF-16 (an unpaired surrogate or odd length)",
        ));
    }
    Ok(Some(declare_utf8(&text)))
}

/// Whether the document starts with a UTF-16 byte order mark (`decode` transcodes it).
pub(crate) fn is_utf16(bytes: &[u8]) -> bool {
    utf16_encoding(bytes).is_some()
}

/// The UTF-16 decoder a byte order mark names, and the mark's length.
fn utf16_encoding(bytes: &[u8]) -> Option<(&'static encoding_rs::Encoding, usize)> {
    encoding_rs::Encoding::for_bom(bytes).filter(|(encoding, _)| *encoding != encoding_rs::UTF_8)
}

/// `text` with the `encoding` of its XML declaration (if any) replaced by UTF-8.
fn declare_utf8(text: &str) -> String {
    let Some(end) = text.strip_prefix("<?xml").and_then(|rest| rest.find("?>")) else {
        return text.to_owned();
    };
    let (decl, body) = text.split_at(end + "<?xml".len() + 2);
    let Some(at) = decl.find("encoding") else {
        return text.to_owned();
    };
    let value = decl[at..].find(['"', '\'']).map(|q| at + q);
    let Some(open) = value else {
        return text.to_owned();
    };
    let quote = decl[open..].chars().next().unwrap_or('"');
    let Some(close) = decl[open + 1..].find(quote).map(|c| open + 1 + c) else {
        return text.to_owned();
    };
    format!("{}UTF-8{}{body}", &decl[..=open], &decl[close..])
}

fn utf8(bytes: &[u8]) -> Result<&str> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        let text = std::str::from_utf8(valid).unwrap_or_default();
        let (line, column) = line_column(text, text.len());
        Error::Syntax {
            line,
            column,
            message: format!("invalid UTF-8 at byte {}", e.valid_up_to()),
        }
    })
}

/// The lower-cased `encoding` of the XML declaration, if any.
fn declared_encoding(bytes: &[u8]) -> Option<String> {
    let head = bytes.strip_prefix(b"<?xml")?;
    let end = head.windows(2).position(|w| w == b"?>")?;
    let decl = String::from_utf8_lossy(&head[..end]);
    let at = decl.find("encoding")?;
    let rest = decl[at + "encoding".len()..]
        .trim_start()
        .strip_prefix('=')?
        .trim_start();
    let quote = rest.chars().next().filter(|c| *c == '"' || *c == '\'')?;
    let value = &rest[1..];
    Some(value[..value.find(quote)?].trim().to_ascii_lowercase())
}

/// 1-based line and column (in characters) of a byte offset in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (u64, u64) {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before[line_start..].chars().count() + 1;
    (line as u64, column as u64)
}

pub(crate) fn syntax(line: u64, column: u64, message: &str) -> Error {
    Error::Syntax {
        line,
        column,
        message: message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn latin1_is_decoded() {
        let doc = b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>";
        assert_eq!(
            decode(doc).expect("latin1").as_ref(),
            "<?xml version='1.0' encoding='ISO-8859-1'?><a>é</a>"
        );
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let units = text.encode_utf16();
        let mut out = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in units {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            out.extend_from_slice(&pair);
        }
        out
    }

    #[test]
    fn utf16_is_transcoded_and_declared_utf8() {
        let doc = "<?xml version=\"1.0\" encoding=\"UTF-16\"?>\n<a>Hydrographie é €</a>";
        let expected = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a>Hydrographie é €</a>";
        for big_endian in [false, true] {
            let bytes = utf16(doc, big_endian);
            assert_eq!(decode(&bytes).expect("utf-16").as_ref(), expected);
        }
        let bare = utf16("<a>x</a>", false);
        assert_eq!(decode(&bare).expect("no declaration").as_ref(), "<a>x</a>");
    }

    #[test]
    fn broken_utf16_is_a_syntax_error() {
        let mut bytes = utf16("<a>x</a>", false);
        bytes.extend_from_slice(&[0x00, 0xD8]);
        assert!(matches!(decode(&bytes), Err(Error::Syntax { .. })));
    }

    #[test]
    fn invalid_utf8_has_position() {
        let err = decode(b"<a>\n  \xFF</a>").expect_err("invalid");
        assert!(
            matches!(
                err,
                Error::Syntax {
                    line: 2,
                    column: 3,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn fragment_strips_declaration_and_bom() {
        let doc = b"\xEF\xBB\xBF<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<a/>";
        assert_eq!(fragment(doc), Some("<a/>"));
        assert_eq!(
            fragment(b"<?xml version='1.0' encoding='ISO-8859-1'?><a>\xE9</a>"),
            None
        );
    }

    #[test]
    fn line_column_counts_characters() {
        assert_eq!(line_column("ab\ncé\nx", 6), (2, 3));
        assert_eq!(line_column("abc", 0), (1, 1));
    }
}
