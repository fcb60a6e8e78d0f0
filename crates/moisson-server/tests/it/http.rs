//! The server's own routes in process (`actix_web::test`): health, readiness (200 and
//! 503 problem JSON), landing links and the `x-request-id` header.

use std::sync::Arc;

use actix_web::middleware::from_fn;
use actix_web::{App, test, web};
use async_trait::async_trait;
use moisson_model::{RecordId, SearchQuery, Viewer};
use moisson_rest::RestState;
use moisson_store::{
    AccountStore, BulkSummary, Error, NewRecord, PutOutcome, Result, SearchPage, Store,
    StoredRecord,
};
use tracing_actix_web::TracingLogger;

/// A store that only answers `ping`, up or down.
struct FakeStore {
    up: bool,
}

fn down<T>() -> Result<T> {
    Err(Error::Task("fake store".to_owned()))
}

/// Keeps no accounts (the trait's defaults refuse).
impl AccountStore for FakeStore {}
/// Keeps no harvest sources either.
impl moisson_store::HarvestStore for FakeStore {}
impl moisson_store::TableTransfer for FakeStore {}
/// And no thesauri.
impl moisson_store::ThesaurusStore for FakeStore {}

#[async_trait]
impl Store for FakeStore {
    async fn put(&self, _: NewRecord, _: &Viewer) -> Result<PutOutcome> {
        down()
    }
    async fn put_many(&self, _: Vec<NewRecord>, _: &Viewer) -> Result<BulkSummary> {
        down()
    }
    async fn write_and_delete(
        &self,
        _: Vec<NewRecord>,
        _: Vec<RecordId>,
        _: &Viewer,
    ) -> Result<BulkSummary> {
        down()
    }
    async fn get(&self, _: &RecordId, _: &Viewer) -> Result<Option<StoredRecord>> {
        down()
    }
    async fn delete(&self, _: &RecordId, _: &Viewer) -> Result<bool> {
        down()
    }
    async fn search(&self, _: &SearchQuery, _: &Viewer) -> Result<SearchPage> {
        down()
    }
    async fn count(&self, _: &Viewer) -> Result<u64> {
        down()
    }
    async fn ids(&self, _: &Viewer) -> Result<Vec<RecordId>> {
        down()
    }
    async fn ping(&self) -> Result<()> {
        if self.up {
            Ok(())
        } else {
            Err(Error::Task("database gone".to_owned()))
        }
    }
}

fn state(up: bool) -> web::Data<RestState> {
    web::Data::new(RestState::new(
        Arc::new(FakeStore { up }),
        "https://cat.example.fr/",
    ))
}

macro_rules! app {
    ($up:expr) => {
        test::init_service(
            App::new()
                .wrap(from_fn(moisson_server::http::access_log))
                .wrap(TracingLogger::default())
                .app_data(state($up))
                .configure(moisson_server::http::configure),
        )
        .await
    };
}

#[actix_web::test]
async fn health_is_ok_and_carries_a_request_id() {
    let app = app!(false);
    let res = test::call_service(&app, test::TestRequest::get().uri("/health").to_request()).await;
    assert_eq!(res.status(), 200);
    assert!(res.headers().contains_key("x-request-id"));
    let body: serde_json::Value = test::read_body_json(res).await;
    assert_eq!(body, serde_json::json!({ "status": "ok" }));
}

#[actix_web::test]
async fn ready_follows_the_store() {
    let app = app!(true);
    let res = test::call_service(&app, test::TestRequest::get().uri("/ready").to_request()).await;
    assert_eq!(res.status(), 200);

    let app = app!(false);
    let res = test::call_service(&app, test::TestRequest::get().uri("/ready").to_request()).await;
    assert_eq!(res.status(), 503);
    let content_type = res
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    assert_eq!(content_type.as_deref(), Some("application/problem+json"));
    let body: serde_json::Value = test::read_body_json(res).await;
    assert_eq!(body["status"], 503);
    assert!(
        !body.to_string().contains("database gone"),
        "internal cause not shown: {body}"
    );
}

#[actix_web::test]
async fn landing_links_use_the_public_url() {
    let app = app!(true);
    let body: serde_json::Value =
        test::call_and_read_body_json(&app, test::TestRequest::get().uri("/").to_request()).await;
    let hrefs: Vec<&str> = body["links"]
        .as_array()
        .expect("links")
        .iter()
        .filter_map(|l| l["href"].as_str())
        .collect();
    for href in [
        "https://cat.example.fr/api",
        "https://cat.example.fr/api/v1/records",
        "https://cat.example.fr/health",
    ] {
        assert!(hrefs.contains(&href), "{href} missing from {hrefs:?}");
    }
}
