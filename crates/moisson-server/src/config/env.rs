//! Environment variables as a configuration source, behind an `Env` trait so tests
//! pass a fake environment instead of mutating the process one.
//!
//! Fixed names operators rely on are mapped first ([`FIXED_VARS`]); any other
//! `MOISSON_<SECTION>__<KEY>` variable sets `<section>.<key>`. `MOISSON_*` variables
//! without `__` that are not fixed names (`MOISSON_CONFIG`, `MOISSON_TEST_PG`…) are
//! ignored here.

use std::collections::BTreeMap;

use figment::value::{Dict, Map, Value};
use figment::{Error, Metadata, Profile, Provider};

/// Reads environment variables.
pub trait Env {
    fn var(&self, name: &str) -> Option<String>;
    /// Every variable, for the generic `MOISSON_<SECTION>__<KEY>` mapping.
    fn vars(&self) -> Vec<(String, String)>;
}

/// The process environment.
#[derive(Debug, Clone, Copy, Default)]
pub struct ProcessEnv;

impl Env for ProcessEnv {
    fn var(&self, name: &str) -> Option<String> {
        std::env::var(name).ok()
    }

    fn vars(&self) -> Vec<(String, String)> {
        std::env::vars().collect()
    }
}

/// A fake environment for tests.
#[derive(Debug, Clone, Default)]
pub struct FauxEnv(pub BTreeMap<String, String>);

impl FauxEnv {
    #[must_use]
    pub fn new<const N: usize>(vars: [(&str, &str); N]) -> Self {
        Self(
            vars.iter()
                .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
                .collect(),
        )
    }
}

impl Env for FauxEnv {
    fn var(&self, name: &str) -> Option<String> {
        self.0.get(name).cloned()
    }

    fn vars(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
    }
}

/// Prefix of every Moisson variable.
pub const PREFIX: &str = "MOISSON_";

/// Variables with a fixed name, and the key each sets.
pub const FIXED_VARS: &[(&str, &str)] = &[
    ("MOISSON_LISTEN", "server.listen"),
    ("MOISSON_PUBLIC_URL", "server.public_url"),
    ("MOISSON_DEMO", "server.demo"),
    ("MOISSON_DEMO_DIR", "server.demo_dir"),
    ("MOISSON_TRUSTED_PROXIES", "server.trusted_proxies"),
    ("MOISSON_DATABASE_URL", "database.url"),
    ("MOISSON_ADMIN_TOKEN", "auth.admin_token"),
    ("MOISSON_JWT_SECRET", "auth.jwt_secret"),
    ("MOISSON_PROFILES_DIR", "rest.profiles_dir"),
    ("MOISSON_LOG", "logging.level"),
];

/// Secrets that may come from a file named by `<VARIABLE>_FILE` instead, as container
/// secrets are mounted (`/run/secrets/…`): the value stays out of the environment,
/// which `ps e`, `docker inspect` and crash reports show.
pub const SECRET_VARS: &[&str] = &[
    "MOISSON_DATABASE_URL",
    "MOISSON_ADMIN_TOKEN",
    "MOISSON_JWT_SECRET",
];

/// The `(key, value)` pairs of the secrets read from `<VARIABLE>_FILE` files (trailing
/// line breaks dropped); a file that cannot be read is an error naming the variable.
pub fn secret_files(env: &dyn Env) -> anyhow::Result<Vec<(String, String)>> {
    let mut out = Vec::new();
    for var in SECRET_VARS {
        let file_var = format!("{var}_FILE");
        let Some(path) = env.var(&file_var).filter(|p| !p.is_empty()) else {
            continue;
        };
        let text = std::fs::read_to_string(&path)
            .map_err(|e| anyhow::anyhow!("{file_var}={path}: {e}"))?;
        let key = FIXED_VARS
            .iter()
            .find(|(fixed, _)| fixed == var)
            .map(|(_, key)| (*key).to_owned())
            .ok_or_else(|| anyhow::anyhow!("{var} has no configuration key"))?;
        out.push((key, text.trim_end_matches(['\r', '\n']).to_owned()));
    }
    Ok(out)
}

