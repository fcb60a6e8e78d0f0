//! POST / PUT / DELETE: status codes, `Location`, and the bearer token.

use actix_web::test::TestRequest;
use serde_json::json;

use crate::{Fixture, PUBLIC_URL, TOKEN, authorised, encode, get, record, send};

#[actix_web::test]
async fn create_update_delete_cycle() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let body = json!({"id": "FR-1/plu/2024", "title": "PLU", "abstract": "Plan"});
    let created = send(
        &app,
        authorised(TestRequest::post().uri("/api/v1/records"))
            .set_json(&body)
            .to_request(),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    assert_eq!(
        created.header("location"),
        format!("{PUBLIC_URL}/api/v1/records/FR-1%2Fplu%2F2024")
    );
    assert_eq!(created.json()["title"], json!("PLU"));
    assert!(created.json()["catalogue"]["created"].is_string());

    let again = send(
        &app,
        authorised(TestRequest::post().uri("/api/v1/records"))
            .set_json(&body)
            .to_request(),
    )
    .await;
    assert_eq!(again.status, 200, "a second POST of the same id replaces");

    let path = format!("/api/v1/records/{}", encode("FR-1/plu/2024"));
    let put = authorised(TestRequest::put().uri(&path)).set_json(json!({"title": "PLU 2"}));
    let updated = send(&app, put.to_request()).await;
    assert_eq!(updated.status, 200, "{}", updated.text());
    assert_eq!(
        updated.json()["id"],
        json!("FR-1/plu/2024"),
        "id set from the path"
    );
    assert_eq!(
        send(&app, get(&path).to_request()).await.json()["title"],
        json!("PLU 2")
    );

    let deleted = send(
        &app,
        authorised(TestRequest::delete().uri(&path)).to_request(),
    )
    .await;
    assert_eq!(deleted.status, 204);
    assert!(deleted.body.is_empty());
    send(&app, get(&path).to_request()).await.problem(404);
    send(
        &app,
        authorised(TestRequest::delete().uri(&path)).to_request(),
    )
    .await
    .problem(404);
    assert_eq!(f.count().await, 0);
}

#[actix_web::test]
async fn put_refuses_unknown_records_and_mismatched_ids() {
    let f = Fixture::new().await;
    f.seed(vec![record("a", "Alpha")]).await;
    let app = crate::app!(f);
    let put =
        authorised(TestRequest::put().uri("/api/v1/records/nope")).set_json(json!({"title": "x"}));
    send(&app, put.to_request()).await.problem(404);
    let put = authorised(TestRequest::put().uri("/api/v1/records/a"))
        .set_json(json!({"id": "b", "title": "x"}));
    let p = send(&app, put.to_request()).await.problem(400);
    assert_eq!(p["parameter"], json!("id"));
    assert_eq!(f.count().await, 1);
}

#[actix_web::test]
async fn writes_need_the_right_token() {
    let f = Fixture::new().await;
    f.seed(vec![record("a", "Alpha")]).await;
    let app = crate::app!(f);
    let body = json!({"id": "b", "title": "Beta"});
    for auth in [
        None,
        Some("Bearer wrong"),
        Some("Basic czNjcmV0LXRva2Vu"),
        Some(TOKEN),
    ] {
        let with = |req: TestRequest| match auth {
            Some(value) => req.insert_header(("authorization", value)),
            None => req,
        };
        let post = with(TestRequest::post().uri("/api/v1/records")).set_json(&body);
        let r = send(&app, post.to_request()).await;
        r.problem(401);
        assert!(r.header("www-authenticate").starts_with("Bearer"));
        send(
            &app,
            with(TestRequest::put().uri("/api/v1/records/a"))
                .set_json(&body)
                .to_request(),
        )
        .await
        .problem(401);
        send(
            &app,
            with(TestRequest::delete().uri("/api/v1/records/a")).to_request(),
        )
        .await
        .problem(401);
    }
    assert_eq!(f.count().await, 1, "nothing written without the token");
}

#[actix_web::test]
async fn no_configured_token_refuses_every_write() {
    let mut f = Fixture::new().await;
    f.auth = crate::authenticator(&f.store, None);
    let app = crate::app!(f);
    let post = authorised(TestRequest::post().uri("/api/v1/records")).set_json(json!({"id": "b"}));
    send(&app, post.to_request()).await.problem(401);
}

#[actix_web::test]
async fn json_without_id_is_refused() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let post =
        authorised(TestRequest::post().uri("/api/v1/records")).set_json(json!({"title": "no id"}));
    let p = send(&app, post.to_request()).await.problem(400);
    assert_eq!(p["parameter"], json!("id"));
    assert_eq!(f.count().await, 0);
}

#[actix_web::test]
async fn other_methods_get_405_problem() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    send(
        &app,
        TestRequest::patch().uri("/api/v1/records").to_request(),
    )
    .await
    .problem(405);
}
