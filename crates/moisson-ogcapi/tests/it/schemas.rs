//! Every record and every page of the fixtures validates against the schemas of the
//! published standard: `recordGeoJSON.yaml` and `recordCollectionGeoJSON.yaml` of OGC API
//! Records 1.0, with the OGC API Features 1.0 schemas they name (`tests/data/ogcapi-records`,
//! see its SOURCES.md).
//!
//! The schemas are OpenAPI 3.0 Schema Objects. Two of their idioms are read here as
//! OpenAPI means them, so that a JSON Schema validator can check them:
//! - `nullable: true` beside a `type` adds `null` to the type;
//! - in a `oneOf`, the branch `{type: object, nullable: true}` stands for `null` (the
//!   record's `time`, `geometry` and `properties`): read as an object it would match every
//!   object the other branch matches, and no record could pass a `oneOf`.

use std::path::Path;

use jsonschema::{Draft, Validator};
use serde_json::{Map, Value, json};

use crate::support::{self, json as get_json, state, state_with};

const RECORDS: &str = "https://schemas.opengis.net/ogcapi/records/part1/1.0/openapi/schemas/";
const FEATURES: &str = "https://schemas.opengis.net/ogcapi/features/part1/1.0/openapi/schemas/";

/// The schema files of one folder, each under `base` + its name with `.yaml`.
fn resources(folder: &str, base: &str) -> Vec<(String, Value)> {
    let dir = support::root()
        .join("tests/data/ogcapi-records")
        .join(folder);
    let mut out = Vec::new();
    for entry in std::fs::read_dir(&dir).expect("schema folder") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "json") {
            out.push((uri_of(&path, base), openapi_to_json_schema(read(&path))));
        }
    }
    out
}

fn uri_of(path: &Path, base: &str) -> String {
    let stem = path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or_default();
    format!("{base}{stem}.yaml")
}

fn read(path: &Path) -> Value {
    serde_json::from_slice(&std::fs::read(path).expect("read schema")).expect("schema JSON")
}

fn openapi_to_json_schema(mut v: Value) -> Value {
    convert(&mut v);
    v
}

fn convert(v: &mut Value) {
    match v {
        Value::Object(map) => {
            null_branches(map);
            nullable(map);
            map.values_mut().for_each(convert);
        }
        Value::Array(items) => items.iter_mut().for_each(convert),
        _ => {}
    }
}

fn null_branches(map: &mut Map<String, Value>) {
    let Some(Value::Array(branches)) = map.get_mut("oneOf") else {
        return;
    };
    let null_idiom = json!({"type": "object", "nullable": true});
    for b in branches.iter_mut().filter(|b| **b == null_idiom) {
        *b = json!({"type": "null"});
    }
}

fn nullable(map: &mut Map<String, Value>) {
    if map.remove("nullable") != Some(Value::Bool(true)) {
        return;
    }
    if let Some(Value::String(t)) = map.get("type").cloned() {
        map.insert("type".to_owned(), json!([t, "null"]));
    }
}

/// A validator of the schema at `uri`, every vendored schema registered.
fn validator(uri: &str) -> Validator {
    let mut options = jsonschema::options()
        .with_draft(Draft::Draft7)
        .should_validate_formats(true);
    let mut root = None;
    for (u, schema) in resources("records", RECORDS)
        .into_iter()
        .chain(resources("features", FEATURES))
    {
        if u == uri {
            root = Some(schema.clone());
        }
        options = options.with_resource(u, Draft::Draft7.create_resource(schema));
    }
    options
        .with_base_uri(uri)
        .build(&root.expect("the schema is vendored"))
        .expect("the schema compiles")
}

