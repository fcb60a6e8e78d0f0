//! The `[auth]` section: `moisson_auth::AuthConfig`, read as is and shown with its
//! secrets (`admin_token`, `jwt_secret`) redacted wherever the configuration is printed
//! (`Debug`, `moisson config check`).

use std::fmt;
use std::ops::{Deref, DerefMut};

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::REDACTED;

/// Keys of `[auth]` whose values are never shown.
const SECRET_KEYS: [&str; 2] = ["admin_token", "jwt_secret"];

#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(transparent)]
pub struct AuthSection(pub moisson_auth::AuthConfig);

impl AuthSection {
    /// The section as JSON, secrets replaced by `***` and unset values left out.
    fn redacted(&self) -> Value {
        let mut value = serde_json::to_value(&self.0).unwrap_or(Value::Null);
        if let Value::Object(map) = &mut value {
            for key in SECRET_KEYS {
                if let Some(v) = map.get_mut(key).filter(|v| !v.is_null()) {
                    *v = Value::String(REDACTED.to_owned());
                }
            }
        }
        drop_nulls(&mut value);
        value
    }
}

/// TOML has no null: unset options are left out, as serde leaves out `None` fields.
fn drop_nulls(value: &mut Value) {
    match value {
        Value::Object(map) => {
            map.retain(|_, v| !v.is_null());
            map.values_mut().for_each(drop_nulls);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_nulls),
        _ => {}
    }
}

impl Deref for AuthSection {
    type Target = moisson_auth::AuthConfig;

    fn deref(&self) -> &Self::Target {
        &self.0
    }
}

impl DerefMut for AuthSection {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.0
    }
}

impl Serialize for AuthSection {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.redacted().serialize(s)
    }
}

impl fmt::Debug for AuthSection {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AuthSection({})", self.redacted())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_never_print() {
        let auth = AuthSection(moisson_auth::AuthConfig {
            admin_token: Some("tok-123".to_owned()),
            jwt_secret: Some("jwt-456".to_owned()),
            ..moisson_auth::AuthConfig::default()
        });
        let shown = format!(
            "{auth:?} {}",
            toml::to_string(&auth).expect("serialises as TOML")
        );
        assert!(
            !shown.contains("tok-123") && !shown.contains("jwt-456"),
            "{shown}"
        );
        assert!(shown.contains("admin_token = \"***\""), "{shown}");
        assert_eq!(auth.admin_token.as_deref(), Some("tok-123"));
        let unset = toml::to_string(&AuthSection::default()).expect("serialises");
        assert!(!unset.contains("admin_token"), "{unset}");
    }
}
