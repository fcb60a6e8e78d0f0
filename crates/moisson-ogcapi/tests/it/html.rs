//! The HTML encoding: every resource has its page, with every link of its JSON document
//! as an `<a>`, the autodiscovery link, a search form and paging on items, and the
//! schema.org `Dataset` JSON-LD on each record.

use actix_web::test::read_body;
use serde_json::Value;

use crate::support::{FIJI, encode, get, json, state};

const PAGE: &str = "text/html; charset=utf-8";

async fn page(s: &moisson_ogcapi::OgcState, uri: &str) -> String {
    let resp = get(s, uri, &[]).await;
    assert_eq!(resp.status(), 200, "{uri}");
    assert_eq!(
        resp.headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok()),
        Some(PAGE),
        "{uri}"
    );
    let html = String::from_utf8(read_body(resp).await.to_vec()).expect("UTF-8");
    assert!(html.starts_with("<!DOCTYPE html>"), "{uri}");
    assert!(!html.contains("<script src"), "{uri} loads no script");
    assert!(
        html.contains("<link rel=\"http://www.opengis.net/def/rel/ogc/1.0/ogc-catalog\""),
        "{uri}: autodiscovery"
    );
    html
}

/// Every link of the JSON document is an `<a>` of the page.
fn has_every_link(html: &str, doc: &Value, uri: &str) {
    for l in doc["links"].as_array().into_iter().flatten() {
        let href = l["href"].as_str().unwrap_or_default().replace('&', "&amp;");
        assert!(
            html.contains(&format!("<a href=\"{href}\"")),
            "{uri}: {href}"
        );
    }
}

#[actix_web::test]
async fn every_resource_has_its_page_with_every_link() {
    let (_d, s) = state().await;
    for path in [
        "/ogcapi",
        "/ogcapi/conformance",
        "/ogcapi/collections",
        "/ogcapi/collections/main",
        "/ogcapi/collections/main/queryables",
        "/ogcapi/collections/main/sortables",
        "/ogcapi/api",
    ] {
        let html = page(&s, &format!("{path}?f=html")).await;
        let doc = json(&s, path, 200).await;
        has_every_link(&html, &doc, path);
    }
    let conformance = page(&s, "/ogcapi/conformance?f=html").await;
    assert!(conformance.contains("http://www.opengis.net/spec/ogcapi-records-1/1.0/conf/html"));
}

#[actix_web::test]
async fn items_page_has_a_search_form_and_paging() {
    let (_d, s) = state().await;
    let uri = "/ogcapi/collections/main/items?q=plan&limit=2&f=html";
    let html = page(&s, uri).await;
    assert!(html.contains("<form method=\"get\""), "search form");
    assert!(
        html.contains("name=\"q\" value=\"plan\""),
        "the form keeps the request"
    );
    assert!(html.contains("<a rel=\"next\" href=\""), "next page");
    assert!(
        html.contains("&amp;f=html\">Next page"),
        "the next page is a page too"
    );
    let doc = json(&s, "/ogcapi/collections/main/items?q=plan&limit=2", 200).await;
    for f in doc["features"].as_array().expect("features") {
        let id = encode(f["id"].as_str().expect("id"));
        assert!(html.contains(&format!("/items/{id}?f=html\"")), "{id}");
        has_every_link(&html, f, &id);
    }
    let second = page(
        &s,
        "/ogcapi/collections/main/items?q=plan&limit=2&offset=2&f=html",
    )
    .await;
    assert!(second.contains("<a rel=\"prev\""));
}

#[actix_web::test]
async fn record_page_embeds_its_dataset_in_json_ld() {
    let (_d, s) = state().await;
    let uri = format!("/ogcapi/collections/main/items/{}?f=html", encode(FIJI));
    let html = page(&s, &uri).await;
    let doc = json(
        &s,
        &format!("/ogcapi/collections/main/items/{}", encode(FIJI)),
        200,
    )
    .await;
    has_every_link(&html, &doc, &uri);
    let start = html
        .find("<script type=\"application/ld+json\">")
        .expect("JSON-LD")
        + "<script type=\"application/ld+json\">".len();
    let end = start + html[start..].find("</script>").expect("end of script");
    let ld: Value = serde_json::from_str(&html[start..end]).expect("JSON-LD parses");
    assert_eq!(ld["@type"], "Dataset");
    assert_eq!(ld["@context"], "https://schema.org/");
    assert_eq!(ld["name"], "Récifs coralliens des Fidji");
    assert_eq!(ld["temporalCoverage"], "2010-01-01/2012-12-31");
    assert!(ld["spatialCoverage"]["geo"]["box"].is_string(), "{ld}");
    assert!(html.contains("<h1>Récifs coralliens des Fidji</h1>"));
}
