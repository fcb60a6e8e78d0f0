//! The fixture store and an in-process app.

use std::path::{Path, PathBuf};

use actix_web::dev::{Service, ServiceResponse};
use actix_web::{App, test, web};
use moisson_ogcapi::OgcState;
use moisson_store::NewRecord;
use serde_json::Value;

pub const PUBLIC_URL: &str = "http://cat.example";

pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// XML files directly in the fixture folders (not their subfolders).
fn fixture_files() -> Vec<PathBuf> {
    let mut files = Vec::new();
    for dir in [
        "tests/data/iso19139",
        "tests/data/dublin-core",
        "examples/records",
    ] {
        let Ok(entries) = std::fs::read_dir(root().join(dir)) else {
            continue;
        };
        files.extend(
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|x| x == "xml")),
        );
    }
    files.sort();
    files
}

/// A temporary SQLite store with every fixture record that imports cleanly.
pub async fn state() -> (tempfile::TempDir, OgcState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("moisson.db").display());
    let store = moisson_store::open(&url).await.expect("open store");
    for file in fixture_files() {
        let bytes = std::fs::read(&file).expect("read fixture");
        let Ok(parsed) = moisson_iso::read(&bytes) else {
            continue;
        };
        for p in parsed {
            let new = NewRecord {
                record: p.record,
                original: p.original,
            };
            let _ = store.put(new, &moisson_model::Viewer::Admin).await;
        }
    }
    store
        .put(fiji(), &moisson_model::Viewer::Admin)
        .await
        .expect("put the Fiji record");
    (dir, OgcState::new(store, PUBLIC_URL))
}

/// A temporary SQLite store holding only `records`.
pub async fn state_with(records: Vec<moisson_model::Record>) -> (tempfile::TempDir, OgcState) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("moisson.db").display());
    let store = moisson_store::open(&url).await.expect("open store");
    for record in records {
        let new = NewRecord {
            record,
            original: None,
        };
        store
            .put(new, &moisson_model::Viewer::Admin)
            .await
            .expect("put a record");
    }
    (dir, OgcState::new(store, PUBLIC_URL))
}

/// Sends a GET with optional headers to a fresh app over `state`.
pub async fn get(state: &OgcState, uri: &str, headers: &[(&str, &str)]) -> ServiceResponse {
    let app = test::init_service(
        App::new()
            .app_data(web::Data::new(state.clone()))
            .configure(moisson_ogcapi::configure),
    )
    .await;
    let mut req = test::TestRequest::get().uri(uri);
    for (name, value) in headers {
        req = req.insert_header((*name, *value));
    }
    app.call(req.to_request()).await.expect("service call")
}

/// GET, expecting `status`; returns the body as JSON (Null when empty or not JSON).
pub async fn json(state: &OgcState, uri: &str, status: u16) -> Value {
    let resp = get(state, uri, &[]).await;
    let got = resp.status().as_u16();
    let body = test::read_body(resp).await;
    let value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    assert_eq!(got, status, "{uri}: {value}");
    value
}

/// The `id`s of a FeatureCollection.
pub fn ids(fc: &Value) -> Vec<String> {
    fc["features"]
        .as_array()
        .map(|f| {
            f.iter()
                .filter_map(|r| r["id"].as_str().map(str::to_owned))
                .collect()
        })
        .unwrap_or_default()
}

/// Identifier of a record written as JSON (no original), crossing the antimeridian.
pub const FIJI: &str = "FR-test/fidji:1";

fn fiji() -> NewRecord {
    use moisson_model::{Bbox, GeographicExtent, Record, RecordId, TemporalExtent};
    let mut record = Record {
        id: Some(RecordId::parse(FIJI).expect("id")),
        title: "Récifs coralliens des Fidji".to_owned(),
        abstract_text: "Cartographie des récifs".to_owned(),
        ..Record::default()
    };
    let bbox = Bbox::new(177.0, -19.0, -179.0, -16.0).expect("bbox");
    record.extents.push(GeographicExtent {
        bbox: Some(bbox),
        description: None,
    });
    record.temporal_extents.push(TemporalExtent {
        begin: Some("2010-01-01".into()),
        end: Some("2012-12-31".into()),
        end_is_now: false,
    });
    NewRecord {
        record,
        original: None,
    }
}

/// Percent-encodes a query component.
pub fn encode(s: &str) -> String {
    moisson_ogcapi::links::encode(s)
}
