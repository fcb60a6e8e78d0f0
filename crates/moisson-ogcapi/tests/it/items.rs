//! `/items` parameters and `/items/{recordId}`.

use serde_json::Value;

use crate::support::{FIJI, get, ids, json, state};

const ITEMS: &str = "/ogcapi/collections/main/items";

fn link<'a>(v: &'a Value, rel: &str) -> Option<&'a str> {
    v["links"].as_array()?.iter().find(|l| l["rel"] == rel)?["href"].as_str()
}

fn path_of(href: &str) -> String {
    href.trim_start_matches(crate::support::PUBLIC_URL)
        .to_owned()
}

#[actix_web::test]
async fn paging_is_exact_with_next_and_prev() {
    let (_d, s) = state().await;
    let total = s
        .store
        .count(&moisson_model::Viewer::Anonymous)
        .await
        .expect("count");
    let first = json(&s, ITEMS, 200).await;
    assert_eq!(first["type"], "FeatureCollection");
    assert_eq!(
        (
            first["numberMatched"].as_u64(),
            first["numberReturned"].as_u64()
        ),
        (Some(total), Some(10))
    );
    assert!(link(&first, "prev").is_none());
    let mut seen = ids(&first);
    let mut next = link(&first, "next").map(path_of);
    while let Some(uri) = next {
        let page = json(&s, &uri, 200).await;
        assert!(link(&page, "prev").is_some());
        seen.extend(ids(&page));
        next = link(&page, "next").map(path_of);
    }
    assert_eq!(seen.len() as u64, total);
    let last = json(&s, &format!("{ITEMS}?limit=5&offset={}", total - 2), 200).await;
    assert_eq!(last["numberReturned"], 2);
    let big = json(&s, &format!("{ITEMS}?limit=100000"), 200).await;
    assert_eq!(
        big["numberReturned"].as_u64(),
        Some(total),
        "limit above the maximum is lowered"
    );
}

#[actix_web::test]
async fn q_terms_with_commas_are_ored() {
    let (_d, s) = state().await;
    let cadastre = ids(&json(&s, &format!("{ITEMS}?q=cadastre"), 200).await);
    assert!(
        cadastre.contains(&"955c3e47-411e-4969-b61b-3556d1b9f879".to_owned()),
        "{cadastre:?}"
    );
    let velo = ids(&json(&s, &format!("{ITEMS}?q=cyclables"), 200).await);
    let either = json(&s, &format!("{ITEMS}?q=cadastre,cyclables&limit=100"), 200).await;
    assert_eq!(
        either["numberMatched"].as_u64(),
        Some((cadastre.len() + velo.len()) as u64)
    );
    let both = json(&s, &format!("{ITEMS}?q=cadastre%20cyclables"), 200).await;
    assert_eq!(both["numberMatched"], 0, "words of one term are ANDed");
}

#[actix_web::test]
async fn bbox_finds_records_across_the_antimeridian() {
    let (_d, s) = state().await;
    let east = ids(&json(&s, &format!("{ITEMS}?bbox=178,-18,179,-17&limit=100"), 200).await);
    let west = ids(&json(
        &s,
        &format!("{ITEMS}?bbox=-179.5,-18,-179.2,-17&limit=100"),
        200,
    )
    .await);
    assert!(east.contains(&FIJI.to_owned()) && west.contains(&FIJI.to_owned()));
    let crs = "bbox-crs=http%3A%2F%2Fwww.opengis.net%2Fdef%2Fcrs%2FOGC%2F1.3%2FCRS84";
    let rennes = ids(&json(
        &s,
        &format!("{ITEMS}?bbox=-1.7,48.1,-1.65,48.12&{crs}&limit=100"),
        200,
    )
    .await);
    assert!(rennes.contains(&"fr-213502388-base-adresse-locale".to_owned()));
    assert!(!rennes.contains(&FIJI.to_owned()));
    json(&s, &format!("{ITEMS}?bbox=1,2,3"), 400).await;
    json(&s, &format!("{ITEMS}?bbox=0,0,1,1&bbox-crs=EPSG:2154"), 400).await;
}