/// The `(key, value)` pairs the environment sets, keys dotted (`server.listen`).
pub fn pairs(env: &dyn Env) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = FIXED_VARS
        .iter()
        .filter_map(|(var, key)| env.var(var).map(|v| ((*key).to_owned(), v)))
        .collect();
    let mut generic: Vec<(String, String)> = env
        .vars()
        .into_iter()
        .filter_map(|(name, value)| {
            let rest = name.strip_prefix(PREFIX)?;
            rest.contains("__").then(|| {
                (
                    rest.split("__")
                        .map(str::to_lowercase)
                        .collect::<Vec<_>>()
                        .join("."),
                    value,
                )
            })
        })
        .collect();
    generic.sort();
    out.extend(generic);
    out
}

/// A figment provider from dotted keys and string values. Strings become booleans
/// where the target type asks for one (`Figment::extract_lossy`).
pub struct KeyValues {
    name: &'static str,
    pairs: Vec<(String, String)>,
}

impl KeyValues {
    #[must_use]
    pub fn new(name: &'static str, pairs: Vec<(String, String)>) -> Self {
        Self { name, pairs }
    }

    /// The environment as a provider; errors name the `MOISSON_…` variable.
    #[must_use]
    pub fn from_env(env: &dyn Env) -> Self {
        Self::new("environment variable", pairs(env))
    }
}

impl Provider for KeyValues {
    fn metadata(&self) -> Metadata {
        let name = self.name;
        Metadata::named(name).interpolater(move |_profile, keys| {
            if name == "environment variable" {
                format!("{PREFIX}{}", keys.join("__").to_uppercase())
            } else {
                keys.join(".")
            }
        })
    }

    fn data(&self) -> Result<Map<Profile, Dict>, Error> {
        let mut dict = Dict::new();
        for (key, value) in &self.pairs {
            let path: Vec<&str> = key.split('.').collect();
            insert(&mut dict, &path, Value::from(value.clone()));
        }
        Ok(Profile::Default.collect(dict))
    }
}

fn insert(dict: &mut Dict, path: &[&str], value: Value) {
    match path {
        [] => {}
        [last] => {
            dict.insert((*last).to_owned(), value);
        }
        [first, rest @ ..] => {
            let entry = dict
                .entry((*first).to_owned())
                .or_insert_with(|| Value::from(Dict::new()));
            if entry.as_dict().is_none() {
                *entry = Value::from(Dict::new());
            }
            if let Value::Dict(_, inner) = entry {
                insert(inner, rest, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn secrets_come_from_files_named_by_file_variables() {
        let dir = tempfile::tempdir().expect("tempdir");
        let token = dir.path().join("admin_token");
        std::fs::write(&token, "from-a-file\n").expect("write");
        let path = token.display().to_string();
        let env = FauxEnv::new([("MOISSON_ADMIN_TOKEN_FILE", path.as_str())]);
        assert_eq!(
            secret_files(&env).expect("read"),
            vec![("auth.admin_token".to_owned(), "from-a-file".to_owned())]
        );
        let missing = FauxEnv::new([("MOISSON_JWT_SECRET_FILE", "/no/such/file")]);
        let err = secret_files(&missing).expect_err("unreadable").to_string();
        assert!(err.contains("MOISSON_JWT_SECRET_FILE"), "{err}");
    }

    #[test]
    fn fixed_and_generic_names_map_to_keys() {
        let env = FauxEnv::new([
            ("MOISSON_LISTEN", "0.0.0.0:80"),
            ("MOISSON_LOGGING__LEVEL", "debug"),
            ("MOISSON_CONFIG", "ignored.toml"),
            ("HOME", "/root"),
        ]);
        assert_eq!(
            pairs(&env),
            vec![
                ("server.listen".to_owned(), "0.0.0.0:80".to_owned()),
                ("logging.level".to_owned(), "debug".to_owned()),
            ]
        );
    }
}
