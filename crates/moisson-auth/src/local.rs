//! Moisson's own tokens: HS256 JWTs naming a local user, `typ` access or refresh, each
//! with a unique id (`jti`) so that a refresh token can be used once only. Refresh tokens
//! also name their family (`fam`), shared by every refresh token descended from one
//! sign-in, so that the reuse of one can revoke them all.

use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation};
use serde::{Deserialize, Serialize};

use crate::{AuthConfig, AuthError, TokenPair};

/// The `iss` of Moisson's own tokens.
pub(crate) const LOCAL_ISSUER: &str = "moisson";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub(crate) enum TokenKind {
    Access,
    Refresh,
}

/// Seconds of clock difference allowed between nodes when checking `exp`.
const LEEWAY_SECS: u64 = 5;

/// Seconds a family revocation outlives the tokens issued before it, for a refresh that
/// raced it on another node and issued one more token of the family.
const RACE_MARGIN_SECS: u64 = 60;

#[derive(Serialize, Deserialize)]
pub(crate) struct LocalClaims {
    iss: String,
    /// The username.
    pub(crate) sub: String,
    typ: TokenKind,
    iat: u64,
    pub(crate) exp: u64,
    /// Unique per token; tokens made before ids existed have none (and cannot refresh).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) jti: Option<String>,
    /// The family of a refresh token: new at sign-in, handed on by each refresh. Tokens
    /// made before families existed have none (their `jti` stands for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub(crate) fam: Option<String>,
}

/// Signs and checks local tokens.
pub(crate) struct LocalTokens {
    encoding: EncodingKey,
    decoding: DecodingKey,
    access_ttl_secs: u64,
    refresh_ttl_secs: u64,
}

impl LocalTokens {
    pub(crate) fn new(config: &AuthConfig) -> Self {
        let secret = match config.jwt_secret.as_deref().filter(|s| !s.is_empty()) {
            Some(secret) => {
                if secret.len() < 32 {
                    tracing::warn!("auth.jwt_secret is shorter than 32 bytes; use a longer one");
                }
                secret.as_bytes().to_vec()
            }
            None => {
                tracing::warn!(
                    "auth.jwt_secret is not set: signing tokens with a random per-process key, \
                     so they stop working at restart; multi-node deployments must set it"
                );
                crate::api_key::random_bytes::<32>().to_vec()
            }
        };
        Self {
            encoding: EncodingKey::from_secret(&secret),
            decoding: DecodingKey::from_secret(&secret),
            access_ttl_secs: config.access_ttl_secs,
            refresh_ttl_secs: config.refresh_ttl_secs,
        }
    }

    /// A new access and refresh token for `username`, the refresh token of `family`
    /// (a new `random_id()` at sign-in, the consumed token's at a refresh).
    pub(crate) fn issue_pair(&self, username: &str, family: &str) -> Result<TokenPair, AuthError> {
        Ok(TokenPair {
            access_token: self.issue(username, TokenKind::Access, None)?,
            refresh_token: self.issue(username, TokenKind::Refresh, Some(family))?,
            token_type: "Bearer",
            expires_in: self.access_ttl_secs,
        })
    }

    /// Until when (Unix seconds) the use of a refresh token expiring at `exp`, and the
    /// revocation of its family, must be remembered: while it or any token of its family,
    /// issued until now, could still verify on a node whose clock is behind.
    pub(crate) fn remember_until(&self, exp: u64) -> u64 {
        let now = jsonwebtoken::get_current_timestamp();
        exp.max(now.saturating_add(self.refresh_ttl_secs))
            .saturating_add(2 * LEEWAY_SECS + RACE_MARGIN_SECS)
    }

    fn issue(
        &self,
        username: &str,
        typ: TokenKind,
        family: Option<&str>,
    ) -> Result<String, AuthError> {
        let ttl_secs = match typ {
            TokenKind::Access => self.access_ttl_secs,
            TokenKind::Refresh => self.refresh_ttl_secs,
        };
        let now = jsonwebtoken::get_current_timestamp();
        let claims = LocalClaims {
            iss: LOCAL_ISSUER.to_owned(),
            sub: username.to_owned(),
            typ,
            iat: now,
            exp: now.saturating_add(ttl_secs),
            jti: Some(random_id()),
            fam: family.map(str::to_owned),
        };
        jsonwebtoken::encode(&Header::new(Algorithm::HS256), &claims, &self.encoding)
            .map_err(|e| AuthError::Config(format!("cannot sign token: {e}")))
    }

