//! Password hashes: argon2id PHC strings, checked off the async threads.

use std::sync::OnceLock;

use argon2::Argon2;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher, PasswordVerifier};

use crate::AuthError;

/// An argon2id PHC string (random salt, the crate's recommended parameters) for `password`.
pub fn hash_password(password: &str) -> Result<String, AuthError> {
    Argon2::default()
        .hash_password(password.as_bytes())
        .map(|hash| hash.to_string())
        .map_err(|e| AuthError::Config(format!("cannot hash password: {e}")))
}

/// Whether `password` matches `hash`. Without a hash (unknown user, OIDC-only account)
/// a dummy hash is checked anyway so both cases take about the same time; the answer is
/// then `false`. Runs on the blocking pool: argon2 takes tens of milliseconds.
pub(crate) async fn verify(password: &str, hash: Option<String>) -> bool {
    let password = password.to_owned();
    let checked = tokio::task::spawn_blocking(move || {
        let known = hash.is_some();
        let phc = hash.unwrap_or_else(|| dummy_hash().to_owned());
        matches_hash(&password, &phc) && known
    })
    .await;
    checked.unwrap_or(false)
}

fn matches_hash(password: &str, phc: &str) -> bool {
    PasswordHash::new(phc).is_ok_and(|parsed| {
        Argon2::default()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok()
    })
}

/// Makes the dummy hash now, so the first unknown-user login is not slower than others.
pub(crate) fn prepare() {
    dummy_hash();
}

/// A hash of a random password, made once, with the same parameters as real hashes.
fn dummy_hash() -> &'static str {
    static DUMMY: OnceLock<String> = OnceLock::new();
    DUMMY.get_or_init(|| {
        let password = hex::encode(crate::api_key::random_bytes::<16>());
        hash_password(&password).unwrap_or_default()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hash_then_verify() {
        let hash = hash_password("correct horse").expect("hashes");
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify("correct horse", Some(hash.clone())).await);
        assert!(!verify("wrong horse", Some(hash)).await);
        assert!(!verify("anything", None).await);
        assert!(!verify("x", Some("not a phc string".to_owned())).await);
    }
}
