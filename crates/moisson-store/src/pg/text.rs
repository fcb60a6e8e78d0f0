//! Full-text helpers of the PostgreSQL backend: the text given to `to_tsvector` and
//! the `tsquery` built from user words, both split into words the way SQLite's
//! `unicode61` tokenizer splits them, so both backends see the same words.

use unicode_normalization::UnicodeNormalization;

use super::params::{Param, Params};

/// Letters and digits, every other character a space (NFC first): PostgreSQL's parser
/// then sees plain words only, never hosts, e-mails or paths it would keep whole.
pub(crate) fn fts_text(s: &str) -> String {
    // Sized at once: NFC rarely changes the length, and a long abstract grown by
    // doubling held about twice its size.
    let mut out = String::with_capacity(s.len());
    out.extend(s.nfc().map(|c| if c.is_alphanumeric() { c } else { ' ' }));
    out
}

/// A full-text query over `records.fts`: whole words go through `moisson_fr` (stemmed,
/// as the French half of the vector), the last word's prefix through `moisson_simple`
/// (unstemmed, as the other half), since a prefix of a word is rarely a prefix of its
/// stem (`inondab` is not one of `inond`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct TsQuery {
    /// `to_tsquery('moisson_fr', …)` text of the whole words.
    pub words: Option<String>,
    /// `to_tsquery('moisson_simple', …)` text of the last word, as a prefix.
    pub prefix: Option<String>,
}

impl TsQuery {
    /// The SQL `tsquery` expression, with both texts bound.
    pub(crate) fn sql(&self, params: &mut Params) -> String {
        let parts: Vec<String> = [
            self.words.as_ref().map(|w| {
                let p = params.bind(Param::Text(w.clone()));
                format!("to_tsquery('moisson_fr', {p})")
            }),
            self.prefix.as_ref().map(|w| {
                let p = params.bind(Param::Text(w.clone()));
                format!("to_tsquery('moisson_simple', {p})")
            }),
        ]
        .into_iter()
        .flatten()
        .collect();
        format!("({})", parts.join(" && "))
    }
}

/// Builds a full-text query from user words: each word becomes a phrase of its
/// letter-and-digit runs, each run a quoted lexeme (so `&`, `|`, `!`, `(`, `:` and
/// quotes in user input are plain text), words are ANDed, and the last word of three
/// or more characters also matches as a prefix. `None` when the input holds no word.
pub(crate) fn tsquery(input: &str) -> Option<TsQuery> {
    let words: Vec<(Vec<String>, bool)> = input
        .split_whitespace()
        .map(|w| {
            let runs: Vec<String> = fts_text(w).split_whitespace().map(str::to_owned).collect();
            (runs, w.chars().last().is_some_and(char::is_alphanumeric))
        })
        .filter(|(runs, _)| !runs.is_empty())
        .collect();
    let last = words.len().checked_sub(1)?;
    let phrase = |runs: &[String], prefix: bool| {
        let lexemes: Vec<String> = runs
            .iter()
            .enumerate()
            .map(|(j, r)| {
                if prefix && j + 1 == runs.len() {
                    format!("'{r}':*")
                } else {
                    format!("'{r}'")
                }
            })
            .collect();
        if lexemes.len() == 1 {
            lexemes.concat()
        } else {
            format!("({})", lexemes.join(" <-> "))
        }
    };
    let (runs, ends_alnum) = &words[last];
    let alnum: usize = runs.iter().map(|r| r.chars().count()).sum();
    let prefix = (alnum >= 3 && *ends_alnum).then(|| phrase(runs, true));
    let whole: Vec<String> = words
        .iter()
        .enumerate()
        .filter(|(i, _)| *i != last || prefix.is_none())
        .map(|(_, (runs, _))| phrase(runs, false))
        .collect();
    Some(TsQuery {
        words: (!whole.is_empty()).then(|| whole.join(" & ")),
        prefix,
    })
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

    fn q(words: Option<&str>, prefix: Option<&str>) -> Option<TsQuery> {
        Some(TsQuery {
            words: words.map(str::to_owned),
            prefix: prefix.map(str::to_owned),
        })
    }

    #[test]
    fn user_syntax_is_plain_text() {
        assert_eq!(
            tsquery("foo AND (bar"),
            q(Some("'foo' & 'AND'"), Some("'bar':*"))
        );
        assert_eq!(
            tsquery("d'eau foo:bar!"),
            q(Some("('d' <-> 'eau') & ('foo' <-> 'bar')"), None)
        );
        assert_eq!(tsquery(" * - \" ( ) & | ! "), None);
        assert_eq!(
            tsquery("carte d'ech"),
            q(Some("'carte'"), Some("('d' <-> 'ech':*)"))
        );
        assert_eq!(tsquery("eau"), q(None, Some("'eau':*")));
    }

    #[test]
    fn texts_keep_words_only() {
        assert_eq!(fts_text("http://x.org/a_b"), "http   x org a b");
        assert_eq!(like_pattern("a\\%b\\"), "a\\%b\\\\");
    }
}
