//! The `AccountStore` trait: users, organisations and groups, memberships, API keys and
//! the audit log. Every `Store` is one (the audit log is written by the record writes).
//!
//! Management calls take the actor and check it with `check_manage`/`check_superadmin`
//! before touching anything, so the REST API and the CLI cannot forget it.

use async_trait::async_trait;
use chrono::{DateTime, Utc};
use moisson_model::account::{ApiKey, AuditEntry, AuditQuery, Unit, User, UserCredentials};
use moisson_model::{Role, Viewer, rights};

use crate::{Error, Result};

/// A user to create; `password_hash` is an argon2 PHC string made by `moisson-auth`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewUser {
    pub username: String,
    pub name: Option<String>,
    pub email: Option<String>,
    pub password_hash: Option<String>,
    pub superadmin: bool,
}

/// Changes to a user; `None` leaves a field as it is.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UserChanges {
    pub name: Option<Option<String>>,
    pub email: Option<Option<String>>,
    pub password_hash: Option<String>,
    pub superadmin: Option<bool>,
    pub disabled: Option<bool>,
}

fn unsupported<T>() -> Result<T> {
    Err(Error::UnsupportedQuery(
        "this store does not keep accounts".to_owned(),
    ))
}

/// Accounts and the audit log. Defaults refuse, so a store without accounts still builds.
#[async_trait]
pub trait AccountStore: Send + Sync {
    /// Creates a user (superadmin only). `Error::Conflict` when the name is taken.
    async fn create_user(&self, user: NewUser, actor: &Viewer) -> Result<User> {
        let _ = (user, actor);
        unsupported()
    }

    /// A user with its memberships, for the authenticator (no actor check: it is how
    /// callers are identified). `None` when unknown.
    async fn user_credentials(&self, username: &str) -> Result<Option<UserCredentials>> {
        let _ = username;
        unsupported()
    }

    /// Every user with memberships, by username (superadmin only).
    async fn list_users(&self, actor: &Viewer) -> Result<Vec<User>> {
        let _ = actor;
        unsupported()
    }

    /// Applies `changes`; `false` when the user does not exist. Superadmin only, except
    /// that a user may change their own password, name and email.
    async fn update_user(
        &self,
        username: &str,
        changes: UserChanges,
        actor: &Viewer,
    ) -> Result<bool> {
        let _ = (username, changes, actor);
        unsupported()
    }

    /// Deletes a user and its memberships (superadmin only); `false` when absent.
    async fn delete_user(&self, username: &str, actor: &Viewer) -> Result<bool> {
        let _ = (username, actor);
        unsupported()
    }

    /// Creates an organisation or group (superadmin only). `Error::Conflict` when taken.
    async fn create_unit(&self, unit: Unit, actor: &Viewer) -> Result<()> {
        let _ = (unit, actor);
        unsupported()
    }

    /// Every organisation and group, by id (anyone: names are not secret).
    async fn list_units(&self) -> Result<Vec<Unit>> {
        unsupported()
    }

    /// Deletes a unit, its memberships and API keys (superadmin only). Refused with
    /// `Error::Conflict` while records are owned by it.
    async fn delete_unit(&self, id: &str, actor: &Viewer) -> Result<bool> {
        let _ = (id, actor);
        unsupported()
    }

    /// Gives `username` `role` in `unit` (replacing any role held there). Superadmin or
    /// admin of the unit. `Error::Invalid` when the user or unit does not exist.
    async fn set_membership(
        &self,
        username: &str,
        unit: &str,
        role: Role,
        actor: &Viewer,
    ) -> Result<()> {
        let _ = (username, unit, role, actor);
        unsupported()
    }

    /// Removes a membership; `false` when there was none. Superadmin or unit admin.
    async fn remove_membership(&self, username: &str, unit: &str, actor: &Viewer) -> Result<bool> {
        let _ = (username, unit, actor);
        unsupported()
    }

    /// Stores a new API key (its id, and the hash of its secret). Superadmin or admin of
    /// `key.unit`, and the key's role may not exceed the creator's (superadmins excepted).
    async fn create_api_key(&self, key: ApiKey, actor: &Viewer) -> Result<()> {
        let _ = (key, actor);
        unsupported()
    }

    /// A key by id, revoked or not, for the authenticator.
    async fn api_key(&self, id: &str) -> Result<Option<ApiKey>> {
        let _ = id;
        unsupported()
    }

    /// Keys of `unit` (or all, for superadmins); unit admins see their unit's keys.
    async fn list_api_keys(&self, unit: Option<&str>, actor: &Viewer) -> Result<Vec<ApiKey>> {
        let _ = (unit, actor);
        unsupported()
    }

    /// Revokes a key; `false` when unknown. Superadmin or admin of the key's unit.
    async fn revoke_api_key(&self, id: &str, actor: &Viewer) -> Result<bool> {
        let _ = (id, actor);
        unsupported()
    }

    /// Marks the refresh token `jti` of token family `family` (the chain of refresh
    /// tokens descended from one sign-in) as used, in the one atomic step that also checks
    /// both that the family was not revoked and that the token was not used: `true` the
    /// first time, `false` for every later use; of two concurrent uses (on any nodes)
    /// exactly one gets `true`. A second use revokes the whole family: from then on every
    /// token of it gets `false`, fresh ones included (reuse detection of refresh token
    /// rotation). Marks and revocations are kept until `expires`, which the caller sets no
    /// earlier than the expiry of any token of the family, and are purged past it on the
    /// way. No actor: it is how a refresh token is checked.
    async fn consume_refresh_token(
        &self,
        jti: &str,
        family: &str,
        expires: DateTime<Utc>,
    ) -> Result<bool> {
        let _ = (jti, family, expires);
        unsupported()
    }

    /// Audit lines, newest first (superadmin only).
    async fn audit(&self, query: &AuditQuery, actor: &Viewer) -> Result<Vec<AuditEntry>> {
        let _ = (query, actor);
        unsupported()
    }
}

/// Refuses a caller that is not a superadmin (or the admin token).
pub(crate) fn check_superadmin(actor: &Viewer) -> Result<()> {
    if actor.sees_all() {
        Ok(())
    } else {
        Err(Error::Forbidden("only a superadmin may do this".to_owned()))
    }
}

/// Refuses a caller that may not manage `unit`'s memberships and keys.
pub(crate) fn check_manage(actor: &Viewer, unit: &str) -> Result<()> {
    if rights::can_manage_unit(actor, unit) {
        Ok(())
    } else {
        Err(Error::Forbidden(format!(
            "only an admin of {unit} may manage its members and keys"
        )))
    }
}
