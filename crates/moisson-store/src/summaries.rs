//! The totals and facet counts of recent searches, reused while the catalogue has not
//! changed. Counting every match and grouping it per facet is most of a search's time on
//! a large catalogue (hundreds of milliseconds for a frequent word at 100 000 records),
//! and frontends ask the same questions again and again (the landing page's facets, the
//! next page of a result list). Search engines keep such a cache too (Elasticsearch's
//! request cache, dropped on refresh).
//!
//! Each entry is keyed by the compiled filter, which holds the viewer's visibility
//! clause and its bound units, so a viewer never reuses what another viewer may see, and
//! is valid for one catalogue *generation*: a number the database raises in every
//! transaction that changes a record (PostgreSQL: a trigger, so no write path can forget
//! it; SQLite: the one write function) and that a search reads in its own snapshot. An
//! entry computed at generation g is used only by searches whose snapshot is at g, on any
//! node; a newer generation empties the cache.

use std::collections::HashMap;
use std::sync::Mutex;

use moisson_model::{Facet, SearchQuery};

/// Entries kept at most; the cache is emptied when full (the next searches refill it).
const CAPACITY: usize = 1024;

/// The total number of matches and the facets asked for.
pub(crate) type Summary = (u64, Vec<Facet>);

/// Summaries of the current generation, shared by a store's searches.
#[derive(Debug, Default)]
pub(crate) struct Summaries {
    inner: Mutex<Generation>,
}

#[derive(Debug, Default)]
struct Generation {
    number: i64,
    entries: HashMap<String, Summary>,
}

impl Summaries {
    /// The summary stored under `key` for exactly `generation`.
    pub(crate) fn get(&self, generation: i64, key: &str) -> Option<Summary> {
        let inner = self.inner.lock().ok()?;
        if inner.number != generation {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    /// Keeps `summary`, computed in a snapshot at `generation`; forgets older generations,
    /// and ignores a summary of a generation older than the newest one seen (a search
    /// whose snapshot predates a write).
    pub(crate) fn put(&self, generation: i64, key: String, summary: Summary) {
        let Ok(mut inner) = self.inner.lock() else {
            return;
        };
        if generation < inner.number {
            return;
        }
        if generation > inner.number {
            inner.number = generation;
            inner.entries.clear();
        }
        if inner.entries.len() >= CAPACITY {
            inner.entries.clear();
        }
        inner.entries.insert(key, summary);
    }
}

/// What a search's total and facets depend on: its compiled WHERE clause (the viewer's
/// visibility clause and units included) with the values bound to it, and the facets
/// asked for.
pub(crate) fn key(where_sql: &str, params: &impl std::fmt::Debug, query: &SearchQuery) -> String {
    format!(
        "{where_sql}\u{0}{params:?}\u{0}{:?}\u{0}{}",
        query.facets, query.facet_limit
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(total: u64) -> Summary {
        (total, Vec::new())
    }

    #[test]
    fn an_entry_serves_its_generation_only() {
        let cache = Summaries::default();
        cache.put(3, "k".to_owned(), summary(7));
        assert_eq!(cache.get(3, "k"), Some(summary(7)));
        assert_eq!(cache.get(3, "other"), None);
        assert_eq!(cache.get(4, "k"), None);
        assert_eq!(cache.get(2, "k"), None);
    }

    #[test]
    fn a_newer_generation_empties_the_cache_and_an_older_one_is_ignored() {
        let cache = Summaries::default();
        cache.put(3, "k".to_owned(), summary(7));
        cache.put(4, "j".to_owned(), summary(8));
        assert_eq!(cache.get(3, "k"), None);
        cache.put(3, "k".to_owned(), summary(7));
        assert_eq!(cache.get(4, "k"), None);
        assert_eq!(cache.get(4, "j"), Some(summary(8)));
    }

    #[test]
    fn a_full_cache_starts_again() {
        let cache = Summaries::default();
        for i in 0..=CAPACITY {
            cache.put(1, i.to_string(), summary(i as u64));
        }
        assert_eq!(
            cache.get(1, &CAPACITY.to_string()),
            Some(summary(CAPACITY as u64))
        );
        assert_eq!(cache.get(1, "0"), None);
    }
}
