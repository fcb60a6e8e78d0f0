//! The no-leak matrix, writes: who may create, edit, publish and delete over REST and
//! CSW Transaction, and the audit log of what was done, read back by a superadmin (and
//! refused to everyone else). Each caller writes its own records, seeded first.

use std::collections::BTreeSet;

use actix_web::test::TestRequest;
use moisson_model::{RecordId, Viewer, Visibility, WorkflowStatus};
use moisson_store::NewRecord;
use serde_json::{Value, json};

use crate::rights_app;
use crate::rights_fixture::{Caller, Fixture, ORG_A, ORG_B, admin, call, callers};

/// The REST operations, in the order of the table's columns.
const OPS: [&str; 8] = [
    "create draft",
    "create published",
    "edit published",
    "edit draft",
    "publish draft",
    "delete published",
    "delete draft",
    "create for B",
];

/// Expected HTTP status of each REST operation (columns as in `OPS`). A draft is
/// invisible to readers, so writing it answers 404, as if it did not exist.
const REST: [(&str, [u16; 8]); 9] = [
    //                        create  create  edit  edit  publish delete delete create
    //                        draft   publ.   publ. draft         publ.  draft  for B
    ("anonymous", [401, 401, 401, 401, 401, 401, 401, 401]),
    ("reader-a", [403, 403, 403, 404, 404, 403, 404, 403]),
    (
        "API key of A (reader)",
        [403, 403, 403, 404, 404, 403, 404, 403],
    ),
    ("member-b", [403, 403, 403, 404, 404, 403, 404, 403]),
    ("member-g", [403, 403, 403, 404, 404, 403, 404, 403]),
    ("editor-a", [201, 403, 200, 200, 403, 204, 204, 403]),
    ("reviewer-a", [201, 201, 200, 200, 200, 204, 204, 403]),
    ("super", [201, 201, 200, 200, 200, 204, 204, 201]),
    ("admin token", [201, 201, 200, 200, 200, 204, 204, 201]),
];

/// CSW Transaction: (caller, Insert status, Delete of a published record of A:
/// (status, totalDeleted), Delete of a draft of A: totalDeleted). An inserted ISO
/// document has no owner: it gets the caller's one organisation, and is published when
/// the caller may publish it, else a draft (an editor's insert succeeds as a draft).
const CSW: [(&str, u16, (u16, u64), u64); 9] = [
    ("anonymous", 401, (401, 0), 0),
    ("reader-a", 403, (403, 0), 0),
    ("API key of A (reader)", 403, (403, 0), 0),
    ("member-b", 403, (403, 0), 0),
    ("member-g", 403, (403, 0), 0),
    ("editor-a", 200, (200, 1), 1),
    ("reviewer-a", 200, (200, 1), 1),
    ("super", 200, (200, 1), 1),
    ("admin token", 200, (200, 1), 1),
];

/// A caller's record ids carry its name, so that callers never touch each other's.
fn slug(caller: &Caller) -> String {
    caller
        .name
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect()
}

fn record_json(id: &str, owner: &str, status: &str) -> Value {
    json!({"id": id, "title": format!("Write {id}"), "abstract": "Write matrix",
        "catalogue": {"owner_org": owner, "visibility": "public", "status": status}})
}

/// Seeds, as the admin, the records a caller's operations act on.
async fn seed(f: &Fixture, slug: &str) {
    let mut news = Vec::new();
    for (suffix, status) in [
        ("pub", WorkflowStatus::Published),
        ("draft", WorkflowStatus::Draft),
        ("draft2", WorkflowStatus::Draft),
        ("del-pub", WorkflowStatus::Published),
        ("del-draft", WorkflowStatus::Draft),
        ("csw-del", WorkflowStatus::Published),
        ("csw-del-draft", WorkflowStatus::Draft),
    ] {
        let value = record_json(&format!("{slug}-{suffix}"), ORG_A, "published");
        let mut record: moisson_model::Record = serde_json::from_value(value).expect("record");
        record.catalogue.status = status;
        record.catalogue.visibility = Visibility::Public;
        news.push(NewRecord {
            record,
            original: None,
        });
    }
    f.store
        .put_many(news, &Viewer::Admin)
        .await
        .expect("seed writes");
}

/// A minimal ISO 19139 document.
fn iso_doc(id: &str) -> String {
    format!(
        r#"<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">
  <gmd:fileIdentifier><gco:CharacterString>{id}</gco:CharacterString></gmd:fileIdentifier>
  <gmd:identificationInfo><gmd:MD_DataIdentification>
    <gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>CSW {id}</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation>
    <gmd:abstract><gco:CharacterString>Inserted by CSW</gco:CharacterString></gmd:abstract>
  </gmd:MD_DataIdentification></gmd:identificationInfo>
</gmd:MD_Metadata>"#
    )
}

