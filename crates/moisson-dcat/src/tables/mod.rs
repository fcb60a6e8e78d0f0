//! Code tables between ISO 19115 code lists and the DCAT-AP controlled vocabularies.
//!
//! Each table is written once and read both ways (export and import), so that a record
//! exported, read back and exported again gives the same graph.

pub mod codes;
pub mod formats;
pub mod licence;
pub mod themes;

/// Looks `key` up in the first column of a two-column table, ignoring ASCII case.
pub(crate) fn forward<'a>(table: &'a [(&'a str, &'a str)], key: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key.trim()))
        .map(|(_, v)| *v)
}

/// Looks `value` up in the second column, returning the first matching key.
pub(crate) fn backward<'a>(table: &'a [(&'a str, &'a str)], value: &str) -> Option<&'a str> {
    table
        .iter()
        .find(|(_, v)| v.eq_ignore_ascii_case(value.trim()))
        .map(|(k, _)| *k)
}
