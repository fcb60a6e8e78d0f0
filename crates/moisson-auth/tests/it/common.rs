//! A real SQLite store with accounts, and authenticators over it.

use std::sync::Arc;

use jsonwebtoken::{Algorithm, EncodingKey, Header};
use moisson_auth::{AuthConfig, AuthError, Authenticator, TokenPair, hash_password};
use moisson_model::account::{Unit, UnitKind};
use moisson_model::{Role, Viewer};
use moisson_store::{AccountStore, NewUser, Store};
use tempfile::TempDir;

pub const SECRET: &str = "test secret test secret test secret!";

/// A fresh SQLite store; keep the `TempDir` alive as long as the store.
pub async fn store() -> (TempDir, Arc<dyn Store>) {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}/m.db", dir.path().display());
    let store = moisson_store::open(&url).await.expect("opens");
    (dir, store)
}

pub fn config() -> AuthConfig {
    AuthConfig {
        jwt_secret: Some(SECRET.to_owned()),
        ..AuthConfig::default()
    }
}

pub fn authenticator(config: AuthConfig, store: &Arc<dyn Store>) -> Authenticator {
    let accounts: Arc<dyn AccountStore> = store.clone();
    Authenticator::new(config, accounts).expect("valid config")
}

pub async fn create_unit(store: &Arc<dyn Store>, id: &str) {
    let unit = Unit {
        id: id.to_owned(),
        kind: UnitKind::Organisation,
        name: id.to_owned(),
    };
    store.create_unit(unit, &Viewer::Admin).await.expect("unit");
}

/// A user with `password`, editor of `ddt-01` (created if needed).
pub async fn create_editor(store: &Arc<dyn Store>, username: &str, password: &str) {
    let units = store.list_units().await.expect("units");
    if !units.iter().any(|u| u.id == "ddt-01") {
        create_unit(store, "ddt-01").await;
    }
    let user = NewUser {
        username: username.to_owned(),
        name: None,
        email: None,
        password_hash: Some(hash_password(password).expect("hash")),
        superadmin: false,
    };
    store.create_user(user, &Viewer::Admin).await.expect("user");
    store
        .set_membership(username, "ddt-01", Role::Editor, &Viewer::Admin)
        .await
        .expect("membership");
}

pub fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Whether a login or refresh was refused as unauthenticated.
pub fn refused(result: Result<TokenPair, AuthError>) -> bool {
    matches!(result, Err(AuthError::Unauthenticated))
}

/// `claims` signed with HS256 and `secret`, as a local token.
pub fn local_token(claims: &serde_json::Value, secret: &str) -> String {
    jsonwebtoken::encode(
        &Header::new(Algorithm::HS256),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .expect("signs")
}
