//! The one analyser of searchable text, for both backends: a text becomes words (runs of
//! letters and digits, NFC, lower case, accents removed), French and English stopwords
//! are dropped, and each word is stemmed with Snowball's French stemmer.
//!
//! A record's index keeps each word's stem and, when it differs, the word itself. A
//! question's words then match by stem (`communes` finds `commune`), and the last word
//! typed also as the prefix of a whole word (`inondab` finds `inondable`, whose stem is
//! `inond`: a prefix of a word is rarely a prefix of its stem).
//!
//! PostgreSQL and SQLite are handed these words, already analysed: they only store and
//! match them, so one question has one answer on both (they used to disagree: SQLite kept
//! stopwords and did not stem). A search index built later must use this module too.

use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_normalization::UnicodeNormalization;

use crate::text::fold;

/// Longer runs (encoded blobs, hashes, run-together URLs) are never searched for, and
/// PostgreSQL refuses lexemes over 2 KB.
const LONGEST_WORD: usize = 60;

/// The last word of a question is also a prefix from this many characters on: shorter
/// prefixes match too much to help.
const SHORTEST_PREFIX: usize = 3;

/// Snowball's French and English stopwords (`words/README.md`), folded as words are,
/// and the plural article, which Snowball's French list lacks (its stem is `le`).
static STOPWORDS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    [
        include_str!("words/french.stop"),
        include_str!("words/english.stop"),
        "les",
    ]
    .iter()
    .flat_map(|list| list.lines())
    .map(|w| fold(w.trim()))
    .filter(|w| !w.is_empty())
    .collect()
});

static FRENCH: LazyLock<Stemmer> = LazyLock::new(|| Stemmer::create(Algorithm::French));

/// The searchable words of a composed (NFC) text, in order: folded, stopwords and
/// overlong runs left out.
fn words_of(composed: &str) -> impl Iterator<Item = String> + '_ {
    composed
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && w.chars().count() <= LONGEST_WORD)
        .map(fold)
        .filter(|w| !STOPWORDS.contains(w))
}

/// The searchable words of `text`.
fn words(text: &str) -> Vec<String> {
    // NFC first: a decomposed accent is no letter and would split its word in two.
    let composed: String = text.nfc().collect();
    words_of(&composed).collect()
}

fn stem(word: &str) -> String {
    FRENCH.stem(word).into_owned()
}

/// Calls `f` with what `text` is indexed as, in order: each word's stem, then the word
/// itself when it differs. One word at a time: a 5 MB abstract is not held twice over.
fn for_each_term(text: &str, mut f: impl FnMut(&str)) {
    let composed: String = text.nfc().collect();
    for word in words_of(&composed) {
        let stemmed = FRENCH.stem(&word);
        if stemmed != word.as_str() {
            f(&stemmed);
        }
        f(&word);
    }
}

/// What `text` is indexed as, separated by spaces, as SQLite's FTS5 columns take it.
pub(crate) fn index_text(text: &str) -> String {
    let mut out = String::new();
    for_each_term(text, |t| {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(t);
    });
    out
}

/// PostgreSQL keeps positions up to this one (later words all take it) ...
const LAST_POSITION: usize = 16_383;
/// ... and this many positions per word.
const POSITIONS_PER_WORD: usize = 256;

/// What `text` is indexed as, as a PostgreSQL `tsvector` literal with positions
/// (`inond:1 inondable:2,7`), so that a weight can be set on it. Each word once with the
/// positions PostgreSQL would keep, so a long text makes a short literal. The words are
/// letters and digits only: they need no quoting, and PostgreSQL's parser and
/// dictionaries (and the server's locale) are not involved.
pub(crate) fn index_tsvector(text: &str) -> String {
    let mut positions: Vec<(String, Vec<usize>)> = Vec::new();
    let mut slot: HashMap<String, usize> = HashMap::new();
    let mut n = 0;
    for_each_term(text, |t| {
        n += 1;
        let at = n.min(LAST_POSITION);
        let i = *slot.entry(t.to_owned()).or_insert_with(|| {
            positions.push((t.to_owned(), Vec::new()));
            positions.len() - 1
        });
        let kept = &mut positions[i].1;
        if kept.len() < POSITIONS_PER_WORD && kept.last() != Some(&at) {
            kept.push(at);
        }
    });
    let entries: Vec<String> = positions
        .iter()
        .map(|(word, at)| {
            let at: Vec<String> = at.iter().map(usize::to_string).collect();
            format!("{word}:{}", at.join(","))
        })
        .collect();
    entries.join(" ")
}

/// One word of a question: every one must match a record.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Term {
    /// The word's stem.
    Stem(String),
    /// The last word typed, when it is its own stem: a word of the record that it begins.
    Prefix(String),
    /// The last word typed: its stem, or a word of the record that it begins.
    StemOrPrefix { stem: String, prefix: String },
}

