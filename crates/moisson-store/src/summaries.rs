//! What recent searches found, reused while the catalogue has not changed: their totals
//! and facet counts, and the first identifiers of ranked searches in relevance order.
//! Counting every match and grouping it per facet is most of a search's time on a large
//! catalogue (hundreds of milliseconds for a frequent word at 100 000 records), and so is
//! ranking: scoring every match of a frequent word reads each match's full-text vector.
//! Frontends ask the same questions again and again (the landing page's facets, the next
//! page of a result list, popular words). Search engines keep such caches too
//! (Elasticsearch's request cache, Solr's `queryResultCache` of ordered document windows,
//! both dropped on refresh).
//!
//! Each entry is keyed by the compiled query, which holds the viewer's visibility
//! clause and its bound units, so a viewer never reuses what another viewer may see, and
//! is valid for one catalogue *generation*: a number the database raises in every
//! transaction that changes a record (PostgreSQL: a trigger, so no write path can forget
//! it; SQLite: the one write function) and that a search reads in its own snapshot. An
//! entry computed at generation g is used only by searches whose snapshot is at g, on any
//! node; a newer generation empties the cache.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use moisson_model::{Facet, SearchQuery};

/// Entries kept at most per cache; a full cache is emptied (the next searches refill
/// it). Ranked windows of ids of ≈ 40 bytes take at most ≈ 15 MB.
const CAPACITY: usize = 1024;

/// The total number of matches and the facets asked for.
pub(crate) type Summary = (u64, Vec<Facet>);

/// How many identifiers of a ranked search are kept, in relevance order: ten pages of
/// twenty. Pages ending beyond it are ranked by the database each time.
pub(crate) const RANKED_WINDOW: u64 = 200;

/// The first identifiers of a ranked search's matches, in relevance order (fewer than
/// `RANKED_WINDOW` when that is all the matches).
pub(crate) type RankedIds = Arc<[String]>;

/// What the searches of the current generation found, shared by a store's searches.
#[derive(Debug, Default)]
pub(crate) struct Summaries {
    /// Totals and facet counts, by `key`.
    pub totals: GenerationCache<Summary>,
    /// Ranked windows, by `order_key`.
    pub ranked: GenerationCache<RankedIds>,
}

/// Values computed in snapshots of one catalogue generation.
#[derive(Debug)]
pub(crate) struct GenerationCache<V> {
    inner: Mutex<Generation<V>>,
}

impl<V> Default for GenerationCache<V> {
    fn default() -> Self {
        Self {
            inner: Mutex::new(Generation {
                number: 0,
                entries: HashMap::new(),
            }),
        }
    }
}

#[derive(Debug)]
struct Generation<V> {
    number: i64,
    entries: HashMap<String, V>,
}

impl<V: Clone> GenerationCache<V> {
    /// The value stored under `key` for exactly `generation`.
    pub(crate) fn get(&self, generation: i64, key: &str) -> Option<V> {
        let inner = self.inner.lock().ok()?;
        if inner.number != generation {
            return None;
        }
        inner.entries.get(key).cloned()
    }

    /// Keeps `value`, computed in a snapshot at `generation`; forgets older generations,
    /// and ignores a value of a generation older than the newest one seen (a search
    /// whose snapshot predates a write).
    pub(crate) fn put(&self, generation: i64, key: String, value: V) {
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
        inner.entries.insert(key, value);
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

/// What a ranked search's order depends on: its statement without the page bounds (the
/// WHERE clause with the viewer's visibility, the ranking terms, the ORDER BY) and the
/// values bound to it.
pub(crate) fn order_key(ordered_sql: &str, params: &impl std::fmt::Debug) -> String {
    format!("{ordered_sql}\u{0}{params:?}")
}

/// The part of a ranked window a page covers (empty past the window's matches).
pub(crate) fn window_slice(ids: &[String], offset: u64, limit: u32) -> &[String] {
    let start = usize::try_from(offset).unwrap_or(usize::MAX).min(ids.len());
    let end = start.saturating_add(limit as usize).min(ids.len());
    &ids[start..end]
}

/// Whether a page of a ranked search lies within the kept window.
pub(crate) fn in_ranked_window(offset: u64, limit: u32) -> bool {
    offset.saturating_add(u64::from(limit)) <= RANKED_WINDOW
}

#[cfg(test)]
mod tests {
    use super::*;

    fn summary(total: u64) -> Summary {
        (total, Vec::new())
    }

    #[test]
    fn an_entry_serves_its_generation_only() {
        let cache = GenerationCache::<Summary>::default();
        cache.put(3, "k".to_owned(), summary(7));
        assert_eq!(cache.get(3, "k"), Some(summary(7)));
        assert_eq!(cache.get(3, "other"), None);
        assert_eq!(cache.get(4, "k"), None);
        assert_eq!(cache.get(2, "k"), None);
    }

    #[test]
    fn a_newer_generation_empties_the_cache_and_an_older_one_is_ignored() {
        let cache = GenerationCache::<Summary>::default();
        cache.put(3, "k".to_owned(), summary(7));
        cache.put(4, "j".to_owned(), summary(8));
        assert_eq!(cache.get(3, "k"), None);
        cache.put(3, "k".to_owned(), summary(7));
        assert_eq!(cache.get(4, "k"), None);
        assert_eq!(cache.get(4, "j"), Some(summary(8)));
    }

    #[test]
    fn a_window_serves_the_pages_within_it() {
        let ids: Vec<String> = (0..5).map(|i| i.to_string()).collect();
        assert_eq!(window_slice(&ids, 0, 2), ["0", "1"]);
        assert_eq!(window_slice(&ids, 4, 20), ["4"]);
        assert!(window_slice(&ids, 9, 20).is_empty());
        assert!(in_ranked_window(180, 20));
        assert!(!in_ranked_window(190, 20));
        assert!(!in_ranked_window(u64::MAX, 20));
    }

    #[test]
    fn a_full_cache_starts_again() {
        let cache = GenerationCache::<Summary>::default();
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
