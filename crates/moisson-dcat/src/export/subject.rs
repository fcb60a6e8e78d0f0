//! What a record describes (dataset, series, service) and how it is named.

use moisson_model::{HierarchyLevel, Record, ResourceIdentifier};

/// Whether the record describes a service (dcat:DataService).
pub(crate) fn is_service(record: &Record) -> bool {
    record.hierarchy_level == HierarchyLevel::Service || record.service.is_some()
}

/// An id for a record that has none (never stored; only for direct conversions).
pub(crate) fn content_id(record: &Record) -> String {
    let title: String = record
        .title
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(64)
        .collect();
    if title.is_empty() {
        "record".to_owned()
    } else {
        title
    }
}

/// The `dct:identifier` of an ISO resource identifier: its gmx:Anchor URI, else
/// `codeSpace/code` (or the code alone).
pub(crate) fn identifier_text(id: &ResourceIdentifier) -> String {
    if let Some(uri) = id.uri.as_deref().filter(|u| !u.trim().is_empty()) {
        return uri.trim().to_owned();
    }
    match id
        .codespace
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
    {
        Some(cs) if id.code.starts_with(cs) => id.code.clone(),
        Some(cs) if cs.ends_with(['/', '#', ':']) => format!("{cs}{}", id.code),
        Some(cs) => format!("{cs}/{}", id.code),
        None => id.code.clone(),
    }
}

/// The language tag of the record's texts (from its metadata language).
pub(crate) fn lang(record: &Record) -> Option<&'static str> {
    record
        .metadata
        .language
        .as_deref()
        .and_then(crate::tables::codes::language_tag)
}
