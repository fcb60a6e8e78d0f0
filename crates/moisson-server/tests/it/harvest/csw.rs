//! CSW sources: incremental runs, deletions mirrored after complete runs only, conflicts
//! with local records and other sources, rights and the job lock.

use std::sync::atomic::Ordering;

use moisson_model::harvest::{HarvestJob, JobState, SourceKind};
use moisson_model::{Membership, RecordSource, Role, Viewer, Visibility};
use moisson_store::NewRecord;

use super::{ORG, Peer, add_source, local, run, two_ids};

async fn csw_incremental(pg: bool) {
    let peer = Peer::start().await;
    let (store, _keep) = local(pg).await;
    let n = peer.public_count().await;
    assert!(n >= 10, "the samples make a real catalogue ({n})");
    let id = add_source(&store, SourceKind::Csw, format!("{}/csw", peer.url), 4).await;

    let first = run(&store, &id, false).await;
    assert_eq!(first.state, JobState::Succeeded, "{:?}", first.log);
    assert_eq!(
        (first.counts.created, first.counts.failed),
        (n, 0),
        "{:?}",
        first.errors
    );
    assert_eq!(first.counts.seen, n);

    let again = run(&store, &id, false).await;
    assert_eq!(again.state, JobState::Succeeded, "{:?}", again.log);
    assert_eq!(again.counts.unchanged, n, "{:?}", again.counts);
    assert_eq!(
        again.counts.created + again.counts.updated + again.counts.deleted,
        0
    );

    let (changed, gone) = two_ids(&peer).await;
    let mut edited = peer
        .store
        .get(&changed, &Viewer::Admin)
        .await
        .expect("get")
        .expect("found");
    edited.record.title = "Titre changé à la source".to_owned();
    peer.store
        .put(
            NewRecord {
                record: edited.record,
                original: None,
            },
            &Viewer::Admin,
        )
        .await
        .expect("edit at the source");
    assert!(
        peer.store
            .delete(&gone, &Viewer::Admin)
            .await
            .expect("delete at the source")
    );

    let third = run(&store, &id, false).await;
    assert_eq!(third.state, JobState::Succeeded, "{:?}", third.log);
    let c = third.counts;
    assert_eq!(
        (c.updated, c.deleted, c.created, c.failed),
        (1, 1, 0, 0),
        "{c:?}"
    );
    assert_eq!(c.unchanged, n - 2);
    assert_eq!(store.get(&gone, &Viewer::Admin).await.expect("get"), None);
    let local = store
        .get(&changed, &Viewer::Admin)
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(local.record.title, "Titre changé à la source");
    let catalogue = &local.record.catalogue;
    assert_eq!(catalogue.owner_org.as_deref(), Some(ORG));
    assert_eq!(catalogue.visibility, Visibility::Internal);
    assert!(
        matches!(&catalogue.source, RecordSource::Harvested { harvester, .. } if *harvester == id)
    );
    let kept = store
        .provenance(std::slice::from_ref(&changed), &Viewer::Admin)
        .await
        .expect("provenance");
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].remote_id, changed.as_str());

    // A full run rewrites everything, changed or not.
    let full = run(&store, &id, true).await;
    assert_eq!(
        (full.counts.updated, full.counts.unchanged),
        (n - 1, 0),
        "{:?}",
        full.counts
    );
    assert_eq!(
        store
            .jobs(&id, 10, &Viewer::Admin)
            .await
            .expect("jobs")
            .len(),
        4
    );
    // Every write of a run is in the audit log, under the source's name.
    let query = moisson_model::account::AuditQuery {
        actor: Some(format!("harvest:{id}")),
        limit: 1000,
        ..Default::default()
    };
    let lines = store.audit(&query, &Viewer::Admin).await.expect("audit");
    let count = |a: moisson_model::account::AuditAction| {
        lines.iter().filter(|l| l.action == a).count() as u64
    };
    assert_eq!(count(moisson_model::account::AuditAction::Create), n);
    assert_eq!(count(moisson_model::account::AuditAction::Delete), 1);
    peer.handle.stop(false).await;
}

#[actix_web::test]
async fn csw_runs_are_incremental_and_mirror_deletions_sqlite() {
    csw_incremental(false).await;
}

#[actix_web::test]
async fn csw_runs_are_incremental_and_mirror_deletions_pg() {
    csw_incremental(true).await;
}

async fn partial_failure(pg: bool) {
    let peer = Peer::start().await;
    let (store, _keep) = local(pg).await;
    let n = peer.public_count().await;
    let id = add_source(&store, SourceKind::Csw, format!("{}/csw", peer.url), 5).await;
    assert_eq!(run(&store, &id, false).await.counts.created, n);

    let (_, gone) = two_ids(&peer).await;
    assert!(
        peer.store
            .delete(&gone, &Viewer::Admin)
            .await
            .expect("delete at the source")
    );
    peer.broken.store(true, Ordering::SeqCst);
    let failed = run(&store, &id, false).await;
    assert_eq!(failed.state, JobState::Failed);
    assert_eq!(failed.counts.deleted, 0);
    assert!(
        failed.counts.seen > 0 && failed.counts.seen < n,
        "{:?}",
        failed.counts
    );
    assert!(
        failed.log.iter().any(|l| l.contains("500")),
        "{:?}",
        failed.log
    );
    assert!(
        store
            .get(&gone, &Viewer::Admin)
            .await
            .expect("get")
            .is_some(),
        "nothing deleted"
    );
    let stored = store
        .job(failed.id, &Viewer::Admin)
        .await
        .expect("job")
        .expect("kept");
    assert_eq!(stored.state, JobState::Failed);
    assert!(stored.ended.is_some());

    peer.broken.store(false, Ordering::SeqCst);
    let healed = run(&store, &id, false).await;
    assert_eq!(healed.state, JobState::Succeeded, "{:?}", healed.log);
    assert_eq!(healed.counts.deleted, 1);
    assert_eq!(store.get(&gone, &Viewer::Admin).await.expect("get"), None);
    peer.handle.stop(false).await;
}

