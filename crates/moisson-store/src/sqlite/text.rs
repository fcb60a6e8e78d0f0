//! Text helpers shared by writes and queries: folding, date normalisation, FTS5
//! query building and LIKE → GLOB translation.

use chrono::{DateTime, NaiveDate, NaiveDateTime, SecondsFormat, Utc};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without accents: `Échelle` → `echelle`, `Ça` → `ca`.
pub(crate) fn fold(s: &str) -> String {
    s.nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// A catalogue timestamp as stored in `created`/`updated`: RFC 3339, UTC, microseconds.
pub(crate) fn timestamp(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(SecondsFormat::Micros, true)
}

/// Normalises an ISO 8601 date or date-time so that text order is time order:
/// date-times become UTC `YYYY-MM-DDTHH:MM:SS` (no zone suffix, naive ones taken as
/// UTC); `YYYY`, `YYYY-MM` and `YYYY-MM-DD` stay as written. Anything else is kept
/// trimmed, so it still compares, just not meaningfully.
pub(crate) fn normalise_date(s: &str) -> String {
    const OUT: &str = "%Y-%m-%dT%H:%M:%S";
    let s = s.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return t.with_timezone(&Utc).format(OUT).to_string();
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M:%S%.f",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, fmt) {
            return t.format(OUT).to_string();
        }
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%:z",
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%:z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, fmt) {
            return t.with_timezone(&Utc).format(OUT).to_string();
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%Y-%m-%d") {
        return d.format("%Y-%m-%d").to_string();
    }
    s.strip_suffix('Z').unwrap_or(s).to_owned()
}

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
    fn folds_case_and_accents() {
        assert_eq!(fold("Échelle Ça ŒUF"), "echelle ca œuf");
    }

    #[test]
    fn normalises_dates_to_sortable_text() {
        assert_eq!(normalise_date("2024-01-31"), "2024-01-31");
        assert_eq!(
            normalise_date("2024-01-31T10:00:00+02:00"),
            "2024-01-31T08:00:00"
        );
        assert_eq!(
            normalise_date("2024-01-31T10:00:00Z"),
            "2024-01-31T10:00:00"
        );
        assert_eq!(
            normalise_date("2024-01-31T10:00:00.5"),
            "2024-01-31T10:00:00"
        );
        assert_eq!(normalise_date(" 2024 "), "2024");
    }

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