#[actix_web::test]
async fn datetime_instants_intervals_and_open_ends() {
    let (_d, s) = state().await;
    let found = |q: &str| {
        let s = s.clone();
        let uri = format!("{ITEMS}?datetime={q}&limit=100");
        async move { ids(&json(&s, &uri, 200).await) }
    };
    assert!(found("2011-06-01").await.contains(&FIJI.to_owned()));
    assert!(
        found("2011-06-01T12:00:00Z")
            .await
            .contains(&FIJI.to_owned())
    );
    assert!(found("2012-06-01/..").await.contains(&FIJI.to_owned()));
    assert!(found("../2009-12-31").await.iter().all(|id| id != FIJI));
    assert!(
        found("2013-01-01/2014-01-01")
            .await
            .iter()
            .all(|id| id != FIJI)
    );
    json(&s, &format!("{ITEMS}?datetime=../.."), 400).await;
    json(&s, &format!("{ITEMS}?datetime=2014/2013"), 400).await;
}

#[actix_web::test]
async fn type_ids_external_ids_and_queryable_parameters() {
    let (_d, s) = state().await;
    let services = json(&s, &format!("{ITEMS}?type=service&limit=100"), 200).await;
    assert!(
        services["features"]
            .as_array()
            .expect("features")
            .iter()
            .all(|f| f["properties"]["type"] == "service")
    );
    let both = ids(&json(
        &s,
        &format!(
            "{ITEMS}?ids=fr-200040715-plui-2025,{}",
            FIJI.replace('/', "%2F")
        ),
        200,
    )
    .await);
    assert_eq!(both.len(), 2);
    let ext = json(&s, &format!("{ITEMS}?externalIds=doesnotexist"), 200).await;
    assert_eq!(ext["numberMatched"], 0);
    let plui = json(
        &s,
        "/ogcapi/collections/main/items/fr-200040715-plui-2025",
        200,
    )
    .await;
    if let Some(value) = plui["properties"]["externalIds"][0]["value"].as_str() {
        let enc = crate::support::encode(value);
        assert!(
            ids(&json(&s, &format!("{ITEMS}?externalIds={enc}"), 200).await)
                .contains(&"fr-200040715-plui-2025".to_owned())
        );
    }
    let titled = ids(&json(
        &s,
        &format!("{ITEMS}?title=Base%20Adresse%20Locale%20de%20Rennes"),
        200,
    )
    .await);
    assert_eq!(titled, ["fr-213502388-base-adresse-locale"]);
}

#[actix_web::test]
async fn sortby_several_fields_both_directions() {
    let (_d, s) = state().await;
    let titles = |v: &Value| -> Vec<String> {
        v["features"]
            .as_array()
            .expect("f")
            .iter()
            .map(|f| {
                f["properties"]["title"]
                    .as_str()
                    .unwrap_or_default()
                    .to_owned()
            })
            .collect()
    };
    let asc = titles(&json(&s, &format!("{ITEMS}?sortby=%2Btitle&limit=100"), 200).await);
    let desc = titles(&json(&s, &format!("{ITEMS}?sortby=-title&limit=100"), 200).await);
    assert!(
        !asc.is_empty() && asc.first() == desc.last(),
        "{asc:?} / {desc:?}"
    );
    json(&s, &format!("{ITEMS}?sortby=type,-updated"), 200).await;
    json(&s, &format!("{ITEMS}?sortby=colour"), 400).await;
}

#[actix_web::test]
async fn facets_count_every_matching_record() {
    let (_d, s) = state().await;
    let v = json(&s, &format!("{ITEMS}?facets=true&limit=1"), 200).await;
    for name in [
        "keywords",
        "themes",
        "type",
        "organisation",
        "formats",
        "license",
    ] {
        assert_eq!(
            v["facets"][name]["type"], "terms",
            "{name}: {}",
            v["facets"]
        );
    }
    let types: u64 = v["facets"]["type"]["buckets"]
        .as_array()
        .expect("b")
        .iter()
        .filter_map(|b| b["count"].as_u64())
        .sum();
    assert_eq!(Some(types), v["numberMatched"].as_u64());
    assert!(json(&s, ITEMS, 200).await.get("facets").is_none());
}

#[actix_web::test]
async fn one_record_with_slashes_in_its_id() {
    let (_d, s) = state().await;
    for uri in [
        "/ogcapi/collections/main/items/FR-test/fidji:1",
        "/ogcapi/collections/main/items/FR-test%2Ffidji%3A1",
    ] {
        let r = json(&s, uri, 200).await;
        assert_eq!(r["id"], FIJI);
        assert_eq!(r["geometry"]["type"], "MultiPolygon", "antimeridian split");
        assert_eq!(
            r["time"]["interval"],
            serde_json::json!(["2010-01-01", "2012-12-31"])
        );
        assert_eq!(
            link(&r, "self"),
            Some("http://cat.example/ogcapi/collections/main/items/FR-test%2Ffidji%3A1?f=json")
        );
    }
    let r = json(&s, "/ogcapi/collections/main/items/10.3390/rs12142299", 200).await;
    assert_eq!(r["id"], "10.3390/rs12142299");
    json(&s, "/ogcapi/collections/main/items/nope", 404).await;
    json(
        &s,
        "/ogcapi/collections/main/items/fr-200040715-plui-2025?f=pdf",
        400,
    )
    .await;
}

