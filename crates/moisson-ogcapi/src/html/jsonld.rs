//! A record as a schema.org `Dataset` in JSON-LD, embedded in its page for search
//! engines (Google Dataset Search reads `name`, `description`, `url`, `identifier`,
//! `keywords`, `license`, `spatialCoverage`, `temporalCoverage`, `creator`,
//! `distribution` and `includedInDataCatalog`).

use serde_json::{Map, Value, json};

use crate::OgcState;

/// The `<script type="application/ld+json">` element of `doc`.
#[must_use]
pub fn script(doc: &Value) -> String {
    // `<` as `\u003c`, so that no text of the record can close the script element.
    let text = doc.to_string().replace('<', "\\u003c");
    format!("<script type=\"application/ld+json\">{text}</script>")
}

/// The `Dataset` of a GeoJSON record whose page is at `url`.
#[must_use]
pub fn dataset(state: &OgcState, url: &str, feature: &Value) -> Value {
    let p = &feature["properties"];
    let mut d = Map::new();
    d.insert("@context".into(), json!("https://schema.org/"));
    d.insert("@type".into(), json!("Dataset"));
    d.insert("url".into(), json!(url));
    d.insert("name".into(), p["title"].clone());
    // Google wants a description of 50 characters or more; the title stands in for none.
    let description = p["description"]
        .as_str()
        .or(p["title"].as_str())
        .unwrap_or_default();
    d.insert("description".into(), json!(description));
    if let Some(id) = p["resourceIdentifier"]["value"].as_str() {
        d.insert("identifier".into(), json!(id));
    }
    if let Some(k) = p["keywords"].as_array() {
        d.insert("keywords".into(), Value::Array(k.clone()));
    }
    if let Some(l) = rel(feature, "license").or_else(|| p["license"].as_str().map(str::to_owned)) {
        d.insert("license".into(), json!(l));
    }
    if let Some(m) = p["updated"].as_str() {
        d.insert("dateModified".into(), json!(m));
    }
    if let Some(place) = place(&feature["geometry"]) {
        d.insert("spatialCoverage".into(), place);
    }
    if let Some(t) = coverage(&feature["time"]) {
        d.insert("temporalCoverage".into(), json!(t));
    }
    let creators = organisations(p);
    if !creators.is_empty() {
        d.insert("creator".into(), Value::Array(creators));
    }
    let downloads = distribution(feature);
    if !downloads.is_empty() {
        d.insert("distribution".into(), Value::Array(downloads));
    }
    d.insert(
        "includedInDataCatalog".into(),
        json!({"@type": "DataCatalog", "name": state.title, "url": state.base()}),
    );
    Value::Object(d)
}

fn rel(feature: &Value, rel: &str) -> Option<String> {
    feature["links"]
        .as_array()?
        .iter()
        .find(|l| l["rel"] == rel)
        .and_then(|l| l["href"].as_str())
        .map(str::to_owned)
}

/// The geometry's extent as a schema.org box: "south west north east".
fn place(geometry: &Value) -> Option<Value> {
    let mut points = Vec::new();
    collect_points(&geometry["coordinates"], &mut points);
    let (mut w, mut s, mut e, mut n) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
    for [x, y] in &points {
        w = w.min(*x);
        e = e.max(*x);
        s = s.min(*y);
        n = n.max(*y);
    }
    (!points.is_empty()).then(|| {
        json!({"@type": "Place", "geo": {"@type": "GeoShape", "box": format!("{s} {w} {n} {e}")}})
    })
}

fn collect_points(v: &Value, out: &mut Vec<[f64; 2]>) {
    let Some(items) = v.as_array() else { return };
    if let [Value::Number(x), Value::Number(y), ..] = items.as_slice() {
        if let (Some(x), Some(y)) = (x.as_f64(), y.as_f64()) {
            out.push([x, y]);
        }
        return;
    }
    items.iter().for_each(|i| collect_points(i, out));
}

/// `start/end` (ISO 8601, `..` for an open end), or the instant.
fn coverage(time: &Value) -> Option<String> {
    if let Some([a, b]) = time["interval"].as_array().map(Vec::as_slice) {
        return Some(format!("{}/{}", a.as_str()?, b.as_str()?));
    }
    time["date"]
        .as_str()
        .or(time["timestamp"].as_str())
        .map(str::to_owned)
}

fn organisations(p: &Value) -> Vec<Value> {
    let mut names: Vec<&str> = Vec::new();
    for c in p["contacts"].as_array().into_iter().flatten() {
        // One entry per organisation, in the order the record names them.
        if let Some(name) = c["organization"].as_str().filter(|n| !names.contains(n)) {
            names.push(name);
        }
    }
    names
        .into_iter()
        .map(|n| json!({"@type": "Organization", "name": n}))
        .collect()
}

fn distribution(feature: &Value) -> Vec<Value> {
    feature["links"]
        .as_array()
        .map(|l| {
            l.iter()
                .filter(|l| l["rel"] == "enclosure")
                .filter_map(|l| l["href"].as_str())
                .map(|href| json!({"@type": "DataDownload", "contentUrl": href}))
                .collect()
        })
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_script_cannot_be_closed_by_the_record() {
        let s = script(&json!({"name": "</script><b>"}));
        assert!(
            !s[..s.len() - "</script>".len()].contains("</script>"),
            "{s}"
        );
    }

    #[test]
    fn box_and_coverage() {
        let g = json!({"type": "Polygon", "coordinates": [[[1.0, 43.0], [2.0, 43.0], [2.0, 44.0], [1.0, 44.0], [1.0, 43.0]]]});
        assert_eq!(place(&g).expect("place")["geo"]["box"], "43 1 44 2");
        assert_eq!(
            coverage(&json!({"interval": ["2020-01-01", ".."]})).as_deref(),
            Some("2020-01-01/..")
        );
    }
}
