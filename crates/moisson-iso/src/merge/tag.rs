//! The raw start tag of an element in the original document: its name and attributes as
//! written, so that a merged element keeps its prefix, `xmlns` declarations, `xsi:type`
//! and any attribute the writer does not know.

use crate::ns::{CSW, DC, DCT, GCO, GMD, GML32, GMX, OWS, SRV, XLINK, XSI};
use crate::tree::Attr;
use crate::xml::escape;

/// The prefixes the ISO 19139 writer uses, with their namespaces.
pub(super) const ISO_PREFIXES: &[(&str, &str)] = &[
    ("gmd", GMD),
    ("gco", GCO),
    ("gmx", GMX),
    ("srv", SRV),
    ("gml", GML32),
    ("xlink", XLINK),
    ("xsi", XSI),
];

/// The prefixes the ISO 19115-3 writer uses.
pub(super) const ISO3_PREFIXES: &[(&str, &str)] = &[
    ("mdb", crate::ns::MDB),
    ("cit", crate::ns::CIT),
    ("mri", crate::ns::MRI),
    ("srv", crate::ns::SRV3),
    ("gex", crate::ns::GEX),
    ("lan", crate::ns::LAN),
    ("mcc", crate::ns::MCC),
    ("mco", crate::ns::MCO),
    ("mmi", crate::ns::MMI),
    ("mrd", crate::ns::MRD),
    ("mrl", crate::ns::MRL),
    ("mrs", crate::ns::MRS),
    ("mdq", crate::ns::MDQ),
    ("gco", crate::ns::GCO3),
    ("gcx", crate::ns::GCX),
    ("gml", GML32),
    ("xlink", XLINK),
    ("xsi", XSI),
];

/// The prefixes the csw:Record writer uses.
pub(super) const DC_PREFIXES: &[(&str, &str)] =
    &[("csw", CSW), ("dc", DC), ("dct", DCT), ("ows", OWS)];

/// A start tag as written: `<name attr="v" …` up to (not including) `>` or `/>`.
pub(crate) struct StartTag<'a> {
    pub name: &'a str,
    /// `(key, quoted value)` in document order, `xmlns` declarations included.
    pub attrs: Vec<(&'a str, &'a str)>,
    /// Bytes of the whole tag, `>` or `/>` included.
    pub len: usize,
    pub self_closing: bool,
}

impl<'a> StartTag<'a> {
    /// Scans the start tag at the beginning of `raw` (an element's text in the original,
    /// which the hardened reader has already parsed, so it is well-formed).
    pub fn scan(raw: &'a str) -> Self {
        let bytes = raw.as_bytes();
        let name_end = raw[1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map_or(raw.len(), |i| i + 1);
        let mut attrs = Vec::new();
        let mut i = name_end;
        loop {
            while i < bytes.len() && bytes[i].is_ascii_whitespace() {
                i += 1;
            }
            match bytes.get(i) {
                Some(b'/') => {
                    return Self::done(raw, name_end, attrs, i + 2, true);
                }
                Some(b'>') | None => return Self::done(raw, name_end, attrs, i + 1, false),
                Some(_) => {}
            }
            let eq = i + raw[i..].find('=').unwrap_or(raw.len() - i);
            let key = raw[i..eq].trim();
            let mut q = eq + 1;
            while q < bytes.len() && bytes[q].is_ascii_whitespace() {
                q += 1;
            }
            let quote = char::from(bytes.get(q).copied().unwrap_or(b'"'));
            let close = q + 1 + raw[q + 1..].find(quote).unwrap_or(raw.len() - q - 1);
            attrs.push((key, &raw[q..=close.min(raw.len() - 1)]));
            i = close + 1;
        }
    }

    fn done(
        raw: &'a str,
        name_end: usize,
        attrs: Vec<(&'a str, &'a str)>,
        len: usize,
        self_closing: bool,
    ) -> Self {
        Self {
            name: &raw[1..name_end],
            attrs,
            len: len.min(raw.len()),
            self_closing,
        }
    }

    /// The namespace each prefix is bound to by this tag.
    pub fn bindings(&self) -> impl Iterator<Item = (&'a str, &'a str)> + '_ {
        self.attrs.iter().filter_map(|(k, v)| {
            let prefix = k.strip_prefix("xmlns:")?;
            Some((prefix, &v[1..v.len() - 1]))
        })
    }

