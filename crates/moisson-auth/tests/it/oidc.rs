//! OpenID Connect tokens verified against a real local JWKS endpoint.

use std::collections::BTreeMap;
use std::time::Duration;

use moisson_auth::{AuthConfig, AuthError, Authenticator, OidcIssuer};
use moisson_model::{Membership, Principal, Role, Viewer};
use serde_json::{Value, json};

use crate::common::{authenticator, bearer, config, store};
use crate::jwks_server::{JwksServer, TestKey};

const ISSUER: &str = "https://idp.example.org/realms/test";

fn issuer(jwks_url: &str) -> OidcIssuer {
    OidcIssuer {
        issuer: ISSUER.to_owned(),
        jwks_url: jwks_url.to_owned(),
        audience: Some("moisson".to_owned()),
        memberships: BTreeMap::from([
            ("gis-editors".to_owned(), vec!["ddt-01:editor".to_owned()]),
            (
                "gis-readers".to_owned(),
                vec!["ddt-01:reader".to_owned(), "ddt-02:reader".to_owned()],
            ),
        ]),
        superadmin_values: vec!["catalogue-admins".to_owned()],
        ..OidcIssuer::default()
    }
}

async fn oidc_authenticator(issuer: OidcIssuer) -> (tempfile::TempDir, Authenticator) {
    let (dir, store) = store().await;
    let auth = authenticator(
        AuthConfig {
            oidc: vec![issuer],
            ..config()
        },
        &store,
    );
    (dir, auth)
}

fn claims(groups: Value) -> Value {
    let now = jsonwebtoken::get_current_timestamp();
    json!({"iss": ISSUER, "sub": "alice", "aud": "moisson", "iat": now, "exp": now + 300, "groups": groups})
}

fn with(mut claims: Value, key: &str, value: Value) -> Value {
    claims[key] = value;
    claims
}

async fn refused(auth: &Authenticator, token: &str) -> bool {
    matches!(
        auth.viewer(Some(&bearer(token))).await,
        Err(AuthError::Unauthenticated)
    )
}

#[tokio::test]
async fn oidc_token_maps_memberships_and_superadmin() {
    let rsa = TestKey::rsa("rsa_a.pem", "a");
    let ec = TestKey::ec("ec_p256.pem", "e");
    let server = JwksServer::start(&[&rsa, &ec]).await;
    let (_dir, auth) = oidc_authenticator(issuer(&server.url)).await;

    let token = rsa.sign(&claims(json!(["gis-editors", "gis-readers", "unmapped"])));
    let expected = Viewer::Member(Principal {
        subject: format!("oidc:{ISSUER}#alice"),
        memberships: vec![
            Membership {
                unit: "ddt-01".to_owned(),
                role: Role::Editor,
            },
            Membership {
                unit: "ddt-01".to_owned(),
                role: Role::Reader,
            },
            Membership {
                unit: "ddt-02".to_owned(),
                role: Role::Reader,
            },
        ],
        superadmin: false,
    });
    assert_eq!(
        auth.viewer(Some(&bearer(&token))).await.ok(),
        Some(expected)
    );

    // A string claim works too; an ES256 key as well.
    let admin = ec.sign(&claims(json!("catalogue-admins")));
    let viewer = auth.viewer(Some(&bearer(&admin))).await.expect("verifies");
    assert!(viewer.sees_all());
    assert!(viewer.memberships().is_empty());
    // Keys are cached: one fetch for all of this.
    assert_eq!(server.fetches(), 1);
}

