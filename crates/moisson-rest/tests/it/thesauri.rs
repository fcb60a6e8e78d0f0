//! `/api/v1/thesauri`: the list, autocomplete over GEMET, the themed facet of a search
//! (hierarchical, under the rights) and `theme=` on the record list.

use moisson_model::{Anchored, KeywordGroup, Record, Thesaurus, Viewer, Visibility};
use moisson_thesaurus::shipped;
use serde_json::{Value, json};

use crate::{Fixture, authorised, get, record, send};

async fn with_thesauri(ids: &[&str]) -> Fixture {
    let f = Fixture::new().await;
    for s in shipped::ALL.iter().filter(|s| ids.contains(&s.id)) {
        let t = s.read().expect("shipped thesaurus");
        f.store
            .put_thesaurus(t, &Viewer::Admin)
            .await
            .expect("import");
    }
    f
}

/// A record with one keyword block naming `thesaurus`.
fn under(id: &str, thesaurus: &str, keywords: &[&str]) -> Record {
    let mut r = record(id, &format!("Record {id}"));
    r.keywords.push(KeywordGroup {
        thesaurus: Some(Thesaurus {
            title: Anchored::text(thesaurus),
            ..Thesaurus::default()
        }),
        kind: Some("theme".to_owned()),
        keywords: keywords.iter().map(|k| Anchored::text(*k)).collect(),
    });
    r
}

fn labels(body: &Value, list: &str) -> Vec<(String, Value)> {
    body[list]
        .as_array()
        .expect("array")
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap_or_default().to_owned(),
                c["count"].clone(),
            )
        })
        .collect()
}

#[actix_web::test]
async fn lists_thesauri_and_completes_gemet_labels() {
    let f = with_thesauri(&["gemet", "inspire-theme"]).await;
    let app = crate::app!(f);
    let list = send(&app, get("/api/v1/thesauri?lang=en").to_request()).await;
    assert_eq!(list.status, 200, "{}", list.text());
    let body = list.json();
    assert_eq!(body["thesauri"][0]["id"], "gemet");
    assert_eq!(body["thesauri"][0]["concepts"], 5570);
    assert_eq!(
        body["thesauri"][1]["title"],
        "GEMET - INSPIRE themes, version 1.0"
    );
    let found = send(
        &app,
        get("/api/v1/thesauri/gemet/concepts?q=ASSAIN&lang=fr&limit=5").to_request(),
    )
    .await;
    assert_eq!(found.status, 200, "{}", found.text());
    let body = found.json();
    let found: Vec<&str> = body["concepts"]
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|c| c["label"].as_str())
        .collect();
    // Labels that start with the prefix first, then those with a word that does.
    assert_eq!(
        found,
        [
            "assainissement autonome",
            "assainissement collectif",
            "assainissement urbain",
            "santé publique et assainissement",
            "plan d'assainissement",
        ],
        "{body}"
    );
    let first = &body["concepts"][0];
    assert_eq!(first["preferred"], true);
    assert!(
        first["uri"]
            .as_str()
            .unwrap_or_default()
            .starts_with("http://www.eionet.europa.eu/gemet/concept/")
    );
    // Accents ignored: "epur" finds "épuration des eaux usées" and its kin.
    let epur = send(
        &app,
        get("/api/v1/thesauri/gemet/concepts?q=epur").to_request(),
    )
    .await;
    let body = epur.json();
    assert!(
        body["concepts"]
            .as_array()
            .expect("array")
            .iter()
            .all(|c| c["label"].as_str().unwrap_or_default().contains("épur")),
        "{body}"
    );
    assert!(!body["concepts"].as_array().expect("array").is_empty());
    let absent = send(&app, get("/api/v1/thesauri/nope/concepts?q=a").to_request()).await;
    absent.problem(404);
    let bad = send(
        &app,
        get("/api/v1/thesauri/gemet/concepts?limit=0").to_request(),
    )
    .await;
    assert_eq!(bad.problem(400)["parameter"], "limit");
    let unknown = send(
        &app,
        get("/api/v1/thesauri/gemet/concepts?x=1").to_request(),
    )
    .await;
    unknown.problem(400);
}

#[actix_web::test]
async fn themed_facet_counts_up_the_tree_under_the_rights() {
    let f = with_thesauri(&["covadis"]).await;
    let mut hidden = under("hidden", "COVADIS", &["Eau/Assainissement"]);
    hidden.catalogue.visibility = Visibility::Restricted;
    hidden.catalogue.owner_org = Some("armee".to_owned());
    f.seed(vec![
        under("a", "Thèmes COVADIS", &["Assainissement"]),
        under("b", "COVADIS", &["Eau/Masse d'eau"]),
        under("c", "covadis", &["Risque"]),
        hidden,
    ])
    .await;
    let app = crate::app!(f);
    let anon = send(
        &app,
        get("/api/v1/thesauri/covadis/facet?lang=fr").to_request(),
    )
    .await;
    assert_eq!(anon.status, 200, "{}", anon.text());
    let counts = labels(&anon.json(), "buckets");
    assert_eq!(
        counts,
        [
            ("Eau".to_owned(), json!(2)),
            ("Assainissement".to_owned(), json!(1)),
            ("Masse d'eau".to_owned(), json!(1)),
            ("Risque".to_owned(), json!(1)),
        ],
        "a restricted record's concepts never count for anonymous callers"
    );
    let admin = send(
        &app,
        authorised(get("/api/v1/thesauri/covadis/facet")).to_request(),
    )
    .await;
    assert_eq!(
        labels(&admin.json(), "buckets")[0],
        ("Eau".to_owned(), json!(3))
    );
    // The facet takes the list's filters.
    let filtered = send(
        &app,
        get("/api/v1/thesauri/covadis/facet?q=nothing-matches").to_request(),
    )
    .await;
    assert_eq!(filtered.json()["buckets"], json!([]));
    // theme= on the list: the concept and its narrower ones.
    let eau = "urn:moisson:thesaurus:covadis:EAU";
    let list = send(
        &app,
        get(&format!("/api/v1/records?theme={eau}&facets=")).to_request(),
    )
    .await;
    assert_eq!(list.status, 200, "{}", list.text());
    let body = list.json();
    let ids: Vec<&str> = body["items"]
        .as_array()
        .expect("items")
        .iter()
        .filter_map(|r| r["id"].as_str())
        .collect();
    assert_eq!(ids, ["a", "b"]);
    let bad = send(
        &app,
        get("/api/v1/thesauri/covadis/facet?offset=1").to_request(),
    )
    .await;
    bad.problem(400);
    // Every record shows its concepts (those its keywords name first, then broader ones),
    // labelled in the asked language.
    let of_a = send(&app, get("/api/v1/record-concepts/a?lang=fr").to_request()).await;
    assert_eq!(of_a.status, 200, "{}", of_a.text());
    let body = of_a.json();
    let seen: Vec<(String, Value)> = body["concepts"]
        .as_array()
        .expect("concepts")
        .iter()
        .map(|c| {
            (
                c["label"].as_str().unwrap_or_default().to_owned(),
                c["direct"].clone(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("Assainissement".to_owned(), json!(true)),
            ("Eau".to_owned(), json!(false)),
        ],
        "{body}"
    );
    let hidden = send(&app, get("/api/v1/record-concepts/hidden").to_request()).await;
    hidden.problem(404);
}
