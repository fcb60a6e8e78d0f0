//! Local login, access tokens, disabled users and rate limiting (refresh tokens: `refresh`).

use std::sync::Arc;

use moisson_auth::{AuthConfig, AuthError};
use moisson_model::{Membership, Principal, Role, Viewer};
use moisson_store::{Store, UserChanges};
use serde_json::json;

use crate::common::{
    SECRET, authenticator, bearer, config, create_editor, local_token, refused, store,
};

fn ann_viewer() -> Viewer {
    Viewer::Member(Principal {
        subject: "user:ann".to_owned(),
        memberships: vec![Membership {
            unit: "ddt-01".to_owned(),
            role: Role::Editor,
        }],
        superadmin: false,
    })
}

async fn disable(store: &Arc<dyn Store>, username: &str) {
    let changes = UserChanges {
        disabled: Some(true),
        ..UserChanges::default()
    };
    assert!(
        store
            .update_user(username, changes, &Viewer::Admin)
            .await
            .expect("updates")
    );
}

#[tokio::test]
async fn login_gives_tokens_that_identify_the_user() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let auth = authenticator(config(), &store);
    let pair = auth
        .login("ann", "correct horse", "10.0.0.1")
        .await
        .expect("signs in");
    assert_eq!(pair.token_type, "Bearer");
    assert_eq!(pair.expires_in, 900);
    assert_eq!(
        auth.viewer(Some(&bearer(&pair.access_token))).await.ok(),
        Some(ann_viewer())
    );
    // A refresh token is not an access token, and the other way round.
    assert!(
        auth.viewer(Some(&bearer(&pair.refresh_token)))
            .await
            .is_err()
    );
    assert!(refused(auth.refresh(&pair.access_token).await));
    // Refreshing gives a working pair.
    let next = auth.refresh(&pair.refresh_token).await.expect("refreshes");
    assert_eq!(
        auth.viewer(Some(&bearer(&next.access_token))).await.ok(),
        Some(ann_viewer())
    );
}

#[tokio::test]
async fn wrong_password_unknown_user_and_disabled_user_look_the_same() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    create_editor(&store, "bob", "bob's password").await;
    disable(&store, "bob").await;
    let auth = authenticator(config(), &store);
    for (username, password) in [
        ("ann", "wrong horse"),
        ("nobody", "correct horse"),
        ("bob", "bob's password"),
        ("ann", ""),
    ] {
        let err = auth
            .login(username, password, "10.0.0.1")
            .await
            .expect_err(username);
        assert!(
            matches!(err, AuthError::Unauthenticated),
            "{username}: {err}"
        );
        assert_eq!(err.to_string(), "invalid credentials");
    }
}

#[tokio::test]
async fn failed_logins_are_limited_per_client_and_never_lock_the_user_out() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let auth = authenticator(
        AuthConfig {
            login_attempts_per_minute: 3,
            ..config()
        },
        &store,
    );
    for _ in 0..3 {
        assert!(refused(auth.login("ann", "guess", "10.0.0.1").await));
    }
    // The right password from another address still signs in: guessing from one
    // address never locks the user out.
    auth.login("ann", "correct horse", "10.0.0.2")
        .await
        .expect("ann from another address");
    // From the guessing address, even the right password is not checked now.
    {
        let err = auth
            .login("ann", "correct horse", "10.0.0.1")
            .await
            .expect_err("limited");
        assert!(
            matches!(err, AuthError::RateLimited { retry_after_secs } if (1..=60).contains(&retry_after_secs)),
            "{err}"
        );
        assert_eq!(
            moisson_model::Classify::class(&err),
            moisson_model::ErrorClass::Unauthorized
        );
    }
    // The client that failed is limited for other usernames too.
    create_editor(&store, "bob", "bob's password").await;
    assert!(matches!(
        auth.login("bob", "bob's password", "10.0.0.1").await,
        Err(AuthError::RateLimited { .. })
    ));
    assert!(
        auth.login("bob", "bob's password", "10.0.0.3")
            .await
            .is_ok()
    );
}

