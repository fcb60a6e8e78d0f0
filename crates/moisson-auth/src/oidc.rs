//! OpenID Connect tokens from configured issuers: verified against the issuer's JWKS,
//! memberships mapped from a claim.

use std::collections::BTreeMap;
use std::time::Duration;

use jsonwebtoken::{Algorithm, Validation};
use moisson_model::{Membership, Principal, Role, Viewer};
use serde_json::{Map, Value};

use crate::jwks::JwksCache;
use crate::local::LOCAL_ISSUER;
use crate::{AuthError, OidcIssuer};

/// Asymmetric algorithms only: an HMAC "key" from a JWKS would be public.
const ALGORITHMS: [Algorithm; 8] = [
    Algorithm::RS256,
    Algorithm::RS384,
    Algorithm::RS512,
    Algorithm::PS256,
    Algorithm::PS384,
    Algorithm::PS512,
    Algorithm::ES256,
    Algorithm::ES384,
];

const FETCH_TIMEOUT: Duration = Duration::from_secs(10);
const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);

/// One configured issuer, ready to verify its tokens.
pub(crate) struct Issuer {
    config: OidcIssuer,
    /// Claim value → memberships it grants.
    grants: BTreeMap<String, Vec<Membership>>,
    jwks: JwksCache,
}

/// Checks the configured issuers and prepares their key caches.
pub(crate) fn issuers(configs: &[OidcIssuer]) -> Result<Vec<Issuer>, AuthError> {
    if configs.is_empty() {
        return Ok(Vec::new());
    }
    let http = reqwest::Client::builder()
        .timeout(FETCH_TIMEOUT)
        .connect_timeout(CONNECT_TIMEOUT)
        // Fetches are rare and may come from any worker's runtime: no pooled connections.
        .pool_max_idle_per_host(0)
        .build()
        .map_err(|e| AuthError::Config(format!("cannot build the JWKS client: {e}")))?;
    let mut seen = Vec::new();
    configs
        .iter()
        .map(|config| {
            let name = &config.issuer;
            if name.is_empty() || config.jwks_url.is_empty() {
                return Err(AuthError::Config(
                    "each auth.oidc entry needs an issuer and a jwks_url".to_owned(),
                ));
            }
            if name == LOCAL_ISSUER || seen.contains(&name) {
                return Err(AuthError::Config(format!(
                    "OpenID Connect issuer {name:?} is reserved or listed twice"
                )));
            }
            seen.push(name);
            Ok(Issuer {
                grants: grants(config)?,
                jwks: JwksCache::new(
                    config.jwks_url.clone(),
                    Duration::from_secs(config.jwks_cache_secs),
                    Duration::from_secs(config.jwks_min_refetch_secs),
                    http.clone(),
                ),
                config: config.clone(),
            })
        })
        .collect()
}

/// Parses `memberships` values written `unit:role`.
fn grants(config: &OidcIssuer) -> Result<BTreeMap<String, Vec<Membership>>, AuthError> {
    let mut grants = BTreeMap::new();
    for (value, entries) in &config.memberships {
        let mut memberships = Vec::new();
        for entry in entries {
            let membership = entry
                .rsplit_once(':')
                .and_then(|(unit, role)| {
                    Some(Membership {
                        unit: unit.trim().to_owned(),
                        role: Role::parse(role.trim())?,
                    })
                })
                .filter(|m| !m.unit.is_empty())
                .ok_or_else(|| {
                    AuthError::Config(format!(
                        "issuer {:?}: membership {entry:?} of {value:?} is not `unit:role` \
                         (role reader, editor, reviewer or admin)",
                        config.issuer
                    ))
                })?;
            memberships.push(membership);
        }
        grants.insert(value.clone(), memberships);
    }
    Ok(grants)
}

impl Issuer {
    pub(crate) fn name(&self) -> &str {
        &self.config.issuer
    }

