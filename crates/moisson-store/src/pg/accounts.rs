//! Users, organisations and groups, and memberships. Every management call checks its
//! actor (`crate::accounts::check_superadmin`/`check_manage`) before touching anything.

use moisson_model::account::{Unit, UnitKind, User, UserCredentials};
use moisson_model::{Membership, Role, Viewer};
use tokio_postgres::Row;

use super::audit::from_micros;
use super::pool::Pool;
use crate::accounts::{check_manage, check_superadmin};
use crate::{Error, NewUser, Result, UserChanges};

/// A user with its memberships (sorted by unit) and its password hash.
const SELECT_USERS: &str = "SELECT u.username, u.name, u.email, u.superadmin, u.disabled, \
     (extract(epoch FROM u.created) * 1000000)::int8, u.password_hash, \
     coalesce(array_agg(m.unit ORDER BY m.unit) FILTER (WHERE m.unit IS NOT NULL), '{}'), \
     coalesce(array_agg(m.role ORDER BY m.unit) FILTER (WHERE m.unit IS NOT NULL), '{}') \
     FROM users u LEFT JOIN memberships m ON m.username = u.username";

/// Maps a refused statement: a taken name (unique violation) is `Error::Conflict`
/// with `taken`; a missing referent (foreign key, named to `missing`) is
/// `Error::Invalid`; anything else is the database's.
pub(crate) fn refused(
    e: tokio_postgres::Error,
    what: &'static str,
    taken: &dyn Fn() -> String,
    missing: &dyn Fn(&str) -> String,
) -> Error {
    let Some(db) = e.as_db_error() else {
        return Error::Pg(e, what);
    };
    match db.code().code() {
        "23505" => Error::Conflict(taken()),
        "23503" => Error::Invalid(missing(db.constraint().unwrap_or_default())),
        _ => Error::Pg(e, what),
    }
}

/// The message of a missing user or unit, from the foreign key that refused.
fn unknown(username: &str, unit: &str, constraint: &str) -> String {
    if constraint.contains("username") {
        format!("unknown user {username}")
    } else {
        format!("unknown organisation or group {unit}")
    }
}

