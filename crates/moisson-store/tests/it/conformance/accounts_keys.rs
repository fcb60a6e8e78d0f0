//! Accounts: API keys, and deleting a unit (with its keys and memberships).

use std::sync::Arc;

use moisson_model::account::ApiKey;
use moisson_model::{RecordId, Role, Viewer};
use moisson_store::Store;

use super::accounts::{is_conflict, is_forbidden, is_invalid, key, refused, setup};
use super::put_all;
use super::rights::{member_of, superadmin};
use crate::builder::rec;

pub async fn accounts_api_keys(store: Arc<dyn Store>) {
    setup(&store).await;
    let bob = member_of("bob", &[("a", Role::Admin)]);
    let carol = member_of("carol", &[("b", Role::Admin)]);
    store
        .create_api_key(key("k1", "a", Role::Editor), &bob)
        .await
        .expect("unit admin creates");
    store
        .create_api_key(key("k2", "b", Role::Admin), &Viewer::Admin)
        .await
        .expect("superadmin creates");
    refused(
        "same id",
        store
            .create_api_key(key("k1", "a", Role::Reader), &bob)
            .await,
        is_conflict,
    );
    refused(
        "unknown unit",
        store
            .create_api_key(key("k3", "zz", Role::Reader), &superadmin())
            .await,
        is_invalid,
    );
    refused(
        "admin of a creates for b",
        store
            .create_api_key(key("k4", "b", Role::Reader), &bob)
            .await,
        is_forbidden,
    );
    let reviewer = member_of("alice", &[("a", Role::Reviewer)]);
    refused(
        "a reviewer creates a key",
        store
            .create_api_key(key("k5", "a", Role::Reader), &reviewer)
            .await,
        is_forbidden,
    );
    let k1 = store.api_key("k1").await.expect("read").expect("k1");
    assert_eq!((k1.unit.as_str(), k1.role), ("a", Role::Editor));
    assert_eq!(k1.secret_hash, "k1-hash");
    assert_eq!(k1.created_by, "user:bob");
    assert!(k1.created.is_some() && !k1.revoked);
    assert!(store.api_key("k9").await.expect("read").is_none());
    let listed = |keys: Vec<ApiKey>| keys.into_iter().map(|k| k.id).collect::<Vec<_>>();
    let of_a = store.list_api_keys(Some("a"), &bob).await.expect("list");
    assert_eq!(listed(of_a), ["k1"]);
    let own = store.list_api_keys(None, &bob).await.expect("list");
    assert_eq!(
        listed(own),
        ["k1"],
        "an admin lists the keys of their units"
    );
    let all = store
        .list_api_keys(None, &superadmin())
        .await
        .expect("list");
    assert_eq!(listed(all), ["k1", "k2"]);
    refused(
        "admin of a lists b",
        store.list_api_keys(Some("b"), &bob).await,
        is_forbidden,
    );
    refused(
        "admin of b revokes a key of a",
        store.revoke_api_key("k1", &carol).await,
        is_forbidden,
    );
    assert!(store.revoke_api_key("k1", &bob).await.expect("revoke"));
    assert!(!store.revoke_api_key("k9", &bob).await.expect("unknown"));
    assert!(
        store
            .api_key("k1")
            .await
            .expect("read")
            .expect("kept")
            .revoked
    );
}

pub async fn accounts_delete_unit_refuses_while_it_owns_records(store: Arc<dyn Store>) {
    setup(&store).await;
    let root = superadmin();
    store
        .create_api_key(key("k1", "a", Role::Reader), &root)
        .await
        .expect("key");
    put_all(&store, vec![rec("r").org("a").build()]).await;
    refused(
        "unit admin deletes a unit",
        store
            .delete_unit("a", &member_of("bob", &[("a", Role::Admin)]))
            .await,
        is_forbidden,
    );
    refused(
        "a unit owning records",
        store.delete_unit("a", &root).await,
        is_conflict,
    );
    let r = RecordId::parse("r").expect("id");
    assert!(store.delete(&r, &Viewer::Admin).await.expect("delete"));
    assert!(store.delete_unit("a", &root).await.expect("delete unit"));
    assert!(!store.delete_unit("a", &root).await.expect("again"));
    assert!(
        store.api_key("k1").await.expect("read").is_none(),
        "keys go too"
    );
    let bob = store.user_credentials("bob").await.expect("read");
    assert!(bob.expect("bob stays").user.memberships.is_empty());
    let ids: Vec<String> = store
        .list_units()
        .await
        .expect("units")
        .into_iter()
        .map(|u| u.id)
        .collect();
    assert_eq!(ids, ["b", "g"]);
}
