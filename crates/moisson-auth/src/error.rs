//! Authentication errors. Messages never say which part of a credential was wrong.

use moisson_model::{Classify, ErrorClass};

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum AuthError {
    /// The credential does not verify (whatever the reason).
    #[error("invalid credentials")]
    Unauthenticated,
    /// Too many failed logins for this username or client; retry later.
    #[error("too many login attempts; retry in {retry_after_secs} s")]
    RateLimited { retry_after_secs: u64 },
    /// The account store failed.
    #[error(transparent)]
    Store(#[from] moisson_store::Error),
    /// The configuration is unusable (e.g. a bad membership mapping).
    #[error("authentication configuration: {0}")]
    Config(String),
}

impl Classify for AuthError {
    fn class(&self) -> ErrorClass {
        match self {
            // No "too many requests" class exists; 401 with the retry delay in the message.
            Self::Unauthenticated | Self::RateLimited { .. } => ErrorClass::Unauthorized,
            Self::Store(e) => e.class(),
            Self::Config(_) => ErrorClass::Internal,
        }
    }
}
