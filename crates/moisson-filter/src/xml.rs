//! A small hardened, namespace-aware element tree over quick-xml for filters and requests.
//!
//! Any DOCTYPE is refused (so no entity is declared, expanded or fetched), unknown entity
//! references are refused and nesting depth is bounded. Errors carry 1-based line and column.

use quick_xml::NsReader;
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::name::{QName, ResolveResult};

use crate::{Error, Result};

/// Deepest element nesting accepted.
const MAX_DEPTH: usize = 128;

/// An element: expanded name, attributes (local name → value), own text and children.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Element {
    pub ns: String,
    pub local: String,
    /// Attributes by local name (namespace dropped: no CSW/Filter attribute needs it).
    pub attrs: Vec<(String, String)>,
    /// The element's own text, untrimmed (children's text excluded).
    pub text: String,
    pub children: Vec<Element>,
    /// Namespace declarations on this element: (prefix, URI), prefix empty for the default.
    pub ns_decls: Vec<(String, String)>,
    /// Byte range of the element in the parsed text.
    pub span: std::ops::Range<usize>,
}

impl Element {
    #[must_use]
    pub fn is(&self, ns: &str, local: &str) -> bool {
        self.ns == ns && self.local == local
    }

    /// The first child with this local name, whatever its namespace.
    #[must_use]
    pub fn child(&self, local: &str) -> Option<&Element> {
        self.children.iter().find(|c| c.local == local)
    }

    /// Children with this local name, whatever their namespace.
    pub fn children_named<'a>(&'a self, local: &'a str) -> impl Iterator<Item = &'a Element> {
        self.children.iter().filter(move |c| c.local == local)
    }

    #[must_use]
    pub fn attr(&self, local: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == local)
            .map(|(_, v)| v.as_str())
    }

    /// The element as a standalone document fragment: its bytes, with the namespace
    /// declarations of its `ancestors` (root first) that it does not redeclare added to its
    /// start tag, so that it parses on its own.
    #[must_use]
    pub fn standalone(&self, text: &str, ancestors: &[&Element]) -> String {
        let mut seen: Vec<&str> = self.ns_decls.iter().map(|(p, _)| p.as_str()).collect();
        let mut decls = String::new();
        for a in ancestors.iter().rev() {
            for (prefix, uri) in &a.ns_decls {
                if !seen.contains(&prefix.as_str()) {
                    seen.push(prefix);
                    let attr = if prefix.is_empty() {
                        "xmlns".to_owned()
                    } else {
                        format!("xmlns:{prefix}")
                    };
                    let uri = uri
                        .replace('&', "&amp;")
                        .replace('"', "&quot;")
                        .replace('<', "&lt;");
                    decls.push_str(&format!(" {attr}=\"{uri}\""));
                }
            }
        }
        let frag = &text[self.span.clone()];
        let name_end = frag[1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map_or(frag.len(), |i| i + 1);
        format!("{}{decls}{}", &frag[..name_end], &frag[name_end..])
    }

    /// The trimmed text.
    #[must_use]
    pub fn trimmed(&self) -> &str {
        self.text.trim()
    }

    /// The trimmed text of the first child with this local name.
    #[must_use]
    pub fn child_text(&self, local: &str) -> Option<&str> {
        self.child(local).map(Element::trimmed)
    }
}

/// Parses a whole document into its root element.
pub fn parse(text: &str) -> Result<Element> {
    let mut reader = NsReader::from_str(text);
    reader.config_mut().check_end_names = true;
    let mut stack: Vec<Element> = Vec::new();
    let err = |pos: u64, message: String| {
        let pos = usize::try_from(pos).unwrap_or(text.len()).min(text.len());
        let before = &text[..pos];
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        Error::Syntax {
            line,
            column,
            message,
        }
    };
    loop {
        let start = reader.buffer_position();
        let (resolved, event) = match reader.read_resolved_event() {
            Ok(ok) => ok,
            Err(e) => {
                let message = e.to_string();
                return Err(err(reader.error_position(), message));
            }
        };
        let ns = namespace(&resolved).map_err(|m| err(start, m))?;
        match event {
            Event::Start(e) | Event::Empty(e) if stack.len() >= MAX_DEPTH => {
                let _ = e;
                return Err(err(start, "elements nested too deeply".to_owned()));
            }
            Event::Start(e) => stack.push(open(&reader, ns, &e, start).map_err(|m| err(start, m))?),
            Event::Empty(e) => {
                let mut el = open(&reader, ns, &e, start).map_err(|m| err(start, m))?;
                el.span.end = pos(reader.buffer_position());
                if let Some(root) = close(&mut stack, el) {
                    return finish(&mut reader, root).map_err(|m| err(reader.buffer_position(), m));
                }
            }
            Event::End(_) => {
                let mut el = stack
                    .pop()
                    .ok_or_else(|| err(start, "unexpected closing tag".to_owned()))?;
                el.span.end = pos(reader.buffer_position());
                if let Some(root) = close(&mut stack, el) {
                    return finish(&mut reader, root).map_err(|m| err(reader.buffer_position(), m));
                }
            }
            Event::Text(t) => push_text(
                &mut stack,
                &t.xml10_content().map_err(|e| err(start, e.to_string()))?,
            )
            .map_err(|m| err(start, m))?,
            Event::CData(t) => {
                push_text(
                    &mut stack,
                    &t.decode().map_err(|e| err(start, e.to_string()))?,
                )
                .map_err(|m| err(start, m))?;
            }
            Event::GeneralRef(r) => {
                let resolved = if r.is_char_ref() {
                    r.resolve_char_ref().ok().flatten().map(String::from)
                } else {
                    r.decode()
                        .ok()
                        .and_then(|n| resolve_predefined_entity(&n).map(str::to_owned))
                };
                let resolved = resolved.ok_or_else(|| {
                    err(start, "unknown entity refused (no DTD is read)".to_owned())
                })?;
                push_text(&mut stack, &resolved).map_err(|m| err(start, m))?;
            }
            Event::DocType(_) => {
                return Err(err(
                    start,
                    "DOCTYPE refused: DTDs and entity declarations are not accepted".to_owned(),
                ));
            }
            Event::Eof => return Err(err(start, "unexpected end of document".to_owned())),
            Event::Comment(_) | Event::Decl(_) | Event::PI(_) => {}
        }
    }
}

