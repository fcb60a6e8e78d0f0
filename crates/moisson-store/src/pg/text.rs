//! Full-text helpers of the PostgreSQL backend: the `tsquery` of a question analysed by
//! `crate::words` (as the records' vectors are), and LIKE patterns.

use super::params::{Param, Params};
use crate::index::IndexRow;
use crate::words::{Term, index_tsvector, question};

/// A record's texts of the full-text weights A (title), B (alternate titles and
/// keywords), C (abstract) and D (the rest), as `tsvector` literals: the arguments of
/// `moisson_tsvector`.
pub(crate) fn weighted_texts(row: &IndexRow, abstract_text: &str) -> [String; 4] {
    let f = &row.fts;
    [
        index_tsvector(&f.title),
        index_tsvector(&format!("{} ; {}", f.alt_titles, f.keywords)),
        index_tsvector(abstract_text),
        index_tsvector(&f.other),
    ]
}

/// A full-text query over `records.fts`, as `tsquery` text: the words are analysed
/// already, so it is cast, never parsed by a text-search configuration.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TsQuery(pub String);

impl TsQuery {
    /// The SQL `tsquery` expression, its text bound.
    pub(crate) fn sql(&self, params: &mut Params) -> String {
        let p = params.bind(Param::Text(self.0.clone()));
        format!("{p}::tsquery")
    }
}

/// The query of a question in user words: every word by its stem, the last one typed
/// also as a prefix. `None` when the input holds no word at all; a question of
/// stopwords only is a query of no record, `Some(None)`.
pub(crate) fn tsquery(input: &str) -> Option<Option<TsQuery>> {
    let terms = question(input)?;
    if terms.is_empty() {
        return Some(None);
    }
    let parts: Vec<String> = terms
        .iter()
        .map(|t| match t {
            Term::Stem(s) => format!("'{s}'"),
            Term::Prefix(p) => format!("'{p}':*"),
            Term::StemOrPrefix { stem, prefix } => format!("('{stem}' | '{prefix}':*)"),
        })
        .collect();
    Some(Some(TsQuery(parts.join(" & "))))
}

/// A LIKE pattern (`%`, `_`, `\` escape) as PostgreSQL accepts it: a trailing lone
/// `\` (which PostgreSQL refuses) is a literal backslash, as on SQLite.
pub(crate) fn like_pattern(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 1);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        out.push(c);
        if c == '\\' {
            out.push(chars.next().unwrap_or('\\'));
        }
    }
    out
}

/// Drops LIKE wildcards and escapes, leaving words for a full-text match.
pub(crate) fn like_to_words(pattern: &str) -> String {
    pattern.replace(['%', '_', '\\'], " ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn user_syntax_is_plain_text() {
        let q = |s: &str| Some(Some(TsQuery(s.to_owned())));
        assert_eq!(tsquery("foo AND (bar"), q("'foo' & 'bar':*"));
        assert_eq!(tsquery("d'eau foo:bar!"), q("'eau' & 'foo' & 'bar'"));
        assert_eq!(tsquery(" * - \" ( ) & | ! "), None);
        assert_eq!(tsquery("les"), Some(None));
    }

    #[test]
    fn like_patterns_keep_a_trailing_backslash() {
        assert_eq!(like_pattern("a\\%b\\"), "a\\%b\\\\");
    }
}
