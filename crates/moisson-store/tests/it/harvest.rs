//! `HarvestStore` on both backends: sources under their organisation's admins, jobs, and
//! the provenance rows that make runs incremental and deletions mirrored.

use std::sync::Arc;

use moisson_model::account::{Unit, UnitKind};
use moisson_model::harvest::{JobState, NewSource, Provenance, SourceKind};
use moisson_model::{Membership, RecordId, Role, Viewer, Visibility, WorkflowStatus};
use moisson_store::Store;

use crate::builder::rec;

fn member(unit: &str, role: Role) -> Viewer {
    Viewer::member(
        format!("user:{unit}-{}", role.as_str()),
        vec![Membership {
            unit: unit.to_owned(),
            role,
        }],
    )
}

async fn org(store: &Arc<dyn Store>, id: &str) {
    let unit = Unit {
        id: id.to_owned(),
        kind: UnitKind::Organisation,
        name: id.to_uppercase(),
    };
    store.create_unit(unit, &Viewer::Admin).await.expect("unit");
}

fn csw_source(owner: &str) -> NewSource {
    NewSource {
        name: "Géo-IDE DDT 35".to_owned(),
        kind: SourceKind::Csw,
        url: "http://127.0.0.1:1/csw".to_owned(),
        options: serde_json::Map::new(),
        owner_org: owner.to_owned(),
        visibility: Visibility::Internal,
        status: WorkflowStatus::Published,
        schedule: Some("0 3 * * *".to_owned()),
        enabled: true,
    }
}

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("id")
}

async fn sources_belong_to_their_organisation_admins(store: Arc<dyn Store>) {
    org(&store, "ddt").await;
    org(&store, "dreal").await;
    let admin = member("ddt", Role::Admin);
    let refused = store
        .create_source(csw_source("ddt"), &member("ddt", Role::Editor))
        .await
        .expect_err("an editor may not add a source");
    assert!(
        matches!(refused, moisson_store::Error::Forbidden(_)),
        "{refused}"
    );
    let unknown = store
        .create_source(csw_source("nowhere"), &Viewer::Admin)
        .await
        .expect_err("unknown organisation");
    assert!(
        matches!(unknown, moisson_store::Error::Invalid(_)),
        "{unknown}"
    );

    let made = store
        .create_source(csw_source("ddt"), &admin)
        .await
        .expect("create");
    assert!(made.id.starts_with("g-o-ide-ddt-35-"), "{}", made.id);
    assert_eq!(
        store.source(&made.id, &admin).await.expect("get"),
        Some(made.clone())
    );
    assert_eq!(
        store
            .source(&made.id, &member("dreal", Role::Admin))
            .await
            .expect("get"),
        None
    );
    assert_eq!(
        store.sources(&Viewer::Admin).await.expect("list"),
        vec![made.clone()]
    );
    assert!(
        store
            .sources(&member("dreal", Role::Admin))
            .await
            .expect("list")
            .is_empty()
    );

    let mut changed = made.clone();
    changed.source.enabled = false;
    changed.source.schedule = None;
    changed
        .source
        .options
        .insert("page_size".to_owned(), 10.into());
    assert!(
        !store
            .update_source(changed.clone(), &member("dreal", Role::Admin))
            .await
            .is_ok_and(|b| b)
    );
    assert!(
        store
            .update_source(changed.clone(), &admin)
            .await
            .expect("update")
    );
    assert_eq!(
        store.source(&made.id, &admin).await.expect("get"),
        Some(changed)
    );

    assert!(
        !store
            .delete_source(&made.id, &member("dreal", Role::Admin))
            .await
            .expect("delete")
    );
    assert!(store.delete_source(&made.id, &admin).await.expect("delete"));
    assert_eq!(store.source(&made.id, &admin).await.expect("get"), None);
}

async fn jobs_keep_their_progress(store: Arc<dyn Store>) {
    org(&store, "ddt").await;
    let admin = member("ddt", Role::Admin);
    let source = store
        .create_source(csw_source("ddt"), &admin)
        .await
        .expect("create");
    let mut job = store
        .start_job(&source.id, false, &admin)
        .await
        .expect("start");
    assert_eq!(job.state, JobState::Running);
    job.counts.seen = 3;
    job.counts.created = 2;
    job.fail_record(Some("remote-3".to_owned()), "no title");
    job.log("page 1: 3 records");
    job.state = JobState::Succeeded;
    job.ended = Some(chrono::Utc::now());
    store.save_job(&job, &admin).await.expect("save");
    let read = store
        .job(job.id, &admin)
        .await
        .expect("job")
        .expect("found");
    assert_eq!(read.counts, job.counts);
    assert_eq!(read.errors, job.errors);
    assert_eq!(read.log, job.log);
    assert_eq!(read.state, JobState::Succeeded);
    assert!(read.ended.is_some());
    assert_eq!(
        store
            .job(job.id, &member("x", Role::Admin))
            .await
            .expect("job"),
        None
    );
    let second = store
        .start_job(&source.id, true, &admin)
        .await
        .expect("start");
    let jobs = store.jobs(&source.id, 10, &admin).await.expect("jobs");
    assert_eq!(
        jobs.iter().map(|j| j.id).collect::<Vec<_>>(),
        vec![second.id, job.id]
    );
    assert!(
        store
            .start_job(&source.id, false, &member("ddt", Role::Editor))
            .await
            .is_err()
    );
}

