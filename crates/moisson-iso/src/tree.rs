//! A small namespace-aware element tree built with quick-xml, hardened: no DTD, no
//! unknown entity, bounded depth; errors carry 1-based line and column.

use std::ops::Range;

use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesRef, BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};

use crate::input::{line_column, syntax};
use crate::{Error, Result};

/// Deepest element nesting accepted (real records stay far below).
const MAX_DEPTH: usize = 256;

/// An element: expanded name, attributes, direct text and child elements.
#[derive(Debug, Clone, Default)]
pub(crate) struct Element {
    pub ns: String,
    pub local: String,
    pub attrs: Vec<Attr>,
    /// The element's own text (children's text excluded), untrimmed.
    pub text: String,
    pub children: Vec<Element>,
    /// Byte range of the element in the parsed text.
    pub span: Range<usize>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Attr {
    pub ns: String,
    pub local: String,
    pub value: String,
}

impl Element {
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    pub fn child(&self, ns: &str, local: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.is(ns, local))
    }

    pub fn children<'a>(
        &'a self,
        ns: &'a str,
        local: &'a str,
    ) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.is(ns, local))
    }

    /// The first child element, whatever its name (the object inside a property).
    pub fn first(&self) -> Option<&Element> {
        self.children.first()
    }

    /// Follows a path of child names, taking the first match at each step.
    pub fn path(&self, ns: &str, steps: &[&str]) -> Option<&Element> {
        steps.iter().try_fold(self, |el, step| el.child(ns, step))
    }

    pub fn attr(&self, ns: &str, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns == ns && a.local == local)
            .map(|a| a.value.as_str())
    }

    /// Whether both carry the same attributes, in any order.
    pub fn attrs_equal(&self, other: &Element) -> bool {
        self.attrs.len() == other.attrs.len() && self.attrs.iter().all(|a| other.attrs.contains(a))
    }

    /// No child element and no text (`<gmd:contact xlink:href="…"/>`, a nil property).
    pub fn is_empty(&self) -> bool {
        self.children.is_empty() && self.trimmed().is_none()
    }

    /// The trimmed text, `None` when empty.
    pub fn trimmed(&self) -> Option<&str> {
        Some(self.text.trim()).filter(|t| !t.is_empty())
    }
}

