//! `GET /api/v1/records`: parameters, paging links, facets, and refused parameters.

use serde_json::{Value, json};

use crate::{Fixture, PUBLIC_URL, get, record, send, with_bbox, with_keywords};

async fn seeded() -> Fixture {
    let f = Fixture::new().await;
    let mut records = vec![
        with_bbox(
            with_keywords(record("lyon-plu", "PLU de Lyon"), &["urbanisme", "plu"]),
            4.7,
            45.6,
            5.0,
            45.9,
        ),
        with_bbox(
            with_keywords(record("paris-plu", "PLU de Paris"), &["urbanisme"]),
            2.2,
            48.8,
            2.5,
            48.9,
        ),
        with_keywords(record("bruit", "Cartes de bruit"), &["bruit"]),
    ];
    records[2].hierarchy_level = moisson_model::HierarchyLevel::Series;
    records[0].catalogue.owner_org = Some("metropole-lyon".into());
    records[0]
        .temporal_extents
        .push(moisson_model::TemporalExtent {
            begin: Some("2019-01-01".into()),
            end: Some("2020-12-31".into()),
            end_is_now: false,
        });
    for i in 0..12 {
        records.push(record(&format!("z-{i:02}"), &format!("Zone {i}")));
    }
    f.seed(records).await;
    f
}

fn ids(body: &Value) -> Vec<String> {
    body["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|r| r["id"].as_str().unwrap_or_default().to_owned())
        .collect()
}

#[actix_web::test]
async fn each_filter_parameter_filters() {
    let f = seeded().await;
    let app = crate::app!(f);
    let cases: [(&str, &[&str]); 6] = [
        ("q=bruit", &["bruit"]),
        ("bbox=4.0,45.0,5.5,46.5", &["lyon-plu"]),
        ("keyword=urbanisme&keyword=plu", &["lyon-plu"]),
        ("type=series", &["bruit"]),
        ("org=metropole-lyon", &["lyon-plu"]),
        ("datetime=2020-06-01T00:00:00Z", &["lyon-plu"]),
    ];
    for (query, expected) in cases {
        let r = send(&app, get(&format!("/api/v1/records?{query}")).to_request()).await;
        assert_eq!(r.status, 200, "{query}: {}", r.text());
        let body = r.json();
        assert_eq!(ids(&body), expected, "{query}");
        assert_eq!(body["total"], json!(expected.len()), "{query}");
    }
}

#[actix_web::test]
async fn sorting_and_open_intervals() {
    let f = seeded().await;
    let app = crate::app!(f);
    let r = send(
        &app,
        get("/api/v1/records?sort=-identifier&limit=2").to_request(),
    )
    .await;
    assert_eq!(ids(&r.json()), ["z-11", "z-10"]);
    let r = send(
        &app,
        get("/api/v1/records?sort=title&limit=2&type=dataset").to_request(),
    )
    .await;
    assert_eq!(ids(&r.json()), ["lyon-plu", "paris-plu"]);
    let r = send(
        &app,
        get("/api/v1/records?datetime=../2019-06-01").to_request(),
    )
    .await;
    assert_eq!(ids(&r.json()), ["lyon-plu"]);
    let r = send(
        &app,
        get("/api/v1/records?datetime=2021-01-01/..").to_request(),
    )
    .await;
    assert_eq!(r.json()["total"], json!(0));
}

#[actix_web::test]
async fn paging_links_are_absolute() {
    let f = seeded().await;
    let app = crate::app!(f);
    let r = send(
        &app,
        get("/api/v1/records?sort=identifier&limit=5&offset=5").to_request(),
    )
    .await;
    let body = r.json();
    assert_eq!(
        (
            body["total"].clone(),
            body["limit"].clone(),
            body["offset"].clone()
        ),
        (json!(15), json!(5), json!(5))
    );
    assert_eq!(body["items"].as_array().map(Vec::len), Some(5));
    let link = |rel: &str| {
        body["links"]
            .as_array()
            .and_then(|l| l.iter().find(|x| x["rel"] == rel))
            .map(|x| x["href"].clone())
    };
    let base = format!("{PUBLIC_URL}/api/v1/records?sort=identifier");
    assert_eq!(
        link("self"),
        Some(json!(format!("{base}&limit=5&offset=5")))
    );
    assert_eq!(
        link("next"),
        Some(json!(format!("{base}&limit=5&offset=10")))
    );
    assert_eq!(
        link("prev"),
        Some(json!(format!("{base}&limit=5&offset=0")))
    );
    let last = send(&app, get("/api/v1/records?limit=5&offset=10").to_request())
        .await
        .json();
    assert!(
        last["links"]
            .as_array()
            .is_some_and(|l| l.iter().all(|x| x["rel"] != "next")),
        "{last}"
    );
}

#[actix_web::test]
async fn facets_count_values() {
    let f = seeded().await;
    let app = crate::app!(f);
    let body = send(&app, get("/api/v1/records?limit=0").to_request())
        .await
        .json();
    let keyword = body["facets"]["keyword"].as_array().expect("keyword facet");
    assert!(
        keyword.contains(&json!({"value": "urbanisme", "count": 2})),
        "{keyword:?}"
    );
    assert!(body["facets"]["type"].is_array(), "{body}");
    let body = send(&app, get("/api/v1/records?facets=type").to_request())
        .await
        .json();
    let names: Vec<&String> = body["facets"].as_object().expect("facets").keys().collect();
    assert_eq!(names, ["type"]);
    let body = send(&app, get("/api/v1/records?facets=").to_request())
        .await
        .json();
    assert_eq!(body["facets"], json!({}));
}

#[actix_web::test]
async fn bad_parameters_are_named_in_problem_json() {
    let f = seeded().await;
    let app = crate::app!(f);
    for (query, parameter) in [
        ("bbox=1,2,3", "bbox"),
        ("bbox=0,95,1,96", "bbox"),
        ("datetime=yesterday", "datetime"),
        ("datetime=2024-02-01/2024-01-01", "datetime"),
        ("colour=red", "colour"),
        ("limit=100000", "limit"),
        ("offset=-3", "offset"),
        ("sort=colour", "sort"),
        ("facets=colour", "facets"),
    ] {
        let r = send(&app, get(&format!("/api/v1/records?{query}")).to_request()).await;
        let p = r.problem(400);
        assert_eq!(p["parameter"], json!(parameter), "{query}: {p}");
        assert!(
            p["detail"].as_str().is_some_and(|d| d.contains(parameter)),
            "{query}: {p}"
        );
    }
}