const CSW_NS: &str =
    r#"xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc""#;

fn csw_delete(id: &str) -> String {
    format!(
        r#"<csw:Transaction {CSW_NS} service="CSW" version="2.0.2"><csw:Delete><csw:Constraint version="1.1.0"><csw:CqlText>apiso:Identifier = '{id}'</csw:CqlText></csw:Constraint></csw:Delete></csw:Transaction>"#
    )
}

fn total_deleted(xml: &str) -> u64 {
    let (_, rest) = xml.split_once("<csw:totalDeleted>").expect("a summary");
    rest.split_once('<')
        .expect("closed")
        .0
        .parse()
        .expect("a count")
}

#[actix_web::test]
async fn who_may_create_edit_publish_and_delete_and_the_audit_says_who_did() {
    let f = Fixture::new().await;
    let app = rights_app!(f);
    let callers = callers(&app).await;
    for caller in &callers {
        seed(&f, &slug(caller)).await;
    }
    let seeded = last_audit_seq(&app).await;
    for (name, expected) in REST {
        let caller = callers.iter().find(|c| c.name == name).expect("caller");
        let s = slug(caller);
        let path = |suffix: &str| format!("/api/v1/records/{s}-{suffix}");
        let requests = [
            TestRequest::post()
                .uri("/api/v1/records")
                .set_json(record_json(&format!("{s}-new-draft"), ORG_A, "draft")),
            TestRequest::post()
                .uri("/api/v1/records")
                .set_json(record_json(&format!("{s}-new-pub"), ORG_A, "published")),
            TestRequest::put().uri(&path("pub")).set_json(record_json(
                &format!("{s}-pub"),
                ORG_A,
                "published",
            )),
            TestRequest::put().uri(&path("draft")).set_json(record_json(
                &format!("{s}-draft"),
                ORG_A,
                "draft",
            )),
            TestRequest::put()
                .uri(&path("draft2"))
                .set_json(record_json(&format!("{s}-draft2"), ORG_A, "published")),
            TestRequest::delete().uri(&path("del-pub")),
            TestRequest::delete().uri(&path("del-draft")),
            TestRequest::post()
                .uri("/api/v1/records")
                .set_json(record_json(&format!("{s}-new-b"), ORG_B, "draft")),
        ];
        for ((op, req), status) in OPS.iter().zip(requests).zip(expected) {
            let resp = call(&app, caller.sign(req)).await;
            assert_eq!(resp.status, status, "{op} by {name}: {}", resp.text());
        }
    }
    for (name, insert, (delete, deleted), hidden_deleted) in CSW {
        let caller = callers.iter().find(|c| c.name == name).expect("caller");
        let s = slug(caller);
        let body = format!(
            r#"<csw:Transaction {CSW_NS} service="CSW" version="2.0.2"><csw:Insert>{}</csw:Insert></csw:Transaction>"#,
            iso_doc(&format!("{s}-csw"))
        );
        let resp = call(&app, caller.sign(csw_post(body))).await;
        assert_eq!(resp.status, insert, "CSW Insert by {name}: {}", resp.text());
        let resp = call(
            &app,
            caller.sign(csw_post(csw_delete(&format!("{s}-csw-del")))),
        )
        .await;
        assert_eq!(resp.status, delete, "CSW Delete by {name}: {}", resp.text());
        if delete == 200 {
            assert_eq!(total_deleted(&resp.text()), deleted, "CSW Delete by {name}");
        }
        let hidden = csw_delete(&format!("{s}-csw-del-draft"));
        let resp = call(&app, caller.sign(csw_post(hidden))).await;
        if name != "anonymous" {
            assert_eq!(
                resp.status,
                200,
                "CSW Delete of a draft by {name}: {}",
                resp.text()
            );
            assert_eq!(total_deleted(&resp.text()), hidden_deleted, "{name}");
        }
    }
    for caller in callers.iter().filter(|c| c.viewer.is_some()) {
        let expected = expected_audit(caller);
        let got = audit_of(&app, caller, seeded).await;
        assert_eq!(got, expected, "audit lines of {}", caller.name);
    }
    inserted_by_csw_gets_the_reviewers_organisation(&f).await;
}

