//! The backend conformance suite: plain async cases over `Arc<dyn Store>`, so every
//! backend (SQLite and PostgreSQL) runs the very same cases through
//! `for_each_case!`.

mod accounts;
mod accounts_keys;
mod accounts_refresh;
mod concurrency;
mod crud;
mod filters;
mod geo_time;
mod pages;
mod prefix;
mod queryables;
mod ranked;
mod representations;
mod restore;
mod rights;
mod rights_write;
mod search;
mod types;
mod visibility;
mod words;

use std::sync::Arc;

use moisson_model::{Expr, SearchQuery, Viewer};
use moisson_store::{NewRecord, Store};

pub use accounts::*;
pub use accounts_keys::*;
pub use accounts_refresh::*;
pub use concurrency::*;
pub use crud::*;
pub use filters::*;
pub use geo_time::*;
pub use pages::*;
pub use prefix::*;
pub use queryables::*;
pub use ranked::*;
pub use representations::*;
pub use restore::*;
pub use rights::*;
pub use rights_write::*;
pub use search::*;
pub use types::*;
pub use visibility::*;
pub use words::*;

/// Calls `$m!(case, case, …)` with every case name; a backend module turns each into a test.
macro_rules! for_each_case {
    ($m:ident) => {
        $m!(
            crud_roundtrip,
            upsert_keeps_created_and_bumps_version,
            ids_may_be_paths_and_urls,
            original_document_round_trips,
            iso19115_3_original_round_trips,
            bulk_import_counts,
            bulk_import_is_all_or_nothing,
            invalid_extents_are_refused,
            missing_id_is_refused,
            anonymous_cannot_write,
            compare_filters,
            relations_are_queryable,
            comparisons_need_a_value,
            like_filters,
            between_in_and_null_filters,
            keyword_and_organisation_filters,
            date_filters,
            boolean_combinations,
            extra_fields,
            inspire_queryables,
            full_text_ignores_case_and_accents,
            full_text_finds_words_at_the_end_of_long_abstracts,
            full_text_survives_query_syntax,
            full_text_ranks_title_first,
            full_text_is_one_analysis_on_every_backend,
            bbox_any_extent_intersects,
            bbox_antimeridian,
            bbox_within_contains_disjoint,
            temporal_uses_extents_with_open_ends_and_now,
            temporal_during,
            sort_and_paging_are_stable,
            types_sort_as_presented,
            facets_count_matches,
            totals_and_facets_follow_every_write,
            ranked_pages_follow_the_ranking_writes_and_rights,
            browsing_by_title_skips_what_the_viewer_cannot_see,
            records_without_the_sort_date_come_last_both_ways,
            anonymous_never_sees_hidden_records,
            concurrent_upserts_of_one_id,
            versioned_writes_refuse_stale_versions,
            concurrent_versioned_writes_lose_nothing,
            versioned_deletes_refuse_stale_versions,
            versioned_write_and_delete_is_all_or_nothing,
            job_locks_are_exclusive,
            restore_keeps_versions_and_timestamps,
            full_text_prefix_matches_inflected_words,
            rights_read_matrix,
            records_after_pages_by_id_under_rights,
            kept_documents_follow_versions_and_rights,
            rights_follow_edits,
            rights_write_matrix,
            rights_hidden_records_cannot_be_deleted,
            rights_bulk_is_all_or_nothing,
            rights_audit_log_is_for_superadmins,
            write_and_delete_is_all_or_nothing,
            accounts_users_and_units,
            accounts_memberships,
            accounts_api_keys,
            accounts_delete_unit_refuses_while_it_owns_records,
            accounts_refresh_tokens_work_once
        );
    };
}
pub(crate) use for_each_case;

pub fn admin() -> Viewer {
    Viewer::Admin
}

pub async fn put_all(store: &Arc<dyn Store>, records: Vec<NewRecord>) {
    store.put_many(records, &admin()).await.expect("bulk write");
}

/// Identifiers of the records matching `filter` for the admin, in identifier order.
pub async fn ids_matching(store: &Arc<dyn Store>, filter: Expr) -> Vec<String> {
    ids_seen(store, filter, &admin()).await
}

pub async fn ids_seen(store: &Arc<dyn Store>, filter: Expr, viewer: &Viewer) -> Vec<String> {
    let q = SearchQuery {
        filter,
        limit: 1000,
        ..SearchQuery::default()
    };
    let page = store.search(&q, viewer).await.expect("search");
    assert_eq!(page.total, page.records.len() as u64, "total is exact");
    let mut ids: Vec<String> = page.records.iter().map(|r| r.id().to_string()).collect();
    ids.sort();
    ids
}
