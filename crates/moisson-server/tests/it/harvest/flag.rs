//! Option `deletions: "flag"`: a record the source no longer lists is kept as a draft
//! (hidden from the public), not deleted; it is published again when it comes back.

use moisson_model::harvest::{JobState, NewSource, SourceKind};
use moisson_model::{Viewer, Visibility, WorkflowStatus};

use super::{ORG, Peer, local, quick_options, run, two_ids};

#[actix_web::test]
async fn flagged_deletions_keep_drafts() {
    let peer = Peer::start().await;
    let (store, _keep) = local(false).await;
    let n = peer.public_count().await;
    let source = NewSource {
        name: "peer, deletions flagged".to_owned(),
        kind: SourceKind::Csw,
        url: format!("{}/csw", peer.url),
        options: quick_options(&[("page_size", 5.into()), ("deletions", "flag".into())]),
        owner_org: ORG.to_owned(),
        visibility: Visibility::Public,
        status: WorkflowStatus::Published,
        schedule: None,
        enabled: true,
    };
    let id = (store.create_source(source, &Viewer::Admin).await)
        .expect("source")
        .id;
    assert_eq!(run(&store, &id, false).await.counts.created, n);
    let (_, gone) = two_ids(&peer).await;
    let kept = (peer.store.get(&gone, &Viewer::Admin).await)
        .expect("get")
        .expect("found");
    assert!(
        peer.store
            .delete(&gone, &Viewer::Admin)
            .await
            .expect("delete")
    );

    let second = run(&store, &id, false).await;
    assert_eq!(second.state, JobState::Succeeded, "{:?}", second.log);
    assert_eq!((second.counts.deleted, second.counts.flagged), (0, 1));
    let draft = (store.get(&gone, &Viewer::Admin).await)
        .expect("get")
        .expect("kept");
    assert_eq!(draft.record.catalogue.status, WorkflowStatus::Draft);
    assert_eq!(
        store.get(&gone, &Viewer::Anonymous).await.expect("get"),
        None
    );
    // Left alone by the next run.
    let third = run(&store, &id, false).await;
    assert_eq!((third.counts.flagged, third.counts.deleted), (0, 0));

    // Back at the source: published again.
    let back = moisson_store::NewRecord {
        record: kept.record,
        original: kept.original,
    };
    peer.store.put(back, &Viewer::Admin).await.expect("restore");
    let fourth = run(&store, &id, false).await;
    assert_eq!(fourth.counts.updated, 1, "{:?}", fourth.counts);
    let again = (store.get(&gone, &Viewer::Anonymous).await)
        .expect("get")
        .expect("public again");
    assert_eq!(again.record.catalogue.status, WorkflowStatus::Published);
    peer.handle.stop(false).await;
}