#[actix_web::test]
async fn record_properties_follow_the_record_schema() {
    let (_d, s) = state().await;
    let r = json(
        &s,
        "/ogcapi/collections/main/items/fr-200040715-plui-2025",
        200,
    )
    .await;
    let p = &r["properties"];
    assert_eq!(p["type"], "dataset");
    assert!(
        p["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Plan local"))
    );
    assert!(p["keywords"].as_array().is_some_and(|k| !k.is_empty()));
    assert!(
        p["themes"][0]["scheme"].is_string() && p["themes"][0]["concepts"][0]["id"].is_string(),
        "{p}"
    );
    assert!(p["contacts"].as_array().is_some_and(|c| !c.is_empty()));
    assert_eq!(p["language"]["code"], "fr");
    assert!(p["updated"].is_string() && p["created"].is_string());
    assert_eq!(r["geometry"]["type"], "Polygon");
    assert_eq!(r["conformsTo"][0], moisson_ogcapi::record::RECORD_CORE);
}

#[actix_web::test]
async fn iso_alternate_is_the_original_document() {
    let (_d, s) = state().await;
    let r = json(
        &s,
        "/ogcapi/collections/main/items/fr-200040715-plui-2025",
        200,
    )
    .await;
    let alt = r["links"]
        .as_array()
        .expect("links")
        .iter()
        .find(|l| l["rel"] == "alternate")
        .cloned()
        .expect("alternate");
    assert_eq!(alt["type"], "application/xml");
    let resp = get(&s, &path_of(alt["href"].as_str().expect("href")), &[]).await;
    assert_eq!(resp.status(), 200);
    let body = actix_web::test::read_body(resp).await;
    let original =
        std::fs::read(crate::support::root().join("examples/records/moisson_plui-gam.xml"))
            .expect("read");
    assert_eq!(
        body.as_ref(),
        original.as_slice(),
        "the unedited original, byte for byte"
    );
    let resp = get(
        &s,
        "/ogcapi/collections/main/items/FR-test%2Ffidji%3A1",
        &[("Accept", "application/xml")],
    )
    .await;
    let body = actix_web::test::read_body(resp).await;
    assert!(
        String::from_utf8_lossy(&body).contains("MD_Metadata"),
        "written from the model"
    );
}

#[actix_web::test]
async fn dcat_alternates_on_records_items_and_the_collection() {
    let (_d, s) = state().await;
    let alternates = |v: &Value| -> Vec<(String, String)> {
        v["links"]
            .as_array()
            .into_iter()
            .flatten()
            .filter(|l| l["rel"] == "alternate")
            .map(|l| {
                let text = |k: &str| l[k].as_str().unwrap_or_default().to_owned();
                (text("type"), text("href"))
            })
            .collect()
    };
    let one = json(
        &s,
        "/ogcapi/collections/main/items/FR-test%2Ffidji%3A1",
        200,
    )
    .await;
    let dcat = "http://cat.example/dcat/records/FR-test%2Ffidji%3A1";
    assert_eq!(
        alternates(&one)[2..],
        [
            ("application/ld+json".to_owned(), format!("{dcat}.jsonld")),
            ("text/turtle".to_owned(), format!("{dcat}.ttl")),
        ]
    );
    let page = json(&s, "/ogcapi/collections/main/items?limit=3", 200).await;
    for feature in page["features"].as_array().expect("features") {
        let types: Vec<String> = alternates(feature).into_iter().map(|(t, _)| t).collect();
        assert_eq!(
            types,
            [
                "application/xml",
                "text/html",
                "application/ld+json",
                "text/turtle"
            ]
        );
    }
    let collection = json(&s, "/ogcapi/collections/main", 200).await;
    assert_eq!(
        alternates(&collection)[1..],
        [
            (
                "application/ld+json".to_owned(),
                "http://cat.example/dcat/catalog.jsonld".to_owned()
            ),
            (
                "text/turtle".to_owned(),
                "http://cat.example/dcat/catalog.ttl".to_owned()
            ),
        ]
    );
}