async fn provenance_tells_what_a_run_did_not_see(store: Arc<dyn Store>) {
    org(&store, "ddt").await;
    let admin = member("ddt", Role::Admin);
    let source = store
        .create_source(csw_source("ddt"), &admin)
        .await
        .expect("create");
    let records = ["a", "b", "c"].map(|r| rec(r).org("ddt").build()).to_vec();
    store.put_many(records, &admin).await.expect("put");
    let first = store
        .start_job(&source.id, false, &admin)
        .await
        .expect("start");
    let row = |r: &str, hash: &str| Provenance {
        record_id: id(r),
        source_id: source.id.clone(),
        remote_id: format!("remote-{r}"),
        harvested_at: chrono::Utc::now(),
        source_hash: hash.to_owned(),
        job_id: None,
    };
    let rows = vec![row("a", "h1"), row("b", "h1"), row("c", "h1")];
    store
        .note_harvested(rows, first.id, &admin)
        .await
        .expect("note");
    let second = store
        .start_job(&source.id, false, &admin)
        .await
        .expect("start");
    store
        .note_harvested(vec![row("a", "h2"), row("c", "h1")], second.id, &admin)
        .await
        .expect("note");
    let kept = store
        .provenance(&[id("a"), id("b"), id("zz")], &admin)
        .await
        .expect("read");
    assert_eq!(kept.len(), 2);
    assert_eq!(
        kept.iter()
            .find(|p| p.record_id == id("a"))
            .map(|p| p.source_hash.as_str()),
        Some("h2")
    );
    // The job kept is the one that noted the row last.
    let jobs = |r: &str| kept.iter().find(|p| p.record_id == id(r)).map(|p| p.job_id);
    assert_eq!(
        (jobs("a"), jobs("b")),
        (Some(Some(second.id)), Some(Some(first.id)))
    );
    assert!(
        store
            .provenance(&[id("a")], &member("x", Role::Admin))
            .await
            .expect("read")
            .is_empty()
    );
    let unseen = store
        .unseen_records(&source.id, second.id, 10, &admin)
        .await
        .expect("unseen");
    assert_eq!(unseen, vec![id("b")]);
    assert!(
        store
            .note_harvested(
                vec![row("a", "h3")],
                second.id,
                &member("ddt", Role::Editor)
            )
            .await
            .is_err()
    );

    // Deleting a record drops its provenance; forgetting drops it without the record.
    assert!(store.delete(&id("a"), &admin).await.expect("delete"));
    store
        .forget_records(&source.id, &[id("b")], &admin)
        .await
        .expect("forget");
    let left = store
        .provenance(&[id("a"), id("b"), id("c")], &admin)
        .await
        .expect("read");
    assert_eq!(
        left.iter().map(|p| p.record_id.clone()).collect::<Vec<_>>(),
        vec![id("c")]
    );
}

macro_rules! harvest_cases {
    ($open:expr) => {
        #[tokio::test]
        async fn sources_belong_to_their_organisation_admins() {
            let (store, _keep) = $open.await;
            super::sources_belong_to_their_organisation_admins(store).await;
        }

        #[tokio::test]
        async fn jobs_keep_their_progress() {
            let (store, _keep) = $open.await;
            super::jobs_keep_their_progress(store).await;
        }

        #[tokio::test]
        async fn provenance_tells_what_a_run_did_not_see() {
            let (store, _keep) = $open.await;
            super::provenance_tells_what_a_run_did_not_see(store).await;
        }
    };
}

mod sqlite {
    use std::sync::Arc;

    use moisson_store::Store;
    use moisson_store::sqlite::SqliteStore;

    async fn open() -> (Arc<dyn Store>, tempfile::TempDir) {
        let dir = tempfile::tempdir().expect("tempdir");
        let store = SqliteStore::open(dir.path().join("h.db"))
            .await
            .expect("open");
        (Arc::new(store), dir)
    }

    harvest_cases!(open());
}

mod pg {
    use std::sync::Arc;

    use moisson_store::Store;
    use moisson_testkit::pg::{TestDb, fresh};

    async fn open() -> (Arc<dyn Store>, TestDb) {
        let db = fresh().await;
        let store = moisson_store::open(db.url()).await.expect("open");
        (store, db)
    }

    harvest_cases!(open());
}
