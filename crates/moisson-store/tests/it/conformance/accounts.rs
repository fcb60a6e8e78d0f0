//! Accounts: users, organisations and groups, memberships and API keys, with the
//! actor checks of every management call.

use std::sync::Arc;

use moisson_model::account::{ApiKey, Unit, UnitKind};
use moisson_model::{Membership, Role, Viewer};
use moisson_store::{Error, NewUser, Result, Store, UserChanges};

use super::rights::{member_of, superadmin};

pub(super) fn refused<T: std::fmt::Debug>(what: &str, r: Result<T>, expected: fn(&Error) -> bool) {
    match &r {
        Err(e) if expected(e) => {}
        _ => panic!("{what}: {r:?}"),
    }
}

pub(super) fn is_forbidden(e: &Error) -> bool {
    matches!(e, Error::Forbidden(_))
}

pub(super) fn is_conflict(e: &Error) -> bool {
    matches!(e, Error::Conflict(_))
}

pub(super) fn is_invalid(e: &Error) -> bool {
    matches!(e, Error::Invalid(_))
}

fn new_user(name: &str, hash: &str) -> NewUser {
    NewUser {
        username: name.to_owned(),
        name: Some(format!("{name} Martin")),
        email: Some(format!("{name}@example.org")),
        password_hash: Some(hash.to_owned()),
        superadmin: false,
    }
}

fn unit(id: &str, kind: UnitKind) -> Unit {
    Unit {
        id: id.to_owned(),
        kind,
        name: format!("Unit {id}"),
    }
}

fn membership(unit: &str, role: Role) -> Membership {
    Membership {
        unit: unit.to_owned(),
        role,
    }
}

pub(super) fn key(id: &str, unit: &str, role: Role) -> ApiKey {
    ApiKey {
        id: id.to_owned(),
        unit: unit.to_owned(),
        role,
        label: Some(format!("key {id}")),
        created_by: "user:bob".to_owned(),
        created: None,
        revoked: false,
        secret_hash: format!("{id}-hash"),
    }
}

/// Units a, b (organisations) and g (group); users alice and bob, bob admin of a.
pub(super) async fn setup(store: &Arc<dyn Store>) {
    let root = superadmin();
    for (id, kind) in [
        ("a", UnitKind::Organisation),
        ("b", UnitKind::Organisation),
        ("g", UnitKind::Group),
    ] {
        store
            .create_unit(unit(id, kind), &root)
            .await
            .expect("unit");
    }
    for name in ["alice", "bob"] {
        let user = store.create_user(new_user(name, "h1"), &root).await;
        let user = user.expect("user");
        assert_eq!(user.username, name);
        assert!(user.created.is_some() && user.memberships.is_empty());
    }
    store
        .set_membership("bob", "a", Role::Admin, &Viewer::Admin)
        .await
        .expect("bob admin of a");
}

pub async fn accounts_users_and_units(store: Arc<dyn Store>) {
    setup(&store).await;
    let root = superadmin();
    let bob = member_of("bob", &[("a", Role::Admin)]);
    refused(
        "same unit id",
        store.create_unit(unit("a", UnitKind::Group), &root).await,
        is_conflict,
    );
    refused(
        "same username",
        store.create_user(new_user("alice", "x"), &root).await,
        is_conflict,
    );
    refused(
        "unit admin creates a user",
        store.create_user(new_user("carol", "x"), &bob).await,
        is_forbidden,
    );
    refused(
        "unit admin creates a unit",
        store.create_unit(unit("c", UnitKind::Group), &bob).await,
        is_forbidden,
    );
    let units = store.list_units().await.expect("units");
    let listed: Vec<(&str, UnitKind)> = units.iter().map(|u| (u.id.as_str(), u.kind)).collect();
    assert_eq!(
        listed,
        [
            ("a", UnitKind::Organisation),
            ("b", UnitKind::Organisation),
            ("g", UnitKind::Group)
        ]
    );
    let alice = store.user_credentials("alice").await.expect("read");
    let alice = alice.expect("alice exists");
    assert_eq!(alice.password_hash.as_deref(), Some("h1"));
    assert_eq!(alice.user.email.as_deref(), Some("alice@example.org"));
    assert!(!alice.user.superadmin && !alice.user.disabled);
    assert!(
        store
            .user_credentials("nobody")
            .await
            .expect("read")
            .is_none()
    );
    refused(
        "list by a unit admin",
        store.list_users(&bob).await,
        is_forbidden,
    );
    let users = store.list_users(&root).await.expect("users");
    let names: Vec<&str> = users.iter().map(|u| u.username.as_str()).collect();
    assert_eq!(names, ["alice", "bob"]);
    assert_eq!(users[1].memberships, [membership("a", Role::Admin)]);
    update_users(&store).await;
    refused(
        "unit admin deletes a user",
        store.delete_user("alice", &bob).await,
        is_forbidden,
    );
    assert!(store.delete_user("alice", &root).await.expect("delete"));
    assert!(
        !store
            .delete_user("alice", &root)
            .await
            .expect("delete again")
    );
    assert!(
        store
            .user_credentials("alice")
            .await
            .expect("read")
            .is_none()
    );
}

