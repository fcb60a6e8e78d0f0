//! Users, units and memberships as SQL. The actor checks are the caller's
//! (`sqlite::accounts`); these functions only read and write.

use std::collections::BTreeMap;

use chrono::{DateTime, Utc};
use moisson_model::account::{Unit, UnitKind, User, UserCredentials};
use moisson_model::{Membership, Role};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::text::timestamp;
use crate::{Error, NewUser, Result, UserChanges};

const USER_COLUMNS: &str = "username, name, email, superadmin, disabled, created, password_hash";

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

/// Parses a stored timestamp (RFC 3339).
pub(crate) fn parse_time(t: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(t)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("timestamp {t}: {e}")))
}

/// Parses a stored role.
pub(crate) fn parse_role(r: &str) -> Result<Role> {
    Role::parse(r).ok_or_else(|| Error::Corrupt(format!("unknown role {r}")))
}

/// Inserts a user; `Error::Conflict` when the name is taken.
pub(crate) fn insert_user(conn: &Connection, user: &NewUser, created: DateTime<Utc>) -> Result<()> {
    let n = conn
        .execute(
            "INSERT INTO users (username, name, email, password_hash, superadmin, disabled, created)
             VALUES (?1, ?2, ?3, ?4, ?5, 0, ?6) ON CONFLICT (username) DO NOTHING",
            params![
                user.username,
                user.name,
                user.email,
                user.password_hash,
                user.superadmin,
                timestamp(created)
            ],
        )
        .map_err(sql_err("creating a user"))?;
    if n == 0 {
        return Err(Error::Conflict(format!(
            "user {} already exists",
            user.username
        )));
    }
    Ok(())
}

type RawUser = (
    String,
    Option<String>,
    Option<String>,
    bool,
    bool,
    String,
    Option<String>,
);

/// Reads the columns in order (rusqlite converts a row to a tuple of `FromSql` values).
fn raw_user(r: &Row<'_>) -> rusqlite::Result<RawUser> {
    RawUser::try_from(r)
}

fn decode_user(raw: RawUser, memberships: Vec<Membership>) -> Result<UserCredentials> {
    let (username, name, email, superadmin, disabled, created, password_hash) = raw;
    Ok(UserCredentials {
        user: User {
            username,
            name,
            email,
            superadmin,
            disabled,
            memberships,
            created: Some(parse_time(&created)?),
        },
        password_hash,
    })
}

/// A user with memberships and password hash; `None` when unknown.
pub(crate) fn user(conn: &Connection, username: &str) -> Result<Option<UserCredentials>> {
    let raw = conn
        .prepare_cached(&format!(
            "SELECT {USER_COLUMNS} FROM users WHERE username = ?1"
        ))
        .and_then(|mut s| s.query_row([username], raw_user).optional())
        .map_err(sql_err("reading a user"))?;
    let Some(raw) = raw else {
        return Ok(None);
    };
    let mut memberships = memberships(conn, Some(username))?;
    let own = memberships.remove(username).unwrap_or_default();
    decode_user(raw, own).map(Some)
}

/// Every user with memberships, by username.
pub(crate) fn users(conn: &Connection) -> Result<Vec<User>> {
    let mut all = memberships(conn, None)?;
    let mut stmt = conn
        .prepare(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY username"
        ))
        .map_err(sql_err("listing users"))?;
    let raws = stmt
        .query_map([], raw_user)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(sql_err("listing users"))?;
    raws.into_iter()
        .map(|raw| {
            let own = all.remove(&raw.0).unwrap_or_default();
            decode_user(raw, own).map(|c| c.user)
        })
        .collect()
}

