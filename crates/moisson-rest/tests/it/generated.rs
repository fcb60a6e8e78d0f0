//! Generated files stay in sync (`UPDATE_OPENAPI=1` rewrites them), `/api` serves the
//! OpenAPI document, and real responses validate against `schemas/record.schema.json`.

use std::path::PathBuf;

use actix_web::test::TestRequest;
use serde_json::Value;

use crate::{Fixture, authorised, get, iso_doc, record, send, with_bbox, with_keywords};

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// Compares `generated` with the committed file, or rewrites it under `UPDATE_OPENAPI=1`.
fn check_file(relative: &str, generated: &str) {
    let path = root().join(relative);
    if std::env::var_os("UPDATE_OPENAPI").is_some() {
        std::fs::create_dir_all(path.parent().expect("parent")).expect("create folder");
        std::fs::write(&path, generated).expect("write generated file");
        return;
    }
    // Compared as JSON values, so that key order (serde_json's `preserve_order`, which
    // feature unification may switch on) does not matter.
    let committed: Option<Value> = std::fs::read_to_string(&path)
        .ok()
        .and_then(|t| serde_json::from_str(&t).ok());
    let generated: Value = serde_json::from_str(generated).expect("generated JSON");
    assert!(
        committed.as_ref() == Some(&generated),
        "{relative} is out of date with the code; regenerate it with `UPDATE_OPENAPI=1 cargo test -p moisson-rest` and commit it"
    );
}

fn pretty(value: &Value) -> String {
    let mut s = serde_json::to_string_pretty(value).expect("serialise");
    s.push('\n');
    s
}

#[test]
fn openapi_document_is_committed() {
    check_file("openapi/moisson.json", moisson_rest::ApiDoc::json());
}

#[test]
fn record_schema_is_committed() {
    check_file(
        "schemas/record.schema.json",
        &pretty(&moisson_rest::openapi::record_json_schema()),
    );
}

#[actix_web::test]
async fn api_serves_the_openapi_document() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    for path in ["/api", "/api/openapi.json"] {
        let r = send(&app, get(path).to_request()).await;
        assert_eq!(r.status, 200);
        assert_eq!(r.text(), moisson_rest::ApiDoc::json());
        assert!(r.json()["paths"]["/api/v1/records/{id}"].is_object());
    }
}

fn validator(pointer: Option<&str>) -> jsonschema::Validator {
    let text =
        std::fs::read_to_string(root().join("schemas/record.schema.json")).expect("record schema");
    let mut schema: Value = serde_json::from_str(&text).expect("schema JSON");
    if let Some(name) = pointer {
        schema["$ref"] = Value::String(format!("#/$defs/{name}"));
    }
    jsonschema::validator_for(&schema).expect("schema compiles")
}

fn assert_valid(v: &jsonschema::Validator, instance: &Value) {
    let errors: Vec<String> = v
        .iter_errors(instance)
        .map(|e| format!("{}: {e}", e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}\n{instance:#}");
}

#[actix_web::test]
async fn responses_validate_against_the_record_schema() {
    let f = Fixture::new().await;
    let mut rich = with_bbox(
        with_keywords(record("rich", "Rich"), &["a", "b"]),
        1.0,
        2.0,
        3.0,
        4.0,
    );
    rich.catalogue.owner_org = Some("org".into());
    f.seed(vec![rich, record("plain", "Plain")]).await;
    let app = crate::app!(f);
    let post = authorised(TestRequest::post().uri("/api/v1/records"))
        .insert_header(("content-type", "application/xml"))
        .set_payload(iso_doc("iso", "From XML"));
    let created = send(&app, post.to_request()).await;
    assert_eq!(created.status, 201, "{}", created.text());

    let record_schema = validator(None);
    assert_valid(&record_schema, &created.json());
    for id in ["rich", "plain", "iso"] {
        assert_valid(
            &record_schema,
            &send(&app, get(&format!("/api/v1/records/{id}")).to_request())
                .await
                .json(),
        );
    }
    let list = send(&app, get("/api/v1/records").to_request()).await.json();
    assert_valid(&validator(Some("ListResponse")), &list);
    let problem = send(&app, get("/api/v1/records?bbox=x").to_request())
        .await
        .json();
    assert_valid(&validator(Some("Problem")), &problem);
}

#[test]
fn the_record_schema_is_not_vacuous() {
    let v = validator(None);
    for bad in [
        serde_json::json!({"version": "one"}),
        serde_json::json!({"version": 1, "extents": [{"bbox": {"west": "x", "south": 0, "east": 1, "north": 1}}]}),
        serde_json::json!({"version": 1, "catalogue": {"visibility": "secret"}}),
        serde_json::json!({"version": 1, "keywords": "a"}),
    ] {
        assert!(!v.is_valid(&bad), "accepted {bad}");
    }
}
