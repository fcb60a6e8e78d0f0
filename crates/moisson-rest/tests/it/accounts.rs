//! Account routes over HTTP: users, organisations and groups, memberships, API keys,
//! sign-in and its rate limit. The store checks who may do what; here, that each route
//! answers the right status and never shows a password hash.

use actix_web::test::TestRequest;
use serde_json::{Value, json};

use crate::{Fixture, authenticator_with, authorised, get, send};

fn post(uri: &str, body: Value) -> TestRequest {
    TestRequest::post().uri(uri).set_json(body)
}

fn bearer(req: TestRequest, token: &str) -> TestRequest {
    req.insert_header(("authorization", format!("Bearer {token}")))
}

/// Creates organisation `org`, user `name` with `role` in it, and signs them in.
async fn user_with_role<S, B>(app: &S, name: &str, org: &str, role: &str) -> String
where
    S: actix_web::dev::Service<
            actix_http::Request,
            Response = actix_web::dev::ServiceResponse<B>,
            Error = actix_web::Error,
        >,
    B: actix_web::body::MessageBody,
{
    let password = format!("{name}'s password");
    let r = send(
        app,
        authorised(post(
            "/api/v1/users",
            json!({"username": name, "password": password}),
        ))
        .to_request(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    let uri = format!("/api/v1/units/{org}/members/{name}");
    let r = send(
        app,
        authorised(TestRequest::put().uri(&uri).set_json(json!({"role": role}))).to_request(),
    )
    .await;
    assert_eq!(r.status, 204, "{}", r.text());
    let r = send(
        app,
        post(
            "/api/v1/auth/token",
            json!({"username": name, "password": password}),
        )
        .to_request(),
    )
    .await;
    assert_eq!(r.status, 200, "{}", r.text());
    assert_eq!(r.header("cache-control"), "no-store");
    r.json()["access_token"].as_str().expect("token").to_owned()
}

#[actix_web::test]
async fn users_units_and_memberships() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    let r = send(
        &app,
        authorised(post(
            "/api/v1/organisations",
            json!({"id": "org-a", "name": "A"}),
        ))
        .to_request(),
    )
    .await;
    assert_eq!(r.status, 201, "{}", r.text());
    assert_eq!(
        r.json(),
        json!({"id": "org-a", "kind": "organisation", "name": "A"})
    );
    let r = send(
        &app,
        authorised(post(
            "/api/v1/groups",
            json!({"id": "org-a", "name": "taken"}),
        ))
        .to_request(),
    )
    .await;
    r.problem(409);
    let r = send(
        &app,
        authorised(post("/api/v1/groups", json!({"id": "g 1", "name": "G"}))).to_request(),
    )
    .await;
    assert_eq!(r.problem(400)["parameter"], "id");
    send(
        &app,
        authorised(post("/api/v1/groups", json!({"id": "grp", "name": "G"}))).to_request(),
    )
    .await;
    let groups = send(&app, get("/api/v1/groups").to_request()).await.json();
    assert_eq!(
        groups["items"],
        json!([{"id": "grp", "kind": "group", "name": "G"}])
    );

    let r = send(
        &app,
        authorised(post(
            "/api/v1/users",
            json!({"username": "ann", "password": "short"}),
        ))
        .to_request(),
    )
    .await;
    assert_eq!(r.problem(400)["parameter"], "password");
    let ann = user_with_role(&app, "ann", "org-a", "editor").await;
    let r = send(
        &app,
        authorised(post("/api/v1/users", json!({"username": "ann"}))).to_request(),
    )
    .await;
    r.problem(409);

    let users = send(&app, authorised(get("/api/v1/users")).to_request()).await;
    assert_eq!(users.status, 200);
    assert!(
        !users.text().contains("argon2"),
        "no hash shown: {}",
        users.text()
    );
    assert_eq!(
        users.json()["items"][0]["memberships"],
        json!([{"unit": "org-a", "role": "editor"}])
    );
    send(&app, bearer(get("/api/v1/users"), &ann).to_request())
        .await
        .problem(403);
    send(&app, get("/api/v1/users").to_request())
        .await
        .problem(401);

    let own = send(&app, bearer(get("/api/v1/users/ann"), &ann).to_request()).await;
    assert_eq!(
        (own.status.as_u16(), own.json()["username"].clone()),
        (200, json!("ann"))
    );
    let patch = |body: Value| TestRequest::patch().uri("/api/v1/users/ann").set_json(body);
    let r = send(
        &app,
        bearer(patch(json!({"name": "Ann"})), &ann).to_request(),
    )
    .await;
    assert_eq!(r.json()["name"], "Ann", "{}", r.text());
    send(
        &app,
        bearer(patch(json!({"superadmin": true})), &ann).to_request(),
    )
    .await
    .problem(403);
    let r = send(
        &app,
        authorised(patch(json!({"name": null, "disabled": true}))).to_request(),
    )
    .await;
    assert_eq!(
        (r.json()["name"].clone(), r.json()["disabled"].clone()),
        (Value::Null, json!(true))
    );
    send(&app, bearer(get("/api/v1/auth/me"), &ann).to_request())
        .await
        .problem(401);

    let member = TestRequest::delete().uri("/api/v1/units/org-a/members/ann");
    assert_eq!(
        send(&app, authorised(member).to_request()).await.status,
        204
    );
    let member = TestRequest::delete().uri("/api/v1/units/org-a/members/ann");
    send(&app, authorised(member).to_request())
        .await
        .problem(404);
    let delete = || TestRequest::delete().uri("/api/v1/users/ann");
    assert_eq!(
        send(&app, authorised(delete()).to_request()).await.status,
        204
    );
    send(&app, authorised(delete()).to_request())
        .await
        .problem(404);
    let unit = || TestRequest::delete().uri("/api/v1/units/grp");
    assert_eq!(
        send(&app, authorised(unit()).to_request()).await.status,
        204
    );
    send(&app, authorised(unit()).to_request())
        .await
        .problem(404);
}

#[actix_web::test]
async fn api_keys_are_managed_by_unit_admins_and_shown_once() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    send(
        &app,
        authorised(post(
            "/api/v1/organisations",
            json!({"id": "org-a", "name": "A"}),
        ))
        .to_request(),
    )
    .await;
    let boss = user_with_role(&app, "boss", "org-a", "admin").await;
    let ed = user_with_role(&app, "ed", "org-a", "editor").await;
    let key = json!({"unit": "org-a", "role": "editor", "label": "nightly"});
    send(
        &app,
        bearer(post("/api/v1/api-keys", key.clone()), &ed).to_request(),
    )
    .await
    .problem(403);
    let created = send(
        &app,
        bearer(post("/api/v1/api-keys", key), &boss).to_request(),
    )
    .await;
    assert_eq!(created.status, 201, "{}", created.text());
    let body = created.json();
    let (id, secret) = (
        body["id"].as_str().expect("id"),
        body["secret"].as_str().expect("secret"),
    );
    assert!(secret.starts_with(&format!("msk_{id}_")));
    assert_eq!(body["created_by"], "user:boss");

    let me = send(&app, bearer(get("/api/v1/auth/me"), secret).to_request())
        .await
        .json();
    assert_eq!(me["subject"], format!("apikey:{id}"));
    let list = send(
        &app,
        bearer(get("/api/v1/api-keys?unit=org-a"), &boss).to_request(),
    )
    .await;
    assert_eq!(list.json()["items"][0]["id"], id);
    assert!(
        !list.text().contains(&secret[secret.len() - 16..]),
        "the secret is shown once"
    );
    send(
        &app,
        bearer(get("/api/v1/api-keys?colour=red"), &boss).to_request(),
    )
    .await
    .problem(400);

    let revoke = || TestRequest::delete().uri(&format!("/api/v1/api-keys/{id}"));
    send(&app, bearer(revoke(), &ed).to_request())
        .await
        .problem(403);
    assert_eq!(
        send(&app, bearer(revoke(), &boss).to_request())
            .await
            .status,
        204
    );
    send(&app, bearer(get("/api/v1/auth/me"), secret).to_request())
        .await
        .problem(401);
}

