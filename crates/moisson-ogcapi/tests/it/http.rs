//! Content negotiation, conditional GET, CORS.

use actix_web::test;

use crate::support::{get, state};

const ITEM: &str = "/ogcapi/collections/main/items/fr-200040715-plui-2025";

fn header(resp: &actix_web::dev::ServiceResponse, name: &str) -> Option<String> {
    resp.headers()
        .get(name)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned)
}

#[actix_web::test]
async fn negotiation_by_f_and_accept() {
    let (_d, s) = state().await;
    let ct = |r: &actix_web::dev::ServiceResponse| header(r, "content-type").unwrap_or_default();
    assert_eq!(ct(&get(&s, ITEM, &[]).await), "application/geo+json");
    assert_eq!(
        ct(&get(
            &s,
            ITEM,
            &[("Accept", "application/geo+json, application/json;q=0.9")]
        )
        .await),
        "application/geo+json"
    );
    assert_eq!(
        ct(&get(&s, ITEM, &[("Accept", "application/json")]).await),
        "application/json"
    );
    assert_eq!(
        ct(&get(&s, ITEM, &[("Accept", "application/xml")]).await),
        "application/xml"
    );
    assert_eq!(
        ct(&get(
            &s,
            &format!("{ITEM}?f=json"),
            &[("Accept", "application/xml")]
        )
        .await),
        "application/geo+json"
    );
    assert_eq!(
        ct(&get(&s, &format!("{ITEM}?f=xml"), &[]).await),
        "application/xml"
    );
    assert_eq!(
        ct(&get(&s, "/ogcapi/collections/main/items?f=geojson", &[]).await),
        "application/geo+json"
    );
    let browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8";
    for uri in [
        "/ogcapi/conformance",
        ITEM,
        "/ogcapi/collections/main/items",
    ] {
        assert_eq!(
            ct(&get(&s, uri, &[("Accept", browser)]).await),
            "text/html; charset=utf-8",
            "a browser gets the page of {uri}"
        );
        assert_eq!(
            ct(&get(&s, &format!("{uri}?f=html"), &[]).await),
            "text/html; charset=utf-8",
            "{uri}?f=html"
        );
    }
}

#[actix_web::test]
async fn etag_and_last_modified_give_304() {
    let (_d, s) = state().await;
    for uri in [ITEM, "/ogcapi/collections/main/items?limit=3"] {
        let first = get(&s, uri, &[]).await;
        let etag = header(&first, "etag").expect("etag");
        let again = get(&s, uri, &[("If-None-Match", etag.as_str())]).await;
        assert_eq!(again.status(), 304, "{uri}");
        assert!(test::read_body(again).await.is_empty());
        let other = get(&s, uri, &[("If-None-Match", "\"other\"")]).await;
        assert_eq!(other.status(), 200);
    }
    let first = get(&s, ITEM, &[]).await;
    let lm = header(&first, "last-modified").expect("last-modified");
    assert_eq!(
        get(&s, ITEM, &[("If-Modified-Since", lm.as_str())])
            .await
            .status(),
        304
    );
    let old = "Mon, 01 Jan 2001 00:00:00 GMT";
    assert_eq!(
        get(&s, ITEM, &[("If-Modified-Since", old)]).await.status(),
        200
    );
    let xml = get(&s, &format!("{ITEM}?f=xml"), &[]).await;
    assert_ne!(
        header(&xml, "etag"),
        header(&first, "etag"),
        "representations differ"
    );
}

#[actix_web::test]
async fn cors_allows_browser_frontends() {
    let (_d, s) = state().await;
    let resp = get(&s, ITEM, &[("Origin", "https://front.example")]).await;
    assert_eq!(
        header(&resp, "access-control-allow-origin").as_deref(),
        Some("https://front.example")
    );
    let app = test::init_service(
        actix_web::App::new()
            .app_data(actix_web::web::Data::new(s.clone()))
            .configure(moisson_ogcapi::configure),
    )
    .await;
    let pre = test::TestRequest::default()
        .method(actix_web::http::Method::OPTIONS)
        .uri("/ogcapi/collections/main/items")
        .insert_header(("Origin", "https://front.example"))
        .insert_header(("Access-Control-Request-Method", "GET"))
        .to_request();
    let resp = test::call_service(&app, pre).await;
    assert!(resp.status().is_success(), "{}", resp.status());
    assert!(header(&resp, "access-control-allow-methods").is_some_and(|m| m.contains("GET")));
}

#[actix_web::test]
async fn head_gives_the_headers_of_get() {
    let (_d, s) = state().await;
    let app = test::init_service(
        actix_web::App::new()
            .app_data(actix_web::web::Data::new(s.clone()))
            .configure(moisson_ogcapi::configure),
    )
    .await;
    let req = test::TestRequest::default()
        .method(actix_web::http::Method::HEAD)
        .uri(ITEM)
        .to_request();
    let resp = test::call_service(&app, req).await;
    assert_eq!(resp.status(), 200);
    assert!(header(&resp, "etag").is_some());
    let post = test::TestRequest::post().uri(ITEM).to_request();
    assert_eq!(
        test::call_service(&app, post).await.status(),
        405,
        "no write operations"
    );
}