fn pg(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

fn decode_user(row: &Row) -> Result<UserCredentials> {
    let units: Vec<String> = row.get(7);
    let roles: Vec<String> = row.get(8);
    let memberships = units
        .into_iter()
        .zip(roles)
        .map(|(unit, role)| {
            let role = Role::parse(&role)
                .ok_or_else(|| Error::Corrupt(format!("unknown role {role:?} in {unit}")))?;
            Ok(Membership { unit, role })
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(UserCredentials {
        user: User {
            username: row.get(0),
            name: row.get(1),
            email: row.get(2),
            superadmin: row.get(3),
            disabled: row.get(4),
            memberships,
            created: Some(from_micros(row.get(5))?),
        },
        password_hash: row.get(6),
    })
}

pub(crate) async fn create_user(pool: &Pool, user: NewUser, actor: &Viewer) -> Result<User> {
    check_superadmin(actor)?;
    let client = pool.get("creating a user").await?;
    client
        .execute(
            "INSERT INTO users (username, name, email, password_hash, superadmin) \
             VALUES ($1, $2, $3, $4, $5)",
            &[
                &user.username,
                &user.name,
                &user.email,
                &user.password_hash,
                &user.superadmin,
            ],
        )
        .await
        .map_err(|e| {
            let taken = || format!("user {} already exists", user.username);
            refused(e, "creating a user", &taken, &|c| c.to_owned())
        })?;
    let created = user_credentials(pool, &user.username).await?;
    created
        .map(|c| c.user)
        .ok_or_else(|| Error::Corrupt(format!("user {} vanished", user.username)))
}

pub(crate) async fn user_credentials(
    pool: &Pool,
    username: &str,
) -> Result<Option<UserCredentials>> {
    let client = pool.get("reading a user").await?;
    let sql = format!("{SELECT_USERS} WHERE u.username = $1 GROUP BY u.username");
    let stmt = client
        .prepare_cached(&sql)
        .await
        .map_err(pg("reading a user"))?;
    let row = client
        .query_opt(&stmt, &[&username])
        .await
        .map_err(pg("reading a user"))?;
    row.as_ref().map(decode_user).transpose()
}

pub(crate) async fn list_users(pool: &Pool, actor: &Viewer) -> Result<Vec<User>> {
    check_superadmin(actor)?;
    let client = pool.get("listing users").await?;
    let sql = format!("{SELECT_USERS} GROUP BY u.username ORDER BY u.username");
    let rows = client.query(&sql, &[]).await.map_err(pg("listing users"))?;
    rows.iter()
        .map(|r| decode_user(r).map(|c| c.user))
        .collect()
}

/// Superadmins change anything; a user may change their own password, name and email.
fn check_update(username: &str, changes: &UserChanges, actor: &Viewer) -> Result<()> {
    let own = matches!(actor, Viewer::Member(p) if p.subject == format!("user:{username}"));
    if own && changes.superadmin.is_none() && changes.disabled.is_none() {
        Ok(())
    } else {
        check_superadmin(actor)
    }
}

pub(crate) async fn update_user(
    pool: &Pool,
    username: &str,
    changes: UserChanges,
    actor: &Viewer,
) -> Result<bool> {
    check_update(username, &changes, actor)?;
    let client = pool.get("updating a user").await?;
    let (set_name, name) = (changes.name.is_some(), changes.name.flatten());
    let (set_email, email) = (changes.email.is_some(), changes.email.flatten());
    let n = client
        .execute(
            "UPDATE users SET \
                 name = CASE WHEN $2::bool THEN $3::text ELSE name END, \
                 email = CASE WHEN $4::bool THEN $5::text ELSE email END, \
                 password_hash = coalesce($6::text, password_hash), \
                 superadmin = coalesce($7::bool, superadmin), \
                 disabled = coalesce($8::bool, disabled) \
             WHERE username = $1",
            &[
                &username,
                &set_name,
                &name,
                &set_email,
                &email,
                &changes.password_hash,
                &changes.superadmin,
                &changes.disabled,
            ],
        )
        .await
        .map_err(pg("updating a user"))?;
    Ok(n > 0)
}

pub(crate) async fn delete_user(pool: &Pool, username: &str, actor: &Viewer) -> Result<bool> {
    check_superadmin(actor)?;
    let client = pool.get("deleting a user").await?;
    let n = client
        .execute("DELETE FROM users WHERE username = $1", &[&username])
        .await
        .map_err(pg("deleting a user"))?;
    Ok(n > 0)
}

pub(crate) async fn create_unit(pool: &Pool, unit: Unit, actor: &Viewer) -> Result<()> {
    check_superadmin(actor)?;
    let client = pool.get("creating a unit").await?;
    client
        .execute(
            "INSERT INTO units (id, kind, name) VALUES ($1, $2, $3)",
            &[&unit.id, &unit.kind.as_str(), &unit.name],
        )
        .await
        .map_err(|e| {
            let taken = || format!("organisation or group {} already exists", unit.id);
            refused(e, "creating a unit", &taken, &|c| c.to_owned())
        })?;
    Ok(())
}

pub(crate) async fn list_units(pool: &Pool) -> Result<Vec<Unit>> {
    let client = pool.get("listing units").await?;
    let rows = client
        .query("SELECT id, kind, name FROM units ORDER BY id", &[])
        .await
        .map_err(pg("listing units"))?;
    rows.iter()
        .map(|r| {
            let kind: &str = r.get(1);
            Ok(Unit {
                id: r.get(0),
                kind: UnitKind::parse(kind)
                    .ok_or_else(|| Error::Corrupt(format!("unknown unit kind {kind:?}")))?,
                name: r.get(2),
            })
        })
        .collect()
}

/// Deletes a unit with its memberships and keys (ON DELETE CASCADE), unless it owns
/// records: the unit row is locked first, so the check and the delete see one state.
pub(crate) async fn delete_unit(pool: &Pool, id: &str, actor: &Viewer) -> Result<bool> {
    check_superadmin(actor)?;
    let mut client = pool.get("deleting a unit").await?;
    let tx = client.transaction().await.map_err(pg("deleting a unit"))?;
    let found = tx
        .query_opt("SELECT 1 FROM units WHERE id = $1 FOR UPDATE", &[&id])
        .await
        .map_err(pg("deleting a unit"))?;
    if found.is_none() {
        return Ok(false);
    }
    let owns: bool = tx
        .query_one(
            "SELECT EXISTS (SELECT 1 FROM records WHERE owner_org = $1)",
            &[&id],
        )
        .await
        .map_err(pg("deleting a unit"))?
        .get(0);
    if owns {
        return Err(Error::Conflict(format!(
            "organisation {id} still owns records; delete or move them first"
        )));
    }
    tx.execute("DELETE FROM units WHERE id = $1", &[&id])
        .await
        .map_err(pg("deleting a unit"))?;
    tx.commit().await.map_err(pg("deleting a unit"))?;
    Ok(true)
}

pub(crate) async fn set_membership(
    pool: &Pool,
    username: &str,
    unit: &str,
    role: Role,
    actor: &Viewer,
) -> Result<()> {
    check_manage(actor, unit)?;
    let client = pool.get("setting a membership").await?;
    client
        .execute(
            "INSERT INTO memberships (username, unit, role) VALUES ($1, $2, $3) \
             ON CONFLICT (username, unit) DO UPDATE SET role = excluded.role",
            &[&username, &unit, &role.as_str()],
        )
        .await
        .map_err(|e| {
            let missing = |c: &str| unknown(username, unit, c);
            refused(e, "setting a membership", &String::new, &missing)
        })?;
    Ok(())
}

pub(crate) async fn remove_membership(
    pool: &Pool,
    username: &str,
    unit: &str,
    actor: &Viewer,
) -> Result<bool> {
    check_manage(actor, unit)?;
    let client = pool.get("removing a membership").await?;
    let n = client
        .execute(
            "DELETE FROM memberships WHERE username = $1 AND unit = $2",
            &[&username, &unit],
        )
        .await
        .map_err(pg("removing a membership"))?;
    Ok(n > 0)
}
