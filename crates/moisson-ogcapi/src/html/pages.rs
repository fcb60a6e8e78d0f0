//! The pages, each made from the JSON document of its resource.

use std::fmt::Write as _;

use serde_json::Value;

use super::{Shell, anchor, as_html, escape, jsonld, links_table, value};
use crate::OgcState;
use crate::links;

fn shell<'a>(state: &'a OgcState, base: &'a str, title: &'a str, url: &'a str) -> Shell<'a> {
    Shell {
        title,
        site: &state.title,
        base,
        url,
        head: String::new(),
    }
}

/// A resource shown as its JSON document (landing page, conformance, collections,
/// queryables, sortables): every member and link of the JSON, links as `<a>`.
#[must_use]
pub fn document(state: &OgcState, title: &str, path: &str, doc: &Value) -> String {
    let base = state.base();
    let url = format!("{base}{path}");
    let mut body = String::new();
    if let Some(collections) = doc["collections"].as_array() {
        body.push_str("<ul>");
        for c in collections {
            let id = c["id"].as_str().unwrap_or_default();
            let name = c["title"].as_str().unwrap_or(id);
            let href = as_html(&format!("{base}/collections/{}", links::encode(id)));
            let _ = write!(body, "<li>{}</li>", anchor(&href, name));
        }
        body.push_str("</ul>");
    }
    body.push_str(&value(doc));
    shell(state, &base, title, &url).page(&body)
}

/// The catalogue: its description, a search form and every member of its JSON.
#[must_use]
pub fn collection(state: &OgcState, doc: &Value) -> String {
    let base = state.base();
    let url = links::collection_url(&base);
    let title = doc["title"].as_str().unwrap_or(links::CATALOGUE_ID);
    let mut body = search_form(&url, &[]);
    body.push_str(&value(doc));
    shell(state, &base, title, &url).page(&body)
}

/// A page of records: the search form filled with the request, the records (each
/// linking to its page), the paging links and the page's own links.
#[must_use]
pub fn items(state: &OgcState, pairs: &[(String, String)], page: &Value) -> String {
    let base = state.base();
    let collection = links::collection_url(&base);
    let url = format!("{collection}/items");
    let mut body = search_form(&collection, pairs);
    let matched = page["numberMatched"].as_u64().unwrap_or(0);
    let features = page["features"]
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or(&[]);
    let first = pairs
        .iter()
        .find(|(n, _)| n == "offset")
        .and_then(|(_, v)| v.parse::<u64>().ok())
        .unwrap_or(0)
        + 1;
    let _ = write!(
        body,
        "<p>{matched} matching records{}.</p>",
        if features.is_empty() {
            String::new()
        } else {
            format!("; {first} to {}", first + features.len() as u64 - 1)
        }
    );
    let _ = write!(body, "<ol class=\"records\" start=\"{first}\">");
    for f in features {
        body.push_str(&record_summary(&base, f));
    }
    body.push_str("</ol>");
    body.push_str(&paging(&page["links"]));
    body.push_str("<h2>Links</h2>");
    body.push_str(&links_table(&page["links"]));
    if let Some(facets) = page.get("facets") {
        body.push_str("<h2>Facets</h2>");
        body.push_str(&value(facets));
    }
    shell(state, &base, "Records", &url).page(&body)
}

fn record_summary(base: &str, f: &Value) -> String {
    let id = f["id"].as_str().unwrap_or_default();
    let p = &f["properties"];
    let title = p["title"].as_str().filter(|t| !t.is_empty()).unwrap_or(id);
    let href = as_html(&links::record_url(base, id));
    let description: String = p["description"]
        .as_str()
        .unwrap_or_default()
        .chars()
        .take(300)
        .collect();
    // Every member of the record too (/req/html/content), folded: a <details> opens
    // without a script.
    format!(
        "<li>{} <span class=\"muted\">({})</span><br>{}\
         <details><summary>All of this record</summary>{}</details></li>",
        anchor(&href, title),
        escape(p["type"].as_str().unwrap_or_default()),
        escape(&description),
        value(f)
    )
}

/// `prev` and `next` as links to their pages.
fn paging(links: &Value) -> String {
    let find = |rel: &str| {
        links
            .as_array()
            .and_then(|l| l.iter().find(|l| l["rel"] == rel))
            .and_then(|l| l["href"].as_str())
            .map(as_html)
    };
    let mut parts = Vec::new();
    if let Some(prev) = find("prev") {
        parts.push(format!(
            "<a rel=\"prev\" href=\"{}\">Previous page</a>",
            escape(&prev)
        ));
    }
    if let Some(next) = find("next") {
        parts.push(format!(
            "<a rel=\"next\" href=\"{}\">Next page</a>",
            escape(&next)
        ));
    }
    if parts.is_empty() {
        return String::new();
    }
    format!("<nav class=\"paging\"><p>{}</p></nav>", parts.join(" · "))
}

/// The search form of `/items`, a plain GET that needs no script.
fn search_form(collection: &str, pairs: &[(String, String)]) -> String {
    let given = |name: &str| {
        pairs
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| escape(v))
            .unwrap_or_default()
    };
    let field = |name: &str, label: &str, hint: &str| {
        format!(
            "<label for=\"{name}\">{label}</label>\
             <input id=\"{name}\" name=\"{name}\" value=\"{}\" placeholder=\"{hint}\">",
            given(name)
        )
    };
    format!(
        "<form method=\"get\" action=\"{action}\" role=\"search\">{q}{bbox}{datetime}{kind}{sortby}{limit}\
         <input type=\"hidden\" name=\"f\" value=\"html\"><span></span>\
         <button type=\"submit\">Search</button></form>",
        action = escape(&format!("{collection}/items")),
        q = field("q", "Words", "eau potable, assainissement"),
        bbox = field("bbox", "Bounding box", "west,south,east,north"),
        datetime = field("datetime", "Time", "2020-01-01/.."),
        kind = field("type", "Type", "dataset, series, service"),
        sortby = field("sortby", "Sort by", "-updated, title"),
        limit = field("limit", "Per page", "10"),
    )
}

/// One record: its description, its properties, its links, and its schema.org
/// `Dataset` in JSON-LD in the head.
#[must_use]
pub fn record(state: &OgcState, feature: &Value) -> String {
    let base = state.base();
    let id = feature["id"].as_str().unwrap_or_default();
    let url = links::record_url(&base, id);
    let p = &feature["properties"];
    let title = p["title"].as_str().filter(|t| !t.is_empty()).unwrap_or(id);
    let mut body = String::new();
    if let Some(d) = p["description"].as_str() {
        let _ = write!(body, "<p>{}</p>", escape(d));
    }
    let _ = write!(
        body,
        "<p class=\"muted\">Record {} in {}</p>",
        escape(id),
        anchor(&as_html(&links::collection_url(&base)), &state.title)
    );
    body.push_str("<h2>Description</h2>");
    body.push_str(&value(p));
    for key in ["time", "geometry", "conformsTo"] {
        if let Some(v) = feature.get(key).filter(|v| !v.is_null()) {
            let _ = write!(body, "<h2>{key}</h2>{}", value(v));
        }
    }
    body.push_str("<h2>Links</h2>");
    body.push_str(&links_table(&feature["links"]));
    let mut shell = shell(state, &base, title, &url);
    shell.head = jsonld::script(&jsonld::dataset(state, &url, feature));
    shell.page(&body)
}
