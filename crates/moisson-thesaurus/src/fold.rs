//! Accent- and case-insensitive forms of labels.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower case without diacritics: `Échelle` → `echelle`. The store folds record
/// keywords with the same steps (its `text::fold`), so a keyword and a label match when
/// their folded forms are equal; the store's tests hold both to the same results.
#[must_use]
pub fn fold(s: &str) -> String {
    s.trim()
        .nfd()
        .filter(|c| !is_combining_mark(*c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// What an autocomplete prefix is matched against for one folded label: the whole label
/// and every tail of it that starts a word (`eaux usees` → `eaux usees`, `usees`), so
/// `use` finds "Eaux usées" as well as "Usage des sols". The whole label comes first.
#[must_use]
pub fn search_terms(folded: &str) -> Vec<&str> {
    let mut terms = vec![folded];
    let mut previous_is_word = true;
    for (i, c) in folded.char_indices() {
        let is_word = c.is_alphanumeric();
        if is_word && !previous_is_word && i > 0 {
            terms.push(&folded[i..]);
        }
        previous_is_word = is_word;
    }
    terms
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folds_case_and_accents() {
        assert_eq!(fold(" Échelle Ça ŒUF "), "echelle ca œuf");
    }

    #[test]
    fn search_terms_are_word_tails() {
        assert_eq!(
            search_terms("eaux usees (assainissement)"),
            vec![
                "eaux usees (assainissement)",
                "usees (assainissement)",
                "assainissement)"
            ]
        );
        assert_eq!(search_terms("l'eau"), vec!["l'eau", "eau"]);
    }
}
