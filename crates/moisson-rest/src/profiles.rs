//! Custom profiles: an organisation's JSON Schema for `catalogue.extra`, chosen per
//! record by `catalogue.profile`, loaded from a directory and compiled once.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jsonschema::error::ValidationErrorKind;
use moisson_model::Record;
use serde_json::Value;

use crate::error::{Error, Result};

/// File name suffix of a profile; the rest of the name is the profile's name.
pub const SUFFIX: &str = ".schema.json";

/// Compiled profiles by name. Cheap to clone.
#[derive(Clone, Default)]
pub struct Profiles(Arc<BTreeMap<String, Profile>>);

struct Profile {
    schema: Value,
    validator: jsonschema::Validator,
}

impl Profiles {
    /// No profiles: a record naming one is refused.
    #[must_use]
    pub fn empty() -> Self {
        Self::default()
    }

    /// Loads every `NAME.schema.json` of `dir` as profile `NAME`.
    pub fn load_dir(dir: impl AsRef<Path>) -> Result<Self> {
        let dir = dir.as_ref();
        let load_err = |path: &Path, message: String| Error::ProfileLoad {
            path: path.display().to_string(),
            message,
        };
        let entries = std::fs::read_dir(dir).map_err(|e| load_err(dir, e.to_string()))?;
        let mut schemas = Vec::new();
        for entry in entries {
            let path = entry.map_err(|e| load_err(dir, e.to_string()))?.path();
            let Some(name) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(SUFFIX))
            else {
                continue;
            };
            let text =
                std::fs::read_to_string(&path).map_err(|e| load_err(&path, e.to_string()))?;
            let schema = serde_json::from_str(&text).map_err(|e| load_err(&path, e.to_string()))?;
            schemas.push((name.to_owned(), schema));
        }
        Self::from_schemas(schemas)
    }

    /// Compiles schemas given by name (for tests and embedding).
    pub fn from_schemas(schemas: impl IntoIterator<Item = (String, Value)>) -> Result<Self> {
        let mut map = BTreeMap::new();
        for (name, schema) in schemas {
            let validator = jsonschema::options()
                .should_validate_formats(true)
                .build(&schema)
                .map_err(|e| Error::ProfileLoad {
                    path: name.clone(),
                    message: e.to_string(),
                })?;
            map.insert(name, Profile { schema, validator });
        }
        Ok(Self(Arc::new(map)))
    }

    /// Profile names, sorted.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.keys().map(String::as_str)
    }

    /// A profile's JSON Schema.
    #[must_use]
    pub fn schema(&self, name: &str) -> Option<&Value> {
        self.0.get(name).map(|p| &p.schema)
    }

    /// Checks `record.catalogue.extra` against the record's profile, if it names one.
    /// The error names the first failing field as `catalogue.extra.<path>`.
    pub fn validate(&self, record: &Record) -> Result<()> {
        let Some(name) = record.catalogue.profile.as_deref() else {
            return Ok(());
        };
        let profile = self.0.get(name).ok_or_else(|| {
            Error::invalid(
                "catalogue.profile",
                format!("unknown profile {name:?}; see GET /api/v1/profiles"),
            )
        })?;
        let extra = Value::Object(record.catalogue.extra.clone());
        match profile.validator.iter_errors(&extra).next() {
            None => Ok(()),
            Some(e) => Err(Error::Profile {
                profile: name.to_owned(),
                field: field_name(e.instance_path.as_str(), &e.kind),
                message: e.to_string(),
            }),
        }
    }
}

/// `catalogue.extra.a.0.b` from the JSON pointer `/a/0/b`; a missing required
/// property is named itself rather than its parent object.
fn field_name(pointer: &str, kind: &ValidationErrorKind) -> String {
    let mut field = String::from("catalogue.extra");
    for segment in pointer.split('/').skip(1) {
        field.push('.');
        field.push_str(&segment.replace("~1", "/").replace("~0", "~"));
    }
    if let ValidationErrorKind::Required {
        property: Value::String(p),
    } = kind
    {
        field.push('.');
        field.push_str(p);
    }
    field
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn shipped() -> Profiles {
        Profiles::load_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../schemas/profiles"
        ))
        .expect("shipped profiles load")
    }

    fn record(profile: Option<&str>, extra: Value) -> Record {
        let mut r = Record::default();
        r.catalogue.profile = profile.map(str::to_owned);
        r.catalogue.extra = extra.as_object().cloned().unwrap_or_default();
        r
    }

    fn failing_field(p: &Profiles, r: &Record) -> String {
        match p.validate(r) {
            Err(Error::Profile { field, .. }) => field,
            other => panic!("expected a profile error, got {other:?}"),
        }
    }

    #[test]
    fn shipped_example_profile_loads_and_validates() {
        let p = shipped();
        assert!(p.names().any(|n| n == "metropole-plu"));
        let ok = json!({"commune_insee": "69123", "plu_procedure": "revision", "approval_date": "2024-03-15"});
        p.validate(&record(Some("metropole-plu"), ok))
            .expect("valid extra");
    }

    #[test]
    fn failures_name_the_field() {
        let p = shipped();
        let bad = json!({"commune_insee": "6912", "plu_procedure": "revision", "approval_date": "2024-03-15"});
        assert_eq!(
            failing_field(&p, &record(Some("metropole-plu"), bad)),
            "catalogue.extra.commune_insee"
        );
        let bad = json!({"commune_insee": "69123", "plu_procedure": "revision", "approval_date": "15/03/2024"});
        assert_eq!(
            failing_field(&p, &record(Some("metropole-plu"), bad)),
            "catalogue.extra.approval_date"
        );
        let missing = json!({"plu_procedure": "revision", "approval_date": "2024-03-15"});
        assert_eq!(
            failing_field(&p, &record(Some("metropole-plu"), missing)),
            "catalogue.extra.commune_insee"
        );
    }

    #[test]
    fn unknown_profile_and_no_profile() {
        let p = Profiles::empty();
        assert!(matches!(
            p.validate(&record(Some("nope"), json!({}))),
            Err(Error::InvalidParameter { .. })
        ));
        p.validate(&record(None, json!({"free": 1})))
            .expect("no profile: extra is free");
    }

    #[test]
    fn bad_schema_is_a_load_error() {
        let r = Profiles::from_schemas([("x".to_owned(), json!({"type": 12}))]);
        assert!(matches!(r, Err(Error::ProfileLoad { .. })));
    }
}
