//! Runs the conformance suite on SQLite, one fresh temporary database per case, plus
//! what only a file database can show (durability across reopen).

use std::sync::Arc;

use moisson_model::{Expr, RecordId, SearchQuery, Viewer};
use moisson_store::Store;
use moisson_store::sqlite::SqliteStore;
use tempfile::TempDir;

use crate::builder::rec;
use crate::conformance;

async fn fresh() -> (Arc<dyn Store>, TempDir) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = SqliteStore::open(dir.path().join("nested/dir/moisson.db"))
        .await
        .expect("open");
    (Arc::new(store), dir)
}

macro_rules! sqlite_cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let (store, _dir) = fresh().await;
                conformance::$case(store).await;
            }
        )*
    };
}

conformance::for_each_case!(sqlite_cases);

#[tokio::test]
async fn writes_survive_reopening() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("moisson.db");
    {
        let store = SqliteStore::open(&path).await.expect("open");
        store
            .put(rec("kept").title("Durable").build(), &Viewer::Admin)
            .await
            .expect("put");
    }
    let store = SqliteStore::open(&path).await.expect("reopen");
    assert!(
        store.migrate().await.expect("migrate").is_empty(),
        "already migrated"
    );
    let got = store
        .get(&RecordId::parse("kept").expect("id"), &Viewer::Admin)
        .await
        .expect("get");
    assert_eq!(got.expect("still there").record.title, "Durable");
    let q = SearchQuery {
        filter: Expr::FullText("durable".into()),
        ..SearchQuery::default()
    };
    assert_eq!(
        store
            .search(&q, &Viewer::Admin)
            .await
            .expect("search")
            .total,
        1
    );
}

#[tokio::test]
async fn open_through_the_crate_url() {
    let dir = tempfile::tempdir().expect("tempdir");
    let url = format!("sqlite://{}", dir.path().join("u.db").display());
    let store = moisson_store::open(&url).await.expect("open");
    store.ping().await.expect("ping");
}
