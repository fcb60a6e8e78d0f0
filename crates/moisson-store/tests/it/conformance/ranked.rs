//! Ranked pages: both backends keep the first identifiers of a ranked search for the
//! catalogue's generation and read the pages of a result list by id. What must hold:
//! the same order as ranking in the database, every match once across the pages inside
//! and beyond the kept window, and every write and right seen at once.

use std::sync::Arc;

use moisson_model::{Expr, RecordId, SearchQuery, Viewer, Visibility};
use moisson_store::Store;

use super::{admin, put_all};
use crate::builder::rec;

/// More matches than the kept window (200 identifiers).
const MATCHES: usize = 230;

async fn ranked_page(
    store: &Arc<dyn Store>,
    viewer: &Viewer,
    offset: u64,
    limit: u32,
) -> Vec<String> {
    let q = SearchQuery {
        filter: Expr::FullText("riviere".to_owned()),
        offset,
        limit,
        ..SearchQuery::default()
    };
    let page = store.search(&q, viewer).await.expect("search");
    page.records.iter().map(|r| r.id().to_string()).collect()
}

pub async fn ranked_pages_follow_the_ranking_writes_and_rights(store: Arc<dyn Store>) {
    // Every record says "rivière" in its abstract; one in seven in its title as well, and
    // those rank first (title weighs more).
    let records = (0..MATCHES)
        .map(|i| {
            let title = if i % 7 == 0 { "Rivière" } else { "Cours" };
            rec(&format!("r{i:03}"))
                .title(title)
                .abstract_text("Les berges de la rivière")
                .build()
        })
        .collect();
    put_all(&store, records).await;
    let anonymous = Viewer::Anonymous;
    // One page of everything: beyond the window, ranked by the database.
    let whole = ranked_page(&store, &anonymous, 0, 1000).await;
    assert_eq!(whole.len(), MATCHES);
    let titled: Vec<String> = (0..MATCHES)
        .step_by(7)
        .map(|i| format!("r{i:03}"))
        .collect();
    assert_eq!(
        whole[..titled.len()],
        titled[..],
        "title matches first, by id"
    );
    // Pages of 20 within the window (twice: computed, then kept), then across its end.
    for round in 0..2 {
        let mut walked = Vec::new();
        for offset in (0..MATCHES as u64).step_by(20) {
            walked.extend(ranked_page(&store, &anonymous, offset, 20).await);
        }
        assert_eq!(walked, whole, "round {round}");
    }
    assert_eq!(
        ranked_page(&store, &anonymous, 190, 20).await,
        whole[190..210],
        "a page across the window's end"
    );

    // A new record ranking first shows at once; a deleted one is gone at once.
    let new = rec("a-new")
        .title("Rivière rivière")
        .abstract_text("La rivière")
        .build();
    put_all(&store, vec![new]).await;
    let first = ranked_page(&store, &anonymous, 0, 20).await;
    assert_eq!(first[0], "a-new");
    assert_eq!(first[1..], whole[..19]);
    let gone = RecordId::parse("r000").expect("id");
    assert!(store.delete(&gone, &admin()).await.expect("delete"));
    let first = ranked_page(&store, &anonymous, 0, 20).await;
    assert!(!first.contains(&"r000".to_owned()), "{first:?}");
    assert_eq!(first[0], "a-new");

    // A record made restricted leaves the anonymous pages, not the administrator's.
    let restricted = rec("r007")
        .title("Rivière")
        .abstract_text("Les berges de la rivière")
        .visibility(Visibility::Restricted)
        .build();
    store.put(restricted, &admin()).await.expect("put");
    for _ in 0..2 {
        let seen = ranked_page(&store, &anonymous, 0, 20).await;
        assert!(!seen.contains(&"r007".to_owned()), "{seen:?}");
        let seen = ranked_page(&store, &admin(), 0, 20).await;
        assert!(seen.contains(&"r007".to_owned()), "{seen:?}");
    }
}