#[actix_web::test]
async fn sign_in_failures_say_nothing_and_are_rate_limited() {
    let mut f = Fixture::new().await;
    f.auth = authenticator_with(&f.store, 2);
    let app = crate::app!(f);
    let org = post("/api/v1/organisations", json!({"id": "org-a", "name": "A"}));
    send(&app, authorised(org).to_request()).await;
    user_with_role(&app, "ann", "org-a", "reader").await;
    let login = |user: &str, password: &str| {
        post(
            "/api/v1/auth/token",
            json!({"username": user, "password": password}),
        )
    };
    let unknown = send(&app, login("nobody", "whatever password").to_request())
        .await
        .problem(401);
    let wrong = send(&app, login("ann", "wrong password").to_request())
        .await
        .problem(401);
    assert_eq!(
        unknown["detail"], wrong["detail"],
        "one message for every failure"
    );
    // Two failures from this client: the next attempt, even a right one, must wait.
    let limited = send(&app, login("ann", "ann's password").to_request()).await;
    assert_eq!(limited.status, 429, "{}", limited.text());
    assert!(limited.header("retry-after").parse::<u64>().is_ok());
    assert_eq!(limited.header("content-type"), "application/problem+json");
    let r = send(
        &app,
        post("/api/v1/auth/refresh", json!({"refresh_token": "nope"})).to_request(),
    )
    .await;
    r.problem(401);
    let r = send(
        &app,
        post("/api/v1/auth/token", json!({"username": "ann"})).to_request(),
    )
    .await;
    r.problem(400);
}

