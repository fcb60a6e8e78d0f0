//! `AccountStore` for SQLite: every call checks its actor first, then runs on the
//! writer (changes) or a reader (lookups).

use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use moisson_model::account::{ApiKey, AuditEntry, AuditQuery, Unit, User, UserCredentials};
use moisson_model::{Role, Viewer};

use super::{SqliteStore, audit, keys, users};
use crate::accounts::{check_manage, check_superadmin};
use crate::{AccountStore, Error, NewUser, Result, UserChanges};

/// Whether `actor` is the local user `username` (subject `user:<username>`).
fn is_self(actor: &Viewer, username: &str) -> bool {
    actor.is_signed_in()
        && actor
            .subject()
            .strip_prefix("user:")
            .is_some_and(|u| u == username)
}

/// A user may change their own name, email and password; anything else is a
/// superadmin's.
fn check_update_user(actor: &Viewer, username: &str, changes: &UserChanges) -> Result<()> {
    let own_fields_only = changes.superadmin.is_none() && changes.disabled.is_none();
    if actor.sees_all() || (own_fields_only && is_self(actor, username)) {
        Ok(())
    } else {
        Err(Error::Forbidden(
            "only a superadmin may change another user, or make a user superadmin or disabled"
                .to_owned(),
        ))
    }
}

/// Refuses a key whose role exceeds its creator's role in the key's unit.
fn check_key_role(actor: &Viewer, key: &ApiKey) -> Result<()> {
    check_manage(actor, &key.unit)?;
    if actor.sees_all() || actor.role_in(&key.unit).is_some_and(|r| r >= key.role) {
        Ok(())
    } else {
        Err(Error::Forbidden(format!(
            "an API key of {} may not have a role above its creator's",
            key.unit
        )))
    }
}

#[async_trait]
impl AccountStore for SqliteStore {
    async fn create_user(&self, user: NewUser, actor: &Viewer) -> Result<User> {
        check_superadmin(actor)?;
        let created = Utc::now().trunc_subsecs(6);
        self.pool
            .write(move |c| users::insert_user(c, &user, created).map(|()| user))
            .await
            .map(|user| User {
                username: user.username,
                name: user.name,
                email: user.email,
                superadmin: user.superadmin,
                disabled: false,
                memberships: Vec::new(),
                created: Some(created),
            })
    }

    async fn user_credentials(&self, username: &str) -> Result<Option<UserCredentials>> {
        let username = username.to_owned();
        self.pool.read(move |c| users::user(c, &username)).await
    }

    async fn list_users(&self, actor: &Viewer) -> Result<Vec<User>> {
        check_superadmin(actor)?;
        self.pool.read(users::users).await
    }

    async fn update_user(
        &self,
        username: &str,
        changes: UserChanges,
        actor: &Viewer,
    ) -> Result<bool> {
        check_update_user(actor, username, &changes)?;
        let username = username.to_owned();
        self.pool
            .write(move |c| users::update_user(c, &username, &changes))
            .await
    }

    async fn delete_user(&self, username: &str, actor: &Viewer) -> Result<bool> {
        check_superadmin(actor)?;
        let username = username.to_owned();
        self.pool
            .write(move |c| users::delete_user(c, &username))
            .await
    }

    async fn create_unit(&self, unit: Unit, actor: &Viewer) -> Result<()> {
        check_superadmin(actor)?;
        self.pool.write(move |c| users::insert_unit(c, &unit)).await
    }

    async fn list_units(&self) -> Result<Vec<Unit>> {
        self.pool.read(users::units).await
    }

    async fn delete_unit(&self, id: &str, actor: &Viewer) -> Result<bool> {
        check_superadmin(actor)?;
        let id = id.to_owned();
        self.pool.write(move |c| users::delete_unit(c, &id)).await
    }

    async fn set_membership(
        &self,
        username: &str,
        unit: &str,
        role: Role,
        actor: &Viewer,
    ) -> Result<()> {
        check_manage(actor, unit)?;
        let (username, unit) = (username.to_owned(), unit.to_owned());
        self.pool
            .write(move |c| users::set_membership(c, &username, &unit, role))
            .await
    }

    async fn remove_membership(&self, username: &str, unit: &str, actor: &Viewer) -> Result<bool> {
        check_manage(actor, unit)?;
        let (username, unit) = (username.to_owned(), unit.to_owned());
        self.pool
            .write(move |c| users::remove_membership(c, &username, &unit))
            .await
    }

    async fn create_api_key(&self, key: ApiKey, actor: &Viewer) -> Result<()> {
        check_key_role(actor, &key)?;
        let created = Utc::now().trunc_subsecs(6);
        self.pool
            .write(move |c| keys::insert(c, &key, created))
            .await
    }

    async fn api_key(&self, id: &str) -> Result<Option<ApiKey>> {
        let id = id.to_owned();
        self.pool.read(move |c| keys::get(c, &id)).await
    }

    async fn list_api_keys(&self, unit: Option<&str>, actor: &Viewer) -> Result<Vec<ApiKey>> {
        let units = match unit {
            Some(u) => {
                check_manage(actor, u)?;
                Some(vec![u.to_owned()])
            }
            None if actor.sees_all() => None,
            // Without a unit, an admin lists the keys of the units they administer.
            None => Some(actor.units_with_role(Role::Admin)),
        };
        self.pool.read(move |c| keys::list(c, units)).await
    }

    async fn revoke_api_key(&self, id: &str, actor: &Viewer) -> Result<bool> {
        let (id, actor) = (id.to_owned(), actor.clone());
        self.pool
            .write(move |c| {
                let Some(unit) = keys::unit_of(c, &id)? else {
                    return Ok(false);
                };
                check_manage(&actor, &unit)?;
                keys::revoke(c, &id)
            })
            .await
    }

    async fn consume_refresh_token(
        &self,
        jti: &str,
        family: &str,
        expires: DateTime<Utc>,
    ) -> Result<bool> {
        let (jti, family) = (jti.to_owned(), family.to_owned());
        let now = Utc::now().timestamp();
        // On the one writer, in one transaction: the checks and the marks cannot
        // interleave with another use.
        self.pool
            .write(move |c| keys::consume_refresh_token(c, &jti, &family, expires.timestamp(), now))
            .await
    }

    async fn audit(&self, query: &AuditQuery, actor: &Viewer) -> Result<Vec<AuditEntry>> {
        check_superadmin(actor)?;
        let query = query.clone();
        self.pool.read(move |c| audit::read(c, &query)).await
    }
}