    /// The caller a token of this issuer stands for, if it verifies.
    pub(crate) async fn viewer(&self, token: &str) -> Result<Viewer, AuthError> {
        let header = jsonwebtoken::decode_header(token).map_err(|_| AuthError::Unauthenticated)?;
        if !ALGORITHMS.contains(&header.alg) {
            return Err(AuthError::Unauthenticated);
        }
        let key = self
            .jwks
            .key(header.kid.as_deref(), header.alg)
            .await
            .ok_or(AuthError::Unauthenticated)?;
        let claims =
            jsonwebtoken::decode::<Map<String, Value>>(token, &key, &self.validation(header.alg))
                .map_err(|_| AuthError::Unauthenticated)?
                .claims;
        let subject = claim(&claims, &self.config.subject_claim)
            .and_then(scalar)
            .filter(|s| !s.is_empty())
            .ok_or(AuthError::Unauthenticated)?;
        let values = claim(&claims, &self.config.roles_claim)
            .map(strings)
            .unwrap_or_default();
        let mut memberships: Vec<Membership> = Vec::new();
        for m in values.iter().filter_map(|v| self.grants.get(v)).flatten() {
            if !memberships.contains(m) {
                memberships.push(m.clone());
            }
        }
        let superadmin = values
            .iter()
            .any(|v| self.config.superadmin_values.contains(v));
        Ok(Viewer::Member(Principal {
            subject: format!("oidc:{}#{subject}", self.config.issuer),
            memberships,
            superadmin,
        }))
    }

    fn validation(&self, alg: Algorithm) -> Validation {
        let mut validation = Validation::new(alg);
        validation.set_issuer(&[&self.config.issuer]);
        validation.validate_nbf = true;
        match &self.config.audience {
            Some(audience) => {
                validation.set_audience(&[audience]);
                validation.set_required_spec_claims(&["exp", "iss", "aud"]);
            }
            None => {
                validation.validate_aud = false;
                validation.set_required_spec_claims(&["exp", "iss"]);
            }
        }
        validation
    }
}

/// A claim by name, or by dotted path into nested objects (`realm_access.roles`).
fn claim<'a>(claims: &'a Map<String, Value>, name: &str) -> Option<&'a Value> {
    claims.get(name).or_else(|| {
        let (first, rest) = name.split_once('.')?;
        rest.split('.')
            .try_fold(claims.get(first)?, |value, part| value.get(part))
    })
}

fn scalar(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// A string claim or the strings of an array claim.
fn strings(value: &Value) -> Vec<String> {
    match value {
        Value::Array(items) => items.iter().filter_map(scalar).collect(),
        other => scalar(other).into_iter().collect(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claims_by_name_or_path() {
        let claims: Map<String, Value> =
            serde_json::from_str(r#"{"groups":"a","realm_access":{"roles":["b","c"]},"x.y":1}"#)
                .expect("json");
        assert_eq!(
            claim(&claims, "groups").map(strings),
            Some(vec!["a".to_owned()])
        );
        assert_eq!(
            claim(&claims, "realm_access.roles").map(strings),
            Some(vec!["b".to_owned(), "c".to_owned()])
        );
        assert_eq!(claim(&claims, "x.y").and_then(scalar), Some("1".to_owned()));
        assert!(claim(&claims, "realm_access.nope").is_none());
    }

    #[test]
    fn bad_membership_mapping_is_a_config_error() {
        let mut config = OidcIssuer {
            issuer: "https://idp".to_owned(),
            jwks_url: "https://idp/jwks".to_owned(),
            ..OidcIssuer::default()
        };
        config
            .memberships
            .insert("g".to_owned(), vec!["ddt-01:boss".to_owned()]);
        assert!(matches!(
            issuers(&[config.clone()]),
            Err(AuthError::Config(_))
        ));
        config
            .memberships
            .insert("g".to_owned(), vec!["ddt-01:editor".to_owned()]);
        assert!(issuers(&[config.clone()]).is_ok());
        config.issuer = LOCAL_ISSUER.to_owned();
        assert!(matches!(issuers(&[config]), Err(AuthError::Config(_))));
    }
}
