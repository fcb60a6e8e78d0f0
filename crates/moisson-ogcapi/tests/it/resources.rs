//! Landing page, conformance, collections, queryables, sortables, API document, errors.

use serde_json::Value;

use crate::support::{get, json, state};

fn rels(v: &Value) -> Vec<String> {
    v["links"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter_map(|l| l["rel"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

#[actix_web::test]
async fn landing_page_links() {
    let (_d, s) = state().await;
    let v = json(&s, "/ogcapi", 200).await;
    for rel in ["self", "service-desc", "service-doc", "conformance", "data"] {
        assert!(rels(&v).contains(&rel.to_owned()), "{rel} missing: {v}");
    }
    let desc = v["links"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["rel"] == "service-desc"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(desc["href"], "http://cat.example/ogcapi/api");
    assert_eq!(desc["type"], "application/vnd.oai.openapi+json;version=3.0");
    let doc = v["links"]
        .as_array()
        .and_then(|l| l.iter().find(|l| l["rel"] == "service-doc"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(doc["href"], "http://cat.example/ogcapi/api?f=html");
    assert_eq!(doc["type"], "text/html");
    assert_eq!(json(&s, "/ogcapi/?f=json", 200).await["title"], v["title"]);
}

#[actix_web::test]
async fn conformance_lists_the_declared_classes() {
    let (_d, s) = state().await;
    let v = json(&s, "/ogcapi/conformance", 200).await;
    let got: Vec<&str> = v["conformsTo"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(Value::as_str)
        .collect();
    assert_eq!(got, moisson_ogcapi::CONFORMANCE);
}

#[actix_web::test]
async fn collections_and_the_catalogue() {
    let (_d, s) = state().await;
    let v = json(&s, "/ogcapi/collections", 200).await;
    assert_eq!(v["collections"][0]["id"], "main");
    let c = json(&s, "/ogcapi/collections/main", 200).await;
    assert_eq!(c["itemType"], "record");
    let typed = get(
        &s,
        "/ogcapi/collections/main",
        &[("Accept", "application/ogc-catalog+json")],
    )
    .await;
    assert_eq!(
        typed.headers().get("content-type").map(|v| v.as_bytes()),
        Some(&b"application/ogc-catalog+json"[..]),
        "the catalogue's own media type when asked"
    );
    assert_eq!(c["type"], "Collection");
    assert_eq!(
        c["defaultSortOrder"],
        serde_json::json!([{"field": "id", "direction": "asc"}])
    );
    for rel in [
        "self",
        "items",
        "http://www.opengis.net/def/rel/ogc/1.0/queryables",
        "http://www.opengis.net/def/rel/ogc/1.0/sortables",
    ] {
        assert!(rels(&c).contains(&rel.to_owned()), "{rel}");
    }
    let e = json(&s, "/ogcapi/collections/other", 404).await;
    assert_eq!(e["status"], 404);
    json(&s, "/ogcapi/collections/other/items", 404).await;
    json(&s, "/ogcapi/nothing", 404).await;
}

#[actix_web::test]
async fn queryables_and_sortables_are_json_schemas() {
    let (_d, s) = state().await;
    for (path, name, dialect) in [
        ("queryables", "geometry", "2020-12"),
        ("sortables", "updated", "2019-09"),
    ] {
        let resp = get(&s, &format!("/ogcapi/collections/main/{path}"), &[]).await;
        assert_eq!(
            resp.headers().get("content-type").map(|v| v.as_bytes()),
            Some(&b"application/schema+json"[..])
        );
        let v: Value = actix_web::test::read_body_json(resp).await;
        assert_eq!(
            v["$schema"],
            format!("https://json-schema.org/draft/{dialect}/schema")
        );
        assert_eq!(
            v["$id"],
            format!("http://cat.example/ogcapi/collections/main/{path}")
        );
        assert!(v["properties"][name].is_object(), "{path}: {v}");
    }
}

#[actix_web::test]
async fn openapi_document_describes_every_path() {
    let (_d, s) = state().await;
    let v = json(&s, "/ogcapi/api", 200).await;
    assert!(
        v["openapi"].as_str().is_some_and(|o| o.starts_with("3.0.")),
        "OpenAPI 3.0 (oas30), which OWSLib reads"
    );
    assert!(
        v["paths"]["/ogcapi/collections/{catalogId}/items"]["get"]["parameters"]
            .as_array()
            .is_some_and(|p| p.len() > 10)
    );
}

#[actix_web::test]
async fn unknown_parameters_are_refused_with_an_exception() {
    let (_d, s) = state().await;
    for uri in [
        "/ogcapi?colour=red",
        "/ogcapi/conformance?f=pdf",
        "/ogcapi/collections/main/items?colour=red",
        "/ogcapi/collections/main/items?limit=1&limit=2",
    ] {
        let resp = get(&s, uri, &[]).await;
        assert_eq!(resp.status(), 400, "{uri}");
        assert_eq!(
            resp.headers().get("content-type").map(|v| v.as_bytes()),
            Some(&b"application/problem+json"[..])
        );
        let v: Value = actix_web::test::read_body_json(resp).await;
        assert_eq!(v["status"], 400);
        assert!(v["detail"].as_str().is_some_and(|d| !d.is_empty()), "{v}");
        assert!(v["type"].is_string() && v["title"].is_string());
    }
}
