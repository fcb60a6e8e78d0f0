//! No lost update over REST: every record read carries its version as a strong `ETag`,
//! and `PUT`, `PATCH` and `DELETE` with `If-Match` apply only to that version (412
//! otherwise); `rest.require_if_match` makes the header required (428). On SQLite and
//! PostgreSQL, through the server's own app in process.

use actix_web::test::TestRequest;
use moisson_server::app::AppData;
use moisson_server::config::Config;
use serde_json::json;

use crate::rights_app;
use crate::rights_fixture::{ADMIN_TOKEN, Backend, Fixture, JWT_SECRET, PUBLIC_URL, admin, call};

const URI: &str = "/api/v1/records/a-public";

fn put(title: &str, if_match: Option<&str>) -> TestRequest {
    let mut req = admin(TestRequest::put().uri(URI)).set_json(json!({ "title": title }));
    if let Some(tag) = if_match {
        req = req.insert_header(("if-match", tag));
    }
    req
}

/// Two editors read the same version and both replace the record with `If-Match`:
/// exactly one wins (200, a new ETag), the other gets a 412 problem, and the stored
/// record is the winner's.
async fn one_of_two_editors_wins(backend: Backend) {
    let fixture = Fixture::on(backend).await;
    let app = rights_app!(fixture);
    let read = call(&app, admin(TestRequest::get().uri(URI))).await;
    assert_eq!(read.status, 200);
    let etag = read.header("etag").to_owned();
    assert_eq!(
        etag,
        format!("\"{}\"", read.json()["version"]),
        "strong, quoted"
    );
    let xml = call(
        &app,
        admin(TestRequest::get().uri(URI)).insert_header(("accept", "application/xml")),
    )
    .await;
    assert_eq!(xml.header("etag"), etag, "the XML read carries it too");
    // HEAD as the server answers it: its one middleware routes HEAD as GET.
    let with_head = actix_web::test::init_service(
        actix_web::App::new()
            .wrap(actix_web::middleware::from_fn(
                moisson_server::head::head_as_get,
            ))
            .configure(|cfg| fixture.data.configure(cfg)),
    )
    .await;
    let head = TestRequest::default().method(actix_web::http::Method::HEAD);
    let head = call(&with_head, admin(head.uri(URI))).await;
    assert_eq!(head.header("etag"), etag, "and HEAD");

    let (first, second) = tokio::join!(
        call(&app, put("editor one", Some(&etag))),
        call(&app, put("editor two", Some(&etag)))
    );
    let mut statuses = [first.status.as_u16(), second.status.as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 412], "{} / {}", first.text(), second.text());
    let (winner, loser) = if first.status == 200 {
        (first, second)
    } else {
        (second, first)
    };
    assert_eq!(loser.header("content-type"), "application/problem+json");
    assert_eq!(loser.json()["status"], 412);
    assert_ne!(winner.header("etag"), etag, "a new version");
    let now = call(&app, admin(TestRequest::get().uri(URI))).await.json();
    assert_eq!(now["title"], winner.json()["title"]);

    // PATCH and DELETE with the stale tag change nothing; with the current one they apply.
    let patch = |tag: &str| {
        admin(TestRequest::patch().uri(URI))
            .insert_header(("if-match", tag.to_owned()))
            .insert_header(("content-type", "application/merge-patch+json"))
            .set_payload(r#"{"title":"patched"}"#)
    };
    assert_eq!(call(&app, patch(&etag)).await.status, 412);
    let current = winner.header("etag").to_owned();
    let patched = call(&app, patch(&current)).await;
    assert_eq!(patched.status, 200, "{}", patched.text());
    let delete = |tag: &str| {
        admin(TestRequest::delete().uri(URI)).insert_header(("if-match", tag.to_owned()))
    };
    assert_eq!(call(&app, delete(&current)).await.status, 412);
    let latest = patched.header("etag").to_owned();
    assert_eq!(call(&app, delete(&latest)).await.status, 204);
    assert_eq!(
        call(&app, admin(TestRequest::get().uri(URI))).await.status,
        404
    );
}

#[actix_web::test]
async fn sqlite_one_of_two_editors_wins() {
    one_of_two_editors_wins(Backend::Sqlite).await;
}

/// Runs where every PostgreSQL test runs: `MOISSON_TEST_PG` unset is a failure, not a skip.
#[actix_web::test]
async fn postgres_one_of_two_editors_wins() {
    one_of_two_editors_wins(Backend::Postgres).await;
}

/// With `rest.require_if_match`, a write without `If-Match` is a 428 problem and
/// changes nothing; `If-Match: *` or the ETag lets it through. Reads are unchanged.
#[actix_web::test]
async fn a_server_can_require_if_match() {
    let mut fixture = Fixture::on(Backend::Sqlite).await;
    let mut config = Config::default();
    config.auth.admin_token = Some(ADMIN_TOKEN.to_owned());
    config.auth.jwt_secret = Some(JWT_SECRET.to_owned());
    config.rest.require_if_match = true;
    fixture.data = AppData::new(&config, fixture.store.clone(), PUBLIC_URL).expect("app data");
    let app = rights_app!(fixture);
    let blind = call(&app, put("blind", None)).await;
    assert_eq!(blind.status, 428, "{}", blind.text());
    assert_eq!(blind.json()["status"], 428);
    let deleted = call(&app, admin(TestRequest::delete().uri(URI))).await;
    assert_eq!(deleted.status, 428);
    let read = call(&app, admin(TestRequest::get().uri(URI))).await;
    assert_ne!(read.json()["title"], "blind");
    assert_eq!(call(&app, put("any", Some("*"))).await.status, 200);
    let etag = call(&app, admin(TestRequest::get().uri(URI)))
        .await
        .header("etag")
        .to_owned();
    assert_eq!(call(&app, put("tagged", Some(&etag))).await.status, 200);
}