#[actix_web::test]
async fn a_refresh_token_gives_a_new_pair() {
    let f = Fixture::new().await;
    let app = crate::app!(f);
    send(
        &app,
        authorised(post(
            "/api/v1/users",
            json!({"username": "ann", "password": "ann's password"}),
        ))
        .to_request(),
    )
    .await;
    let login = || {
        post(
            "/api/v1/auth/token",
            json!({"username": "ann", "password": "ann's password"}),
        )
        .to_request()
    };
    let refresh_with =
        |token: &str| post("/api/v1/auth/refresh", json!({"refresh_token": token})).to_request();
    let pair = send(&app, login()).await.json();
    let refresh = pair["refresh_token"].as_str().expect("refresh token");
    send(&app, bearer(get("/api/v1/auth/me"), refresh).to_request())
        .await
        .problem(401);
    // A → B.
    let again = send(&app, refresh_with(refresh)).await;
    assert_eq!(again.status, 200, "{}", again.text());
    assert_eq!(again.header("cache-control"), "no-store");
    let next = again.json();
    let access = next["access_token"].as_str().expect("access").to_owned();
    let me = send(&app, bearer(get("/api/v1/auth/me"), &access).to_request())
        .await
        .json();
    assert_eq!(me["subject"], "user:ann");
    let next_refresh = next["refresh_token"].as_str().expect("next refresh");
    assert_ne!(next_refresh, refresh);

    // Single use: A replayed is refused, with the message of any other token that does
    // not verify...
    let reused = send(&app, refresh_with(refresh)).await.problem(401);
    let garbage = send(&app, refresh_with("nope")).await.problem(401);
    assert_eq!(reused["detail"], garbage["detail"]);
    // ...and the replay revoked A's family: B, never used, is refused too.
    let revoked = send(&app, refresh_with(next_refresh)).await.problem(401);
    assert_eq!(revoked["detail"], garbage["detail"]);

    // Signing in again starts a new chain, which works, each token once.
    let fresh = send(&app, login()).await;
    assert_eq!(fresh.status, 200, "{}", fresh.text());
    let fresh_refresh = fresh.json()["refresh_token"]
        .as_str()
        .expect("fresh refresh")
        .to_owned();
    let third = send(&app, refresh_with(&fresh_refresh)).await;
    assert_eq!(third.status, 200, "{}", third.text());
    let third_access = third.json()["access_token"]
        .as_str()
        .expect("third access")
        .to_owned();
    let me = send(
        &app,
        bearer(get("/api/v1/auth/me"), &third_access).to_request(),
    )
    .await
    .json();
    assert_eq!(me["subject"], "user:ann");
}