    /// The claims of a valid, unexpired token of kind `typ` (`sub` is the username).
    pub(crate) fn verify(&self, token: &str, typ: TokenKind) -> Result<LocalClaims, AuthError> {
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[LOCAL_ISSUER]);
        validation.set_required_spec_claims(&["exp", "iss", "sub"]);
        // Nodes share the key but not always the clock.
        validation.leeway = LEEWAY_SECS;
        let data = jsonwebtoken::decode::<LocalClaims>(token, &self.decoding, &validation)
            .map_err(|_| AuthError::Unauthenticated)?;
        if data.claims.typ == typ {
            Ok(data.claims)
        } else {
            Err(AuthError::Unauthenticated)
        }
    }
}

/// A fresh random id (128 bits, hex): a token id, or a new family.
pub(crate) fn random_id() -> String {
    hex::encode(crate::api_key::random_bytes::<16>())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(secret: &str) -> LocalTokens {
        LocalTokens::new(&AuthConfig {
            jwt_secret: Some(secret.to_owned()),
            ..AuthConfig::default()
        })
    }

    #[test]
    fn access_and_refresh_are_not_interchangeable() {
        let local = tokens("0123456789abcdef0123456789abcdef");
        let pair = local.issue_pair("ann", "family").expect("signs");
        assert_eq!(pair.token_type, "Bearer");
        assert_eq!(pair.expires_in, 900);
        let access = local
            .verify(&pair.access_token, TokenKind::Access)
            .expect("access verifies");
        let refresh = local
            .verify(&pair.refresh_token, TokenKind::Refresh)
            .expect("refresh verifies");
        assert_eq!((access.sub.as_str(), refresh.sub.as_str()), ("ann", "ann"));
        assert!(
            local
                .verify(&pair.access_token, TokenKind::Refresh)
                .is_err()
        );
        assert!(
            local
                .verify(&pair.refresh_token, TokenKind::Access)
                .is_err()
        );
    }

    #[test]
    fn every_token_has_its_own_id() {
        let local = tokens("0123456789abcdef0123456789abcdef");
        let (first, second) = (
            local.issue_pair("ann", "family").expect("signs"),
            local.issue_pair("ann", "family").expect("signs"),
        );
        let jti = |token: &str| {
            local
                .verify(token, TokenKind::Refresh)
                .expect("verifies")
                .jti
                .expect("has an id")
        };
        assert_ne!(first.refresh_token, second.refresh_token);
        assert_ne!(jti(&first.refresh_token), jti(&second.refresh_token));
        assert_eq!(jti(&first.refresh_token).len(), 32);
    }

    #[test]
    fn refresh_tokens_carry_their_family() {
        let local = tokens("0123456789abcdef0123456789abcdef");
        let pair = local.issue_pair("ann", "f1").expect("signs");
        let refresh = local
            .verify(&pair.refresh_token, TokenKind::Refresh)
            .expect("verifies");
        assert_eq!(refresh.fam.as_deref(), Some("f1"));
        let access = local
            .verify(&pair.access_token, TokenKind::Access)
            .expect("verifies");
        assert_eq!(access.fam, None);
        assert_ne!(random_id(), random_id());
        assert_eq!(random_id().len(), 32);
    }

    #[test]
    fn uses_are_remembered_while_any_token_of_the_family_lives() {
        let local = tokens("0123456789abcdef0123456789abcdef");
        let now = jsonwebtoken::get_current_timestamp();
        let week = 7 * 24 * 3600;
        // A token issued an hour ago: its descendants may live a whole lifetime from now.
        let until = local.remember_until(now + week - 3600);
        assert!(until >= now + week + 2 * LEEWAY_SECS, "{until}");
        // A token that outlives the configured lifetime (issued under a longer one).
        assert!(local.remember_until(now + 2 * week) >= now + 2 * week + 2 * LEEWAY_SECS);
    }

    #[test]
    fn another_key_does_not_verify() {
        let pair = tokens("first secret first secret first!")
            .issue_pair("ann", "family")
            .expect("signs");
        let other = tokens("other secret other secret other!");
        assert!(other.verify(&pair.access_token, TokenKind::Access).is_err());
    }
}
