//! SQLite text helpers: FTS5 query building and LIKE → GLOB translation; folding,
//! timestamps and date normalisation are shared with the other backends (`crate::text`).

pub(crate) use crate::text::{fold, normalise_date, timestamp};

/// Builds an FTS5 MATCH expression from user words: each word becomes a quoted
/// phrase (so `AND`, `(`, `*`, `-`, `"` are plain text), words are ANDed, and the last
/// word of three or more characters also matches as a prefix. `None` when the input
/// holds no word at all.
pub(crate) fn fts_query(input: &str) -> Option<String> {
    let words: Vec<&str> = input
        .split_whitespace()
        .filter(|w| w.chars().any(char::is_alphanumeric))
        .collect();
    let last = words.len().checked_sub(1)?;
    let phrases: Vec<String> = words
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let quoted = format!("\"{}\"", w.replace('"', "\"\""));
            let alnum = w.chars().filter(|c| c.is_alphanumeric()).count();
            let ends_alnum = w.chars().last().is_some_and(char::is_alphanumeric);
            if i == last && alnum >= 3 && ends_alnum {
                format!("{quoted}*")
            } else {
                quoted
            }
        })
        .collect();
    Some(phrases.join(" "))
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
    fn quotes_every_word() {
        assert_eq!(
            fts_query("foo AND (bar").as_deref(),
            Some("\"foo\" \"AND\" \"(bar\"*")
        );
        assert_eq!(fts_query("a\"b -x").as_deref(), Some("\"a\"\"b\" \"-x\""));
        assert_eq!(fts_query(" * - \" "), None);
    }

    #[test]
    fn translates_like_to_glob() {
        assert_eq!(like_to_glob("a%b_c\\%d*"), "a*b?c%d[*]");
    }
}
