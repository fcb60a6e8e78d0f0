//! What the JSON catalogue APIs (udata, CKAN) share: reading optional fields, and the parts
//! of a record both map the same way (tags, dates, downloads).

use moisson_model::{Anchored, KeywordGroup, OnlineResource, Record, ResourceDate};
use serde_json::Value;

/// A non-blank string member of `v`.
pub(crate) fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty())
}

/// The elements of the array member `key` (none when it is missing or not an array).
pub(crate) fn items<'a>(v: &'a Value, key: &str) -> impl Iterator<Item = &'a Value> {
    v.get(key).and_then(Value::as_array).into_iter().flatten()
}

/// Adds `tags` as one theme keyword group, when there are any.
pub(crate) fn add_tags(record: &mut Record, tags: Vec<Anchored>) {
    if !tags.is_empty() {
        record.keywords.push(KeywordGroup {
            kind: Some("theme".to_owned()),
            keywords: tags,
            ..KeywordGroup::default()
        });
    }
}

/// Adds the dates of `v` named by `(member, ISO date type)` pairs.
pub(crate) fn add_dates(record: &mut Record, v: &Value, keys: [(&str, &str); 2]) {
    for (key, kind) in keys {
        if let Some(date) = text(v, key) {
            record.dates.push(ResourceDate {
                kind: kind.to_owned(),
                date: date.to_owned(),
            });
        }
    }
}

/// Adds each resource of `v` with a URL as a download, its name read from `name_key`.
pub(crate) fn add_downloads(record: &mut Record, v: &Value, name_key: &str) {
    for resource in items(v, "resources") {
        if let Some(url) = text(resource, "url") {
            record.online_resources.push(OnlineResource {
                url: url.to_owned(),
                protocol: text(resource, "format").map(str::to_owned),
                name: text(resource, name_key).map(str::to_owned),
                description: text(resource, "description").map(str::to_owned),
                function: Some("download".to_owned()),
            });
        }
    }
}
