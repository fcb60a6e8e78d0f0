//! `outputFormat=application/json`: the XML answer as JSON, in the convention pycsw uses
//! (xmltodict's): an element is an object of its attributes (`@name`), its namespace
//! declarations (`@xmlns`: prefix → URI), its children by qualified name (an array when
//! repeated) and its text (`#text`); an element with text only is that text, an empty one
//! `null`. Names are the qualified names the XML is written with, so both encodings read
//! alike. Only JSON requests pay for the conversion.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};
use serde_json::{Map, Value};

/// The `outputFormat` asking for JSON.
pub const MEDIA_TYPE: &str = "application/json";

/// One open element while reading.
struct Open {
    name: String,
    fields: Map<String, Value>,
    text: String,
}

/// The JSON form of an XML document (the document must be well-formed: it is ours).
pub fn from_xml(xml: &str) -> Result<Value, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Open> = Vec::new();
    loop {
        match reader.read_event().map_err(|e| e.to_string())? {
            Event::Start(e) => stack.push(open(&e)?),
            Event::Empty(e) => {
                let element = open(&e)?;
                if let Some(root) = close(&mut stack, element) {
                    return Ok(root);
                }
            }
            Event::Text(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&t.decode().map_err(|e| e.to_string())?);
                }
            }
            Event::GeneralRef(r) => {
                let name = r.decode().map_err(|e| e.to_string())?;
                let resolved = quick_xml::escape::resolve_predefined_entity(&name)
                    .map(str::to_owned)
                    .or_else(|| {
                        let code = name.strip_prefix('#')?;
                        let n = match code.strip_prefix('x') {
                            Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                            None => code.parse().ok()?,
                        };
                        char::from_u32(n).map(String::from)
                    })
                    .ok_or_else(|| format!("unknown entity &{name};"))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&resolved);
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&String::from_utf8_lossy(&t));
                }
            }
            Event::End(_) => {
                let element = stack.pop().ok_or("unbalanced XML")?;
                if let Some(root) = close(&mut stack, element) {
                    return Ok(root);
                }
            }
            Event::Eof => return Err("no root element".to_owned()),
            _ => {}
        }
    }
}

fn open(e: &BytesStart) -> Result<Open, String> {
    let mut fields = Map::new();
    let mut xmlns = Map::new();
    for attr in e.attributes() {
        let attr = attr.map_err(|e| e.to_string())?;
        let key = String::from_utf8_lossy(attr.key.as_ref()).into_owned();
        let value = attr
            .unescape_value()
            .map_err(|e| e.to_string())?
            .into_owned();
        match key.strip_prefix("xmlns") {
            Some(prefix) => {
                xmlns.insert(prefix.trim_start_matches(':').to_owned(), value.into());
            }
            None => {
                fields.insert(format!("@{key}"), value.into());
            }
        }
    }
    if !xmlns.is_empty() {
        fields.insert("@xmlns".to_owned(), Value::Object(xmlns));
    }
    Ok(Open {
        name: String::from_utf8_lossy(e.name().as_ref()).into_owned(),
        fields,
        text: String::new(),
    })
}

/// Closes an element into its parent; the document's value when it was the root.
fn close(stack: &mut [Open], element: Open) -> Option<Value> {
    let Open {
        name,
        mut fields,
        text,
    } = element;
    let text = text.trim();
    let value = match (fields.is_empty(), text.is_empty()) {
        (true, true) => Value::Null,
        (true, false) => Value::String(text.to_owned()),
        (false, empty) => {
            if !empty {
                fields.insert("#text".to_owned(), text.into());
            }
            Value::Object(fields)
        }
    };
    let Some(parent) = stack.last_mut() else {
        let mut root = Map::new();
        root.insert(name, value);
        return Some(Value::Object(root));
    };
    match parent.fields.get_mut(&name) {
        Some(Value::Array(items)) => items.push(value),
        Some(first) => *first = Value::Array(vec![first.take(), value]),
        None => {
            parent.fields.insert(name, value);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn elements_attributes_text_and_repeats() {
        let xml = r#"<?xml version="1.0"?><csw:R xmlns:csw="c" n="2"><dc:t>a &amp; b</dc:t><dc:t>c</dc:t><e/><b x="1">t</b></csw:R>"#;
        let json = from_xml(xml).expect("json");
        assert_eq!(
            json,
            serde_json::json!({"csw:R": {
                "@xmlns": {"csw": "c"}, "@n": "2",
                "dc:t": ["a & b", "c"], "e": null, "b": {"@x": "1", "#text": "t"}
            }})
        );
    }
}
