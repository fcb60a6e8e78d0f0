//! Refresh tokens: single use (rotation), and a second use revokes every token descended
//! from the same sign-in (reuse detection), on every node sharing the store.

use std::sync::Arc;

use moisson_auth::{AuthError, Authenticator, TokenPair};
use moisson_store::Store;
use serde_json::json;

use crate::common::{
    SECRET, authenticator, bearer, config, create_editor, local_token, refused, store,
};

/// A store with user `ann`, and an authenticator over it.
async fn signed_up() -> (tempfile::TempDir, Arc<dyn Store>, Authenticator) {
    let (dir, store) = store().await;
    create_editor(&store, "ann", "correct horse").await;
    let auth = authenticator(config(), &store);
    (dir, store, auth)
}

async fn login(auth: &Authenticator) -> TokenPair {
    auth.login("ann", "correct horse", "10.0.0.1")
        .await
        .expect("signs in")
}

#[tokio::test]
async fn a_refresh_token_works_once() {
    let (_dir, store, auth) = signed_up().await;
    let other_node = authenticator(config(), &store);
    let pair = login(&auth).await;
    let next = auth.refresh(&pair.refresh_token).await.expect("refreshes");
    assert_ne!(next.refresh_token, pair.refresh_token);
    // The chain goes on from any node, each token once.
    let third = other_node
        .refresh(&next.refresh_token)
        .await
        .expect("the new one refreshes");
    // Used: refused with the message of every other failure, on another node too.
    let err = auth.refresh(&next.refresh_token).await.expect_err("reused");
    assert!(matches!(err, AuthError::Unauthenticated), "{err}");
    assert_eq!(err.to_string(), "invalid credentials");
    assert!(refused(other_node.refresh(&pair.refresh_token).await));
    // And that reuse revoked the rest of the chain.
    assert!(refused(auth.refresh(&third.refresh_token).await));

    // Two uses at once, on two nodes: exactly one wins, and the loser's use revokes the
    // family, so what the winner got is refused too.
    let racing = login(&auth).await;
    let (a, b) = tokio::join!(
        auth.refresh(&racing.refresh_token),
        other_node.refresh(&racing.refresh_token)
    );
    assert_eq!(
        [a.is_ok(), b.is_ok()].iter().filter(|ok| **ok).count(),
        1,
        "{a:?} {b:?}"
    );
    let won = a.or(b).expect("one won");
    assert!(refused(auth.refresh(&won.refresh_token).await));

    // A refresh token without an id (as made before ids existed) cannot refresh.
    let now = jsonwebtoken::get_current_timestamp();
    let no_id =
        json!({"iss": "moisson", "sub": "ann", "typ": "refresh", "iat": now, "exp": now + 600});
    assert!(refused(auth.refresh(&local_token(&no_id, SECRET)).await));
}

/// The legitimate client rotated A → B, then a thief replays A: refused, and B (whoever
/// holds it) is refused too, on every node; other sign-ins and new ones still work.
#[tokio::test]
async fn a_replayed_refresh_token_revokes_its_family() {
    let (_dir, store, auth) = signed_up().await;
    let other_node = authenticator(config(), &store);
    let a = login(&auth).await;
    let elsewhere = login(&auth).await;
    let b = auth.refresh(&a.refresh_token).await.expect("A → B");

    assert!(
        refused(other_node.refresh(&a.refresh_token).await),
        "replay"
    );
    assert!(refused(auth.refresh(&b.refresh_token).await), "B revoked");
    assert!(refused(other_node.refresh(&b.refresh_token).await));
    // Access tokens already issued are not revoked: they expire soon on their own.
    assert!(auth.viewer(Some(&bearer(&b.access_token))).await.is_ok());

    // Another sign-in is another family.
    let elsewhere_next = other_node
        .refresh(&elsewhere.refresh_token)
        .await
        .expect("another family refreshes");
    auth.refresh(&elsewhere_next.refresh_token)
        .await
        .expect("and goes on");
    // Signing in again starts a new family.
    let fresh = login(&auth).await;
    let fresh_next = auth
        .refresh(&fresh.refresh_token)
        .await
        .expect("a new sign-in refreshes");
    assert!(
        auth.viewer(Some(&bearer(&fresh_next.access_token)))
            .await
            .is_ok()
    );
}

/// The thief used A first (A → X): the legitimate client's use of A is refused, and
/// revokes X.
#[tokio::test]
async fn a_thief_who_refreshed_first_loses_the_chain() {
    let (_dir, _store, auth) = signed_up().await;
    let a = login(&auth).await;
    let x = auth.refresh(&a.refresh_token).await.expect("the thief");
    assert!(refused(auth.refresh(&a.refresh_token).await), "the client");
    assert!(refused(auth.refresh(&x.refresh_token).await), "X revoked");
}

/// A refresh token made before families existed (an id, no `fam`) still refreshes; its
/// successors are its family, so replaying it revokes them.
#[tokio::test]
async fn tokens_without_a_family_stand_for_their_own() {
    let (_dir, _store, auth) = signed_up().await;
    let now = jsonwebtoken::get_current_timestamp();
    let legacy = local_token(
        &json!({"iss": "moisson", "sub": "ann", "typ": "refresh", "iat": now,
                "exp": now + 600, "jti": "0123456789abcdef0123456789abcdef"}),
        SECRET,
    );
    let next = auth.refresh(&legacy).await.expect("an old token refreshes");
    assert!(refused(auth.refresh(&legacy).await), "once");
    assert!(
        refused(auth.refresh(&next.refresh_token).await),
        "its successor was revoked with it"
    );
}
