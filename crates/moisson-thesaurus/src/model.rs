//! A concept scheme and its concepts, as kept by the store.

use serde::{Deserialize, Serialize};

/// Which SKOS label property a label came from; preferred labels rank first in
/// autocomplete, hidden ones only match.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum LabelKind {
    Preferred,
    Alternative,
    Hidden,
}

impl LabelKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Preferred => "preferred",
            Self::Alternative => "alternative",
            Self::Hidden => "hidden",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "preferred" => Some(Self::Preferred),
            "alternative" => Some(Self::Alternative),
            "hidden" => Some(Self::Hidden),
            _ => None,
        }
    }
}

/// A label in a language (`""` when the literal has no language tag).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Label {
    pub lang: String,
    pub text: String,
}

/// A skos:Concept of the scheme.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Concept {
    pub uri: String,
    pub pref_labels: Vec<Label>,
    pub alt_labels: Vec<Label>,
    pub hidden_labels: Vec<Label>,
    /// Concepts of the same scheme (skos:broader, and the inverse of skos:narrower).
    pub broader: Vec<String>,
    /// Concepts of the same scheme (skos:narrower, and the inverse of skos:broader).
    pub narrower: Vec<String>,
    pub exact_matches: Vec<String>,
    pub close_matches: Vec<String>,
    pub notation: Option<String>,
    pub definition: Vec<Label>,
}

impl Concept {
    /// Every label with its kind, preferred ones first.
    pub fn labels(&self) -> impl Iterator<Item = (LabelKind, &Label)> {
        let kind = |k: LabelKind| move |l| (k, l);
        self.pref_labels
            .iter()
            .map(kind(LabelKind::Preferred))
            .chain(self.alt_labels.iter().map(kind(LabelKind::Alternative)))
            .chain(self.hidden_labels.iter().map(kind(LabelKind::Hidden)))
    }

    /// The preferred label in `lang`, else in English, else with no language tag, else
    /// the first one; the URI when the concept has none.
    #[must_use]
    pub fn label_in(&self, lang: &str) -> &str {
        best_label(&self.pref_labels, lang).unwrap_or(&self.uri)
    }
}

/// The label in `lang`, else English, else untagged, else the first.
#[must_use]
pub fn best_label<'a>(labels: &'a [Label], lang: &str) -> Option<&'a str> {
    [lang, "en", ""]
        .iter()
        .find_map(|want| labels.iter().find(|l| l.lang == *want))
        .or_else(|| labels.first())
        .map(|l| l.text.as_str())
}

/// A skos:ConceptScheme with its concepts.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct Thesaurus {
    /// The catalogue's name for it (a URL path segment).
    pub id: String,
    pub uri: String,
    /// dct:title, dc:title, skos:prefLabel or rdfs:label of the scheme.
    pub titles: Vec<Label>,
    /// Other names a record's keyword block may give it as its thesaurusName (GeoNetwork
    /// titles, older versions…), beside the titles and the URI.
    pub aliases: Vec<String>,
    /// Concepts with no broader concept in the scheme, or declared top concepts.
    pub top_concepts: Vec<String>,
    /// By URI.
    pub concepts: Vec<Concept>,
}

impl Thesaurus {
    /// The title in `lang`, else English, else any; the id when there is none.
    #[must_use]
    pub fn title_in(&self, lang: &str) -> &str {
        best_label(&self.titles, lang).unwrap_or(&self.id)
    }

    /// The folded names a keyword block's thesaurusName (title or anchor URI) is matched
    /// against, each once.
    #[must_use]
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .titles
            .iter()
            .map(|t| t.text.as_str())
            .chain(self.aliases.iter().map(String::as_str))
            .chain([self.uri.as_str()])
            .map(crate::fold)
            .filter(|n| !n.is_empty())
            .collect();
        names.sort();
        names.dedup();
        names
    }

    /// Checks an id: a URL path segment of letters, digits, `-` and `_`.
    pub fn check_id(id: &str) -> Result<(), crate::Error> {
        let ok = !id.is_empty()
            && id.len() <= 64
            && id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        if ok {
            Ok(())
        } else {
            Err(crate::Error::InvalidId(id.to_owned()))
        }
    }
}