/// Parses a whole document into its root element.
pub(crate) fn parse(text: &str) -> Result<Element> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut parser = Parser {
        text,
        stack: Vec::new(),
        root: None,
    };
    loop {
        let start = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        let event = reader.read_resolved_event();
        let (resolved, event) = match event {
            Ok(ok) => ok,
            Err(e) => {
                let pos = usize::try_from(reader.error_position()).unwrap_or(0);
                return Err(parser.error(pos, &e.to_string()));
            }
        };
        let ns = namespace(&resolved).map_err(|m| parser.error(start, &m))?;
        let end = usize::try_from(reader.buffer_position()).unwrap_or(usize::MAX);
        match event {
            Event::Start(e) => parser.open(&reader, ns, &e, start)?,
            Event::Empty(e) => {
                parser.open(&reader, ns, &e, start)?;
                parser.close(end)?;
            }
            Event::End(_) => parser.close(end)?,
            Event::Text(t) => {
                let content = t
                    .xml10_content()
                    .map_err(|e| parser.error(start, &e.to_string()))?;
                parser.text(&content, start)?;
            }
            Event::CData(t) => {
                let content = t
                    .decode()
                    .map_err(|e| parser.error(start, &e.to_string()))?;
                parser.text(&content, start)?;
            }
            Event::GeneralRef(r) => {
                let resolved = entity(&r).map_err(|m| parser.error(start, &m))?;
                parser.text(&resolved, start)?;
            }
            Event::DocType(_) => {
                return Err(parser.error(
                    start,
                    "DOCTYPE refused: DTDs and entity declarations are not accepted",
                ));
            }
            Event::Eof => return parser.finish(),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

fn namespace(resolved: &ResolveResult<'_>) -> Result<Option<String>, String> {
    match resolved {
        ResolveResult::Bound(ns) => Ok(Some(String::from_utf8_lossy(ns.as_ref()).into_owned())),
        ResolveResult::Unbound => Ok(Some(String::new())),
        ResolveResult::Unknown(prefix) => Err(format!(
            "undeclared namespace prefix {:?}",
            String::from_utf8_lossy(prefix)
        )),
    }
}

fn entity(r: &BytesRef<'_>) -> Result<String, String> {
    if r.is_char_ref() {
        return match r.resolve_char_ref() {
            Ok(Some(c)) => Ok(c.to_string()),
            Ok(None) | Err(_) => Err("invalid character reference".to_owned()),
        };
    }
    let name = r.decode().map_err(|e| e.to_string())?;
    resolve_predefined_entity(&name)
        .map(str::to_owned)
        .ok_or_else(|| format!("unknown entity &{name}; refused (no DTD is read)"))
}

struct Parser<'t> {
    text: &'t str,
    stack: Vec<Element>,
    root: Option<Element>,
}

impl Parser<'_> {
    fn error(&self, pos: usize, message: &str) -> Error {
        let (line, column) = line_column(self.text, pos);
        syntax(line, column, message)
    }

    fn open(
        &mut self,
        reader: &NsReader<&[u8]>,
        ns: Option<String>,
        e: &BytesStart<'_>,
        start: usize,
    ) -> Result<()> {
        if self.root.is_some() {
            return Err(self.error(start, "content after the root element"));
        }
        if self.stack.len() >= MAX_DEPTH {
            return Err(self.error(start, "elements nested too deeply"));
        }
        let mut attrs = Vec::new();
        for attr in e.attributes() {
            let attr = attr.map_err(|err| self.error(start, &err.to_string()))?;
            let key = attr.key;
            if key.as_namespace_binding().is_some() {
                continue;
            }
            let (resolved, local) = reader.resolve_attribute(QName(key.as_ref()));
            let ns = namespace(&resolved).map_err(|m| self.error(start, &m))?;
            let value = attr
                .unescape_value()
                .map_err(|err| self.error(start, &err.to_string()))?;
            attrs.push(Attr {
                ns: ns.unwrap_or_default(),
                local: String::from_utf8_lossy(local.as_ref()).into_owned(),
                value: value.into_owned(),
            });
        }
        self.stack.push(Element {
            ns: ns.unwrap_or_default(),
            local: String::from_utf8_lossy(e.local_name().as_ref()).into_owned(),
            attrs,
            span: start..start,
            ..Element::default()
        });
        Ok(())
    }

    fn close(&mut self, end: usize) -> Result<()> {
        let Some(mut el) = self.stack.pop() else {
            return Err(self.error(end, "unexpected closing tag"));
        };
        el.span.end = end;
        match self.stack.last_mut() {
            Some(parent) => parent.children.push(el),
            None => self.root = Some(el),
        }
        Ok(())
    }

    fn text(&mut self, content: &str, start: usize) -> Result<()> {
        match self.stack.last_mut() {
            Some(el) => el.text.push_str(content),
            None if content.trim().is_empty() => {}
            None => return Err(self.error(start, "text outside the root element")),
        }
        Ok(())
    }

    fn finish(self) -> Result<Element> {
        if let Some(open) = self.stack.last() {
            let message = format!("unexpected end of document: <{}> is not closed", open.local);
            return Err(self.error(self.text.len(), &message));
        }
        match self.root {
            Some(root) => Ok(root),
            None => Err(syntax(1, 1, "no root element")),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_namespaced_tree() {
        let root = parse(r#"<a:r xmlns:a="urn:a" xmlns:x="urn:x" x:k="v &amp; w"><a:c>t&#233;&lt;</a:c><c/></a:r>"#)
            .expect("parses");
        assert!(root.is("urn:a", "r"));
        assert_eq!(root.attr("urn:x", "k"), Some("v & w"));
        assert_eq!(
            root.child("urn:a", "c").map(|c| c.text.as_str()),
            Some("té<")
        );
        assert!(root.child("", "c").is_some());
    }

    #[test]
    fn refuses_doctype_and_unknown_entities() {
        assert!(parse("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>").is_err());
        let err = parse("<a>\n &e;</a>").expect_err("unknown entity");
        assert!(
            matches!(
                err,
                Error::Syntax {
                    line: 2,
                    column: 2,
                    ..
                }
            ),
            "{err}"
        );
    }

    #[test]
    fn reports_mismatched_tags_with_position() {
        let err = parse("<a>\n<b></c></a>").expect_err("mismatch");
        assert!(matches!(err, Error::Syntax { line: 2, .. }), "{err}");
        assert!(parse("<a><b></b>").is_err());
        assert!(parse("<a/><b/>").is_err());
    }
}
