//! Batched writes on PostgreSQL (one statement per table for a whole batch): what the
//! shared suite does not reach — one id twice in a batch, child rows replaced in bulk,
//! a row PostgreSQL refuses.

use moisson_model::{Expr, Property, RecordId, SearchQuery, Viewer};
use moisson_store::{Error, Store};
use moisson_testkit::pg::fresh;

use super::open;
use crate::builder::rec;

async fn ids_with_keyword(store: &dyn Store, keyword: &str) -> Vec<String> {
    let q = SearchQuery {
        filter: Expr::eq(Property::Keyword, keyword),
        limit: 100,
        ..SearchQuery::default()
    };
    let page = store.search(&q, &Viewer::Admin).await.expect("search");
    page.records
        .iter()
        .map(|r| r.id().as_str().to_owned())
        .collect()
}

#[tokio::test]
async fn one_id_twice_in_a_batch_is_written_twice_in_order() {
    let db = fresh().await;
    let store = open(&db).await;
    let batch = vec![
        rec("a").title("First").keywords(&["premier"]).build(),
        rec("b").build(),
        rec("a").title("Second").keywords(&["second"]).build(),
    ];
    let summary = store.put_many(batch, &Viewer::Admin).await.expect("bulk");
    assert_eq!((summary.created, summary.updated), (2, 1));
    let a = store
        .get(&RecordId::parse("a").expect("id"), &Viewer::Admin)
        .await
        .expect("get")
        .expect("found");
    assert_eq!((a.version, a.record.title.as_str()), (2, "Second"));
    assert!(ids_with_keyword(store.as_ref(), "premier").await.is_empty());
    assert_eq!(ids_with_keyword(store.as_ref(), "second").await, ["a"]);
}

#[tokio::test]
async fn a_batch_rewrites_stored_records_and_their_child_rows() {
    let db = fresh().await;
    let store = open(&db).await;
    let first: Vec<_> = (0..20)
        .map(|i| rec(&format!("r{i:02}")).keywords(&["old"]).build())
        .collect();
    store.put_many(first, &Viewer::Admin).await.expect("first");
    // Half stored, half new, in one batch.
    let second: Vec<_> = (10..30)
        .map(|i| {
            rec(&format!("r{i:02}"))
                .keywords(&["new"])
                .bbox(1.0, 45.0, 2.0, 46.0)
                .build()
        })
        .collect();
    let summary = store
        .put_many(second, &Viewer::Admin)
        .await
        .expect("second");
    assert_eq!((summary.created, summary.updated), (10, 10));
    let old = ids_with_keyword(store.as_ref(), "old").await;
    assert_eq!(old, (0..10).map(|i| format!("r{i:02}")).collect::<Vec<_>>());
    assert_eq!(ids_with_keyword(store.as_ref(), "new").await.len(), 20);
    let r15 = store
        .get(&RecordId::parse("r15").expect("id"), &Viewer::Admin)
        .await
        .expect("get")
        .expect("found");
    assert_eq!(r15.version, 2);
}

#[tokio::test]
async fn a_row_postgres_refuses_fails_the_whole_batch() {
    let db = fresh().await;
    let store = open(&db).await;
    let batch = vec![rec("good").build(), rec("bad").title("nul \0 here").build()];
    let err = store
        .put_many(batch, &Viewer::Admin)
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    assert_eq!(store.count(&Viewer::Admin).await.expect("count"), 0);
    let err = store
        .put(rec("bad").title("nul \0 here").build(), &Viewer::Admin)
        .await
        .expect_err("refused");
    assert!(
        matches!(&err, Error::Invalid(m) if m.contains("bad")),
        "{err}"
    );
}

/// After a bulk load, `settle` vacuums the record tables: the pages of the new rows are
/// marked all-visible, so the facets' index-only scans no longer read the table; a second
/// node settling at the same time skips (advisory lock), and neither fails.
#[tokio::test]
async fn settle_marks_the_loaded_pages_all_visible() {
    let db = fresh().await;
    let (a, b) = (open(&db).await, open(&db).await);
    let records = (0..300)
        .map(|i| rec(&format!("r{i:03}")).keywords(&["eau", "air"]).build())
        .collect();
    a.put_many(records, &Viewer::Admin).await.expect("import");
    let (client, conn) = tokio_postgres::connect(db.url(), tokio_postgres::NoTls)
        .await
        .expect("connect");
    let task = tokio::spawn(conn);
    let all_visible = || async {
        client
            .query_one(
                "SELECT relallvisible FROM pg_class WHERE oid = 'record_keywords'::regclass",
                &[],
            )
            .await
            .expect("pg_class")
            .get::<_, i32>(0)
    };
    assert_eq!(all_visible().await, 0, "nothing marked before");
    let (sa, sb) = tokio::join!(a.settle(), b.settle());
    sa.expect("settle on node a");
    sb.expect("settle on node b");
    assert!(all_visible().await > 0, "the keyword pages are all-visible");
    drop(client);
    task.abort();
}
