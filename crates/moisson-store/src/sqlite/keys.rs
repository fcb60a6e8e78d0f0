//! API keys as SQL (only the id and the hash of the secret are kept), and the marks of
//! used refresh tokens and revoked token families. The actor checks are the caller's
//! (`sqlite::accounts`).

use chrono::{DateTime, Utc};
use moisson_model::account::ApiKey;
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::text::timestamp;
use super::users::{exists, parse_role, parse_time};
use crate::{Error, Result};

const COLUMNS: &str = "id, unit, role, label, created_by, created, revoked, secret_hash";

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

/// Stores a key (`created` when it has no creation time); `Error::Invalid` when its
/// unit does not exist, `Error::Conflict` when its id is taken.
pub(crate) fn insert(conn: &mut Connection, key: &ApiKey, created: DateTime<Utc>) -> Result<()> {
    let err = sql_err("creating an API key");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&err)?;
    if !exists(&tx, "SELECT 1 FROM units WHERE id = ?1", &key.unit)? {
        return Err(Error::Invalid(format!(
            "unknown organisation or group {}",
            key.unit
        )));
    }
    let n = tx
        .execute(
            "INSERT INTO api_keys (id, unit, role, label, created_by, created, revoked, secret_hash)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT (id) DO NOTHING",
            params![
                key.id,
                key.unit,
                key.role.as_str(),
                key.label,
                key.created_by,
                timestamp(key.created.unwrap_or(created)),
                key.revoked,
                key.secret_hash
            ],
        )
        .map_err(&err)?;
    if n == 0 {
        return Err(Error::Conflict(format!(
            "API key {} already exists",
            key.id
        )));
    }
    tx.commit().map_err(&err)
}

/// A key by id, revoked or not.
pub(crate) fn get(conn: &Connection, id: &str) -> Result<Option<ApiKey>> {
    let raw = conn
        .prepare_cached(&format!("SELECT {COLUMNS} FROM api_keys WHERE id = ?1"))
        .and_then(|mut s| s.query_row([id], raw_key).optional())
        .map_err(sql_err("reading an API key"))?;
    raw.map(decode).transpose()
}

/// The keys of `units` (`None`: every key), by unit then id.
pub(crate) fn list(conn: &Connection, units: Option<Vec<String>>) -> Result<Vec<ApiKey>> {
    let err = sql_err("listing API keys");
    let units = units.map(|u| serde_json::Value::from(u).to_string());
    let mut stmt = conn
        .prepare_cached(&format!(
            "SELECT {COLUMNS} FROM api_keys
             WHERE ?1 IS NULL OR unit IN (SELECT value FROM json_each(?1))
             ORDER BY unit, id"
        ))
        .map_err(&err)?;
    let raws = stmt
        .query_map([units], raw_key)
        .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
        .map_err(&err)?;
    raws.into_iter().map(decode).collect()
}

/// The unit of a key; `None` when unknown.
pub(crate) fn unit_of(conn: &Connection, id: &str) -> Result<Option<String>> {
    conn.query_row("SELECT unit FROM api_keys WHERE id = ?1", [id], |r| {
        r.get(0)
    })
    .optional()
    .map_err(sql_err("reading an API key"))
}

/// Revokes a key; `false` when unknown.
pub(crate) fn revoke(conn: &Connection, id: &str) -> Result<bool> {
    conn.execute("UPDATE api_keys SET revoked = 1 WHERE id = ?1", [id])
        .map(|n| n > 0)
        .map_err(sql_err("revoking an API key"))
}

/// Marks refresh token `jti` of `family` as used until `expires` (Unix seconds); `false`
/// when the family is revoked, or when the token was used already, which revokes its
/// family until `expires` too. Marks and revocations expired before `now` are purged
/// first. One immediate transaction checks and records, so two uses never both get
/// `true` and a reuse always leaves the family revoked.
pub(crate) fn consume_refresh_token(
    conn: &mut Connection,
    jti: &str,
    family: &str,
    expires: i64,
    now: i64,
) -> Result<bool> {
    let err = sql_err("using a refresh token");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&err)?;
    for purge in [
        "DELETE FROM refresh_tokens WHERE expires < ?1",
        "DELETE FROM refresh_families WHERE expires < ?1",
    ] {
        tx.prepare_cached(purge)
            .and_then(|mut s| s.execute([now]))
            .map_err(&err)?;
    }
    let revoked = exists(
        &tx,
        "SELECT 1 FROM refresh_families WHERE family = ?1",
        family,
    )?;
    let fresh = !revoked && mark_used(&tx, jti, expires)?;
    if !fresh {
        revoke_family(&tx, family, expires)?;
    }
    tx.commit().map_err(&err)?;
    Ok(fresh)
}

/// Marks `jti` as used until `expires`; `false` when it already was.
fn mark_used(conn: &Connection, jti: &str, expires: i64) -> Result<bool> {
    conn.prepare_cached(
        "INSERT INTO refresh_tokens (jti, expires) VALUES (?1, ?2) ON CONFLICT (jti) DO NOTHING",
    )
    .and_then(|mut s| s.execute(params![jti, expires]))
    .map(|n| n == 1)
    .map_err(sql_err("using a refresh token"))
}

/// Revokes `family` until `expires` at least (a later reuse never shortens it).
fn revoke_family(conn: &Connection, family: &str, expires: i64) -> Result<()> {
    conn.prepare_cached(
        "INSERT INTO refresh_families (family, expires) VALUES (?1, ?2)
         ON CONFLICT (family) DO UPDATE SET expires = max(expires, excluded.expires)",
    )
    .and_then(|mut s| s.execute(params![family, expires]))
    .map(drop)
    .map_err(sql_err("revoking a refresh token family"))
}

type RawKey = (
    String,
    String,
    String,
    Option<String>,
    String,
    String,
    bool,
    String,
);

/// Reads the columns in order (rusqlite converts a row to a tuple of `FromSql` values).
fn raw_key(r: &Row<'_>) -> rusqlite::Result<RawKey> {
    RawKey::try_from(r)
}

fn decode(raw: RawKey) -> Result<ApiKey> {
    let (id, unit, role, label, created_by, created, revoked, secret_hash) = raw;
    Ok(ApiKey {
        role: parse_role(&role)?,
        created: Some(parse_time(&created)?),
        id,
        unit,
        label,
        created_by,
        revoked,
        secret_hash,
    })
}
