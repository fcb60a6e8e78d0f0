//! Editors create drafts (issue 22, blocker 1): a record written by someone who may not
//! publish becomes a draft of their organisation unless the request asks for more, over
//! REST (JSON and XML), CSW-T Insert and an editor API key (the README's `harvest-push`);
//! asking to publish without the right is refused with a way out; reviewers list what
//! was submitted, and nobody else sees it. On SQLite and PostgreSQL.

use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::rights_app;
use crate::rights_fixture::{Backend, Caller, Fixture, ORG_A, admin, call, callers};

/// A minimal ISO 19139 document.
fn iso_doc(id: &str) -> String {
    format!(
        r#"<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">
  <gmd:fileIdentifier><gco:CharacterString>{id}</gco:CharacterString></gmd:fileIdentifier>
  <gmd:identificationInfo><gmd:MD_DataIdentification>
    <gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>Draft {id}</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation>
    <gmd:abstract><gco:CharacterString>Written by an editor</gco:CharacterString></gmd:abstract>
  </gmd:MD_DataIdentification></gmd:identificationInfo>
</gmd:MD_Metadata>"#
    )
}

fn post_xml(uri: &str, id: &str) -> TestRequest {
    TestRequest::post()
        .uri(uri)
        .insert_header(("content-type", "application/xml"))
        .set_payload(iso_doc(id))
}

fn csw_insert(id: &str) -> TestRequest {
    let body = format!(
        r#"<csw:Transaction xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" service="CSW" version="2.0.2"><csw:Insert>{}</csw:Insert></csw:Transaction>"#,
        iso_doc(id)
    );
    TestRequest::post()
        .uri("/csw")
        .insert_header(("content-type", "application/xml"))
        .set_payload(body)
}

fn caller<'a>(callers: &'a [Caller], name: &str) -> &'a Caller {
    callers.iter().find(|c| c.name == name).expect("caller")
}

/// `(status, owner)` of a record as the admin reads it over REST.
async fn workflow<S, B>(app: &S, id: &str) -> (String, String)
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let resp = call(
        app,
        admin(TestRequest::get().uri(&format!("/api/v1/records/{id}"))),
    )
    .await;
    assert_eq!(resp.status, 200, "{id}: {}", resp.text());
    let json = resp.json();
    let text = |v: &Value| v.as_str().unwrap_or_default().to_owned();
    (
        text(&json["catalogue"]["status"]),
        text(&json["catalogue"]["owner_org"]),
    )
}

