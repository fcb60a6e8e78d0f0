//! SQLite text helpers: FTS5 query building and LIKE → GLOB translation; folding,
//! timestamps and date normalisation are shared with the other backends (`crate::text`).

pub(crate) use crate::text::{fold, normalise_date, timestamp};
use crate::words::{Term, question};

/// The FTS5 MATCH expression of a question in user words (`crate::words`): every word
/// by its stem, the last one typed also as a prefix. `None` when the input holds no word
/// at all; a question of stopwords only is a match of no record, `Some(None)`.
pub(crate) fn fts_query(input: &str) -> Option<Option<String>> {
    let terms = question(input)?;
    if terms.is_empty() {
        return Some(None);
    }
    let quoted: Vec<String> = terms
        .iter()
        .map(|t| match t {
            Term::Stem(s) => format!("\"{s}\""),
            Term::Prefix(p) => format!("\"{p}\"*"),
            Term::StemOrPrefix { stem, prefix } => format!("(\"{stem}\" OR \"{prefix}\"*)"),
        })
        .collect();
    Some(Some(quoted.join(" AND ")))
}

/// Translates a LIKE pattern (`%`, `_`, `\` escape) into a GLOB pattern, which
/// SQLite matches case-sensitively.
pub(crate) fn like_to_glob(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len() + 8);
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        match c {
            '%' => out.push('*'),
            '_' => out.push('?'),
            '\\' => match chars.next() {
                Some(n) => push_glob_literal(&mut out, n),
                None => push_glob_literal(&mut out, '\\'),
            },
            other => push_glob_literal(&mut out, other),
        }
    }
    out
}

fn push_glob_literal(out: &mut String, c: char) {
    match c {
        '*' | '?' | '[' => {
            out.push('[');
            out.push(c);
            out.push(']');
        }
        other => out.push(other),
    }
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
        assert_eq!(
            fts_query("foo AND (bar"),
            Some(Some("\"foo\" AND \"bar\"*".to_owned()))
        );
        assert_eq!(
            fts_query("a\"b -x"),
            Some(Some("\"b\" AND \"x\"".to_owned()))
        );
        assert_eq!(fts_query(" * - \" "), None);
        assert_eq!(fts_query("le la"), Some(None));
    }

    #[test]
    fn translates_like_to_glob() {
        assert_eq!(like_to_glob("a%b_c\\%d*"), "a*b?c%d[*]");
    }
}
