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

fn merge_patch(path: &str, body: &serde_json::Value) -> TestRequest {
    authorised(TestRequest::patch().uri(path))
        .insert_header(("content-type", "application/merge-patch+json"))
        .set_payload(body.to_string())
}

/// A partial PUT is refused instead of blanking the record; PATCH (JSON Merge Patch)
/// changes what it names and keeps the rest; unknown fields are named, not dropped; a
/// record read back (with `version`, `links`…) can be PUT as it came.
#[actix_web::test]
async fn put_is_whole_patch_is_partial_and_unknown_fields_are_named() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let body = json!({"id": "rec-1", "title": "PLU", "abstract": "Plan",
        "catalogue": {"status": "draft"}});
    let post = authorised(TestRequest::post().uri("/api/v1/records")).set_json(&body);
    assert_eq!(send(&app, post.to_request()).await.status, 201);
    let path = "/api/v1/records/rec-1";

    let publish = json!({"catalogue": {"status": "published"}});
    let put = authorised(TestRequest::put().uri(path)).set_json(&publish);
    let refused = send(&app, put.to_request()).await.problem(400);
    assert!(
        refused["detail"]
            .as_str()
            .unwrap_or_default()
            .contains("PATCH"),
        "{refused}"
    );
    let kept = send(&app, authorised(get(path)).to_request()).await.json();
    assert_eq!(
        (&kept["title"], &kept["catalogue"]["status"]),
        (&json!("PLU"), &json!("draft"))
    );

    let patched = send(&app, merge_patch(path, &publish).to_request()).await;
    assert_eq!(patched.status, 200, "{}", patched.text());
    let patched = patched.json();
    assert_eq!(patched["title"], json!("PLU"));
    assert_eq!(patched["abstract"], json!("Plan"));
    assert_eq!(patched["catalogue"]["status"], json!("published"));
    let patched = send(
        &app,
        merge_patch(path, &json!({"title": "PLU 2", "abstract": null})).to_request(),
    )
    .await
    .json();
    assert_eq!(
        (&patched["title"], &patched["catalogue"]["status"]),
        (&json!("PLU 2"), &json!("published"))
    );
    assert!(patched.get("abstract").is_none_or(|a| a == ""), "{patched}");

    for (req, field) in [
        (merge_patch(path, &json!({"titre": "X"})), "titre"),
        (
            merge_patch(path, &json!({"catalogue": {"statut": "draft"}})),
            "catalogue.statut",
        ),
        (
            authorised(TestRequest::post().uri("/api/v1/records"))
                .set_json(json!({"id": "rec-2", "title": "T", "titre": "X"})),
            "titre",
        ),
    ] {
        let p = send(&app, req.to_request()).await.problem(400);
        assert!(
            p["detail"].as_str().unwrap_or_default().contains(field),
            "{p}"
        );
    }
    send(
        &app,
        merge_patch(path, &json!({"id": "other"})).to_request(),
    )
    .await
    .problem(400);
    send(
        &app,
        merge_patch(path, &json!(["not", "an", "object"])).to_request(),
    )
    .await
    .problem(400);
    send(
        &app,
        merge_patch("/api/v1/records/absent", &json!({"title": "X"})).to_request(),
    )
    .await
    .problem(404);
    let plain = authorised(TestRequest::patch().uri(path))
        .insert_header(("content-type", "text/plain"))
        .set_payload("title=X");
    send(&app, plain.to_request()).await.problem(415);

    // What GET returns, PUT takes back.
    let as_read = send(&app, authorised(get(path)).to_request()).await.json();
    let put = authorised(TestRequest::put().uri(path)).set_json(&as_read);
    let resp = send(&app, put.to_request()).await;
    assert_eq!(resp.status, 200, "{}", resp.text());
}