async fn editors_write_drafts_and_ask_for_review(f: Fixture) {
    let app = rights_app!(f);
    let callers = callers(&app).await;
    let editor = caller(&callers, "editor-a");
    let reviewer = caller(&callers, "reviewer-a");

    // XML and JSON without a status: a draft of the editor's organisation.
    let resp = call(&app, editor.sign(post_xml("/api/v1/records", "ed-xml"))).await;
    assert_eq!(resp.status, 201, "{}", resp.text());
    assert_eq!(
        workflow(&app, "ed-xml").await,
        ("draft".into(), ORG_A.into())
    );
    let body = json!({"id": "ed-json", "title": "Editor's JSON"});
    let req = TestRequest::post().uri("/api/v1/records").set_json(body);
    let resp = call(&app, editor.sign(req)).await;
    assert_eq!(resp.status, 201, "{}", resp.text());
    assert_eq!(resp.json()["catalogue"]["status"], "draft");

    // Publishing explicitly asked without the right: 403, saying how to submit instead.
    let uri = "/api/v1/records?status=published";
    let resp = call(&app, editor.sign(post_xml(uri, "ed-pub"))).await;
    assert_eq!(resp.status, 403, "{}", resp.text());
    let detail = resp.json()["detail"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    assert!(detail.contains("status=submitted"), "{detail}");
    let body = json!({"id": "ed-pub", "title": "T", "catalogue": {"status": "published"}});
    let req = TestRequest::post().uri("/api/v1/records").set_json(body);
    assert_eq!(call(&app, editor.sign(req)).await.status, 403);

    // Submitting for review, then re-sending the document keeps the status.
    let uri = "/api/v1/records?status=submitted&visibility=internal";
    let resp = call(&app, editor.sign(post_xml(uri, "ed-sub"))).await;
    assert_eq!(resp.status, 201, "{}", resp.text());
    assert_eq!(resp.json()["catalogue"]["visibility"], "internal");
    let req = post_xml("/api/v1/records", "ed-sub");
    assert_eq!(call(&app, editor.sign(req)).await.status, 200);
    assert_eq!(workflow(&app, "ed-sub").await.0, "submitted");
    let put = TestRequest::put()
        .uri("/api/v1/records/ed-json")
        .set_json(json!({"title": "Editor's JSON, edited"}));
    let resp = call(&app, editor.sign(put)).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(resp.json()["catalogue"]["status"], "draft");

    // CSW-T Insert by the editor: a draft too; by a reviewer: published.
    let resp = call(&app, editor.sign(csw_insert("ed-csw"))).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(workflow(&app, "ed-csw").await.0, "draft");
    let resp = call(&app, reviewer.sign(csw_insert("rev-csw"))).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(workflow(&app, "rev-csw").await.0, "published");
    let resp = call(&app, reviewer.sign(post_xml("/api/v1/records", "rev-xml"))).await;
    assert_eq!(resp.status, 201, "{}", resp.text());
    assert_eq!(workflow(&app, "rev-xml").await.0, "published");

    // The README's `harvest-push` editor API key.
    let body = json!({"unit": ORG_A, "role": "editor", "label": "harvest-push"});
    let resp = call(
        &app,
        admin(TestRequest::post().uri("/api/v1/api-keys")).set_json(body),
    )
    .await;
    assert_eq!(resp.status, 201, "{}", resp.text());
    let key = resp.json()["secret"].as_str().expect("secret").to_owned();
    let req = post_xml("/api/v1/records", "ed-key")
        .insert_header(("authorization", format!("Bearer {key}")));
    let resp = call(&app, req).await;
    assert_eq!(resp.status, 201, "{}", resp.text());
    assert_eq!(
        workflow(&app, "ed-key").await,
        ("draft".into(), ORG_A.into())
    );

    // The workflow as merge patches: the editor submits, may not publish; the reviewer
    // publishes, and the title the editor wrote stays.
    let status = |s: &str| {
        TestRequest::patch()
            .uri("/api/v1/records/ed-json")
            .insert_header(("content-type", "application/merge-patch+json"))
            .set_payload(json!({"catalogue": {"status": s}}).to_string())
    };
    let resp = call(&app, editor.sign(status("published"))).await;
    assert_eq!(resp.status, 403, "{}", resp.text());
    let resp = call(&app, editor.sign(status("submitted"))).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    let resp = call(&app, reviewer.sign(status("published"))).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    assert_eq!(resp.json()["title"], "Editor's JSON, edited");
    assert_eq!(workflow(&app, "ed-json").await.0, "published");

    submitted_records_are_listed_for_those_who_may_see_them(&app, &callers).await;
}

/// `?status=submitted` lists what waits for review: the seeded `a-submitted` and the
/// editor's `ed-sub`, for organisation A's editors and reviewers and the superadmin;
/// nothing for anyone else (the rights clause still applies).
async fn submitted_records_are_listed_for_those_who_may_see_them<S, B>(app: &S, callers: &[Caller])
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    for c in callers.iter().filter(|c| c.viewer.is_some()) {
        let req = TestRequest::get().uri("/api/v1/records?status=submitted&facets=");
        let resp = call(app, c.sign(req)).await;
        assert_eq!(resp.status, 200, "{}: {}", c.name, resp.text());
        let json = resp.json();
        let mut ids: Vec<String> = json["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
            .collect();
        ids.sort();
        let reviews = matches!(c.name, "editor-a" | "reviewer-a" | "super" | "admin token");
        let expected: &[&str] = if reviews {
            &["a-submitted", "ed-sub"]
        } else {
            &[]
        };
        assert_eq!(ids, expected, "{}", c.name);
        assert_eq!(json["total"], expected.len(), "{}", c.name);
    }
    let resp = call(
        app,
        TestRequest::get().uri("/api/v1/records?status=pending"),
    )
    .await;
    assert_eq!(resp.status, 400, "{}", resp.text());
}

#[actix_web::test]
async fn sqlite_editors_write_drafts() {
    editors_write_drafts_and_ask_for_review(Fixture::on(Backend::Sqlite).await).await;
}

/// Fails without a test PostgreSQL (`MOISSON_TEST_PG`), as every PostgreSQL test does.
#[actix_web::test]
async fn pg_editors_write_drafts() {
    editors_write_drafts_and_ask_for_review(Fixture::on(Backend::Postgres).await).await;
}
