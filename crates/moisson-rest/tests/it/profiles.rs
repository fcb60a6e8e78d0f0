//! Custom profiles: listing, schemas, and validation of `catalogue.extra` on write.

use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::{Fixture, PUBLIC_URL, authorised, get, send};

fn plu(extra: Value) -> Value {
    json!({"id": "plu-69123", "title": "PLU", "catalogue": {"profile": "metropole-plu", "extra": extra}})
}

#[actix_web::test]
async fn profiles_are_listed_and_served() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let list = send(&app, get("/api/v1/profiles").to_request())
        .await
        .json();
    let first = &list["profiles"][0];
    assert_eq!(first["name"], json!("metropole-plu"), "{list}");
    assert_eq!(
        first["href"],
        json!(format!("{PUBLIC_URL}/api/v1/profiles/metropole-plu"))
    );
    let schema = send(&app, get("/api/v1/profiles/metropole-plu").to_request()).await;
    assert_eq!(schema.status, 200);
    assert!(schema.json()["properties"]["commune_insee"].is_object());
    send(&app, get("/api/v1/profiles/nope").to_request())
        .await
        .problem(404);
}

#[actix_web::test]
async fn valid_extra_is_stored() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let extra = json!({"commune_insee": "69123", "plu_procedure": "modification", "approval_date": "2024-03-15"});
    let r = send(
        &app,
        authorised(TestRequest::post().uri("/api/v1/records"))
            .set_json(plu(extra.clone()))
            .to_request(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let stored = send(&app, get("/api/v1/records/plu-69123").to_request())
        .await
        .json();
    assert_eq!(stored["catalogue"]["extra"], extra);
}

#[actix_web::test]
async fn failures_name_the_field_and_store_nothing() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let cases = [
        (
            json!({"commune_insee": "6912", "plu_procedure": "revision", "approval_date": "2024-03-15"}),
            "commune_insee",
        ),
        (
            json!({"commune_insee": "69123", "plu_procedure": "abrogation", "approval_date": "2024-03-15"}),
            "plu_procedure",
        ),
        (
            json!({"commune_insee": "69123", "plu_procedure": "revision", "approval_date": "2024-31-12"}),
            "approval_date",
        ),
        (
            json!({"plu_procedure": "revision", "approval_date": "2024-03-15"}),
            "commune_insee",
        ),
    ];
    for (extra, field) in cases {
        let r = send(
            &app,
            authorised(TestRequest::post().uri("/api/v1/records"))
                .set_json(plu(extra))
                .to_request(),
        )
        .await;
        let p = r.problem(400);
        assert_eq!(
            p["parameter"],
            json!(format!("catalogue.extra.{field}")),
            "{p}"
        );
        assert!(
            p["detail"].as_str().is_some_and(|d| d.contains(field)),
            "{p}"
        );
    }
    let mut unknown = plu(json!({}));
    unknown["catalogue"]["profile"] = json!("nope");
    let r = send(
        &app,
        authorised(TestRequest::post().uri("/api/v1/records"))
            .set_json(unknown)
            .to_request(),
    )
    .await;
    assert_eq!(r.problem(400)["parameter"], json!("catalogue.profile"));
    assert_eq!(f.count().await, 0);
}
