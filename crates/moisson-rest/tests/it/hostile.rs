//! Bad and hostile bodies: each gets a 4xx problem JSON and nothing is stored.

use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::{Fixture, authorised, iso_doc, record, send};

const BOMB: &str = r#"<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd"><gmd:fileIdentifier>&lol3;</gmd:fileIdentifier></gmd:MD_Metadata>"#;

const EXTERNAL: &str = r#"<?xml version="1.0"?>
<!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">
<gmd:fileIdentifier><gco:CharacterString>&xxe;</gco:CharacterString></gmd:fileIdentifier></gmd:MD_Metadata>"#;

fn post(content_type: &str, body: impl Into<Vec<u8>>) -> TestRequest {
    authorised(TestRequest::post().uri("/api/v1/records"))
        .insert_header(("content-type", content_type))
        .set_payload(body.into())
}

/// Posts, expects a problem with `status`, checks the store still holds one record.
async fn refused(f: &Fixture, req: TestRequest, status: u16) -> Value {
    let app = crate::app!(f);
    let p = send(&app, req.to_request()).await.problem(status);
    assert_eq!(f.count().await, 1, "something was stored: {p}");
    assert!(
        !p["detail"].as_str().unwrap_or_default().contains("root:"),
        "leaked a file: {p}"
    );
    p
}

async fn fixture() -> Fixture {
    let f = Fixture::new().await;
    f.seed(vec![record("existing", "Existing")]).await;
    f
}

#[actix_web::test]
async fn malformed_xml_gives_line_and_column() {
    let f = fixture().await;
    let doc = iso_doc("x", "T").replace("</gmd:title>", "</gmd:titl>");
    let p = refused(&f, post("application/xml", doc), 400).await;
    let detail = p["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("line") && detail.contains("column"), "{p}");
    assert_eq!(p["parameter"], json!("body"));
}

#[actix_web::test]
async fn entity_bomb_and_external_entity_are_refused() {
    let f = fixture().await;
    refused(&f, post("application/xml", BOMB), 400).await;
    refused(&f, post("text/xml", EXTERNAL), 400).await;
}

#[actix_web::test]
async fn invalid_utf8_is_refused() {
    let f = fixture().await;
    let mut json = br#"{"id": "u", "title": ""#.to_vec();
    json.extend_from_slice(b"\xff\xfe\"}");
    let p = refused(&f, post("application/json", json), 400).await;
    assert!(
        p["detail"].as_str().is_some_and(|d| d.contains("UTF-8")),
        "{p}"
    );
    let mut xml = iso_doc("u", "T").into_bytes();
    let at = xml
        .windows(10)
        .position(|w| w == b"Plan local")
        .expect("abstract")
        + 4;
    xml.splice(at..at, b"\xff\xfe".iter().copied());
    refused(&f, post("application/xml", xml), 400).await;
}

#[actix_web::test]
async fn malformed_json_is_refused() {
    let f = fixture().await;
    for body in [
        &b"{\"id\": \"m\", "[..],
        b"[1, 2]",
        b"{\"id\": \"m\", \"extents\": 3}",
        b"",
    ] {
        let p = refused(&f, post("application/json", body), 400).await;
        assert_eq!(p["parameter"], json!("body"), "{p}");
    }
}

#[actix_web::test]
async fn too_large_bodies_get_413() {
    let f = fixture().await;
    let claimed = post("application/xml", "<x/>").insert_header(("content-length", "104857600"));
    refused(&f, claimed, 413).await;
    let real = vec![b' '; 21 * 1024 * 1024];
    refused(&f, post("application/json", real.clone()), 413).await;
    // A lying (or absent, chunked) length: reading stops once past the limit.
    let lying = post("application/json", real).insert_header(("content-length", "10"));
    refused(&f, lying, 413).await;
}

#[actix_web::test]
async fn other_media_types_get_415() {
    let f = fixture().await;
    refused(&f, post("text/plain", "hello"), 415).await;
    let app = crate::app!(f);
    let no_type = authorised(TestRequest::post().uri("/api/v1/records")).set_payload("{}");
    send(&app, no_type.to_request()).await.problem(415);
}

/// A bad box is refused naming the bound to fix (the ISO 19139 element name, as the
/// problem's `parameter` and in its `detail`), from JSON and ISO XML bodies alike.
#[actix_web::test]
async fn invalid_extents_are_refused_naming_the_bound() {
    let f = fixture().await;
    let cases = [
        ((0.0, 50.0, 1.0, 40.0), "southBoundLatitude"),
        ((0.0, 40.0, 1.0, 200.0), "northBoundLatitude"),
        ((-190.0, 40.0, 1.0, 50.0), "westBoundLongitude"),
        ((0.0, 40.0, 181.0, 50.0), "eastBoundLongitude"),
    ];
    for ((w, s, e, n), bound) in cases {
        let bbox = json!({"west": w, "south": s, "east": e, "north": n});
        let bad = json!({"id": "b", "title": "B", "extents": [{"bbox": bbox}]});
        let p = refused(&f, post("application/json", bad.to_string()), 400).await;
        assert_eq!(p["parameter"], json!(bound), "{p}");
        assert!(
            p["detail"].as_str().is_some_and(|d| d.contains(bound)),
            "{p}"
        );
    }
    let xml_cases = [
        (
            "<gco:Decimal>45.94</gco:Decimal>",
            "<gco:Decimal>200</gco:Decimal>",
            "northBoundLatitude",
        ),
        (
            "<gco:Decimal>45.55</gco:Decimal>",
            "<gco:Decimal>46</gco:Decimal>",
            "southBoundLatitude",
        ),
        (
            "<gco:Decimal>4.68</gco:Decimal>",
            "<gco:Decimal>-200</gco:Decimal>",
            "westBoundLongitude",
        ),
        (
            "<gco:Decimal>5.06</gco:Decimal>",
            "<gco:Decimal>500</gco:Decimal>",
            "eastBoundLongitude",
        ),
    ];
    for (good, bad, bound) in xml_cases {
        let xml = iso_doc("b", "B").replace(good, bad);
        let p = refused(&f, post("application/xml", xml), 400).await;
        assert_eq!(p["parameter"], json!(bound), "{p}");
        assert!(
            p["detail"].as_str().is_some_and(|d| d.contains(bound)),
            "{p}"
        );
    }
}

#[actix_web::test]
async fn unknown_xml_document_is_refused() {
    let f = fixture().await;
    refused(&f, post("application/xml", "<html><body/></html>"), 400).await;
}