fn namespace(resolved: &ResolveResult<'_>) -> Result<String, String> {
    match resolved {
        ResolveResult::Bound(ns) => Ok(String::from_utf8_lossy(ns.as_ref()).into_owned()),
        ResolveResult::Unbound => Ok(String::new()),
        ResolveResult::Unknown(p) => Err(format!(
            "undeclared namespace prefix {:?}",
            String::from_utf8_lossy(p)
        )),
    }
}

fn pos(p: u64) -> usize {
    usize::try_from(p).unwrap_or(usize::MAX)
}

fn open(
    reader: &NsReader<&[u8]>,
    ns: String,
    e: &BytesStart<'_>,
    start: u64,
) -> Result<Element, String> {
    let mut attrs = Vec::new();
    let mut ns_decls = Vec::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        if let Some(binding) = attr.key.as_namespace_binding() {
            let prefix = match binding {
                quick_xml::name::PrefixDeclaration::Default => String::new(),
                quick_xml::name::PrefixDeclaration::Named(p) => {
                    String::from_utf8_lossy(p).into_owned()
                }
            };
            ns_decls.push((
                prefix,
                attr.unescape_value()
                    .map_err(|e| e.to_string())?
                    .into_owned(),
            ));
            continue;
        }
        let (_, local) = reader.resolve_attribute(QName(attr.key.as_ref()));
        let value = attr.unescape_value().map_err(|e| e.to_string())?;
        attrs.push((
            String::from_utf8_lossy(local.as_ref()).into_owned(),
            value.into_owned(),
        ));
    }
    let local = String::from_utf8_lossy(e.local_name().as_ref()).into_owned();
    Ok(Element {
        ns,
        local,
        attrs,
        ns_decls,
        span: pos(start)..pos(start),
        ..Element::default()
    })
}

/// Attaches `el` to its parent; returns it when it is the root.
fn close(stack: &mut [Element], el: Element) -> Option<Element> {
    match stack.last_mut() {
        Some(parent) => {
            parent.children.push(el);
            None
        }
        None => Some(el),
    }
}

fn push_text(stack: &mut [Element], content: &str) -> Result<(), String> {
    match stack.last_mut() {
        Some(el) => el.text.push_str(content),
        None if content.trim().is_empty() => {}
        None => return Err("text outside the root element".to_owned()),
    }
    Ok(())
}

/// After the root: only comments, processing instructions and white space.
fn finish(reader: &mut NsReader<&[u8]>, root: Element) -> Result<Element, String> {
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Eof => return Ok(root),
            Event::Comment(_) | Event::PI(_) => {}
            Event::Text(t) if t.iter().all(u8::is_ascii_whitespace) => {}
            _ => return Err("content after the root element".to_owned()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn builds_tree_with_namespaces() {
        let text = r#"<?xml version="1.0"?><a:r xmlns:a="urn:a" k="v &amp; w"><a:c>t&#233;</a:c><c/></a:r>"#;
        let root = parse(text).expect("parses");
        assert!(root.is("urn:a", "r"));
        assert_eq!(root.attr("k"), Some("v & w"));
        assert_eq!(root.child_text("c"), Some("té"));
        assert_eq!(root.children.len(), 2);
        let c = &root.children[0];
        assert_eq!(
            c.standalone(text, &[&root]),
            r#"<a:c xmlns:a="urn:a">t&#233;</a:c>"#
        );
        assert!(parse(&c.standalone(text, &[&root])).is_ok());
    }

    #[test]
    fn refuses_doctype_entities_and_garbage() {
        assert!(parse("<!DOCTYPE a [<!ENTITY e 'x'>]><a>&e;</a>").is_err());
        assert!(matches!(
            parse("<a>\n &e;</a>"),
            Err(Error::Syntax { line: 2, .. })
        ));
        assert!(parse("<a><b></a>").is_err());
        assert!(parse("<a/><b/>").is_err());
        assert!(parse("<x:a/>").is_err());
        let deep = "<a>".repeat(200) + &"</a>".repeat(200);
        assert!(parse(&deep).is_err());
    }
}
