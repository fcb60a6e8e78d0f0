//! A tiny XML writer: escaped text and attributes, nothing else. Namespace URIs come from
//! `moisson_iso::ns` and the constants below.

/// Namespaces CSW writes that `moisson_iso::ns` does not hold.
pub mod ns {
    pub const OGC: &str = "http://www.opengis.net/ogc";
    pub const XS: &str = "http://www.w3.org/2001/XMLSchema";
    pub const INSPIRE_DS: &str = "http://inspire.ec.europa.eu/schemas/inspire_ds/1.0";
    pub const INSPIRE_COMMON: &str = "http://inspire.ec.europa.eu/schemas/common/1.0";
    /// Where CSW 2.0.2 schemas are published (for `xsi:schemaLocation`).
    pub const CSW_SCHEMA: &str = "http://schemas.opengis.net/csw/2.0.2/CSW-discovery.xsd";
    pub const CSW_PUBLICATION_SCHEMA: &str =
        "http://schemas.opengis.net/csw/2.0.2/CSW-publication.xsd";
    pub const OWS_SCHEMA: &str = "http://schemas.opengis.net/ows/1.0.0/owsExceptionReport.xsd";
    pub const INSPIRE_DS_SCHEMA: &str =
        "http://inspire.ec.europa.eu/schemas/inspire_ds/1.0/inspire_ds.xsd";
}

pub const DECLARATION: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n";

/// Escapes text and attribute values.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            c => out.push(c),
        }
    }
    out
}

/// Builds a document as a string.
#[derive(Debug, Default)]
pub struct Xml {
    out: String,
}

impl Xml {
    #[must_use]
    pub fn new() -> Self {
        Self {
            out: DECLARATION.to_owned(),
        }
    }

    fn start_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            self.out.push_str(&format!(" {k}=\"{}\"", escape(v)));
        }
    }

    pub fn open(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push('>');
    }

    pub fn close(&mut self, name: &str) {
        self.out.push_str(&format!("</{name}>"));
    }

    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.start_tag(name, attrs);
        self.out.push_str("/>");
    }

    pub fn leaf(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open(name, attrs);
        self.out.push_str(&escape(text));
        self.close(name);
    }

    /// Writes `<name>…</name>` around what `f` writes.
    pub fn with(&mut self, name: &str, attrs: &[(&str, &str)], f: impl FnOnce(&mut Self)) {
        self.open(name, attrs);
        f(self);
        self.close(name);
    }

    /// Appends well-formed XML as is (an embedded record).
    pub fn raw(&mut self, xml: &str) {
        self.out.push_str(xml);
    }

    #[must_use]
    pub fn finish(self) -> String {
        self.out
    }
}