    /// `<name …` with the attributes the writer sets replaced by the edited ones: an
    /// attribute the writer wrote before and no longer writes goes, a new one is added
    /// (with the writer's prefix), every other attribute stays as written.
    pub fn rewritten(&self, before: &[Attr], after: &[Attr], decls: &Declarations) -> String {
        let owned = |key: &str| {
            let local = key.rsplit(':').next().unwrap_or(key);
            let is_decl = key == "xmlns" || key.starts_with("xmlns:");
            (!is_decl).then(|| {
                after
                    .iter()
                    .chain(before)
                    .find(|a| a.local == local)
                    .map(|a| a.local.as_str())
            })?
        };
        let mut out = format!("<{}", self.name);
        let mut written = Vec::new();
        for (key, value) in &self.attrs {
            match owned(key) {
                None => out.push_str(&format!(" {key}={value}")),
                Some(local) => {
                    if let Some(a) = after.iter().find(|a| a.local == local) {
                        out.push_str(&format!(" {key}=\"{}\"", escape(&a.value, true)));
                        written.push(local);
                    }
                }
            }
        }
        for a in after
            .iter()
            .filter(|a| !written.contains(&a.local.as_str()))
        {
            let prefix = decls.prefixes.iter().find(|(_, ns)| *ns == a.ns);
            match prefix {
                Some((p, _)) => {
                    out.push_str(&decls.binding(p));
                    out.push_str(&format!(" {p}:{}", a.local));
                }
                None => out.push_str(&format!(" {}", a.local)),
            }
            out.push_str(&format!("=\"{}\"", escape(&a.value, true)));
            // A QName value (`xsi:type="gmd:…"`) needs its prefix bound too.
            if let Some((p, _)) = a.value.split_once(':') {
                out.push_str(&decls.binding(p));
            }
        }
        out
    }
}

/// The writer's prefixes that the original's root does not bind to the writer's
/// namespaces: elements written into the original declare them themselves.
#[derive(Default)]
pub(crate) struct Declarations {
    /// Every prefix the writer uses.
    prefixes: &'static [(&'static str, &'static str)],
    missing: Vec<(&'static str, &'static str)>,
}

impl Declarations {
    pub fn of_root(root: &StartTag<'_>, prefixes: &'static [(&'static str, &'static str)]) -> Self {
        let bound: Vec<(&str, &str)> = root.bindings().collect();
        let missing = prefixes
            .iter()
            .filter(|(p, ns)| !bound.contains(&(*p, *ns)))
            .copied()
            .collect();
        Self { prefixes, missing }
    }

    /// ` xmlns:p="…"` when the original does not bind `p` as the writer does.
    pub fn binding(&self, prefix: &str) -> String {
        self.missing
            .iter()
            .find(|(p, _)| *p == prefix)
            .map(|(p, ns)| format!(" xmlns:{p}=\"{ns}\""))
            .unwrap_or_default()
    }

    /// A fragment of writer output, with the declarations it needs on its first tag.
    pub fn fragment(&self, text: &str) -> String {
        let uses = |p: &str| {
            [format!("<{p}:"), format!(" {p}:"), format!("\"{p}:")]
                .iter()
                .any(|u| text.contains(u.as_str()))
        };
        let all: String = self
            .missing
            .iter()
            .filter(|(p, _)| uses(p))
            .map(|(p, _)| self.binding(p))
            .collect();
        if all.is_empty() {
            return text.to_owned();
        }
        let name_end = text[1..]
            .find(|c: char| c.is_whitespace() || c == '/' || c == '>')
            .map_or(text.len(), |i| i + 1);
        format!("{}{all}{}", &text[..name_end], &text[name_end..])
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scans_names_attributes_and_closing() {
        let t = StartTag::scan(r#"<gmd:date  gco:nilReason='missing' a="x>y"/>rest"#);
        assert_eq!(t.name, "gmd:date");
        assert_eq!(t.attrs, [("gco:nilReason", "'missing'"), ("a", "\"x>y\"")]);
        assert!(t.self_closing);
        assert_eq!(
            t.len,
            r#"<gmd:date  gco:nilReason='missing' a="x>y"/>"#.len()
        );
        let t = StartTag::scan("<a>text</a>");
        assert_eq!((t.name, t.len, t.self_closing), ("a", 3, false));
    }
}
