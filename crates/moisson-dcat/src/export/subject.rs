//! What a record describes (dataset, series, service) and how it is named.

use moisson_model::{HierarchyLevel, Record, ResourceIdentifier};

use super::Context;

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

/// What harvesters read as the identifier of the resource a record describes (its
/// `dct:identifier`, matched by data.gouv.fr and the GéoCatalogue against the ISO resource
/// identifier): the producer's first resource identifier, else one minted from the public
/// URL and the record id, stable for as long as both are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResourceIdentity {
    pub value: String,
    /// The producer gave no resource identifier: Moisson made `value` up.
    pub minted: bool,
}

/// The [`ResourceIdentity`] of `record` (whose id is `id`) under `ctx`'s public URL.
#[must_use]
pub fn resource_identity(record: &Record, ctx: &Context, id: &str) -> ResourceIdentity {
    match record
        .identifiers
        .iter()
        .find(|i| !i.code.trim().is_empty() || i.uri.is_some())
    {
        Some(first) => ResourceIdentity {
            value: identifier_text(first),
            minted: false,
        },
        None => ResourceIdentity {
            value: ctx.resource_iri(id),
            minted: true,
        },
    }
}

/// The `dct:identifier` of an ISO resource identifier: its gmx:Anchor URI, else
/// `codeSpace/code` (or the code alone).
fn identifier_text(id: &ResourceIdentifier) -> String {
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
