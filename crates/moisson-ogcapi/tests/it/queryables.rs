//! The ISO AP / INSPIRE queryables in `/queryables` and in CQL2 filters, on a catalogue of
//! three records written for the purpose (so each filter has one known answer).

use moisson_model::{Anchored, ConformityReport, Record, RecordId, Resolution};

use crate::support::{encode, ids, json, state_with};

const ITEMS: &str = "/ogcapi/collections/main/items";

fn record(id: &str, lineage: &str, pass: Option<bool>, denominator: u64) -> Record {
    Record {
        id: Some(RecordId::parse(id).expect("id")),
        title: format!("Record {id}"),
        lineage: Some(lineage.to_owned()),
        conformity: vec![ConformityReport {
            specification: Anchored::text("Règlement (UE) n° 1089/2010"),
            date: Some("2010-12-08".to_owned()),
            date_kind: Some("publication".to_owned()),
            explanation: None,
            pass,
        }],
        spatial_resolutions: vec![Resolution::ScaleDenominator(denominator)],
        ..Record::default()
    }
}

fn catalogue() -> Vec<Record> {
    vec![
        record("q-cadastre", "Numérisation du cadastre", Some(true), 2_000),
        record("q-routes", "Levé GPS des routes", Some(false), 25_000),
        record("q-sols", "Carte des sols numérisée", None, 250_000),
    ]
}

async fn matching(s: &moisson_ogcapi::OgcState, filter: &str) -> Vec<String> {
    let uri = format!("{ITEMS}?limit=100&sortby=id&filter={}", encode(filter));
    ids(&json(s, &uri, 200).await)
}

#[actix_web::test]
async fn schema_lists_them_with_their_types() {
    let (_d, s) = state_with(Vec::new()).await;
    let q = json(&s, "/ogcapi/collections/main/queryables", 200).await;
    let props = &q["properties"];
    assert_eq!(props["lineage"]["type"], "string");
    assert_eq!(props["denominator"]["type"], "number");
    assert_eq!(props["degree"]["type"], "boolean");
    assert_eq!(props["specificationDate"]["format"], "date");
    assert_eq!(props["conditionApplyingToAccessAndUse"]["type"], "string");
}

#[actix_web::test]
async fn filters_on_lineage_degree_and_denominator() {
    let (_d, s) = state_with(catalogue()).await;
    assert_eq!(
        matching(&s, "lineage LIKE '%cadastre%'").await,
        ["q-cadastre"]
    );
    assert_eq!(matching(&s, "degree = true").await, ["q-cadastre"]);
    assert_eq!(matching(&s, "degree = false").await, ["q-routes"]);
    assert_eq!(
        matching(&s, "denominator >= 25000").await,
        ["q-routes", "q-sols"]
    );
    assert_eq!(
        matching(&s, "denominator < 25000 OR lineage = 'Levé GPS des routes'").await,
        ["q-cadastre", "q-routes"]
    );
    assert_eq!(
        matching(&s, "specificationDate = '2010-12-08' AND degree = false").await,
        ["q-routes"]
    );
}

#[actix_web::test]
async fn cql2_json_and_query_parameters_use_the_same_names() {
    let (_d, s) = state_with(catalogue()).await;
    let filter = serde_json::json!({"op": "<", "args": [{"property": "denominator"}, 10000]});
    let uri = format!(
        "{ITEMS}?filter-lang=cql2-json&filter={}",
        encode(&filter.to_string())
    );
    assert_eq!(ids(&json(&s, &uri, 200).await), ["q-cadastre"]);
    assert_eq!(
        ids(&json(&s, &format!("{ITEMS}?degree=false"), 200).await),
        ["q-routes"]
    );
}

#[actix_web::test]
async fn a_number_queryable_refuses_a_word() {
    let (_d, s) = state_with(catalogue()).await;
    let uri = format!("{ITEMS}?filter={}", encode("denominator = 'large'"));
    let problem = json(&s, &uri, 400).await;
    assert!(problem["detail"].is_string(), "{problem}");
}
