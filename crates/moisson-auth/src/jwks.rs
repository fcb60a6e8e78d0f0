//! An OpenID Connect issuer's signing keys (JWKS), fetched over HTTP(S) and cached.

use std::str::FromStr;
use std::time::{Duration, Instant};

use jsonwebtoken::jwk::{AlgorithmParameters, Jwk, PublicKeyUse};
use jsonwebtoken::{Algorithm, DecodingKey};
use serde_json::Value;

/// A JWKS larger than this is refused (real ones are a few kilobytes).
const MAX_JWKS_BYTES: usize = 1 << 20;

struct CachedKey {
    kid: Option<String>,
    /// The algorithm the issuer restricts the key to, if it says.
    alg: Option<Algorithm>,
    key: DecodingKey,
}

#[derive(Default)]
struct CacheState {
    keys: Vec<CachedKey>,
    /// Last successful fetch.
    fetched_at: Option<Instant>,
    /// Last fetch, successful or not.
    attempted_at: Option<Instant>,
}

/// The keys of one issuer. Fetches happen under the lock, so concurrent requests wait
/// for one fetch instead of each making their own.
pub(crate) struct JwksCache {
    url: String,
    cache_for: Duration,
    min_refetch: Duration,
    http: reqwest::Client,
    state: tokio::sync::Mutex<CacheState>,
}

impl JwksCache {
    pub(crate) fn new(
        url: String,
        cache_for: Duration,
        min_refetch: Duration,
        http: reqwest::Client,
    ) -> Self {
        Self {
            url,
            cache_for,
            min_refetch,
            http,
            state: tokio::sync::Mutex::new(CacheState::default()),
        }
    }

    /// The key named `kid` (or the only key, when the token names none), usable with
    /// `alg`. Fetches when the cache is empty or old, and again when `kid` is unknown,
    /// at most once per `min_refetch`.
    pub(crate) async fn key(&self, kid: Option<&str>, alg: Algorithm) -> Option<DecodingKey> {
        let mut state = self.state.lock().await;
        let now = Instant::now();
        let expired = state
            .fetched_at
            .is_none_or(|t| now.duration_since(t) >= self.cache_for);
        if expired && self.may_fetch(&state, now) {
            self.refresh(&mut state, now).await;
        }
        if let Some(key) = find(&state.keys, kid, alg) {
            return Some(key);
        }
        if self.may_fetch(&state, now) {
            tracing::debug!(url = %self.url, ?kid, "unknown key id: fetching the JWKS again");
            self.refresh(&mut state, now).await;
        }
        find(&state.keys, kid, alg)
    }

    fn may_fetch(&self, state: &CacheState, now: Instant) -> bool {
        state
            .attempted_at
            .is_none_or(|t| now.duration_since(t) >= self.min_refetch)
    }

    /// Replaces the keys with fetched ones; keeps the old ones when the fetch fails.
    async fn refresh(&self, state: &mut CacheState, now: Instant) {
        state.attempted_at = Some(now);
        match self.fetch().await {
            Ok(keys) => {
                state.keys = keys;
                state.fetched_at = Some(now);
            }
            Err(reason) => tracing::warn!(url = %self.url, %reason, "cannot fetch the JWKS"),
        }
    }

    async fn fetch(&self) -> Result<Vec<CachedKey>, String> {
        let response = self
            .http
            .get(&self.url)
            .send()
            .await
            .and_then(reqwest::Response::error_for_status)
            .map_err(|e| e.to_string())?;
        if response
            .content_length()
            .is_some_and(|n| n > MAX_JWKS_BYTES as u64)
        {
            return Err("JWKS too large".to_owned());
        }
        let body = response.bytes().await.map_err(|e| e.to_string())?;
        if body.len() > MAX_JWKS_BYTES {
            return Err("JWKS too large".to_owned());
        }
        parse_jwks(&body)
    }
}

/// The usable verification keys of a JWKS document. Keys this crate cannot use
/// (encryption keys, symmetric keys, unknown types) are skipped, not fatal.
fn parse_jwks(body: &[u8]) -> Result<Vec<CachedKey>, String> {
    let set: Value = serde_json::from_slice(body).map_err(|e| format!("not JSON: {e}"))?;
    let keys = set
        .get("keys")
        .and_then(Value::as_array)
        .ok_or("no \"keys\" array")?;
    Ok(keys
        .iter()
        .filter_map(|k| serde_json::from_value::<Jwk>(k.clone()).ok())
        .filter(|jwk| !matches!(jwk.common.public_key_use, Some(PublicKeyUse::Encryption)))
        .filter(|jwk| {
            matches!(
                jwk.algorithm,
                AlgorithmParameters::RSA(_) | AlgorithmParameters::EllipticCurve(_)
            )
        })
        .filter_map(|jwk| {
            let key = DecodingKey::from_jwk(&jwk).ok()?;
            let alg = match jwk.common.key_algorithm {
                Some(a) => Some(Algorithm::from_str(&a.to_string()).ok()?),
                None => None,
            };
            Some(CachedKey {
                kid: jwk.common.key_id,
                alg,
                key,
            })
        })
        .collect())
}

fn find(keys: &[CachedKey], kid: Option<&str>, alg: Algorithm) -> Option<DecodingKey> {
    let key = match kid {
        Some(kid) => keys.iter().find(|k| k.kid.as_deref() == Some(kid))?,
        None => match keys {
            [only] => only,
            _ => return None,
        },
    };
    key.alg.is_none_or(|a| a == alg).then(|| key.key.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn skips_unusable_keys() {
        let body = br#"{"keys":[
            {"kty":"oct","kid":"h","k":"c2VjcmV0"},
            {"kty":"RSA","kid":"enc","use":"enc","n":"AQAB","e":"AQAB"},
            {"kty":"weird","kid":"w"},
            {"kty":"RSA","kid":"sig","alg":"RS256","n":"AQAB","e":"AQAB"}
        ]}"#;
        let keys = parse_jwks(body).expect("parses");
        assert_eq!(keys.len(), 1);
        assert!(find(&keys, Some("sig"), Algorithm::RS256).is_some());
        assert!(find(&keys, None, Algorithm::RS256).is_some());
        // The key says RS256: a token claiming another algorithm does not get it.
        assert!(find(&keys, Some("sig"), Algorithm::RS512).is_none());
        assert!(find(&keys, Some("h"), Algorithm::RS256).is_none());
        assert!(parse_jwks(b"{}").is_err());
    }
}
