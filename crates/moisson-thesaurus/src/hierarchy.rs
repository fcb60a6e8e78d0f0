//! The transitive closure of skos:broader within a scheme: what themed facets count a
//! record under, and what a filter by a concept includes.

use std::collections::{BTreeSet, HashMap};

use crate::Thesaurus;

impl Thesaurus {
    /// Every `(concept, ancestor)` pair, each concept paired with itself first and then
    /// with every concept above it (broader, broader of broader…). A cycle in the data
    /// stops where it comes back.
    #[must_use]
    pub fn ancestor_pairs(&self) -> Vec<(&str, &str)> {
        let broader: HashMap<&str, &[String]> = self
            .concepts
            .iter()
            .map(|c| (c.uri.as_str(), c.broader.as_slice()))
            .collect();
        let mut pairs = Vec::new();
        for c in &self.concepts {
            let mut seen = BTreeSet::from([c.uri.as_str()]);
            pairs.push((c.uri.as_str(), c.uri.as_str()));
            let mut stack: Vec<&str> = vec![c.uri.as_str()];
            while let Some(u) = stack.pop() {
                for b in broader.get(u).copied().unwrap_or_default() {
                    if seen.insert(b.as_str()) {
                        pairs.push((c.uri.as_str(), b.as_str()));
                        stack.push(b.as_str());
                    }
                }
            }
        }
        pairs
    }
}

#[cfg(test)]
mod tests {
    use crate::{Concept, Thesaurus};

    fn concept(uri: &str, broader: &[&str]) -> Concept {
        Concept {
            uri: uri.to_owned(),
            broader: broader.iter().map(|b| (*b).to_owned()).collect(),
            ..Concept::default()
        }
    }

    #[test]
    fn ancestors_are_transitive_and_survive_cycles() {
        let t = Thesaurus {
            concepts: vec![
                concept("a", &[]),
                concept("b", &["a"]),
                concept("c", &["b"]),
                concept("x", &["y"]),
                concept("y", &["x"]),
            ],
            ..Thesaurus::default()
        };
        let mut pairs = t.ancestor_pairs();
        pairs.sort_unstable();
        assert_eq!(
            pairs,
            vec![
                ("a", "a"),
                ("b", "a"),
                ("b", "b"),
                ("c", "a"),
                ("c", "b"),
                ("c", "c"),
                ("x", "x"),
                ("x", "y"),
                ("y", "x"),
                ("y", "y"),
            ]
        );
    }
}
