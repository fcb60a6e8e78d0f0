//! In-process HTTP tests of the REST API against a real SQLite store.

mod accounts;
mod generated;
mod harvest;
mod hostile;
mod list;
mod profiles;
mod read;
mod thesauri;
mod write;

use std::sync::Arc;

use actix_web::body::MessageBody;
use actix_web::dev::{Service, ServiceResponse};
use actix_web::http::StatusCode;
use actix_web::http::header::HeaderMap;
use actix_web::test::{self, TestRequest};
use moisson_model::{Record, RecordId, Viewer};
use moisson_rest::{Profiles, RestState};
use moisson_store::{NewRecord, Store};
use serde_json::{Value, json};

pub const TOKEN: &str = "s3cret-token";
pub const PUBLIC_URL: &str = "https://cat.example";

/// A temporary database with the REST state over it.
pub struct Fixture {
    _dir: tempfile::TempDir,
    pub store: Arc<dyn Store>,
    pub state: RestState,
    /// Accepts `TOKEN` as the admin token.
    pub auth: actix_web::web::Data<moisson_auth::Authenticator>,
}

impl Fixture {
    pub async fn new() -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let url = format!("sqlite://{}/t.db", dir.path().display());
        let store = moisson_store::open(&url).await.expect("open sqlite store");
        let profiles = Profiles::load_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/profiles"
        ))
        .expect("shipped profiles");
        let state = RestState::new(store.clone(), format!("{PUBLIC_URL}/")).with_profiles(profiles);
        let auth = authenticator(&store, Some(TOKEN));
        Self {
            _dir: dir,
            store,
            state,
            auth,
        }
    }

    /// Stores records directly (no HTTP).
    pub async fn seed(&self, records: Vec<Record>) {
        let new = records
            .into_iter()
            .map(|record| NewRecord {
                record,
                original: None,
            })
            .collect();
        self.store
            .put_many(new, &Viewer::Admin)
            .await
            .expect("seed records");
    }

    pub async fn count(&self) -> u64 {
        self.store.count(&Viewer::Admin).await.expect("count")
    }
}

/// An authenticator over the store, with this admin token.
pub fn authenticator(
    store: &Arc<dyn Store>,
    admin_token: Option<&str>,
) -> actix_web::web::Data<moisson_auth::Authenticator> {
    build_authenticator(store, admin_token, 10)
}

/// An authenticator with the test admin token that allows `attempts` failed logins a
/// minute.
pub fn authenticator_with(
    store: &Arc<dyn Store>,
    attempts: u32,
) -> actix_web::web::Data<moisson_auth::Authenticator> {
    build_authenticator(store, Some(TOKEN), attempts)
}

fn build_authenticator(
    store: &Arc<dyn Store>,
    admin_token: Option<&str>,
    attempts: u32,
) -> actix_web::web::Data<moisson_auth::Authenticator> {
    let config = moisson_auth::AuthConfig {
        admin_token: admin_token.map(str::to_owned),
        jwt_secret: Some("test-jwt-secret-of-at-least-32-bytes".to_owned()),
        login_attempts_per_minute: attempts,
        ..moisson_auth::AuthConfig::default()
    };
    let accounts: Arc<dyn moisson_store::AccountStore> = store.clone();
    actix_web::web::Data::new(
        moisson_auth::Authenticator::new(config, accounts).expect("authenticator"),
    )
}

/// Builds the app for a fixture: `let app = app!(fixture);`.
#[macro_export]
macro_rules! app {
    ($fixture:expr) => {
        actix_web::test::init_service(
            actix_web::App::new()
                .app_data($fixture.auth.clone())
                .app_data(actix_web::web::Data::new($fixture.state.clone()))
                .configure(moisson_rest::configure),
        )
        .await
    };
}

/// A response, read whole.
pub struct Resp {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

impl Resp {
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.body)
            .unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&self.body)))
    }

    pub fn header(&self, name: &str) -> &str {
        self.headers
            .get(name)
            .and_then(|v| v.to_str().ok())
            .unwrap_or_default()
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }

    /// Asserts a problem JSON with this status, and returns it.
    pub fn problem(&self, status: u16) -> Value {
        assert_eq!(self.status.as_u16(), status, "{}", self.text());
        assert_eq!(
            self.header("content-type"),
            "application/problem+json",
            "{}",
            self.text()
        );
        let p = self.json();
        assert_eq!(p["status"], json!(status), "{p}");
        for member in ["type", "title", "detail"] {
            assert!(p[member].is_string(), "problem without {member}: {p}");
        }
        p
    }
}