/// The full-text question in a user's words. `None` when the input holds no word at all
/// (no condition). Empty terms when every word was a stopword: that matches no record,
/// as in Elasticsearch, instead of every record.
pub(crate) fn question(input: &str) -> Option<Vec<Term>> {
    if !input.chars().any(char::is_alphanumeric) {
        return None;
    }
    let mut words = words(input);
    // The last word is a prefix only when the input ends with it, as while typing (a
    // stopword or an overlong run there is no word, and leaves the one before whole).
    let last_run: String = input
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or_default()
        .nfc()
        .collect();
    let typing = !last_run.is_empty() && words.last() == Some(&fold(&last_run));
    let last = if typing { words.pop() } else { None };
    let mut terms: Vec<Term> = words.iter().map(|w| Term::Stem(stem(w))).collect();
    if let Some(word) = last {
        let stemmed = stem(&word);
        terms.push(if word.chars().count() < SHORTEST_PREFIX {
            Term::Stem(stemmed)
        } else if stemmed == word {
            Term::Prefix(word)
        } else {
            Term::StemOrPrefix {
                stem: stemmed,
                prefix: word,
            }
        });
    }
    Some(terms)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stems(words: &[&str]) -> Vec<Term> {
        words.iter().map(|w| Term::Stem((*w).to_owned())).collect()
    }

    #[test]
    fn indexes_stems_then_differing_words() {
        assert_eq!(
            index_text("Les Communes de l'Eau, inondables"),
            "commun communes eau inond inondables"
        );
        assert_eq!(index_text("Réseau d'eau"), "reseau eau");
        assert_eq!(
            index_tsvector("Communes eau, communes"),
            "commun:1,4 communes:2,5 eau:3"
        );
        assert_eq!(index_text(&"x".repeat(61)), "");
    }

    #[test]
    fn long_texts_make_short_vectors() {
        let vector = index_tsvector(&"eau ".repeat(100_000));
        assert_eq!(vector.matches(',').count(), POSITIONS_PER_WORD - 1);
        assert!(
            index_tsvector(&format!("{} terre", "eau ".repeat(20_000))).ends_with("terre:16383")
        );
    }

    #[test]
    fn decomposed_accents_stay_in_their_word() {
        assert_eq!(index_text("e\u{301}cole"), index_text("école"));
    }

    #[test]
    fn a_plural_finds_its_singular() {
        let terms = question("communes").expect("a word");
        let [Term::StemOrPrefix { stem, .. }] = terms.as_slice() else {
            panic!("one word: {terms:?}");
        };
        assert!(index_text("une commune").split(' ').any(|t| t == stem));
    }

    #[test]
    fn the_last_word_typed_is_also_a_prefix() {
        assert_eq!(
            question("carte d'inondab"),
            Some(vec![
                Term::Stem("cart".to_owned()),
                Term::Prefix("inondab".to_owned())
            ])
        );
        assert_eq!(
            question("inondables"),
            Some(vec![Term::StemOrPrefix {
                stem: "inond".to_owned(),
                prefix: "inondables".to_owned()
            }])
        );
        assert_eq!(question("eau de"), Some(stems(&["eau"])));
        assert_eq!(question("eau!"), Some(stems(&["eau"])));
        assert_eq!(question("eau ru"), Some(stems(&["eau", "ru"])));
    }

    #[test]
    fn stopwords_alone_match_nothing_and_no_word_is_no_condition() {
        assert_eq!(question("le"), Some(vec![]));
        assert_eq!(question("The and"), Some(vec![]));
        assert_eq!(question(" * - ( "), None);
    }
}

/// What the refill tests of both backends share.
#[cfg(test)]
pub(crate) mod fixtures {
    use moisson_model::{Expr, Record, RecordId, SearchQuery, Viewer};

    use crate::{NewRecord, Store};

    /// `n` records titled "Communes inondables {i}".
    pub(crate) fn flood_records(n: usize) -> Vec<NewRecord> {
        (0..n)
            .map(|i| NewRecord {
                record: Record {
                    id: Some(RecordId::parse(format!("r{i}")).expect("id")),
                    title: format!("Communes inondables {i}"),
                    ..Record::default()
                },
                original: None,
            })
            .collect()
    }

    /// How many records a full-text question finds.
    pub(crate) async fn found(store: &dyn Store, words: &str) -> u64 {
        let q = SearchQuery {
            filter: Expr::FullText(words.to_owned()),
            ..SearchQuery::default()
        };
        store
            .search(&q, &Viewer::Admin)
            .await
            .expect("search")
            .total
    }
}
