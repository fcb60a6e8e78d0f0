//! Harvest routes over HTTP: who may manage a source (admins of its organisation), the
//! merge patch, a run answered 202 and followed to its end, 404 for what the caller may
//! not manage. The runs read a closed local port: they fail, which is what is followed.

use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::{Fixture, authorised, get, send};

fn bearer(req: TestRequest, token: &str) -> TestRequest {
    req.insert_header(("authorization", format!("Bearer {token}")))
}

/// Creates user `name` with `role` in `org` and signs them in.
async fn token<S, B>(app: &S, name: &str, org: &str, role: &str) -> String
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let password = format!("{name}'s password");
    let user = json!({"username": name, "password": password});
    let r = send(
        app,
        authorised(TestRequest::post().uri("/api/v1/users").set_json(user)).to_request(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let uri = format!("/api/v1/units/{org}/members/{name}");
    let role = json!({"role": role});
    let r = send(
        app,
        authorised(TestRequest::put().uri(&uri).set_json(role)).to_request(),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let login = json!({"username": name, "password": password});
    let r = send(
        app,
        TestRequest::post()
            .uri("/api/v1/auth/token")
            .set_json(login)
            .to_request(),
    )
    .await;
    r.json()["access_token"].as_str().expect("token").to_owned()
}

fn new_source(org: &str) -> Value {
    json!({
        "name": "Géo-IDE", "kind": "csw", "url": "http://127.0.0.1:9/csw", "owner_org": org,
        "visibility": "internal", "schedule": "0 3 * * *",
        "options": {"delay_ms": 0, "retries": 0}
    })
}

#[actix_web::test]
async fn sources_are_managed_by_their_organisation_admins_and_run_in_the_background() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    for org in ["ddt", "dreal"] {
        let body = json!({"id": org, "name": org});
        let r = send(
            &app,
            authorised(
                TestRequest::post()
                    .uri("/api/v1/organisations")
                    .set_json(body),
            )
            .to_request(),
        )
        .await;
        assert_eq!(r.status, 201, "{}", r.text());
    }
    let admin = token(&app, "ann", "ddt", "admin").await;
    let editor = token(&app, "ed", "ddt", "editor").await;
    let stranger = token(&app, "sam", "dreal", "admin").await;

    assert_eq!(
        send(&app, get("/api/v1/harvest/sources").to_request())
            .await
            .status,
        401
    );
    let post = |t: &str, body: Value| {
        bearer(
            TestRequest::post()
                .uri("/api/v1/harvest/sources")
                .set_json(body),
            t,
        )
        .to_request()
    };
    assert_eq!(
        send(&app, post(&editor, new_source("ddt"))).await.status,
        403
    );
    let mut bad = new_source("ddt");
    bad["url"] = json!("ftp://example.org/");
    send(&app, post(&admin, bad)).await.problem(400);

    let r = send(&app, post(&admin, new_source("ddt"))).await;
    assert_eq!(r.status, 201, "{}", r.text());
    let source = r.json();
    let id = source["id"].as_str().expect("id").to_owned();
    let uri = format!("/api/v1/harvest/sources/{id}");
    assert_eq!(r.header("location"), format!("https://cat.example{uri}"));
    assert_eq!(source["owner_org"], "ddt");
    assert_eq!(source["enabled"], true);

    let listed = send(
        &app,
        bearer(get("/api/v1/harvest/sources"), &admin).to_request(),
    )
    .await
    .json();
    assert_eq!(listed["sources"].as_array().map(Vec::len), Some(1));
    let hidden = send(
        &app,
        bearer(get("/api/v1/harvest/sources"), &stranger).to_request(),
    )
    .await
    .json();
    assert_eq!(hidden["sources"], json!([]));
    send(&app, bearer(get(&uri), &stranger).to_request())
        .await
        .problem(404);
    assert_eq!(
        send(&app, authorised(get(&uri)).to_request()).await.json()["id"],
        id.as_str()
    );

    let patch = json!({"schedule": null, "enabled": false, "options": {"page_size": 10}});
    let r = send(
        &app,
        bearer(TestRequest::patch().uri(&uri).set_json(patch), &admin).to_request(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let changed = send(&app, bearer(get(&uri), &admin).to_request())
        .await
        .json();
    assert_eq!(changed["schedule"], Value::Null);
    assert_eq!(changed["enabled"], false);
    assert_eq!(
        changed["options"],
        json!({"delay_ms": 0, "retries": 0, "page_size": 10})
    );
    let moved = json!({"owner_org": "dreal"});
    let r = send(
        &app,
        bearer(TestRequest::patch().uri(&uri).set_json(moved), &admin).to_request(),
    )
    .await;
    assert_eq!(r.status, 403, "{}", r.text());

    let run = format!("{uri}/run");
    send(
        &app,
        bearer(TestRequest::post().uri(&run), &stranger).to_request(),
    )
    .await
    .problem(404);
    let r = send(
        &app,
        bearer(TestRequest::post().uri(&run), &admin).to_request(),
    )
    .await;
    assert_eq!(r.status, 202, "{}", r.text());
    let job = r.json();
    assert_eq!(job["state"], "running");
    let job_uri = format!("/api/v1/harvest/jobs/{}", job["id"]);
    assert_eq!(
        r.header("location"),
        format!("https://cat.example{job_uri}")
    );
    let mut ended = Value::Null;
    for _ in 0..200 {
        ended = send(&app, bearer(get(&job_uri), &admin).to_request())
            .await
            .json();
        if ended["state"] != "running" {
            break;
        }
        actix_web::rt::time::sleep(std::time::Duration::from_millis(25)).await;
    }
    assert_eq!(ended["state"], "failed", "{ended}");
    assert!(ended["log"].to_string().contains("127.0.0.1:9"), "{ended}");
    send(&app, bearer(get(&job_uri), &stranger).to_request())
        .await
        .problem(404);
    let jobs = send(
        &app,
        bearer(get(&format!("{uri}/jobs")), &admin).to_request(),
    )
    .await
    .json();
    assert_eq!(jobs["jobs"][0]["id"], job["id"]);

    let delete = |t: &str| bearer(TestRequest::delete().uri(&uri), t).to_request();
    send(&app, delete(&stranger)).await.problem(404);
    assert_eq!(send(&app, delete(&admin)).await.status, 204);
    send(&app, bearer(get(&uri), &admin).to_request())
        .await
        .problem(404);
}

/// Serves one ISO 19139 document at `/iso.xml` on a free port.
fn document_server() -> String {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let iso = std::fs::read(
        root.join("tests/data/iso19139/owslib_17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml"),
    )
    .expect("fixture");
    let server = actix_web::HttpServer::new(move || {
        let iso = iso.clone();
        actix_web::App::new().route(
            "/iso.xml",
            actix_web::web::get().to(move || {
                let body = iso.clone();
                async move {
                    actix_web::HttpResponse::Ok()
                        .content_type("application/xml")
                        .body(body)
                }
            }),
        )
    })
    .workers(1)
    .bind(("127.0.0.1", 0))
    .expect("bind");
    let addr = server.addrs()[0];
    actix_web::rt::spawn(server.run());
    format!("http://{addr}/iso.xml")
}

/// A harvested record shows where it comes from, and is read-only but to superadmins:
/// its organisation's editors and admins get a 403 problem saying why.
#[actix_web::test]
async fn harvested_records_show_their_provenance_and_are_read_only() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let body = json!({"id": "ddt", "name": "DDT"});
    let r = send(
        &app,
        authorised(
            TestRequest::post()
                .uri("/api/v1/organisations")
                .set_json(body),
        )
        .to_request(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let admin = token(&app, "ann", "ddt", "admin").await;
    let url = document_server();
    let source = json!({"name": "one document", "kind": "document", "url": url,
        "owner_org": "ddt", "options": {"delay_ms": 0, "retries": 0}});
    let r = send(
        &app,
        bearer(
            TestRequest::post()
                .uri("/api/v1/harvest/sources")
                .set_json(source),
            &admin,
        )
        .to_request(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let source_id = r.json()["id"].as_str().expect("id").to_owned();
    let job = moisson_harvest::run(
        f.store.as_ref(),
        &source_id,
        false,
        &moisson_model::Viewer::Admin,
        &|_: &moisson_model::harvest::HarvestJob| {},
    )
    .await
    .expect("run");
    assert_eq!(job.counts.created, 1, "{:?}", job.log);

    let id = "17bd184a-7e7d-4f81-95a5-041449a7212b";
    let r = send(
        &app,
        get(&format!("/api/v1/harvest/records/{id}")).to_request(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    let p = r.json();
    assert_eq!(p["source_id"], source_id.as_str());
    assert_eq!(p["remote_id"], id);
    assert_eq!(p["source_url"], url.as_str());
    assert_eq!(
        p["job_url"],
        format!("https://cat.example/api/v1/harvest/jobs/{}", job.id)
    );
    assert!(p["harvested_at"].as_str().is_some(), "{p}");
    // A record that was not harvested, or that does not exist: 404.
    send(&app, get("/api/v1/harvest/records/nope").to_request())
        .await
        .problem(404);

    let uri = format!("/api/v1/records/{id}");
    let patch = json!({"title": "Edited here"});
    let r = send(
        &app,
        bearer(
            TestRequest::patch()
                .uri(&uri)
                .insert_header(("content-type", "application/merge-patch+json"))
                .set_payload(patch.to_string()),
            &admin,
        )
        .to_request(),
    )
    .await;
    let problem = r.problem(403);
    assert!(
        problem["detail"].to_string().contains("harvested"),
        "{problem}"
    );
    let r = send(
        &app,
        bearer(TestRequest::delete().uri(&uri), &admin).to_request(),
    )
    .await;
    r.problem(403);
    let kept = send(&app, get(&uri).to_request()).await.json();
    assert_ne!(kept["title"], "Edited here");
    // A superadmin may.
    let r = send(
        &app,
        authorised(
            TestRequest::patch()
                .uri(&uri)
                .insert_header(("content-type", "application/merge-patch+json"))
                .set_payload(patch.to_string()),
        )
        .to_request(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
}
