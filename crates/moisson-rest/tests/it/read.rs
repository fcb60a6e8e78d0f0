//! `GET /api/v1/records/{id}`: JSON, ISO 19139, identifiers with `/` and `:`.

use actix_web::test::TestRequest;
use serde_json::json;

use crate::{Fixture, authorised, encode, get, iso_doc, record, send};

#[actix_web::test]
async fn json_representation_has_version_and_etag() {
    let f = Fixture::new().await;
    f.seed(vec![record("a", "Alpha")]).await;
    let app = crate::app!(f);
    let r = send(&app, get("/api/v1/records/a").to_request()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert!(r.header("content-type").starts_with("application/json"));
    let body = r.json();
    assert_eq!(
        (body["id"].clone(), body["title"].clone()),
        (json!("a"), json!("Alpha"))
    );
    assert!(body["version"].is_i64(), "{body}");
    assert!(!r.header("etag").is_empty());
}

#[actix_web::test]
async fn unknown_record_is_404_problem() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let p = send(&app, get("/api/v1/records/nope").to_request())
        .await
        .problem(404);
    assert!(
        p["detail"].as_str().is_some_and(|d| d.contains("nope")),
        "{p}"
    );
    send(&app, get("/api/v1/records/nope.xml").to_request())
        .await
        .problem(404);
}

#[actix_web::test]
async fn ids_with_slashes_and_urls_raw_or_encoded() {
    let f = Fixture::new().await;
    let ids = [
        "FR-200093201/plu/2024",
        "http://example.org/x",
        "urn:fr:plu:69123",
        "a b+c",
    ];
    f.seed(ids.iter().map(|id| record(id, id)).collect()).await;
    let app = crate::app!(f);
    for id in ids {
        let encoded = send(
            &app,
            get(&format!("/api/v1/records/{}", encode(id))).to_request(),
        )
        .await;
        assert_eq!(encoded.status, 200, "{id} encoded: {}", encoded.text());
        assert_eq!(encoded.json()["id"], json!(id));
        if !id.contains(' ') {
            let raw = send(&app, get(&format!("/api/v1/records/{id}")).to_request()).await;
            assert_eq!(raw.status, 200, "{id} raw: {}", raw.text());
            assert_eq!(raw.json()["id"], json!(id));
        }
        let xml = send(
            &app,
            get(&format!("/api/v1/records/{}.xml", encode(id))).to_request(),
        )
        .await;
        assert_eq!(xml.status, 200, "{id}.xml");
        assert!(xml.text().contains("MD_Metadata"));
    }
}

#[actix_web::test]
async fn imported_xml_is_served_byte_identical_until_edited() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let doc = iso_doc("FR-200093201/plu/2024", "PLU de la Métropole");
    let post = authorised(TestRequest::post().uri("/api/v1/records"))
        .insert_header(("content-type", "application/xml"))
        .set_payload(doc.clone());
    let created = send(&app, post.to_request()).await;
    assert_eq!(created.status, 201, "{}", created.text());
    let path = format!("/api/v1/records/{}", encode("FR-200093201/plu/2024"));

    let by_accept = send(
        &app,
        get(&path)
            .insert_header(("accept", "application/xml"))
            .to_request(),
    )
    .await;
    assert_eq!(by_accept.status, 200);
    assert!(
        by_accept
            .header("content-type")
            .starts_with("application/xml")
    );
    assert_eq!(
        by_accept.body,
        doc.as_bytes(),
        "original not served byte-identical"
    );
    let by_suffix = send(&app, get(&format!("{path}.xml")).to_request()).await;
    assert_eq!(by_suffix.body, doc.as_bytes());

    // A JSON edit is merged into the original: the title changes, the rest stays.
    let mut edited = send(&app, get(&path).to_request()).await.json();
    edited["title"] = json!("PLU révisé");
    let put = authorised(TestRequest::put().uri(&path)).set_json(&edited);
    assert_eq!(send(&app, put.to_request()).await.status, 200);
    let regenerated = send(&app, get(&format!("{path}.xml")).to_request()).await;
    assert_ne!(regenerated.body, doc.as_bytes());
    assert!(
        regenerated.text().contains("PLU révisé"),
        "{}",
        regenerated.text()
    );
    assert!(regenerated.text().contains("FR-200093201/plu/2024"));
}

