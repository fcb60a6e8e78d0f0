//! Documents kept beside records (`Store::represented_after`, `keep_representations`).

use std::sync::Arc;

use moisson_model::{RecordId, Viewer, Visibility};
use moisson_store::{Representation, RepresentationKind, Represented, Store};

use super::{admin, put_all};
use crate::builder::rec;

const TURTLE: RepresentationKind<'static> = RepresentationKind {
    kind: "dcat-turtle",
    fingerprint: "f1",
};

/// What a walk returns, as `(id, Some(kept body) | None)` in id order.
async fn walk(
    store: &Arc<dyn Store>,
    viewer: &Viewer,
    kind: RepresentationKind<'_>,
) -> Vec<(String, Option<String>)> {
    let mut out = Vec::new();
    let mut after: Option<RecordId> = None;
    loop {
        let page = store
            .represented_after(after.as_ref(), 2, viewer, kind)
            .await
            .expect("walk");
        if page.is_empty() {
            return out;
        }
        for entry in page {
            let (id, kept) = match entry {
                Represented::Kept { id, body, updated } => {
                    assert!(updated.is_some(), "kept documents carry the update time");
                    (id, Some(String::from_utf8(body).expect("utf-8")))
                }
                Represented::Fresh { record, .. } => (record.id.expect("id"), None),
            };
            after = Some(id.clone());
            out.push((id.to_string(), kept));
        }
    }
}

/// Keeps a document for every record the walk returned fresh (body: `id@version`).
async fn keep_fresh(store: &Arc<dyn Store>, kind: RepresentationKind<'_>) {
    let page = store
        .represented_after(None, 100, &admin(), kind)
        .await
        .expect("walk");
    let made = page
        .into_iter()
        .filter_map(|e| match e {
            Represented::Fresh { record, version } => {
                let id = record.id.expect("id");
                // Long and repetitive: compressed where the backend compresses.
                let body = format!("{id}@{version} ").repeat(100).into_bytes();
                Some(Representation { id, version, body })
            }
            Represented::Kept { .. } => None,
        })
        .collect();
    store.keep_representations(kind, made).await.expect("keep");
}

fn body(id: &str, version: i64) -> Option<String> {
    Some(format!("{id}@{version} ").repeat(100))
}

/// A kept document is served while its record and fingerprint are unchanged, under the
/// record's rights; an edit, a delete or another fingerprint makes the record fresh
/// again; a document made from an older version is never kept.
pub async fn kept_documents_follow_versions_and_rights(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a").build(),
            rec("b").visibility(Visibility::Restricted).build(),
            rec("c").build(),
        ],
    )
    .await;
    let before = walk(&store, &admin(), TURTLE).await;
    assert_eq!(
        before,
        [("a".into(), None), ("b".into(), None), ("c".into(), None)]
    );
    keep_fresh(&store, TURTLE).await;
    let version = |id: &str| {
        let store = store.clone();
        let id = RecordId::parse(id).expect("id");
        async move {
            store
                .get(&id, &admin())
                .await
                .expect("get")
                .expect("there")
                .version
        }
    };
    let (va, vb, vc) = (version("a").await, version("b").await, version("c").await);
    assert_eq!(
        walk(&store, &admin(), TURTLE).await,
        [
            ("a".into(), body("a", va)),
            ("b".into(), body("b", vb)),
            ("c".into(), body("c", vc))
        ]
    );
    assert_eq!(
        walk(&store, &Viewer::Anonymous, TURTLE).await,
        [("a".into(), body("a", va)), ("c".into(), body("c", vc))],
        "the restricted record's document is not shown to the anonymous"
    );
    let other = RepresentationKind {
        kind: "dcat-turtle",
        fingerprint: "f2",
    };
    assert!(
        walk(&store, &admin(), other)
            .await
            .iter()
            .all(|(_, k)| k.is_none()),
        "another fingerprint (configuration, mapping) makes every record fresh"
    );
    let jsonld = RepresentationKind {
        kind: "dcat-jsonld",
        fingerprint: "f1",
    };
    assert!(
        walk(&store, &admin(), jsonld)
            .await
            .iter()
            .all(|(_, k)| k.is_none())
    );

    // An edit: the record is fresh again, and a document of its old version is dropped.
    store
        .put(rec("a").title("Autre").build(), &admin())
        .await
        .expect("edit");
    let stale = Representation {
        id: RecordId::parse("a").expect("id"),
        version: va,
        body: b"stale".to_vec(),
    };
    store
        .keep_representations(TURTLE, vec![stale])
        .await
        .expect("keeping a stale document is not an error");
    let after_edit = walk(&store, &admin(), TURTLE).await;
    assert_eq!(
        after_edit[0],
        ("a".into(), None),
        "edited, then stale document dropped"
    );
    assert_eq!(after_edit[2], ("c".into(), body("c", vc)));

    // A delete takes the kept documents with it; documents of absent records are dropped.
    assert!(
        store
            .delete(&RecordId::parse("c").expect("id"), &admin())
            .await
            .expect("delete")
    );
    let gone = Representation {
        id: RecordId::parse("c").expect("id"),
        version: vc,
        body: b"gone".to_vec(),
    };
    store
        .keep_representations(TURTLE, vec![gone])
        .await
        .expect("keep");
    let ids: Vec<String> = walk(&store, &admin(), TURTLE)
        .await
        .into_iter()
        .map(|(i, _)| i)
        .collect();
    assert_eq!(ids, ["a", "b"]);
    put_all(&store, vec![rec("c").build()]).await;
    assert_eq!(
        walk(&store, &admin(), TURTLE).await[2],
        ("c".into(), None),
        "a record created again does not inherit the documents of the deleted one"
    );
}