fn assert_valid(v: &Validator, doc: &Value, what: &str) {
    let errors: Vec<String> = v
        .iter_errors(doc)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{what}: {errors:#?}");
}

#[actix_web::test]
async fn every_record_and_page_validates_against_the_published_schemas() {
    let (_d, s) = state().await;
    let record = validator(&format!("{RECORDS}recordGeoJSON.yaml"));
    let page = validator(&format!("{RECORDS}recordCollectionGeoJSON.yaml"));
    let mut uri = Some("/ogcapi/collections/main/items?limit=7".to_owned());
    let mut seen = 0;
    while let Some(u) = uri.take() {
        let p = get_json(&s, &u, 200).await;
        assert_valid(&page, &p, &u);
        for f in p["features"].as_array().expect("features") {
            let id = f["id"].as_str().expect("id");
            let one = get_json(
                &s,
                &format!("/ogcapi/collections/main/items/{}", support::encode(id)),
                200,
            )
            .await;
            assert_valid(&record, &one, id);
            let profile = one["links"]
                .as_array()
                .and_then(|l| l.iter().find(|l| l["rel"] == "profile"));
            assert_eq!(
                profile.map(|l| &l["href"]),
                Some(&json!(
                    "http://www.opengis.net/def/profile/OGC/0/ogc-record"
                )),
                "{id}"
            );
            seen += 1;
        }
        uri = p["links"]
            .as_array()
            .and_then(|l| l.iter().find(|l| l["rel"] == "next"))
            .and_then(|l| l["href"].as_str())
            .map(|h| h.trim_start_matches(support::PUBLIC_URL).to_owned());
    }
    assert!(seen > 10, "the fixtures hold more than ten records: {seen}");
}

/// The records of the XML documents directly in `dirs`, one per identifier.
fn records_in(dirs: &[std::path::PathBuf]) -> Vec<moisson_model::Record> {
    let mut records = Vec::new();
    let xml = |p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "xml");
    for dir in dirs {
        let Ok(files) = std::fs::read_dir(dir) else {
            continue;
        };
        for file in files.flatten().map(|f| f.path()).filter(xml) {
            let Ok(parsed) = moisson_iso::read(&std::fs::read(&file).expect("read")) else {
                continue;
            };
            records.extend(parsed.into_iter().map(|p| p.record));
        }
    }
    // Suites share records; one copy of each identifier is enough.
    records.sort_by(|a, b| a.id.cmp(&b.id));
    records.dedup_by(|a, b| a.id == b.id);
    records
}

async fn assert_all_valid(records: Vec<moisson_model::Record>) {
    let (_d, s) = state_with(records).await;
    let record = validator(&format!("{RECORDS}recordGeoJSON.yaml"));
    let page = get_json(&s, "/ogcapi/collections/main/items?limit=1000", 200).await;
    for f in page["features"].as_array().expect("features") {
        assert_valid(&record, f, f["id"].as_str().unwrap_or_default());
    }
}

/// Every record of the CSW suites' data (pycsw's CITE material: many producers, odd
/// phones, dates and links) read from its document and shown as a GeoJSON record.
#[actix_web::test]
async fn the_records_of_the_csw_suites_validate_too() {
    let suites = support::root().join("tests/data/csw-suites");
    let dirs: Vec<_> = std::fs::read_dir(&suites)
        .expect("suites")
        .flatten()
        .map(|s| s.path().join("data"))
        .collect();
    let records = records_in(&dirs);
    assert!(records.len() > 30, "{} records", records.len());
    assert_all_valid(records).await;
}

/// The samples of the shared folder that may not be copied into the repository, when
/// `MOISSON_SHARED_DATA` points at it.
#[actix_web::test]
async fn the_shared_samples_validate_when_present() {
    let Some(shared) = std::env::var_os("MOISSON_SHARED_DATA").map(std::path::PathBuf::from) else {
        eprintln!("MOISSON_SHARED_DATA unset: the shared samples are not checked");
        return;
    };
    let records = records_in(&[shared.join("iso19139"), shared.join("dublin-core")]);
    assert!(!records.is_empty(), "no sample under {}", shared.display());
    assert_all_valid(records).await;
}

/// The catalogue follows `catalog.yaml` (with `defaultSortOrder`), and the list of
/// collections holds it (/req/records-api/catalog-response).
#[actix_web::test]
async fn the_catalogue_validates_against_catalog_yaml() {
    let (_d, s) = state_with(Vec::new()).await;
    let catalog = validator(&format!("{RECORDS}catalog.yaml"));
    let main = get_json(&s, "/ogcapi/collections/main", 200).await;
    assert_valid(&catalog, &main, "/collections/main");
    let all = get_json(&s, "/ogcapi/collections", 200).await;
    for c in all["collections"].as_array().expect("collections") {
        assert_valid(&catalog, c, "/collections");
    }
}

#[test]
fn the_conversion_keeps_the_schemas_strict() {
    let v = validator(&format!("{RECORDS}recordGeoJSON.yaml"));
    let minimal = json!({"id": "a", "type": "Feature", "geometry": null, "properties": {}});
    assert!(v.is_valid(&minimal));
    let mut empty_themes = minimal.clone();
    empty_themes["properties"]["themes"] = json!([]);
    assert!(!v.is_valid(&empty_themes), "themes: [] is invalid");
    let mut untyped = minimal.clone();
    untyped["properties"]["contacts"] =
        json!([{"name": "A", "links": [{"href": "https://a.example", "rel": "about"}]}]);
    assert!(!v.is_valid(&untyped), "a contact link needs a type");
    let mut bad_time = minimal;
    bad_time["time"] = json!({"interval": ["2020-01-01T00:00:00+02:00", ".."]});
    assert!(!v.is_valid(&bad_time), "timestamps end in Z");
}