#[tokio::test]
async fn expired_tampered_and_foreign_tokens_are_refused() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let auth = authenticator(config(), &store);
    let now = jsonwebtoken::get_current_timestamp();
    let valid =
        json!({"iss": "moisson", "sub": "ann", "typ": "access", "iat": now, "exp": now + 600});
    assert_eq!(
        auth.viewer(Some(&bearer(&local_token(&valid, SECRET))))
            .await
            .ok(),
        Some(ann_viewer())
    );

    let expired = json!({"iss": "moisson", "sub": "ann", "typ": "access", "iat": now - 7200, "exp": now - 3600});
    let other_key = local_token(&valid, "another secret another secret !!");
    let unknown_user =
        json!({"iss": "moisson", "sub": "zed", "typ": "access", "iat": now, "exp": now + 600});
    let no_typ = json!({"iss": "moisson", "sub": "ann", "iat": now, "exp": now + 600});
    // Same signature over a payload naming a superadmin-to-be.
    let good = local_token(&valid, SECRET);
    let mut parts: Vec<&str> = good.split('.').collect();
    let forged = local_token(
        &json!({"iss": "moisson", "sub": "root", "typ": "access", "iat": now, "exp": now + 600}),
        SECRET,
    );
    let forged_payload = forged.split('.').nth(1).unwrap_or_default().to_owned();
    parts[1] = &forged_payload;
    let tampered = parts.join(".");
    let unsigned = format!(
        "{}.{}.",
        good.split('.').next().unwrap_or_default(),
        forged_payload
    );

    for token in [
        local_token(&expired, SECRET),
        other_key,
        local_token(&unknown_user, SECRET),
        local_token(&no_typ, SECRET),
        tampered,
        unsigned,
    ] {
        assert!(
            matches!(
                auth.viewer(Some(&bearer(&token))).await,
                Err(AuthError::Unauthenticated)
            ),
            "{token}"
        );
    }
}

#[tokio::test]
async fn a_user_disabled_after_login_is_refused() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let auth = authenticator(config(), &store);
    let pair = auth
        .login("ann", "correct horse", "10.0.0.1")
        .await
        .expect("signs in");
    assert!(auth.viewer(Some(&bearer(&pair.access_token))).await.is_ok());
    disable(&store, "ann").await;
    assert!(matches!(
        auth.viewer(Some(&bearer(&pair.access_token))).await,
        Err(AuthError::Unauthenticated)
    ));
    assert!(refused(auth.refresh(&pair.refresh_token).await));
}

#[tokio::test]
async fn membership_changes_apply_at_once() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let auth = authenticator(config(), &store);
    let pair = auth
        .login("ann", "correct horse", "10.0.0.1")
        .await
        .expect("signs in");
    store
        .set_membership("ann", "ddt-01", Role::Reviewer, &Viewer::Admin)
        .await
        .expect("promotes");
    let viewer = auth
        .viewer(Some(&bearer(&pair.access_token)))
        .await
        .expect("valid");
    assert_eq!(viewer.role_in("ddt-01"), Some(Role::Reviewer));
}

#[tokio::test]
async fn tokens_of_another_process_without_a_shared_secret_are_refused() {
    let (_dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let unset = AuthConfig {
        jwt_secret: None,
        ..config()
    };
    let first = authenticator(unset.clone(), &store);
    let second = authenticator(unset, &store);
    let pair = first
        .login("ann", "correct horse", "10.0.0.1")
        .await
        .expect("signs in");
    assert!(
        first
            .viewer(Some(&bearer(&pair.access_token)))
            .await
            .is_ok()
    );
    assert!(
        second
            .viewer(Some(&bearer(&pair.access_token)))
            .await
            .is_err()
    );
}