/// Users change their own name, email and password; superadmins change anything.
async fn update_users(store: &Arc<dyn Store>) {
    let alice = member_of("alice", &[]);
    let own = UserChanges {
        name: Some(Some("Alice M.".to_owned())),
        email: Some(None),
        password_hash: Some("h2".to_owned()),
        ..UserChanges::default()
    };
    assert!(store.update_user("alice", own, &alice).await.expect("own"));
    let read = store.user_credentials("alice").await.expect("read");
    let read = read.expect("alice");
    assert_eq!(read.user.name.as_deref(), Some("Alice M."));
    assert_eq!(read.user.email, None);
    assert_eq!(read.password_hash.as_deref(), Some("h2"));
    let promote = UserChanges {
        superadmin: Some(true),
        ..UserChanges::default()
    };
    refused(
        "a user makes themselves superadmin",
        store.update_user("alice", promote.clone(), &alice).await,
        is_forbidden,
    );
    let rename = UserChanges {
        name: Some(Some("Robert".to_owned())),
        ..UserChanges::default()
    };
    refused(
        "a user renames another",
        store.update_user("bob", rename, &alice).await,
        is_forbidden,
    );
    let disable = UserChanges {
        disabled: Some(true),
        ..promote
    };
    assert!(
        store
            .update_user("alice", disable.clone(), &superadmin())
            .await
            .expect("root")
    );
    let read = store.user_credentials("alice").await.expect("read");
    let read = read.expect("alice");
    assert!(read.user.superadmin && read.user.disabled);
    assert_eq!(read.user.name.as_deref(), Some("Alice M."), "kept");
    assert!(
        !store
            .update_user("nobody", disable, &Viewer::Admin)
            .await
            .expect("absent")
    );
}

pub async fn accounts_memberships(store: Arc<dyn Store>) {
    setup(&store).await;
    let bob = member_of("bob", &[("a", Role::Admin)]);
    let roles = |store: Arc<dyn Store>| async move {
        let user = store.user_credentials("alice").await.expect("read");
        user.expect("alice").user.memberships
    };
    store
        .set_membership("alice", "a", Role::Editor, &bob)
        .await
        .expect("unit admin adds");
    store
        .set_membership("alice", "a", Role::Reviewer, &bob)
        .await
        .expect("unit admin replaces");
    store
        .set_membership("alice", "g", Role::Reader, &Viewer::Admin)
        .await
        .expect("superadmin adds");
    assert_eq!(
        roles(Arc::clone(&store)).await,
        [
            membership("a", Role::Reviewer),
            membership("g", Role::Reader)
        ]
    );
    refused(
        "admin of a manages b",
        store.set_membership("alice", "b", Role::Reader, &bob).await,
        is_forbidden,
    );
    let reviewer = member_of("alice", &[("a", Role::Reviewer)]);
    refused(
        "a reviewer manages members",
        store
            .set_membership("bob", "a", Role::Reader, &reviewer)
            .await,
        is_forbidden,
    );
    refused(
        "unknown user",
        store
            .set_membership("nobody", "a", Role::Reader, &bob)
            .await,
        is_invalid,
    );
    refused(
        "unknown unit",
        store
            .set_membership("alice", "zz", Role::Reader, &superadmin())
            .await,
        is_invalid,
    );
    refused(
        "admin of a removes from g",
        store.remove_membership("alice", "g", &bob).await,
        is_forbidden,
    );
    assert!(
        store
            .remove_membership("alice", "a", &bob)
            .await
            .expect("remove")
    );
    assert!(
        !store
            .remove_membership("alice", "a", &bob)
            .await
            .expect("again")
    );
    assert_eq!(
        roles(Arc::clone(&store)).await,
        [membership("g", Role::Reader)]
    );
}
