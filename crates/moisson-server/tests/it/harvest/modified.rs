//! Option `modified_since`: an incremental run of a CSW source asks only for the records
//! whose `dct:modified` is on or after the day before its last succeeded run, and deletes
//! nothing; a full run reads everything and mirrors deletions.

use moisson_model::harvest::{JobState, NewSource, SourceKind};
use moisson_model::{Viewer, Visibility, WorkflowStatus};
use moisson_store::NewRecord;

use super::{ORG, Peer, local, quick_options, run, two_ids};

async fn modified_since(pg: bool) {
    let peer = Peer::start().await;
    let (store, _keep) = local(pg).await;
    let n = peer.public_count().await;
    let source = NewSource {
        name: "peer, modified since".to_owned(),
        kind: SourceKind::Csw,
        url: format!("{}/csw", peer.url),
        options: quick_options(&[("page_size", 4.into()), ("modified_since", true.into())]),
        owner_org: ORG.to_owned(),
        visibility: Visibility::Public,
        status: WorkflowStatus::Published,
        schedule: None,
        enabled: true,
    };
    let id = (store.create_source(source, &Viewer::Admin).await)
        .expect("source")
        .id;
    // No succeeded run yet: the whole source.
    let first = run(&store, &id, false).await;
    assert_eq!(
        (first.state, first.counts.created),
        (JobState::Succeeded, n)
    );

    let (changed, gone) = two_ids(&peer).await;
    let mut edited = (peer.store.get(&changed, &Viewer::Admin).await)
        .expect("get")
        .expect("found");
    edited.record.title = "Changé aujourd'hui".to_owned();
    edited.record.metadata.date_stamp = Some(chrono::Utc::now().format("%Y-%m-%d").to_string());
    let edit = NewRecord {
        record: edited.record,
        original: None,
    };
    peer.store.put(edit, &Viewer::Admin).await.expect("edit");
    assert!(
        peer.store
            .delete(&gone, &Viewer::Admin)
            .await
            .expect("delete")
    );

    let second = run(&store, &id, false).await;
    assert_eq!(second.state, JobState::Succeeded, "{:?}", second.log);
    let c = second.counts;
    assert_eq!((c.seen, c.updated, c.deleted), (1, 1, 0), "{c:?}");
    assert!(
        second.log.iter().any(|l| l.contains("modified since")),
        "{:?}",
        second.log
    );
    assert!(
        store
            .get(&gone, &Viewer::Admin)
            .await
            .expect("get")
            .is_some()
    );

    let full = run(&store, &id, true).await;
    assert_eq!(full.state, JobState::Succeeded, "{:?}", full.log);
    assert_eq!((full.counts.seen, full.counts.deleted), (n - 1, 1));
    assert_eq!(store.get(&gone, &Viewer::Admin).await.expect("get"), None);
    peer.handle.stop(false).await;
}

#[actix_web::test]
async fn modified_since_asks_only_for_changed_records_sqlite() {
    modified_since(false).await;
}

#[actix_web::test]
async fn modified_since_asks_only_for_changed_records_pg() {
    modified_since(true).await;
}