#[tokio::test]
async fn unknown_kid_triggers_one_refetch() {
    let old = TestKey::rsa("rsa_a.pem", "old");
    let new = TestKey::rsa("rsa_b.pem", "new");
    let server = JwksServer::start(&[&old]).await;
    let (_dir, auth) = oidc_authenticator(OidcIssuer {
        jwks_min_refetch_secs: 1,
        ..issuer(&server.url)
    })
    .await;
    let groups = json!(["gis-editors"]);
    assert!(
        auth.viewer(Some(&bearer(&old.sign(&claims(groups.clone())))))
            .await
            .is_ok()
    );
    assert_eq!(server.fetches(), 1);

    tokio::time::sleep(Duration::from_millis(1100)).await;
    server.publish(&[&new]);
    assert!(
        auth.viewer(Some(&bearer(&new.sign(&claims(groups.clone())))))
            .await
            .is_ok()
    );
    assert_eq!(server.fetches(), 2, "the unknown kid made one refetch");

    // Another unknown kid right away: no new fetch, refused.
    let stranger = TestKey::rsa("rsa_unknown.pem", "stranger");
    assert!(refused(&auth, &stranger.sign(&claims(groups.clone()))).await);
    // The rotated-out key is gone too.
    assert!(refused(&auth, &old.sign(&claims(groups))).await);
    assert_eq!(server.fetches(), 2);
}

#[tokio::test]
async fn unknown_kid_does_not_refetch_within_the_default_minute() {
    let key = TestKey::rsa("rsa_a.pem", "a");
    let server = JwksServer::start(&[&key]).await;
    let (_dir, auth) = oidc_authenticator(issuer(&server.url)).await;
    let token = key.sign(&claims(json!([])));
    assert!(auth.viewer(Some(&bearer(&token))).await.is_ok());
    for kid in ["x", "y", "z"] {
        assert!(refused(&auth, &key.renamed(kid).sign(&claims(json!([])))).await);
    }
    assert_eq!(server.fetches(), 1);
}

#[tokio::test]
async fn tokens_that_do_not_verify_are_refused() {
    let key = TestKey::rsa("rsa_a.pem", "a");
    let server = JwksServer::start(&[&key]).await;
    let (_dir, auth) = oidc_authenticator(issuer(&server.url)).await;
    let good = claims(json!(["gis-editors"]));
    assert!(auth.viewer(Some(&bearer(&key.sign(&good)))).await.is_ok());

    let now = jsonwebtoken::get_current_timestamp();
    let stranger = TestKey::rsa("rsa_unknown.pem", "a");
    let hs256 = jsonwebtoken::encode(
        &jsonwebtoken::Header::new(jsonwebtoken::Algorithm::HS256),
        &good,
        &jsonwebtoken::EncodingKey::from_secret(b"anything"),
    )
    .expect("signs");
    let cases = [
        (
            "signed by an unknown key under a known kid",
            stranger.sign(&good),
        ),
        (
            "wrong audience",
            key.sign(&with(good.clone(), "aud", json!("someone-else"))),
        ),
        (
            "no audience",
            key.sign(&{
                let mut c = good.clone();
                c.as_object_mut().expect("object").remove("aud");
                c
            }),
        ),
        (
            "expired",
            key.sign(&with(good.clone(), "exp", json!(now - 3600))),
        ),
        (
            "no subject",
            key.sign(&with(good.clone(), "sub", json!(""))),
        ),
        (
            "unconfigured issuer",
            key.sign(&with(good.clone(), "iss", json!("https://evil.example"))),
        ),
        ("symmetric algorithm", hs256),
    ];
    for (why, token) in cases {
        assert!(refused(&auth, &token).await, "{why}");
    }
}

#[tokio::test]
async fn without_configured_audience_any_audience_is_accepted() {
    let key = TestKey::rsa("rsa_a.pem", "a");
    let server = JwksServer::start(&[&key]).await;
    let (_dir, auth) = oidc_authenticator(OidcIssuer {
        audience: None,
        ..issuer(&server.url)
    })
    .await;
    let token = key.sign(&with(claims(json!([])), "aud", json!(["account", "other"])));
    assert!(auth.viewer(Some(&bearer(&token))).await.is_ok());
}

#[tokio::test]
async fn unreachable_jwks_refuses_without_error() {
    let key = TestKey::rsa("rsa_a.pem", "a");
    let server = JwksServer::start(&[]).await;
    let url = server.url.replace("/jwks", "/missing");
    let (_dir, auth) = oidc_authenticator(issuer(&url)).await;
    assert!(refused(&auth, &key.sign(&claims(json!([])))).await);
}
