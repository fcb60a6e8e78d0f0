//! The HTML encoding (OGC API Records `html` class): server-rendered HTML 5 pages of the
//! landing page, conformance, collections, the catalogue, its items (with a search form
//! and paging links), each record (with its schema.org `Dataset` in JSON-LD, as Google
//! Dataset Search reads it) and the queryables and sortables.
//!
//! Pages are written with small escaping writers, not a template engine: there are few
//! of them and each is a walk over the JSON document the API already builds, so every
//! property and every link of the JSON answer is in the page (/req/html/content). They
//! load no script and no external asset: the style sheet is inline.

mod jsonld;
pub mod pages;

use std::fmt::Write as _;

use serde_json::Value;

/// The media type of every page.
pub const MEDIA_TYPE: &str = "text/html; charset=utf-8";

/// Link relation of OGC API Records autodiscovery (/req/autodiscovery/links).
pub const OGC_CATALOG_REL: &str = "http://www.opengis.net/def/rel/ogc/1.0/ogc-catalog";

const STYLE: &str = "body{font-family:system-ui,sans-serif;margin:0;color:#1b1b1b;line-height:1.45}\
header,main,footer{padding:0 1.5rem;max-width:72rem;margin:auto}\
header{border-bottom:1px solid #ddd}nav{padding:.75rem 0}\
h1{font-size:1.6rem}dt{font-weight:600;margin-top:.4rem}dd{margin-left:1.2rem}\
table{border-collapse:collapse;width:100%;margin:.5rem 0}\
td,th{border:1px solid #ddd;padding:.25rem .5rem;text-align:left;vertical-align:top}\
form{display:grid;grid-template-columns:max-content 1fr;gap:.4rem .8rem;max-width:40rem;margin:1rem 0}\
ol.records>li{margin:.8rem 0}.muted{color:#555}footer{border-top:1px solid #ddd;margin-top:2rem}";

/// Escapes text for an element's content or a quoted attribute value.
#[must_use]
pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An `<a>` element.
#[must_use]
pub fn anchor(href: &str, text: &str) -> String {
    format!("<a href=\"{}\">{}</a>", escape(href), escape(text))
}

/// `url` with `f=html` set (replacing any `f`), so that links between pages stay pages.
#[must_use]
pub fn as_html(url: &str) -> String {
    with_f(url, "html")
}

/// `url` with `f=json` set (replacing any `f`).
#[must_use]
pub fn as_json(url: &str) -> String {
    with_f(url, "json")
}

fn with_f(url: &str, f: &str) -> String {
    let (path, query) = url.split_once('?').unwrap_or((url, ""));
    let mut pairs: Vec<&str> = query
        .split('&')
        .filter(|p| !p.is_empty() && !p.starts_with("f="))
        .collect();
    let f = format!("f={f}");
    pairs.push(&f);
    format!("{path}?{}", pairs.join("&"))
}

/// What every page has around its content. The empty `data:` icon keeps browsers from
/// asking for `/favicon.ico`, which the server does not have (a console error otherwise).
pub struct Shell<'a> {
    pub title: &'a str,
    /// The catalogue's name and the landing page's URL, for the top navigation.
    pub site: &'a str,
    pub base: &'a str,
    /// This resource's URL (its JSON alternate is linked from the head and footer).
    pub url: &'a str,
    /// Extra elements of `<head>` (the JSON-LD of a record).
    pub head: String,
}

