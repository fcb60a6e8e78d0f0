//! API keys: only the id and the hash of the secret are stored. Unit admins manage
//! their unit's keys, superadmins every key. Also the marks of used refresh tokens and
//! revoked token families.

use chrono::{DateTime, Utc};
use moisson_model::account::ApiKey;
use moisson_model::{Role, Viewer};
use tokio_postgres::Row;

use super::accounts::refused;
use super::audit::from_micros;
use super::params::{Param, Params};
use super::pool::Pool;
use crate::accounts::check_manage;
use crate::text::timestamp;
use crate::{Error, Result};

const SELECT_KEYS: &str = "SELECT id, unit, role, label, created_by, \
     (extract(epoch FROM created) * 1000000)::int8, revoked, secret_hash FROM api_keys";

fn pg(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

fn decode_key(row: &Row) -> Result<ApiKey> {
    let role: &str = row.get(2);
    Ok(ApiKey {
        id: row.get(0),
        unit: row.get(1),
        role: Role::parse(role).ok_or_else(|| Error::Corrupt(format!("unknown role {role:?}")))?,
        label: row.get(3),
        created_by: row.get(4),
        created: Some(from_micros(row.get(5))?),
        revoked: row.get(6),
        secret_hash: row.get(7),
    })
}

/// Admin of the key's unit (or superadmin), and a role no higher than the creator's
/// own there: a key never gives more than its creator holds.
pub(crate) async fn create(pool: &Pool, key: ApiKey, actor: &Viewer) -> Result<()> {
    check_manage(actor, &key.unit)?;
    if !actor.sees_all() && actor.role_in(&key.unit).is_none_or(|r| r < key.role) {
        return Err(Error::Forbidden(format!(
            "a key for {} may not have a higher role than its creator's",
            key.unit
        )));
    }
    let created = key.created.map(timestamp);
    let client = pool.get("creating an API key").await?;
    client
        .execute(
            "INSERT INTO api_keys (id, unit, role, label, created_by, created, revoked, \
             secret_hash) VALUES ($1, $2, $3, $4, $5, coalesce($6::text::timestamptz, now()), \
             $7, $8)",
            &[
                &key.id,
                &key.unit,
                &key.role.as_str(),
                &key.label,
                &key.created_by,
                &created,
                &key.revoked,
                &key.secret_hash,
            ],
        )
        .await
        .map_err(|e| {
            let taken = || format!("API key {} already exists", key.id);
            let missing = |_: &str| format!("unknown organisation or group {}", key.unit);
            refused(e, "creating an API key", &taken, &missing)
        })?;
    Ok(())
}

/// A key by id, revoked or not (for the authenticator: no actor).
pub(crate) async fn get(pool: &Pool, id: &str) -> Result<Option<ApiKey>> {
    let client = pool.get("reading an API key").await?;
    let stmt = client
        .prepare_cached(&format!("{SELECT_KEYS} WHERE id = $1"))
        .await
        .map_err(pg("reading an API key"))?;
    let row = client
        .query_opt(&stmt, &[&id])
        .await
        .map_err(pg("reading an API key"))?;
    row.as_ref().map(decode_key).transpose()
}

/// The keys of `unit` (its admins), or with no unit every key (superadmins) or those of
/// the units the caller administers; by unit, then id.
pub(crate) async fn list(pool: &Pool, unit: Option<&str>, actor: &Viewer) -> Result<Vec<ApiKey>> {
    let mut params = Params::default();
    let filter = match unit {
        Some(unit) => {
            check_manage(actor, unit)?;
            format!("WHERE unit = {}", params.bind(Param::Text(unit.to_owned())))
        }
        None if actor.sees_all() => String::new(),
        None => {
            let administered = actor.units_with_role(Role::Admin);
            format!(
                "WHERE unit = ANY({})",
                params.bind(Param::TextArray(administered))
            )
        }
    };
    let client = pool.get("listing API keys").await?;
    let rows = client
        .query(
            &format!("{SELECT_KEYS} {filter} ORDER BY unit, id"),
            &params.refs(),
        )
        .await
        .map_err(pg("listing API keys"))?;
    rows.iter().map(decode_key).collect()
}

/// Revokes a key; the key row is locked while its unit's admin is checked.
pub(crate) async fn revoke(pool: &Pool, id: &str, actor: &Viewer) -> Result<bool> {
    let mut client = pool.get("revoking an API key").await?;
    let tx = client
        .transaction()
        .await
        .map_err(pg("revoking an API key"))?;
    let row = tx
        .query_opt("SELECT unit FROM api_keys WHERE id = $1 FOR UPDATE", &[&id])
        .await
        .map_err(pg("revoking an API key"))?;
    let Some(row) = row else {
        return Ok(false);
    };
    check_manage(actor, row.get(0))?;
    tx.execute("UPDATE api_keys SET revoked = true WHERE id = $1", &[&id])
        .await
        .map_err(pg("revoking an API key"))?;
    tx.commit().await.map_err(pg("revoking an API key"))?;
    Ok(true)
}

/// Checks and records a use of refresh token `jti` of `family` in one statement: when the
/// family is not revoked, the token is marked as used until `expires` unless it already
/// was (the primary key makes a concurrent second use wait, then do nothing, so two uses
/// never both win); when it was not marked now (reused, or its family revoked), the family
/// is revoked until `expires` at least. `true` only for a mark made now.
const CONSUME_REFRESH: &str = "\
WITH revoked AS (
    SELECT 1 FROM refresh_families WHERE family = $2::text
), used AS (
    INSERT INTO refresh_tokens (jti, expires)
    SELECT $1::text, to_timestamp($3::int8) WHERE NOT EXISTS (SELECT 1 FROM revoked)
    ON CONFLICT (jti) DO NOTHING
    RETURNING 1
), revoke AS (
    INSERT INTO refresh_families (family, expires)
    SELECT $2::text, to_timestamp($3::int8) WHERE NOT EXISTS (SELECT 1 FROM used)
    ON CONFLICT (family) DO UPDATE
        SET expires = greatest(refresh_families.expires, excluded.expires)
)
SELECT EXISTS (SELECT 1 FROM used)";

/// Marks refresh token `jti` of `family` as used until `expires`; `false` when the family
/// is revoked, or when the token was used already, which revokes its family. The check
/// and the record are one statement (`CONSUME_REFRESH`). First, a bounded batch of
/// expired marks and revocations is purged, skipping rows another node is purging at the
/// same time.
pub(crate) async fn consume_refresh_token(
    pool: &Pool,
    jti: &str,
    family: &str,
    expires: DateTime<Utc>,
) -> Result<bool> {
    const WHAT: &str = "using a refresh token";
    let client = pool.get(WHAT).await?;
    client
        .batch_execute(
            "DELETE FROM refresh_tokens WHERE jti IN (SELECT jti FROM refresh_tokens \
             WHERE expires < now() ORDER BY expires LIMIT 1000 FOR UPDATE SKIP LOCKED); \
             DELETE FROM refresh_families WHERE family IN (SELECT family \
             FROM refresh_families WHERE expires < now() ORDER BY expires LIMIT 1000 \
             FOR UPDATE SKIP LOCKED);",
        )
        .await
        .map_err(pg(WHAT))?;
    let stmt = client
        .prepare_cached(CONSUME_REFRESH)
        .await
        .map_err(pg(WHAT))?;
    let row = client
        .query_one(&stmt, &[&jti, &family, &expires.timestamp()])
        .await
        .map_err(pg(WHAT))?;
    Ok(row.get(0))
}