/// What the audit must hold for a caller: one line per write the tables allow.
fn expected_audit(caller: &Caller) -> BTreeSet<(String, String, Option<String>)> {
    let s = slug(caller);
    let (_, rest) = REST
        .iter()
        .find(|(n, _)| *n == caller.name)
        .expect("REST row");
    let targets = [
        ("new-draft", "create", Some("draft")),
        ("new-pub", "create", Some("published")),
        ("pub", "update", Some("published")),
        ("draft", "update", Some("draft")),
        ("draft2", "update", Some("published")),
        ("del-pub", "delete", None),
        ("del-draft", "delete", None),
        ("new-b", "create", Some("draft")),
    ];
    let mut out: BTreeSet<_> = targets
        .iter()
        .zip(rest)
        .filter(|(_, status)| (200..300).contains(*status))
        .map(|((suffix, action, st), _)| line(&s, suffix, action, *st))
        .collect();
    let (_, insert, (delete, _), hidden) =
        CSW.iter().find(|r| r.0 == caller.name).expect("CSW row");
    if *insert == 200 {
        let status = if caller.name == "editor-a" {
            "draft"
        } else {
            "published"
        };
        out.insert(line(&s, "csw", "create", Some(status)));
    }
    if *delete == 200 {
        out.insert(line(&s, "csw-del", "delete", None));
    }
    if *hidden == 1 {
        out.insert(line(&s, "csw-del-draft", "delete", None));
    }
    out
}

fn line(
    slug: &str,
    suffix: &str,
    action: &str,
    status: Option<&str>,
) -> (String, String, Option<String>) {
    (
        format!("{slug}-{suffix}"),
        action.to_owned(),
        status.map(str::to_owned),
    )
}

fn csw_post(body: String) -> TestRequest {
    TestRequest::post()
        .uri("/csw")
        .insert_header(("content-type", "application/xml"))
        .set_payload(body)
}

/// The highest audit sequence number so far (the seeding's).
async fn last_audit_seq<S, B>(app: &S) -> i64
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let resp = call(app, admin(TestRequest::get().uri("/api/v1/audit?limit=1"))).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    resp.json()["items"][0]["seq"].as_i64().expect("seq")
}

/// The caller's audit lines after `after`, as a superadmin reads them; checks that the
/// caller itself may read the log only when it is a superadmin.
async fn audit_of<S, B>(
    app: &S,
    caller: &Caller,
    after: i64,
) -> BTreeSet<(String, String, Option<String>)>
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let viewer = caller.viewer.as_ref().expect("a caller let in");
    let subject = viewer.subject();
    let uri = format!("/api/v1/audit?actor={subject}&limit=1000");
    let own = call(app, caller.sign(TestRequest::get().uri(&uri))).await;
    let expected_status = match viewer {
        Viewer::Anonymous => 401,
        v if v.sees_all() => 200,
        _ => 403,
    };
    assert_eq!(own.status, expected_status, "audit read by {}", caller.name);
    let resp = call(app, admin(TestRequest::get().uri(&uri))).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
    let json = resp.json();
    json["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter(|l| l["seq"].as_i64().expect("seq") > after)
        .map(|l| {
            assert_eq!(l["actor"], subject);
            assert!(l["at"].is_string(), "{l}");
            (
                l["record_id"].as_str().expect("record").to_owned(),
                l["action"].as_str().expect("action").to_owned(),
                l["status"].as_str().map(str::to_owned),
            )
        })
        .collect()
}

/// The reviewer's CSW insert carried no owner: it was given organisation A.
async fn inserted_by_csw_gets_the_reviewers_organisation(f: &Fixture) {
    let id = RecordId::parse("reviewer-a-csw").expect("id");
    let stored = f
        .store
        .get(&id, &Viewer::Admin)
        .await
        .expect("read")
        .expect("inserted");
    assert_eq!(stored.record.catalogue.owner_org.as_deref(), Some(ORG_A));
    assert_eq!(stored.record.catalogue.status, WorkflowStatus::Published);
}

#[actix_web::test]
async fn a_refused_write_does_not_name_the_owner_of_a_hidden_record() {
    let f = Fixture::new().await;
    let app = rights_app!(f);
    let callers = callers(&app).await;
    let member_b = callers
        .iter()
        .find(|c| c.name == "member-b")
        .expect("caller");
    let over_hidden = record_json("a-draft", ORG_B, "draft");
    let req = TestRequest::post()
        .uri("/api/v1/records")
        .set_json(over_hidden);
    let resp = call(&app, member_b.sign(req)).await;
    assert_eq!(resp.status, 403, "{}", resp.text());
    assert!(!resp.text().contains(ORG_A), "{}", resp.text());
    let body = format!(
        r#"<csw:Transaction {CSW_NS} service="CSW" version="2.0.2"><csw:Insert>{}</csw:Insert></csw:Transaction>"#,
        iso_doc("a-draft")
    );
    let resp = call(&app, member_b.sign(csw_post(body))).await;
    assert_eq!(resp.status, 403, "{}", resp.text());
    assert!(!resp.text().contains(ORG_A), "{}", resp.text());
    let stored = f
        .store
        .get(&RecordId::parse("a-draft").expect("id"), &Viewer::Admin)
        .await
        .expect("read")
        .expect("still there");
    assert_eq!(stored.record.catalogue.status, WorkflowStatus::Draft);
}