/// Memberships by username (of one user, or of all), each list by unit.
fn memberships(
    conn: &Connection,
    username: Option<&str>,
) -> Result<BTreeMap<String, Vec<Membership>>> {
    let err = sql_err("reading memberships");
    let mut stmt = conn
        .prepare_cached(
            "SELECT username, unit, role FROM memberships
             WHERE ?1 IS NULL OR username = ?1 ORDER BY username, unit",
        )
        .map_err(&err)?;
    let rows = stmt
        .query_map([username], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(&err)?;
    let mut by_user: BTreeMap<String, Vec<Membership>> = BTreeMap::new();
    for (user, unit, role) in rows {
        let role = parse_role(&role)?;
        by_user
            .entry(user)
            .or_default()
            .push(Membership { unit, role });
    }
    Ok(by_user)
}

/// Applies `changes`; `false` when the user does not exist.
pub(crate) fn update_user(conn: &Connection, username: &str, c: &UserChanges) -> Result<bool> {
    let n = conn
        .execute(
            "UPDATE users SET
                 name = CASE WHEN ?2 THEN ?3 ELSE name END,
                 email = CASE WHEN ?4 THEN ?5 ELSE email END,
                 password_hash = coalesce(?6, password_hash),
                 superadmin = coalesce(?7, superadmin),
                 disabled = coalesce(?8, disabled)
             WHERE username = ?1",
            params![
                username,
                c.name.is_some(),
                c.name.clone().flatten(),
                c.email.is_some(),
                c.email.clone().flatten(),
                c.password_hash,
                c.superadmin,
                c.disabled
            ],
        )
        .map_err(sql_err("updating a user"))?;
    Ok(n > 0)
}

/// Deletes a user; its memberships go with it (cascade).
pub(crate) fn delete_user(conn: &Connection, username: &str) -> Result<bool> {
    conn.execute("DELETE FROM users WHERE username = ?1", [username])
        .map(|n| n > 0)
        .map_err(sql_err("deleting a user"))
}

/// Inserts a unit; `Error::Conflict` when its id is taken.
pub(crate) fn insert_unit(conn: &Connection, unit: &Unit) -> Result<()> {
    let n = conn
        .execute(
            "INSERT INTO units (id, kind, name) VALUES (?1, ?2, ?3) ON CONFLICT (id) DO NOTHING",
            params![unit.id, unit.kind.as_str(), unit.name],
        )
        .map_err(sql_err("creating a unit"))?;
    if n == 0 {
        return Err(Error::Conflict(format!(
            "organisation or group {} already exists",
            unit.id
        )));
    }
    Ok(())
}

/// Every unit, by id.
pub(crate) fn units(conn: &Connection) -> Result<Vec<Unit>> {
    let err = sql_err("listing units");
    let mut stmt = conn
        .prepare_cached("SELECT id, kind, name FROM units ORDER BY id")
        .map_err(&err)?;
    let rows = stmt
        .query_map([], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
            ))
        })
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(&err)?;
    rows.into_iter()
        .map(|(id, kind, name)| {
            let kind = UnitKind::parse(&kind)
                .ok_or_else(|| Error::Corrupt(format!("unit {id} has kind {kind}")))?;
            Ok(Unit { id, kind, name })
        })
        .collect()
}

/// Deletes a unit with its memberships and keys (cascades); `Error::Conflict` while
/// records are owned by it.
pub(crate) fn delete_unit(conn: &mut Connection, id: &str) -> Result<bool> {
    let err = sql_err("deleting a unit");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&err)?;
    if !exists(&tx, "SELECT 1 FROM units WHERE id = ?1", id)? {
        return Ok(false);
    }
    if exists(&tx, "SELECT 1 FROM records WHERE owner_org = ?1", id)? {
        return Err(Error::Conflict(format!(
            "organisation {id} still owns records"
        )));
    }
    tx.execute("DELETE FROM units WHERE id = ?1", [id])
        .map_err(&err)?;
    tx.commit().map_err(&err)?;
    Ok(true)
}

/// Gives `username` `role` in `unit`, replacing any role held there; `Error::Invalid`
/// when the user or the unit does not exist.
pub(crate) fn set_membership(
    conn: &mut Connection,
    username: &str,
    unit: &str,
    role: Role,
) -> Result<()> {
    let err = sql_err("setting a membership");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&err)?;
    if !exists(&tx, "SELECT 1 FROM users WHERE username = ?1", username)? {
        return Err(Error::Invalid(format!("unknown user {username}")));
    }
    if !exists(&tx, "SELECT 1 FROM units WHERE id = ?1", unit)? {
        return Err(Error::Invalid(format!(
            "unknown organisation or group {unit}"
        )));
    }
    tx.execute(
        "INSERT INTO memberships (username, unit, role) VALUES (?1, ?2, ?3)
         ON CONFLICT (username, unit) DO UPDATE SET role = excluded.role",
        params![username, unit, role.as_str()],
    )
    .map_err(&err)?;
    tx.commit().map_err(&err)
}

/// Removes a membership; `false` when there was none.
pub(crate) fn remove_membership(conn: &Connection, username: &str, unit: &str) -> Result<bool> {
    conn.execute(
        "DELETE FROM memberships WHERE username = ?1 AND unit = ?2",
        [username, unit],
    )
    .map(|n| n > 0)
    .map_err(sql_err("removing a membership"))
}

/// Whether `sql` (one `?1` parameter) returns a row.
pub(crate) fn exists(conn: &Connection, sql: &str, value: &str) -> Result<bool> {
    conn.prepare_cached(sql)
        .and_then(|mut s| s.exists([value]))
        .map_err(sql_err("looking up an account"))
}