#[actix_web::test]
async fn a_run_that_fails_half_way_deletes_nothing_sqlite() {
    partial_failure(false).await;
}

#[actix_web::test]
async fn a_run_that_fails_half_way_deletes_nothing_pg() {
    partial_failure(true).await;
}

#[actix_web::test]
async fn the_first_owner_keeps_an_identifier() {
    let peer = Peer::start().await;
    let (store, _keep) = local(false).await;
    let (taken, _) = two_ids(&peer).await;
    let mut local = peer
        .store
        .get(&taken, &Viewer::Admin)
        .await
        .expect("get")
        .expect("found");
    local.record.title = "Fiche locale".to_owned();
    local.record.catalogue = moisson_model::CatalogueInfo {
        owner_org: Some(ORG.to_owned()),
        ..Default::default()
    };
    store
        .put(
            NewRecord {
                record: local.record,
                original: None,
            },
            &Viewer::Admin,
        )
        .await
        .expect("local record");
    let csw = add_source(&store, SourceKind::Csw, format!("{}/csw", peer.url), 10).await;
    let job = run(&store, &csw, false).await;
    assert_eq!(job.state, JobState::Succeeded);
    assert_eq!(job.counts.failed, 1, "{:?}", job.errors);
    assert_eq!(job.errors[0].remote_id.as_deref(), Some(taken.as_str()));
    assert!(
        job.errors[0].reason.contains("local record"),
        "{:?}",
        job.errors
    );
    let kept = store
        .get(&taken, &Viewer::Admin)
        .await
        .expect("get")
        .expect("kept");
    assert_eq!(kept.record.title, "Fiche locale");

    // A second source of the same records: each identifier stays with the first source.
    let other = add_source(&store, SourceKind::Csw, format!("{}/csw?", peer.url), 10).await;
    let second = run(&store, &other, false).await;
    assert_eq!(second.counts.created, 0);
    assert_eq!(second.counts.failed, peer.public_count().await);
    assert!(
        second.errors.iter().any(|e| e.reason.contains(&csw)),
        "{:?}",
        second.errors
    );
    peer.handle.stop(false).await;
}

#[actix_web::test]
async fn only_admins_of_the_owner_organisation_run_a_source() {
    let (store, _keep) = local(false).await;
    let id = add_source(
        &store,
        SourceKind::Csw,
        "http://127.0.0.1:9/csw".to_owned(),
        10,
    )
    .await;
    let editor = Viewer::member(
        "user:ed",
        vec![Membership {
            unit: ORG.to_owned(),
            role: Role::Editor,
        }],
    );
    let quiet = |_: &HarvestJob| {};
    let refused = moisson_harvest::run(store.as_ref(), &id, false, &editor, &quiet).await;
    assert!(
        matches!(refused, Err(moisson_harvest::Error::UnknownSource(_))),
        "{refused:?}"
    );
    let _lock = store
        .try_job_lock(&format!("harvest:{id}"))
        .await
        .expect("lock")
        .expect("free");
    let busy = moisson_harvest::run(store.as_ref(), &id, false, &Viewer::Admin, &quiet).await;
    assert!(
        matches!(busy, Err(moisson_harvest::Error::Busy(_))),
        "{busy:?}"
    );
}

#[actix_web::test]
async fn a_page_that_does_not_read_is_read_record_by_record() {
    let peer = Peer::start().await;
    let (store, _keep) = local(false).await;
    let n = peer.public_count().await;
    peer.spoiled.store(true, Ordering::SeqCst);
    let id = add_source(&store, SourceKind::Csw, format!("{}/csw", peer.url), 5).await;
    let job = run(&store, &id, false).await;
    assert_eq!(job.state, JobState::Succeeded, "{:?}", job.log);
    assert_eq!(
        (job.counts.created, job.counts.failed),
        (n, 0),
        "{:?}",
        job.errors
    );
    let by_record = job
        .log
        .iter()
        .filter(|l| l.contains("read record by record"));
    assert_eq!(by_record.count() as u64, n.div_ceil(5), "{:?}", job.log);
    peer.handle.stop(false).await;
}

#[actix_web::test]
async fn a_run_whose_process_stopped_is_closed_as_failed_by_the_next() {
    let peer = Peer::start().await;
    let (store, _keep) = local(false).await;
    let id = add_source(&store, SourceKind::Csw, format!("{}/csw", peer.url), 10).await;
    // Started, then dropped unfinished: what a crash leaves behind (the lock goes with it).
    let orphan = moisson_harvest::start(store.as_ref(), &id, false, &Viewer::Admin)
        .await
        .expect("start")
        .job()
        .id;
    let next = run(&store, &id, false).await;
    assert_eq!(next.state, JobState::Succeeded, "{:?}", next.log);
    let closed = store
        .job(orphan, &Viewer::Admin)
        .await
        .expect("job")
        .expect("kept");
    assert_eq!(closed.state, JobState::Failed);
    assert!(closed.ended.is_some());
    assert!(
        closed.log.iter().any(|l| l.starts_with("interrupted")),
        "{:?}",
        closed.log
    );
    peer.handle.stop(false).await;
}
