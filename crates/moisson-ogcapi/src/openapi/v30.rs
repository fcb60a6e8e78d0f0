//! OpenAPI 3.1 → 3.0.3, for the document `service-desc` links to.
//!
//! utoipa 5 only emits OpenAPI 3.1, but OWSLib's `api()` (0.35) only follows a
//! `service-desc` link typed `application/vnd.oai.openapi+json;version=3.0` (or the YAML
//! one) and raises "Did not find service-desc link" otherwise. The constructs utoipa uses
//! that 3.0 lacks are few, and each has a 3.0 spelling:
//! - `"type": [T, "null"]` → `"type": T, "nullable": true`;
//! - `"oneOf": [{"type": "null"}, S]` → `"allOf": [S], "nullable": true`;
//! - `$ref` with siblings (3.0 ignores them) → `"allOf": [{"$ref": …}]` with the siblings;
//! - `info.license.identifier` (SPDX, 3.1 only) → dropped; the name stays.

use serde_json::{Map, Value};

/// The version written in the converted document.
pub const VERSION: &str = "3.0.3";

/// Converts a 3.1 document (as utoipa writes it) to 3.0.3.
#[must_use]
pub fn downgrade(mut doc: Value) -> Value {
    if let Some(license) = doc
        .pointer_mut("/info/license")
        .and_then(Value::as_object_mut)
    {
        license.remove("identifier");
    }
    convert(&mut doc);
    if let Some(root) = doc.as_object_mut() {
        root.insert("openapi".to_owned(), Value::from(VERSION));
    }
    doc
}

fn convert(value: &mut Value) {
    match value {
        Value::Object(map) => {
            nullable_type(map);
            nullable_one_of(map);
            ref_with_siblings(map);
            map.values_mut().for_each(convert);
        }
        Value::Array(items) => items.iter_mut().for_each(convert),
        _ => {}
    }
}

fn is_null_type(v: &Value) -> bool {
    v.as_str() == Some("null")
}

/// `"type": [T, "null"]` → `"type": T, "nullable": true`.
fn nullable_type(map: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = map.get("type") else {
        return;
    };
    if !types.iter().any(is_null_type) {
        return;
    }
    let others: Vec<Value> = types.iter().filter(|t| !is_null_type(t)).cloned().collect();
    if let [single] = others.as_slice() {
        map.insert("type".to_owned(), single.clone());
    } else {
        // No single 3.0 type: leave the type open, which 3.0 allows.
        map.remove("type");
    }
    map.insert("nullable".to_owned(), Value::Bool(true));
}

/// `"oneOf": [{"type": "null"}, S…]` → `"allOf": [S]` (or `oneOf` of the rest), nullable.
fn nullable_one_of(map: &mut Map<String, Value>) {
    let Some(Value::Array(options)) = map.get("oneOf") else {
        return;
    };
    let is_null = |o: &Value| o.get("type").is_some_and(is_null_type);
    if !options.iter().any(is_null) {
        return;
    }
    let rest: Vec<Value> = options.iter().filter(|o| !is_null(o)).cloned().collect();
    map.remove("oneOf");
    if rest.len() == 1 {
        map.insert("allOf".to_owned(), Value::Array(rest));
    } else {
        map.insert("oneOf".to_owned(), Value::Array(rest));
    }
    map.insert("nullable".to_owned(), Value::Bool(true));
}

/// `{"$ref": R, "description": …}` → `{"allOf": [{"$ref": R}], "description": …}`.
fn ref_with_siblings(map: &mut Map<String, Value>) {
    if map.len() < 2 {
        return;
    }
    if let Some(reference) = map.remove("$ref") {
        let mut only_ref = Map::new();
        only_ref.insert("$ref".to_owned(), reference);
        map.insert(
            "allOf".to_owned(),
            Value::Array(vec![Value::Object(only_ref)]),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_the_constructs_utoipa_writes() {
        let doc = json!({
            "openapi": "3.1.0",
            "info": { "license": { "name": "EUPL-1.2", "identifier": "EUPL-1.2" } },
            "components": { "schemas": { "A": { "properties": {
                "s": { "type": ["string", "null"] },
                "l": { "oneOf": [ { "type": "null" }, { "$ref": "#/x", "description": "d" } ] },
                "r": { "$ref": "#/y", "description": "e" },
                "plain": { "$ref": "#/z" },
            } } } },
        });
        let v = downgrade(doc);
        assert_eq!(v["openapi"], "3.0.3");
        assert_eq!(v["info"]["license"], json!({ "name": "EUPL-1.2" }));
        let p = &v["components"]["schemas"]["A"]["properties"];
        assert_eq!(p["s"], json!({ "type": "string", "nullable": true }));
        assert_eq!(
            p["l"],
            json!({ "nullable": true,
                "allOf": [ { "allOf": [ { "$ref": "#/x" } ], "description": "d" } ] })
        );
        assert_eq!(
            p["r"],
            json!({ "allOf": [ { "$ref": "#/y" } ], "description": "e" })
        );
        assert_eq!(p["plain"], json!({ "$ref": "#/z" }));
    }
}
