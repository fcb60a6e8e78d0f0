//! The `[auth]` configuration section.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// How callers authenticate. `Debug` hides the secrets; `Serialize` does not.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct AuthConfig {
    /// Bootstrap superadmin credential (`Authorization: Bearer <token>`), compared in
    /// constant time. Off when unset or empty.
    pub admin_token: Option<String>,
    /// HS256 key signing the local access and refresh tokens. When unset, a random
    /// per-process key is generated (tokens die with the process and a warning is
    /// logged): multi-node deployments must set it, to the same value on every node.
    pub jwt_secret: Option<String>,
    /// Lifetime of an access token, in seconds.
    pub access_ttl_secs: u64,
    /// Lifetime of a refresh token, in seconds.
    pub refresh_ttl_secs: u64,
    /// Failed logins allowed per minute from one client address, whatever the usernames,
    /// before further attempts from it are refused (0: no limit at all). Besides, each
    /// (username, client address) pair gets growing delays after 3 failures, so an
    /// attacker never locks a user out of other addresses. Counted in memory, per node.
    pub login_attempts_per_minute: u32,
    /// OpenID Connect issuers whose tokens are accepted.
    pub oidc: Vec<OidcIssuer>,
}

impl Default for AuthConfig {
    fn default() -> Self {
        Self {
            admin_token: None,
            jwt_secret: None,
            access_ttl_secs: 900,
            refresh_ttl_secs: 7 * 24 * 3600,
            login_attempts_per_minute: 10,
            oidc: Vec::new(),
        }
    }
}

impl fmt::Debug for AuthConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let redacted = |secret: &Option<String>| secret.as_ref().map(|_| "<redacted>");
        f.debug_struct("AuthConfig")
            .field("admin_token", &redacted(&self.admin_token))
            .field("jwt_secret", &redacted(&self.jwt_secret))
            .field("access_ttl_secs", &self.access_ttl_secs)
            .field("refresh_ttl_secs", &self.refresh_ttl_secs)
            .field("login_attempts_per_minute", &self.login_attempts_per_minute)
            .field("oidc", &self.oidc)
            .finish()
    }
}

/// An external OpenID Connect provider.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct OidcIssuer {
    /// Issuer identifier; must equal the token's `iss` claim exactly.
    pub issuer: String,
    /// Where the issuer publishes its signing keys (JSON Web Key Set).
    pub jwks_url: String,
    /// Required `aud` claim; not checked when unset.
    pub audience: Option<String>,
    /// Claim naming the subject (recorded as `oidc:<issuer>#<subject>`).
    pub subject_claim: String,
    /// Claim holding the caller's roles or groups: a string or an array of strings.
    pub roles_claim: String,
    /// Claim value → memberships it grants, each written `unit:role`
    /// (e.g. `"gis-editors" = ["ddt-01:editor"]`).
    pub memberships: BTreeMap<String, Vec<String>>,
    /// Claim values that make the caller a catalogue superadmin.
    pub superadmin_values: Vec<String>,
    /// How long fetched keys are kept, in seconds.
    pub jwks_cache_secs: u64,
    /// Least time between two fetches triggered by a token naming an unknown key
    /// (`kid`), in seconds: keys rotate rarely, and made-up `kid`s must not make
    /// Moisson hammer the issuer.
    pub jwks_min_refetch_secs: u64,
}

impl Default for OidcIssuer {
    fn default() -> Self {
        Self {
            issuer: String::new(),
            jwks_url: String::new(),
            audience: None,
            subject_claim: "sub".to_owned(),
            roles_claim: "groups".to_owned(),
            memberships: BTreeMap::new(),
            superadmin_values: Vec::new(),
            jwks_cache_secs: 3600,
            jwks_min_refetch_secs: 60,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_hides_secrets() {
        let config = AuthConfig {
            admin_token: Some("top-secret-admin".to_owned()),
            jwt_secret: Some("top-secret-jwt".to_owned()),
            ..AuthConfig::default()
        };
        let shown = format!("{config:?}");
        assert!(!shown.contains("top-secret"), "{shown}");
        assert!(shown.contains("<redacted>"));
    }

    #[test]
    fn defaults_fill_missing_keys() {
        let config: AuthConfig = serde_json::from_str(
            r#"{"oidc":[{"issuer":"https://idp","jwks_url":"https://idp/k"}]}"#,
        )
        .expect("parses");
        assert_eq!(config.access_ttl_secs, 900);
        assert_eq!(config.oidc[0].roles_claim, "groups");
        assert_eq!(config.oidc[0].jwks_cache_secs, 3600);
        assert!(serde_json::from_str::<AuthConfig>(r#"{"nope":1}"#).is_err());
    }
}
