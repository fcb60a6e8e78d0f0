//! API keys `msk_<id>_<secret>`: the id is public, only the SHA-256 of the secret is kept.

use moisson_model::account::ApiKey;
use moisson_model::{Membership, Principal, Role, Viewer};
use rand::Rng;
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;

const PREFIX: &str = "msk_";

/// A new API key: the record to store and the full secret `msk_<id>_<secret>`, shown once.
#[must_use]
pub fn new_api_key(
    unit: &str,
    role: Role,
    label: Option<String>,
    created_by: &str,
) -> (ApiKey, String) {
    let id = random_hex(8);
    let secret = random_hex(32);
    let key = ApiKey {
        id: id.clone(),
        unit: unit.to_owned(),
        role,
        label,
        created_by: created_by.to_owned(),
        created: Some(chrono::Utc::now()),
        revoked: false,
        secret_hash: secret_hash(&secret),
    };
    (key, format!("{PREFIX}{id}_{secret}"))
}

/// `(id, secret)` of a credential shaped like an API key.
pub(crate) fn parse(credential: &str) -> Option<(&str, &str)> {
    let (id, secret) = credential.strip_prefix(PREFIX)?.split_once('_')?;
    (!id.is_empty() && !secret.is_empty()).then_some((id, secret))
}

/// Whether `secret` is the key's secret (constant time) and the key is live.
pub(crate) fn verifies(key: &ApiKey, secret: &str) -> bool {
    let matches: bool = secret_hash(secret)
        .as_bytes()
        .ct_eq(key.secret_hash.to_ascii_lowercase().as_bytes())
        .into();
    matches && !key.revoked
}

/// The caller an API key stands for: its unit with its role, never a superadmin.
pub(crate) fn viewer(key: &ApiKey) -> Viewer {
    Viewer::Member(Principal {
        subject: format!("apikey:{}", key.id),
        memberships: vec![Membership {
            unit: key.unit.clone(),
            role: key.role,
        }],
        superadmin: false,
    })
}

fn secret_hash(secret: &str) -> String {
    hex::encode(Sha256::digest(secret.as_bytes()))
}

pub(crate) fn random_bytes<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    rand::rng().fill_bytes(&mut bytes);
    bytes
}

fn random_hex(len: usize) -> String {
    let bytes: [u8; 32] = random_bytes();
    hex::encode(&bytes[..len.min(32)])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn new_key_verifies_with_its_secret_only() {
        let (key, full) = new_api_key("ddt-01", Role::Editor, None, "user:ann");
        let (id, secret) = parse(&full).expect("shaped like a key");
        assert_eq!(id, key.id);
        assert!(verifies(&key, secret));
        assert!(!verifies(&key, &format!("{secret}x")));
        let revoked = ApiKey {
            revoked: true,
            ..key
        };
        assert!(!verifies(&revoked, secret));
    }

    #[test]
    fn malformed_keys_do_not_parse() {
        for s in ["msk_", "msk_abc", "msk__secret", "msk_abc_", "key_abc_def"] {
            assert_eq!(parse(s), None, "{s}");
        }
    }
}