impl Shell<'_> {
    /// The whole HTML 5 document around `body`.
    #[must_use]
    pub fn page(&self, body: &str) -> String {
        let items = format!("{}/items", crate::links::collection_url(self.base));
        let json = as_json(self.url);
        let mut out = String::with_capacity(body.len() + 2048);
        let _ = write!(
            out,
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
             <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
             <title>{title} – {site}</title><link rel=\"icon\" href=\"data:,\">\
             <link rel=\"alternate\" type=\"application/json\" href=\"{json}\">\
             <link rel=\"{OGC_CATALOG_REL}\" type=\"application/geo+json\" href=\"{items}\">\
             <style>{STYLE}</style>{head}</head><body>\
             <header><nav>{home} · {collections} · {search} · {api}</nav></header>\
             <main><h1>{title}</h1>{body}</main>\
             <footer><p class=\"muted\">{json_link} · {conformance}</p></footer>\
             </body></html>\n",
            title = escape(self.title),
            site = escape(self.site),
            json = escape(&json),
            items = escape(&items),
            head = self.head,
            home = anchor(&as_html(self.base), self.site),
            collections = anchor(
                &as_html(&format!("{}/collections", self.base)),
                "Collections"
            ),
            search = anchor(&as_html(&items), "Search the records"),
            api = anchor(&format!("{}/api", self.base), "API definition (OpenAPI)"),
            json_link = anchor(&json, "This page as JSON"),
            conformance = anchor(
                &as_html(&format!("{}/conformance", self.base)),
                "Conformance"
            ),
        );
        out
    }
}

/// Any JSON value as HTML: objects as definition lists, `links` as a table of `<a>`,
/// lists of texts inline, URLs as links.
#[must_use]
pub fn value(v: &Value) -> String {
    let mut out = String::new();
    write_value(&mut out, v);
    out
}

fn write_value(out: &mut String, v: &Value) {
    match v {
        Value::Null => out.push('—'),
        Value::Bool(b) => out.push_str(if *b { "yes" } else { "no" }),
        Value::Number(n) => out.push_str(&n.to_string()),
        Value::String(s) if s.starts_with("http://") || s.starts_with("https://") => {
            out.push_str(&anchor(s, s));
        }
        Value::String(s) => out.push_str(&escape(s)),
        Value::Array(items) if items.iter().all(|i| !i.is_object() && !i.is_array()) => {
            let parts: Vec<String> = items.iter().map(value).collect();
            out.push_str(&parts.join(", "));
        }
        Value::Array(items) => {
            out.push_str("<ul>");
            for i in items {
                out.push_str("<li>");
                write_value(out, i);
                out.push_str("</li>");
            }
            out.push_str("</ul>");
        }
        Value::Object(map) => {
            out.push_str("<dl>");
            for (k, v) in map {
                let _ = write!(out, "<dt>{}</dt><dd>", escape(k));
                if k == "links" {
                    out.push_str(&links_table(v));
                } else {
                    write_value(out, v);
                }
                out.push_str("</dd>");
            }
            out.push_str("</dl>");
        }
    }
}

/// A `links` array as a table: relation, the link itself, its media type.
#[must_use]
pub fn links_table(links: &Value) -> String {
    let Some(links) = links.as_array().filter(|l| !l.is_empty()) else {
        return String::new();
    };
    let mut out = String::from("<table><tr><th>rel</th><th>link</th><th>type</th></tr>");
    for l in links {
        let href = l["href"].as_str().unwrap_or_default();
        let title = l["title"]
            .as_str()
            .filter(|t| !t.is_empty())
            .unwrap_or(href);
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(l["rel"].as_str().unwrap_or_default()),
            anchor(href, title),
            escape(l["type"].as_str().unwrap_or_default()),
        );
    }
    out.push_str("</table>");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn escapes_and_links() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
        let html = value(&json!({"title": "<b>", "see": "https://x.example/?a=1&b=2"}));
        assert!(html.contains("&lt;b&gt;"), "{html}");
        assert!(
            html.contains("<a href=\"https://x.example/?a=1&amp;b=2\">"),
            "{html}"
        );
    }

    #[test]
    fn f_is_replaced() {
        assert_eq!(
            as_html("u/items?q=eau&f=json&limit=5"),
            "u/items?q=eau&limit=5&f=html"
        );
        assert_eq!(as_json("u/collections"), "u/collections?f=json");
    }
}
