//! Record fragments kept by the store between whole-catalogue exports (`whole.rs`): the
//! document is the same whether fragments are formatted or reused, an edit shows in the
//! next export, rights and `modified_since` hold for kept fragments too.

use actix_web::test;
use moisson_dcat::{CatalogConfig, Context, Format, read_dcat_page};
use moisson_model::{RecordId, Viewer};
use moisson_store::{NewRecord, RepresentationKind, Represented, Store};

use crate::fixtures::PUBLIC_URL;
use crate::http::{VISIBLE, app, store};

fn kind_name(format: Format) -> &'static str {
    match format {
        Format::Turtle => "dcat-turtle",
        Format::NTriples => "dcat-ntriples",
        Format::RdfXml => "dcat-rdfxml",
        Format::JsonLd => "dcat-jsonld",
    }
}

/// How many records of the catalogue have a current fragment of `format` kept.
async fn kept(store: &dyn Store, format: Format) -> usize {
    let fingerprint = Context::new(PUBLIC_URL).fingerprint(format);
    let kind = RepresentationKind {
        kind: kind_name(format),
        fingerprint: &fingerprint,
    };
    let entries = store
        .represented_after(None, 1000, &Viewer::Admin, kind)
        .await
        .expect("walk");
    entries
        .iter()
        .filter(|e| matches!(e, Represented::Kept { .. }))
        .count()
}

#[actix_web::test]
async fn kept_fragments_make_the_same_document_and_follow_edits() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir).await;
    let app = app!(store.clone());
    for format in Format::ALL {
        let uri = format!("/dcat/catalog.{}?page_size=all", format.extension());
        let get = || test::TestRequest::get().uri(&uri).to_request();
        assert_eq!(kept(store.as_ref(), format).await, 0);
        let formatted = test::call_and_read_body(&app, get()).await;
        // Every visible record but the service naming a dataset it operates on.
        assert_eq!(kept(store.as_ref(), format).await, VISIBLE - 1, "{uri}");
        let reused = test::call_and_read_body(&app, get()).await;
        assert_eq!(
            String::from_utf8_lossy(&formatted),
            String::from_utf8_lossy(&reused),
            "{uri}: the same bytes from kept fragments"
        );
    }

    let id = RecordId::parse("FR-200046977/plu/007").expect("id");
    let mut edited = store
        .get(&id, &Viewer::Admin)
        .await
        .expect("get")
        .expect("there")
        .record;
    edited.title = "Plan local d'urbanisme révisé".to_owned();
    let edit = NewRecord {
        record: edited,
        original: None,
    };
    store.put(edit, &Viewer::Admin).await.expect("edit");
    for format in Format::ALL {
        assert_eq!(
            kept(store.as_ref(), format).await,
            VISIBLE - 2,
            "{format:?}"
        );
        let uri = format!("/dcat/catalog.{}?page_size=all", format.extension());
        let body =
            test::call_and_read_body(&app, test::TestRequest::get().uri(&uri).to_request()).await;
        let page = read_dcat_page(&body, format).expect("reads");
        let titles: Vec<&str> = page
            .records
            .iter()
            .filter(|r| r.id.as_ref() == Some(&id))
            .map(|r| r.title.as_str())
            .collect();
        assert_eq!(titles, ["Plan local d'urbanisme révisé"], "{uri}");
        assert_eq!(page.records.len(), VISIBLE, "{uri}");
        assert_eq!(
            kept(store.as_ref(), format).await,
            VISIBLE - 1,
            "{format:?}"
        );
    }
}

#[actix_web::test]
async fn kept_fragments_keep_rights_and_modified_since() {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = store(&dir).await;
    // The administrator's export keeps the restricted record's fragment too.
    let ctx = Context::new(PUBLIC_URL);
    let config = CatalogConfig::default();
    let (admin, n) = moisson_dcat::whole::write_catalog(
        store.as_ref(),
        &Viewer::Admin,
        (&ctx, &config),
        Format::Turtle,
        Vec::new(),
    )
    .await
    .expect("exports");
    assert_eq!(n as usize, VISIBLE + 1);
    assert!(String::from_utf8_lossy(&admin).contains("hidden/record"));
    assert_eq!(kept(store.as_ref(), Format::Turtle).await, VISIBLE);

    let app = app!(store.clone());
    let get = |uri: &str| test::TestRequest::get().uri(uri).to_request();
    let body = test::call_and_read_body(&app, get("/dcat/catalog.ttl?page_size=all")).await;
    let text = String::from_utf8_lossy(&body);
    assert!(
        !text.contains("hidden/record"),
        "not shown to the anonymous"
    );
    let page = read_dcat_page(&body, Format::Turtle).expect("reads");
    assert_eq!(page.records.len(), VISIBLE);

    for (since, expected) in [("2000-01-01", VISIBLE), ("2999-01-01", 0)] {
        let uri = format!("/dcat/catalog.ttl?page_size=all&modified_since={since}");
        let body = test::call_and_read_body(&app, get(&uri)).await;
        let page = read_dcat_page(&body, Format::Turtle).expect("reads");
        assert_eq!(page.records.len(), expected, "{uri}");
    }
}
