//! The endpoints over a real SQLite store: paging walks every visible record exactly once,
//! formats by suffix and by `Accept`, HEAD, identifiers with `/`, errors.

use std::collections::BTreeMap;
use std::sync::Arc;

use actix_web::test;
use moisson_dcat::{Format, read_dcat_page};
use moisson_model::{RecordId, Viewer, Visibility};
use moisson_store::{NewRecord, Store};

use crate::fixtures::{PUBLIC_URL, rich_record, service_record};

pub(crate) const VISIBLE: usize = 23;

pub(crate) async fn store(dir: &tempfile::TempDir) -> Arc<dyn Store> {
    let url = format!("sqlite://{}", dir.path().join("moisson.db").display());
    let store = moisson_store::open(&url).await.expect("opens");
    let mut records = vec![NewRecord {
        record: service_record(),
        original: None,
    }];
    for i in 1..VISIBLE {
        let mut r = rich_record();
        r.id = RecordId::parse(format!("FR-200046977/plu/{i:03}")).ok();
        records.push(NewRecord {
            record: r,
            original: None,
        });
    }
    let mut hidden = rich_record();
    hidden.id = RecordId::parse("hidden/record").ok();
    hidden.catalogue.visibility = Visibility::Restricted;
    records.push(NewRecord {
        record: hidden,
        original: None,
    });
    store
        .put_many(records, &Viewer::Admin)
        .await
        .expect("writes");
    store
}

macro_rules! app {
    ($store:expr) => {
        actix_web::test::init_service(
            actix_web::App::new()
                .app_data(actix_web::web::Data::new(moisson_dcat::DcatState {
                    store: $store,
                    public_url: crate::fixtures::PUBLIC_URL.to_owned(),
                    catalog: moisson_dcat::CatalogConfig::default(),
                }))
                .configure(moisson_dcat::configure),
        )
        .await
    };
}
pub(crate) use app;

#[actix_web::test]
async fn paging_walks_every_visible_record_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app!(store(&dir).await);
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    let mut next = Some(format!("{PUBLIC_URL}/dcat/catalog.ttl?page_size=5"));
    let mut pages = 0;
    while let Some(url) = next.take() {
        let path = url
            .strip_prefix(PUBLIC_URL)
            .expect("links use the public URL");
        let resp = test::call_service(&app, test::TestRequest::get().uri(path).to_request()).await;
        assert_eq!(resp.status(), 200, "{path}");
        let body = test::read_body(resp).await;
        let page = read_dcat_page(&body, Format::Turtle).expect("reads the page");
        assert_eq!(page.total, Some(VISIBLE as u64));
        for r in page.records {
            *seen.entry(r.id.expect("id").to_string()).or_default() += 1;
        }
        next = page.next_page;
        pages += 1;
        assert!(pages <= 10, "paging does not end");
    }
    assert_eq!(pages, 5);
    assert_eq!(seen.len(), VISIBLE, "{seen:?}");
    assert!(seen.values().all(|n| *n == 1), "{seen:?}");
    assert!(!seen.contains_key("hidden/record"));
}

