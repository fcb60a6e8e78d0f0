//! A small indenting XML string builder with correct escaping.

use std::fmt::Write as _;

pub(crate) const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Builds an XML element tree as text; element names are written as given (prefix:local).
#[derive(Default)]
pub(crate) struct Xml {
    out: String,
    open: Vec<String>,
}

impl Xml {
    pub fn new() -> Self {
        Self::default()
    }

    fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attrs {
            let _ = write!(self.out, " {key}=\"{}\"", escape(value, true));
        }
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    /// Opens an element that will have children.
    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str(">\n");
        self.open.push(name.to_owned());
    }

    /// Closes the innermost open element.
    pub fn close(&mut self) {
        if let Some(name) = self.open.pop() {
            self.indent();
            let _ = writeln!(self.out, "</{name}>");
        }
    }

    /// An element with text content only.
    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.start(name, attrs);
        let _ = writeln!(self.out, ">{}</{name}>", escape(text, false));
    }

    /// An empty element.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start(name, attrs);
        self.out.push_str("/>\n");
    }

    /// Opens `outer`, runs `body`, closes it.
    pub fn with(&mut self, outer: &str, attrs: &[(&str, &str)], body: impl FnOnce(&mut Self)) {
        self.open(outer, attrs);
        body(self);
        self.close();
    }

    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.close();
        }
        self.out
    }
}

/// Escapes markup characters; in attributes also quotes and whitespace that a parser
/// would normalise. Carriage returns are always escaped so they survive parsing.
pub(crate) fn escape(s: &str, attribute: bool) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '\r' => out.push_str("&#13;"),
            '"' if attribute => out.push_str("&quot;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_and_nests() {
        let mut x = Xml::new();
        x.with("a", &[("k", "\"1\" & <2>\n")], |x| {
            x.leaf("b", &[], "x < y & z\r")
        });
        assert_eq!(
            x.finish(),
            "<a k=\"&quot;1&quot; &amp; &lt;2&gt;&#10;\">\n  <b>x &lt; y &amp; z&#13;</b>\n</a>\n"
        );
    }
}
