//! `filter` in CQL2 text and JSON against the fixture store.

use serde_json::Value;

use crate::support::{FIJI, encode, ids, json, state};

const ITEMS: &str = "/ogcapi/collections/main/items";

async fn text(s: &moisson_ogcapi::OgcState, filter: &str) -> Vec<String> {
    ids(&json(
        s,
        &format!("{ITEMS}?limit=100&filter={}", encode(filter)),
        200,
    )
    .await)
}

async fn cql_json(s: &moisson_ogcapi::OgcState, filter: &Value) -> Vec<String> {
    let uri = format!(
        "{ITEMS}?limit=100&filter-lang=cql2-json&filter={}",
        encode(&filter.to_string())
    );
    ids(&json(s, &uri, 200).await)
}

#[actix_web::test]
async fn basic_cql2_in_text_and_json() {
    let (_d, s) = state().await;
    let t = text(&s, "type = 'service' AND NOT title = 'x'").await;
    let j = cql_json(
        &s,
        &serde_json::json!({"op": "and", "args": [
        {"op": "=", "args": [{"property": "type"}, "service"]},
        {"op": "not", "args": [{"op": "=", "args": [{"property": "title"}, "x"]}]}]}),
    )
    .await;
    assert!(!t.is_empty());
    assert_eq!(t, j);
    assert_eq!(
        text(&s, "id = 'fr-200040715-plui-2025' OR id = 'nope'").await,
        ["fr-200040715-plui-2025"]
    );
    assert!(text(&s, "parentId IS NULL").await.len() > 10);
    let recent = text(&s, "updated > '2000-01-01T00:00:00Z'").await;
    assert_eq!(recent.len(), text(&s, "true").await.len());
}

#[actix_web::test]
async fn advanced_comparison_operators() {
    let (_d, s) = state().await;
    let like = text(&s, "title LIKE 'Plan local%'").await;
    assert_eq!(like, ["fr-200040715-plui-2025"]);
    let casei = text(&s, "CASEI(title) LIKE CASEI('plan LOCAL%')").await;
    assert_eq!(casei, like);
    let eq = text(&s, "CASEI(keywords) = CASEI('URBANISME')").await;
    assert!(eq.contains(&"fr-200040715-plui-2025".to_owned()), "{eq:?}");
    let within = text(
        &s,
        "id IN ('fr-200040715-plui-2025', 'fr-213502388-base-adresse-locale', 'nope')",
    )
    .await;
    assert_eq!(within.len(), 2);
    let between = text(&s, "creationDate BETWEEN '1000-01-01' AND '3000-01-01'").await;
    assert!(!between.is_empty());
}

#[actix_web::test]
async fn basic_spatial_functions() {
    let (_d, s) = state().await;
    let point = text(&s, "S_INTERSECTS(geometry, POINT(-1.68 48.11))").await;
    assert!(
        point.contains(&"fr-213502388-base-adresse-locale".to_owned()),
        "{point:?}"
    );
    let bbox = text(&s, "S_INTERSECTS(geometry, BBOX(178, -18, 179, -17))").await;
    assert!(bbox.contains(&FIJI.to_owned()));
    let rect = text(
        &s,
        "S_INTERSECTS(geometry, POLYGON((178 -18, 179 -18, 179 -17, 178 -17, 178 -18)))",
    )
    .await;
    assert_eq!(rect, bbox);
    let j = cql_json(
        &s,
        &serde_json::json!({"op": "s_intersects", "args": [
        {"property": "geometry"}, {"type": "Point", "coordinates": [-1.68, 48.11]}]}),
    )
    .await;
    assert_eq!(j, point);
}

#[actix_web::test]
async fn temporal_functions_on_time_and_dates() {
    let (_d, s) = state().await;
    let t = text(
        &s,
        "T_INTERSECTS(time, INTERVAL('2011-01-01', '2011-02-01'))",
    )
    .await;
    assert!(t.contains(&FIJI.to_owned()));
    assert!(
        !text(&s, "T_AFTER(time, DATE('2013-01-01'))")
            .await
            .contains(&FIJI.to_owned())
    );
    assert!(
        text(&s, "T_BEFORE(time, DATE('2013-01-01'))")
            .await
            .contains(&FIJI.to_owned())
    );
    assert!(
        text(&s, "T_DURING(time, INTERVAL('2009-01-01', '2013-01-01'))")
            .await
            .contains(&FIJI.to_owned())
    );
    assert!(
        !text(&s, "T_AFTER(updated, TIMESTAMP('2000-01-01T00:00:00Z'))")
            .await
            .is_empty()
    );
}

#[actix_web::test]
async fn bad_filters_are_400_with_a_clear_message() {
    let (_d, s) = state().await;
    for (filter, needle) in [
        ("title = ", "cql2-text"),
        ("colour = 'red'", "colour"),
        (
            "S_INTERSECTS(geometry, POLYGON((0 0, 1 0, 0 1, 0 0)))",
            "rectangle",
        ),
        ("T_FOO(time, DATE('2000-01-01'))", "T_FOO"),
    ] {
        let v = json(&s, &format!("{ITEMS}?filter={}", encode(filter)), 400).await;
        assert_eq!(v["parameter"], "filter", "{v}");
        assert!(
            v["detail"].as_str().is_some_and(|d| d.contains(needle)),
            "{filter}: {v}"
        );
    }
    json(&s, &format!("{ITEMS}?filter=x&filter-lang=cql-text"), 400).await;
    json(
        &s,
        &format!("{ITEMS}?filter=%7B&filter-lang=cql2-json"),
        400,
    )
    .await;
    json(
        &s,
        &format!("{ITEMS}?filter=true&filter-crs=EPSG%3A4326"),
        400,
    )
    .await;
}

#[actix_web::test]
async fn temporal_functions_allen_relations() {
    let (_d, s) = state().await;
    // The Fiji record's temporal extent is [2010-01-01, 2012-12-31].
    let fiji = FIJI.to_owned();
    for (f, expected) in [
        ("T_MEETS(time, INTERVAL('2012-12-31', '2013-06-01'))", true),
        ("T_METBY(time, INTERVAL('2009-01-01', '2010-01-01'))", true),
        (
            "T_OVERLAPS(time, INTERVAL('2011-01-01', '2014-01-01'))",
            true,
        ),
        (
            "T_OVERLAPPEDBY(time, INTERVAL('2009-01-01', '2011-01-01'))",
            true,
        ),
        ("T_STARTS(time, INTERVAL('2010-01-01', '2014-01-01'))", true),
        (
            "T_STARTEDBY(time, INTERVAL('2010-01-01', '2011-01-01'))",
            true,
        ),
        (
            "T_FINISHES(time, INTERVAL('2009-01-01', '2012-12-31'))",
            true,
        ),
        (
            "T_FINISHEDBY(time, INTERVAL('2011-01-01', '2012-12-31'))",
            true,
        ),
        (
            "T_CONTAINS(time, INTERVAL('2011-01-01', '2011-02-01'))",
            true,
        ),
        ("T_EQUALS(time, INTERVAL('2010-01-01', '2012-12-31'))", true),
        ("T_DISJOINT(time, INTERVAL('2013-01-01', '..'))", true),
        ("T_DISJOINT(time, INTERVAL('2011-01-01', '..'))", false),
        ("T_MEETS(time, INTERVAL('2013-01-01', '2013-06-01'))", false),
        (
            "T_CONTAINS(time, INTERVAL('2009-01-01', '2011-02-01'))",
            false,
        ),
    ] {
        assert_eq!(text(&s, f).await.contains(&fiji), expected, "{f}");
    }
}
