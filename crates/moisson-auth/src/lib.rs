//! Authentication: turns an `Authorization` header (admin token, API key, local or
//! OpenID Connect token) into a `moisson_model::Viewer`, and signs local users in.
//! Any credential that does not verify is refused with one message, whatever the
//! reason; only a missing header means anonymous.

mod api_key;
mod config;
mod credential;
mod error;
mod jwks;
mod local;
mod oidc;
mod password;
mod rate_limit;

use std::sync::Arc;

use moisson_model::account::User;
use moisson_model::{Principal, Viewer};
use moisson_store::AccountStore;
use serde::Serialize;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

pub use api_key::new_api_key;
pub use config::{AuthConfig, OidcIssuer};
pub use error::AuthError;
pub use password::hash_password;

use local::{LOCAL_ISSUER, LocalTokens, TokenKind};
use rate_limit::LoginLimiter;

/// Checks credentials. Cheap to clone; share one per process.
#[derive(Clone)]
pub struct Authenticator {
    inner: Arc<Inner>,
}

struct Inner {
    admin_token: Option<String>,
    local: LocalTokens,
    limiter: LoginLimiter,
    oidc: Vec<oidc::Issuer>,
    accounts: Arc<dyn AccountStore>,
}

impl std::fmt::Debug for Authenticator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let issuers: Vec<&str> = self.inner.oidc.iter().map(oidc::Issuer::name).collect();
        f.debug_struct("Authenticator")
            .field("admin_token_configured", &self.admin_token_configured())
            .field("oidc_issuers", &issuers)
            .finish_non_exhaustive()
    }
}

/// What a login or refresh returns (OAuth 2 token response shape).
#[derive(Debug, Clone, Serialize)]
pub struct TokenPair {
    pub access_token: String,
    pub refresh_token: String,
    /// Always `"Bearer"`.
    pub token_type: &'static str,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

impl Authenticator {
    /// Checks `config` (OpenID Connect entries, membership mappings). Logs a warning
    /// when no `jwt_secret` is set.
    pub fn new(config: AuthConfig, accounts: Arc<dyn AccountStore>) -> Result<Self, AuthError> {
        password::prepare();
        Ok(Self {
            inner: Arc::new(Inner {
                admin_token: config.admin_token.clone().filter(|t| !t.is_empty()),
                local: LocalTokens::new(&config),
                limiter: LoginLimiter::new(config.login_attempts_per_minute),
                oidc: oidc::issuers(&config.oidc)?,
                accounts,
            }),
        })
    }

    /// `Authorization` header value → caller. `None` → `Viewer::Anonymous`. Anything
    /// that does not verify → `Err(Unauthenticated)`.
    pub async fn viewer(&self, authorization: Option<&str>) -> Result<Viewer, AuthError> {
        let Some(value) = authorization else {
            return Ok(Viewer::Anonymous);
        };
        let credential = credential::bearer(value).ok_or(AuthError::Unauthenticated)?;
        if self.is_admin_token(credential) {
            return Ok(Viewer::Admin);
        }
        if let Some((id, secret)) = api_key::parse(credential) {
            return self.api_key_viewer(id, secret).await;
        }
        let issuer = credential::jwt_issuer(credential).ok_or(AuthError::Unauthenticated)?;
        if issuer == LOCAL_ISSUER {
            let claims = self.inner.local.verify(credential, TokenKind::Access)?;
            let user = self.active_user(&claims.sub).await?;
            return Ok(user_viewer(user));
        }
        match self.inner.oidc.iter().find(|i| i.name() == issuer) {
            Some(issuer) => issuer.viewer(credential).await,
            None => Err(AuthError::Unauthenticated),
        }
    }

    /// Local login; `client` is the caller's address for rate limiting (progressive
    /// delays per username and address, a budget per address: see `rate_limit`). Unknown user,
    /// wrong password and disabled user give the same error in about the same time.
    pub async fn login(
        &self,
        username: &str,
        password: &str,
        client: &str,
    ) -> Result<TokenPair, AuthError> {
        self.inner.limiter.check(username, client)?;
        let credentials = self.inner.accounts.user_credentials(username).await?;
        let (user, hash) = match credentials {
            Some(c) => (Some(c.user), c.password_hash),
            None => (None, None),
        };
        // The password is checked even for a disabled user, so timing tells nothing.
        let verified = password::verify(password, hash).await;
        match user {
            Some(user) if verified && !user.disabled => {
                self.inner.limiter.record_success(username, client);
                // A sign-in starts a new family of refresh tokens.
                let family = local::random_id();
                self.inner.local.issue_pair(&user.username, &family)
            }
            _ => {
                self.inner.limiter.record_failure(username, client);
                Err(AuthError::Unauthenticated)
            }
        }
    }

    /// A refresh token → a new pair, while the user exists and is enabled. Each refresh
    /// token works once: its id is marked as used in the store in the step that checks it
    /// was not, so a second use (even a concurrent one, on another node) is refused. The
    /// new refresh token keeps the family of the one used, and a second use of any token
    /// revokes its whole family (refresh token rotation with reuse detection): a thief
    /// and the legitimate client cannot both keep a chain, so both must sign in again.
    pub async fn refresh(&self, refresh_token: &str) -> Result<TokenPair, AuthError> {
        let claims = self
            .inner
            .local
            .verify(refresh_token.trim(), TokenKind::Refresh)?;
        let jti = claims.jti.ok_or(AuthError::Unauthenticated)?;
        // A token made before families existed stands for its own family.
        let family = claims.fam.unwrap_or_else(|| jti.clone());
        let expires = i64::try_from(self.inner.local.remember_until(claims.exp))
            .ok()
            .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
            .ok_or(AuthError::Unauthenticated)?;
        if !self
            .inner
            .accounts
            .consume_refresh_token(&jti, &family, expires)
            .await?
        {
            // Possible theft: worth a line for the operator (never shown to the caller).
            tracing::warn!(
                user = %claims.sub,
                "refresh token used again or of a revoked family; its family is revoked"
            );
            return Err(AuthError::Unauthenticated);
        }
        let user = self.active_user(&claims.sub).await?;
        self.inner.local.issue_pair(&user.username, &family)
    }

    /// Whether the bootstrap admin token is set.
    #[must_use]
    pub fn admin_token_configured(&self) -> bool {
        self.inner.admin_token.is_some()
    }

    /// Compares digests so that neither the content nor the length of the token leaks.
    fn is_admin_token(&self, credential: &str) -> bool {
        self.inner.admin_token.as_deref().is_some_and(|token| {
            let given = Sha256::digest(credential.as_bytes());
            let expected = Sha256::digest(token.as_bytes());
            given.as_slice().ct_eq(expected.as_slice()).into()
        })
    }

    async fn api_key_viewer(&self, id: &str, secret: &str) -> Result<Viewer, AuthError> {
        match self.inner.accounts.api_key(id).await? {
            Some(key) if api_key::verifies(&key, secret) => Ok(api_key::viewer(&key)),
            _ => Err(AuthError::Unauthenticated),
        }
    }

    /// The user as stored now, so disabling and membership changes apply at once.
    async fn active_user(&self, username: &str) -> Result<User, AuthError> {
        match self.inner.accounts.user_credentials(username).await? {
            Some(c) if !c.user.disabled => Ok(c.user),
            _ => Err(AuthError::Unauthenticated),
        }
    }
}

fn user_viewer(user: User) -> Viewer {
    Viewer::Member(Principal {
        subject: format!("user:{}", user.username),
        memberships: user.memberships,
        superadmin: user.superadmin,
    })
}
