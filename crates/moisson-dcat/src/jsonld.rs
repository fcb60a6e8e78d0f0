//! JSON-LD compaction of the oxjsonld output with Moisson's documented `@context`:
//! predicates and classes as compact IRIs (`dcat:keyword`), `rdf:type` as `@type`,
//! one node object per subject, and single values unwrapped from their arrays.

use serde_json::{Map, Value};

use crate::vocab::PREFIXES;

/// The `@context` every JSON-LD document Moisson writes carries: the prefixes of
/// [`crate::vocab::PREFIXES`], nothing else, so that it never changes meaning.
#[must_use]
pub fn context() -> Value {
    Value::Object(
        PREFIXES
            .iter()
            .map(|(p, ns)| ((*p).to_owned(), Value::String((*ns).to_owned())))
            .collect(),
    )
}

/// The compact IRI of `iri` (`dcat:Dataset`) when a prefix of the context covers it with a
/// simple local name; the IRI unchanged otherwise.
#[must_use]
pub fn compact_iri(iri: &str) -> String {
    PREFIXES
        .iter()
        .filter_map(|(p, ns)| iri.strip_prefix(ns).map(|local| (p, local)))
        .filter(|(_, local)| {
            !local.is_empty()
                && local
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"-_.".contains(&b))
        })
        .max_by_key(|(_, local)| std::cmp::Reverse(local.len()))
        .map_or_else(|| iri.to_owned(), |(p, local)| format!("{p}:{local}"))
}

/// Rewrites an expanded, flattened JSON-LD document (as oxjsonld writes it) in compact form.
pub fn compact(expanded: &[u8]) -> Result<Vec<u8>, serde_json::Error> {
    let doc: Value = serde_json::from_slice(expanded)?;
    let nodes = match doc {
        Value::Object(mut o) => o.remove("@graph").unwrap_or(Value::Array(Vec::new())),
        other => other,
    };
    let mut merged: Vec<Map<String, Value>> = Vec::new();
    for node in nodes
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_object)
    {
        let id = node.get("@id").cloned();
        let target = match merged.iter().position(|m| m.get("@id") == id.as_ref()) {
            Some(i) => &mut merged[i],
            None => {
                merged.push(Map::new());
                merged.last_mut().expect("just pushed")
            }
        };
        for (key, values) in node {
            if key == "@id" {
                target.insert(key.clone(), values.clone());
                continue;
            }
            let slot = target
                .entry(key.clone())
                .or_insert_with(|| Value::Array(Vec::new()));
            if let (Value::Array(slot), Value::Array(values)) = (slot, values) {
                slot.extend(values.iter().cloned());
            }
        }
    }
    let graph: Vec<Value> = merged.into_iter().map(compact_node).collect();
    let mut out = Map::new();
    out.insert("@context".to_owned(), context());
    out.insert("@graph".to_owned(), Value::Array(graph));
    serde_json::to_vec_pretty(&Value::Object(out))
}

fn compact_node(node: Map<String, Value>) -> Value {
    let mut out = Map::new();
    for (key, values) in node {
        if key == "@id" {
            out.insert(key, values);
        } else if key == crate::vocab::rdf::TYPE.as_str() {
            let types = values.as_array().into_iter().flatten();
            let types: Vec<Value> = types
                .filter_map(|v| {
                    v.get("@id")?
                        .as_str()
                        .map(|t| Value::String(compact_iri(t)))
                })
                .collect();
            out.insert("@type".to_owned(), unwrap_single(types));
        } else {
            let values = values
                .as_array()
                .into_iter()
                .flatten()
                .map(compact_value)
                .collect();
            out.insert(compact_iri(&key), unwrap_single(values));
        }
    }
    Value::Object(out)
}

fn compact_value(value: &Value) -> Value {
    let mut value = value.clone();
    if let Some(Value::String(datatype)) = value.get_mut("@type") {
        *datatype = compact_iri(datatype);
    }
    value
}

pub(crate) fn unwrap_single(mut values: Vec<Value>) -> Value {
    if values.len() == 1 {
        values.remove(0)
    } else {
        Value::Array(values)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compacts_known_namespaces_only() {
        assert_eq!(
            compact_iri("http://www.w3.org/ns/dcat#Dataset"),
            "dcat:Dataset"
        );
        assert_eq!(compact_iri("http://purl.org/dc/terms/title"), "dct:title");
        assert_eq!(
            compact_iri("http://data.europa.eu/930/"),
            "http://data.europa.eu/930/"
        );
        assert_eq!(
            compact_iri("https://example.org/a/b"),
            "https://example.org/a/b"
        );
    }
}
