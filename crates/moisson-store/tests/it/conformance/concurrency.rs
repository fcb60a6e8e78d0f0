//! Several writers at once: concurrent upserts, optimistic concurrency, job locks.

use std::sync::Arc;

use moisson_model::RecordId;
use moisson_store::{Error, PutOutcome, Store};

use super::admin;
use crate::builder::rec;

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("valid id")
}

async fn version_of(store: &Arc<dyn Store>, i: &str) -> i64 {
    store
        .get(&id(i), &admin())
        .await
        .expect("get")
        .expect("found")
        .version
}

/// Eight writers upsert the same new record five times each: every write succeeds,
/// exactly one creates it, and the version counts every write (none is lost).
pub async fn concurrent_upserts_of_one_id(store: Arc<dyn Store>) {
    let writers = (0..8).map(|w| {
        let store = Arc::clone(&store);
        tokio::spawn(async move {
            let mut created = 0;
            for n in 0..5 {
                let r = rec("same").title(&format!("writer {w} write {n}")).build();
                if store.put(r, &admin()).await.expect("put") == PutOutcome::Created {
                    created += 1;
                }
            }
            created
        })
    });
    let mut created = 0;
    for w in writers.collect::<Vec<_>>() {
        created += w.await.expect("writer");
    }
    assert_eq!(created, 1);
    assert_eq!(version_of(&store, "same").await, 40);
    assert_eq!(store.count(&admin()).await.expect("count"), 1);
    let ids = super::ids_matching(&store, moisson_model::Expr::FullText("writer".into())).await;
    assert_eq!(ids, ["same"], "one index entry, not one per write");
}

pub async fn versioned_writes_refuse_stale_versions(store: Arc<dyn Store>) {
    let put = |v: Option<i64>, title: &str| {
        let store = Arc::clone(&store);
        let r = rec("a").title(title).build();
        async move { store.put_versioned(r, v, &admin()).await }
    };
    let conflict = |r: moisson_store::Result<PutOutcome>| {
        assert!(matches!(r, Err(Error::VersionMismatch(_))), "{r:?}");
    };
    conflict(put(Some(3), "missing").await);
    assert_eq!(
        put(Some(0), "new").await.expect("create"),
        PutOutcome::Created
    );
    conflict(put(Some(0), "again").await);
    assert_eq!(
        put(Some(1), "v2").await.expect("update"),
        PutOutcome::Updated
    );
    conflict(put(Some(1), "stale").await);
    assert_eq!(put(None, "v3").await.expect("blind"), PutOutcome::Updated);
    let got = store
        .get(&id("a"), &admin())
        .await
        .expect("get")
        .expect("found");
    assert_eq!((got.version, got.record.title.as_str()), (3, "v3"));
}

/// Writers that all read version 1 and write conditionally: exactly one wins, the
/// others get a conflict, and the winner's write is the one stored.
pub async fn concurrent_versioned_writes_lose_nothing(store: Arc<dyn Store>) {
    store.put(rec("a").build(), &admin()).await.expect("put");
    let writers: Vec<_> = (0..6)
        .map(|w| {
            let store = Arc::clone(&store);
            tokio::spawn(async move {
                let r = rec("a").title(&format!("writer {w}")).build();
                (w, store.put_versioned(r, Some(1), &admin()).await)
            })
        })
        .collect();
    let mut winners = Vec::new();
    for w in writers {
        match w.await.expect("writer") {
            (w, Ok(_)) => winners.push(w),
            (_, Err(Error::VersionMismatch(_))) => {}
            (_, Err(e)) => panic!("unexpected error {e}"),
        }
    }
    assert_eq!(winners.len(), 1, "{winners:?}");
    let got = store
        .get(&id("a"), &admin())
        .await
        .expect("get")
        .expect("found");
    assert_eq!(got.version, 2);
    assert_eq!(got.record.title, format!("writer {}", winners[0]));
}

/// A conditional delete at a stale version deletes nothing; at the stored one it
/// deletes; an absent record is `false`, as for `delete`.
pub async fn versioned_deletes_refuse_stale_versions(store: Arc<dyn Store>) {
    store.put(rec("d").build(), &admin()).await.expect("put");
    store.put(rec("d").build(), &admin()).await.expect("put");
    let r = store.delete_versioned(&id("d"), Some(1), &admin()).await;
    assert!(matches!(r, Err(Error::VersionMismatch(_))), "{r:?}");
    assert_eq!(version_of(&store, "d").await, 2, "still there");
    let deleted = store.delete_versioned(&id("d"), Some(2), &admin()).await;
    assert!(deleted.expect("delete"), "deleted at its version");
    let absent = store.delete_versioned(&id("d"), Some(2), &admin()).await;
    assert!(!absent.expect("absent"));
}

/// A versioned transaction (CSW-T `Update`) with one stale record writes nothing, not
/// even its other records or deletes; at the right versions it writes them all.
pub async fn versioned_write_and_delete_is_all_or_nothing(store: Arc<dyn Store>) {
    for i in ["a", "b", "gone"] {
        store.put(rec(i).build(), &admin()).await.expect("put");
    }
    store.put(rec("b").build(), &admin()).await.expect("b at 2");
    let writes = |vb: i64| {
        vec![
            (rec("a").title("a2").build(), Some(1)),
            (rec("b").title("b3").build(), Some(vb)),
        ]
    };
    let r = store
        .write_and_delete_versioned(writes(1), vec![id("gone")], &admin())
        .await;
    assert!(matches!(r, Err(Error::VersionMismatch(_))), "{r:?}");
    assert_eq!(version_of(&store, "a").await, 1, "nothing written");
    assert_eq!(store.count(&admin()).await.expect("count"), 3);
    let done = store
        .write_and_delete_versioned(writes(2), vec![id("gone")], &admin())
        .await
        .expect("at the right versions");
    assert_eq!((done.updated, done.deleted), (2, 1));
    assert_eq!(version_of(&store, "b").await, 3);
}

pub async fn job_locks_are_exclusive(store: Arc<dyn Store>) {
    let name = format!("harvest-{}", std::process::id());
    let first = store
        .try_job_lock(&name)
        .await
        .expect("lock")
        .expect("free");
    assert!(first.is_held());
    assert_eq!(first.name(), name);
    assert!(store.try_job_lock(&name).await.expect("lock").is_none());
    let other = store
        .try_job_lock(&format!("{name}-other"))
        .await
        .expect("lock");
    assert!(other.is_some());
    drop(first);
    // A PostgreSQL session lock is released when its connection closes: give it a moment.
    let mut again = None;
    for _ in 0..50 {
        again = store.try_job_lock(&name).await.expect("lock");
        if again.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(again.is_some(), "released on drop");
}