#[actix_web::test]
async fn formats_head_records_and_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app!(store(&dir).await);
    let call = |method: &str, uri: &str, accept: Option<&str>| {
        let mut req = if method == "HEAD" {
            test::TestRequest::default().method(actix_web::http::Method::HEAD)
        } else {
            test::TestRequest::get()
        };
        req = req.uri(uri);
        if let Some(a) = accept {
            req = req.insert_header(("Accept", a));
        }
        req.to_request()
    };
    for (method, uri, accept, status, media) in [
        (
            "GET",
            "/dcat/catalog",
            None,
            200,
            Some("application/rdf+xml"),
        ),
        (
            "HEAD",
            "/dcat/catalog",
            Some("text/turtle"),
            200,
            Some("text/turtle"),
        ),
        (
            "GET",
            "/dcat/catalog",
            Some("application/ld+json"),
            200,
            Some("application/ld+json"),
        ),
        (
            "GET",
            "/dcat/catalog.nt",
            None,
            200,
            Some("application/n-triples"),
        ),
        (
            "HEAD",
            "/dcat/catalog.jsonld",
            None,
            200,
            Some("application/ld+json"),
        ),
        (
            "GET",
            "/dcat/records/FR-200046977/plu/001",
            Some("text/turtle"),
            200,
            Some("text/turtle"),
        ),
        (
            "GET",
            "/dcat/records/FR-200046977/plu/001.jsonld",
            None,
            200,
            Some("application/ld+json"),
        ),
        (
            "HEAD",
            "/dcat/records/svc-wms-plu.rdf",
            None,
            200,
            Some("application/rdf+xml"),
        ),
        ("GET", "/dcat/records/hidden/record", None, 404, None),
        ("GET", "/dcat/records/nothing", None, 404, None),
        ("GET", "/dcat/catalog", Some("text/html"), 406, None),
        ("GET", "/dcat/catalog.pdf", None, 406, None),
        ("GET", "/dcat/catalog?page=0", None, 400, None),
        (
            "GET",
            "/dcat/catalog?modified_since=yesterday",
            None,
            400,
            None,
        ),
    ] {
        let resp = test::call_service(&app, call(method, uri, accept)).await;
        assert_eq!(resp.status().as_u16(), status, "{method} {uri}");
        if let Some(media) = media {
            let ct = resp
                .headers()
                .get("content-type")
                .and_then(|v| v.to_str().ok())
                .unwrap_or_default()
                .to_owned();
            assert!(ct.starts_with(media), "{method} {uri}: {ct}");
        }
    }
}

#[actix_web::test]
async fn modified_since_filters() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app!(store(&dir).await);
    for (since, expected) in [("2000-01-01", VISIBLE as u64), ("2999-01-01", 0)] {
        let req = test::TestRequest::get()
            .uri(&format!("/dcat/catalog.ttl?modified_since={since}"))
            .to_request();
        let body = test::call_and_read_body(&app, req).await;
        let page = read_dcat_page(&body, Format::Turtle).expect("reads");
        assert_eq!(page.total, Some(expected), "{since}");
    }
}

#[actix_web::test]
async fn page_size_all_streams_every_visible_record_once() {
    let dir = tempfile::tempdir().expect("tempdir");
    let app = app!(store(&dir).await);
    for format in Format::ALL {
        let uri = format!("/dcat/catalog.{}?page_size=all", format.extension());
        let resp = test::call_service(&app, test::TestRequest::get().uri(&uri).to_request()).await;
        assert_eq!(resp.status(), 200, "{uri}");
        let body = test::read_body(resp).await;
        let page = read_dcat_page(&body, format).expect("reads the whole catalogue");
        assert_eq!(page.total, None, "{uri}: no hydra paging");
        let ids: std::collections::BTreeSet<String> = page
            .records
            .iter()
            .map(|r| r.id.as_ref().expect("id").to_string())
            .collect();
        assert_eq!(ids.len(), VISIBLE, "{uri}");
        assert!(!ids.contains("hidden/record"));
    }
    let req = test::TestRequest::get()
        .uri("/dcat/catalog?page=2&page_size=all")
        .to_request();
    assert_eq!(test::call_service(&app, req).await.status(), 400);
}

#[actix_web::test]
async fn record_pages_walk_every_visible_record_once_by_id() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir).await;
    let ctx = moisson_dcat::Context::new(PUBLIC_URL);
    let mut pages = moisson_dcat::whole::RecordPages::new(None).with_page_size(5);
    let mut seen = Vec::new();
    while let Some((records, _)) = pages
        .next(store.as_ref(), &ctx, &Viewer::Anonymous)
        .await
        .expect("reads a page")
    {
        seen.extend(
            records
                .into_iter()
                .filter_map(|r| r.id)
                .map(|i| i.to_string()),
        );
    }
    let mut sorted = seen.clone();
    sorted.sort();
    sorted.dedup();
    assert_eq!(seen, sorted, "in id order, once each");
    assert_eq!(seen.len(), VISIBLE);
}
