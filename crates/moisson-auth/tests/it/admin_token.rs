//! The bootstrap admin token: right, wrong and unset.

use moisson_auth::{AuthConfig, AuthError};
use moisson_model::Viewer;

use crate::common::{authenticator, config, store};

#[tokio::test]
async fn right_admin_token_is_admin() {
    let (_dir, store) = store().await;
    let auth = authenticator(
        AuthConfig {
            admin_token: Some("s3cret-admin".to_owned()),
            ..config()
        },
        &store,
    );
    assert!(auth.admin_token_configured());
    for header in ["Bearer s3cret-admin", "bearer  s3cret-admin "] {
        assert_eq!(
            auth.viewer(Some(header)).await.ok(),
            Some(Viewer::Admin),
            "{header}"
        );
    }
}

#[tokio::test]
async fn wrong_admin_token_and_other_headers_are_refused() {
    let (_dir, store) = store().await;
    let auth = authenticator(
        AuthConfig {
            admin_token: Some("s3cret-admin".to_owned()),
            ..config()
        },
        &store,
    );
    for header in [
        "Bearer s3cret-admi",
        "Bearer s3cret-admin2",
        "Basic s3cret-admin",
        "s3cret-admin",
        "Bearer ",
        "",
        "Bearer a.b.c",
        "Bearer \u{1F600}",
    ] {
        let err = auth.viewer(Some(header)).await.expect_err(header);
        assert!(matches!(err, AuthError::Unauthenticated), "{header}: {err}");
        assert_eq!(err.to_string(), "invalid credentials");
    }
    assert_eq!(auth.viewer(None).await.ok(), Some(Viewer::Anonymous));
}

#[tokio::test]
async fn unset_or_empty_admin_token_is_off() {
    let (_dir, store) = store().await;
    for admin_token in [None, Some(String::new())] {
        let auth = authenticator(
            AuthConfig {
                admin_token,
                ..config()
            },
            &store,
        );
        assert!(!auth.admin_token_configured());
        assert!(matches!(
            auth.viewer(Some("Bearer ")).await,
            Err(AuthError::Unauthenticated)
        ));
        assert!(matches!(
            auth.viewer(Some("Bearer x")).await,
            Err(AuthError::Unauthenticated)
        ));
    }
}

#[test]
fn authenticator_and_its_futures_are_send() {
    fn is_send<T: Send>(_: &T) {}
    fn is_send_sync<T: Send + Sync>() {}
    is_send_sync::<moisson_auth::Authenticator>();
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    runtime.block_on(async {
        let (_dir, store) = store().await;
        let auth = authenticator(config(), &store);
        is_send(&auth.viewer(None));
        is_send(&auth.login("a", "b", "c"));
        is_send(&auth.refresh("r"));
    });
}