/// Sends a request; `req` is a `TestRequest` turned into a request by `.to_request()`.
pub async fn send<S, R, B>(app: &S, req: R) -> Resp
where
    S: Service<R, Response = ServiceResponse<B>, Error = actix_web::Error>,
    B: MessageBody,
{
    let resp = test::call_service(app, req).await;
    let status = resp.status();
    let headers = resp.headers().clone();
    let body = test::read_body(resp).await.to_vec();
    Resp {
        status,
        headers,
        body,
    }
}

pub fn get(uri: &str) -> TestRequest {
    TestRequest::get().uri(uri)
}

pub fn authorised(req: TestRequest) -> TestRequest {
    req.insert_header(("authorization", format!("Bearer {TOKEN}")))
}

/// A record with an id, a title and optional keywords and extent.
pub fn record(id: &str, title: &str) -> Record {
    Record {
        id: Some(RecordId::parse(id).expect("valid id")),
        title: title.to_owned(),
        abstract_text: format!("Abstract of {title}"),
        ..Record::default()
    }
}

pub fn with_keywords(mut r: Record, words: &[&str]) -> Record {
    r.keywords.push(moisson_model::KeywordGroup {
        keywords: words
            .iter()
            .map(|w| moisson_model::Anchored::text(*w))
            .collect(),
        ..Default::default()
    });
    r
}

pub fn with_bbox(mut r: Record, w: f64, s: f64, e: f64, n: f64) -> Record {
    r.extents.push(moisson_model::GeographicExtent {
        bbox: Some(moisson_model::Bbox {
            west: w,
            south: s,
            east: e,
            north: n,
        }),
        description: None,
    });
    r
}

/// A small standalone ISO 19139 document.
pub fn iso_doc(id: &str, title: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco">
  <!-- kept byte for byte -->
  <gmd:fileIdentifier><gco:CharacterString>{id}</gco:CharacterString></gmd:fileIdentifier>
  <gmd:language><gco:CharacterString>fre</gco:CharacterString></gmd:language>
  <gmd:hierarchyLevel><gmd:MD_ScopeCode codeList="http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#MD_ScopeCode" codeListValue="dataset">dataset</gmd:MD_ScopeCode></gmd:hierarchyLevel>
  <gmd:dateStamp><gco:DateTime>2024-05-02T10:00:00</gco:DateTime></gmd:dateStamp>
  <gmd:identificationInfo>
    <gmd:MD_DataIdentification>
      <gmd:citation><gmd:CI_Citation>
        <gmd:title><gco:CharacterString>{title}</gco:CharacterString></gmd:title>
      </gmd:CI_Citation></gmd:citation>
      <gmd:abstract><gco:CharacterString>Plan local d'urbanisme de la métropole.</gco:CharacterString></gmd:abstract>
      <gmd:descriptiveKeywords><gmd:MD_Keywords>
        <gmd:keyword><gco:CharacterString>urbanisme</gco:CharacterString></gmd:keyword>
      </gmd:MD_Keywords></gmd:descriptiveKeywords>
      <gmd:extent><gmd:EX_Extent><gmd:geographicElement><gmd:EX_GeographicBoundingBox>
        <gmd:westBoundLongitude><gco:Decimal>4.68</gco:Decimal></gmd:westBoundLongitude>
        <gmd:eastBoundLongitude><gco:Decimal>5.06</gco:Decimal></gmd:eastBoundLongitude>
        <gmd:southBoundLatitude><gco:Decimal>45.55</gco:Decimal></gmd:southBoundLatitude>
        <gmd:northBoundLatitude><gco:Decimal>45.94</gco:Decimal></gmd:northBoundLatitude>
      </gmd:EX_GeographicBoundingBox></gmd:geographicElement></gmd:EX_Extent></gmd:extent>
    </gmd:MD_DataIdentification>
  </gmd:identificationInfo>
</gmd:MD_Metadata>
"#
    )
}

/// Percent-encodes a path segment the way the API's own links do.
pub fn encode(id: &str) -> String {
    id.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}