#[actix_web::test]
async fn accept_json_wins_when_ranked_first() {
    let f = Fixture::new().await;
    f.seed(vec![record("a", "Alpha")]).await;
    let app = crate::app!(f);
    let r = send(
        &app,
        get("/api/v1/records/a")
            .insert_header(("accept", "application/json, application/xml;q=0.5"))
            .to_request(),
    )
    .await;
    assert!(r.header("content-type").starts_with("application/json"));
    let r = send(
        &app,
        get("/api/v1/records/a")
            .insert_header(("accept", "text/xml"))
            .to_request(),
    )
    .await;
    assert!(r.header("content-type").starts_with("application/xml"));
}

#[actix_web::test]
async fn json_record_links_to_its_iso_and_dcat_alternates() {
    let f = Fixture::new().await;
    f.seed(vec![record("FR-1/plu:2024", "Plan")]).await;
    let app = crate::app!(f);
    let r = send(&app, get("/api/v1/records/FR-1%2Fplu%3A2024").to_request()).await;
    assert_eq!(r.status, 200, "{}", r.text());
    let body = r.json();
    let links: Vec<(String, String, String)> = body["links"]
        .as_array()
        .expect("links")
        .iter()
        .map(|l| {
            let s = |k: &str| l[k].as_str().unwrap_or_default().to_owned();
            (s("rel"), s("type"), s("href"))
        })
        .collect();
    let base = crate::PUBLIC_URL;
    for (rel, media, href) in [
        (
            "self",
            "application/json",
            format!("{base}/api/v1/records/FR-1%2Fplu%3A2024"),
        ),
        (
            "alternate",
            "application/xml",
            format!("{base}/api/v1/records/FR-1%2Fplu%3A2024.xml"),
        ),
        (
            "alternate",
            "application/ld+json",
            format!("{base}/dcat/records/FR-1%2Fplu%3A2024.jsonld"),
        ),
        (
            "alternate",
            "text/turtle",
            format!("{base}/dcat/records/FR-1%2Fplu%3A2024.ttl"),
        ),
    ] {
        assert!(
            links.contains(&(rel.to_owned(), media.to_owned(), href.clone())),
            "{rel} {media} {href} not in {links:?}"
        );
    }
    let xml = send(
        &app,
        get("/api/v1/records/FR-1%2Fplu%3A2024.xml").to_request(),
    )
    .await;
    assert_eq!(xml.status, 200);
    let list = send(&app, get("/api/v1/records").to_request()).await.json();
    assert!(list["items"][0].get("links").is_none(), "{list}");
}

/// Every record shows the resource identifier harvesters read (DCAT `dct:identifier`): the
/// producer's, or one minted from the public URL and the id, flagged so that producers see
/// which records lack their own.
#[actix_web::test]
async fn resource_identifier_is_the_producers_or_a_flagged_minted_one() {
    let f = Fixture::new().await;
    let mut own = record("FR-1/plu", "With its own");
    own.identifiers.push(moisson_model::ResourceIdentifier {
        code: "PLU-69123".to_owned(),
        codespace: Some("urn:fr:metropole".to_owned()),
        uri: None,
    });
    f.seed(vec![record("a b", "Without"), own]).await;
    let app = crate::app!(f);
    let minted = json!({"value": "https://cat.example/dcat/records/a%20b#dataset", "minted": true});
    let producers = json!({"value": "urn:fr:metropole/PLU-69123", "minted": false});
    let one = |id: &str| get(&format!("/api/v1/records/{}", encode(id))).to_request();
    assert_eq!(
        send(&app, one("a b")).await.json()["resourceIdentifier"],
        minted
    );
    assert_eq!(
        send(&app, one("FR-1/plu")).await.json()["resourceIdentifier"],
        producers
    );
    let list = send(&app, get("/api/v1/records?sort=identifier").to_request())
        .await
        .json();
    let shown: Vec<_> = list["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| r["resourceIdentifier"].clone())
        .collect();
    assert_eq!(shown, [producers, minted]);
}
