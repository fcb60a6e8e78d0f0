//! Rights, writing: who may create, edit, publish and delete, checked against the
//! stored record inside the write, and the audit lines each write leaves.

use std::sync::Arc;

use moisson_model::account::{AuditAction, AuditQuery};
use moisson_model::{RecordId, Role, Viewer, Visibility, WorkflowStatus};
use moisson_store::{Error, NewRecord, PutOutcome, Result, Store};

use super::rights::{member_of, superadmin};
use super::{admin, put_all};
use crate::builder::rec;

fn id(s: &str) -> RecordId {
    RecordId::parse(s).expect("valid id")
}

fn of_a(i: &str, status: WorkflowStatus) -> NewRecord {
    rec(i).org("a").status(status).build()
}

fn forbidden<T: std::fmt::Debug>(what: &str, r: Result<T>) {
    assert!(matches!(r, Err(Error::Forbidden(_))), "{what}: {r:?}");
}

/// (actor, action, record, status) of the audit lines of `record`, oldest first.
async fn audit_of(store: &Arc<dyn Store>, record: &str) -> Vec<(String, AuditAction, String)> {
    let q = AuditQuery {
        record_id: Some(record.to_owned()),
        limit: 100,
        ..AuditQuery::default()
    };
    let mut lines = store.audit(&q, &superadmin()).await.expect("audit");
    lines.reverse();
    lines
        .into_iter()
        .map(|l| {
            assert_eq!(l.record_id, record);
            let status = l.status.unwrap_or_else(|| "-".to_owned());
            (l.actor, l.action, status)
        })
        .collect()
}

fn line(actor: &str, action: AuditAction, status: &str) -> (String, AuditAction, String) {
    (actor.to_owned(), action, status.to_owned())
}

pub async fn rights_write_matrix(store: Arc<dyn Store>) {
    use WorkflowStatus::{Draft, Published, Submitted};
    let editor = member_of("editor", &[("a", Role::Editor)]);
    let reviewer = member_of("reviewer", &[("a", Role::Reviewer)]);
    let bob = member_of("bob", &[("b", Role::Admin)]);
    let reader = member_of("reader", &[("a", Role::Reader)]);
    let created = store.put(of_a("d", Draft), &editor).await;
    assert_eq!(
        created.expect("editor creates a draft"),
        PutOutcome::Created
    );
    forbidden(
        "editor publishes a new record",
        store.put(of_a("p", Published), &editor).await,
    );
    forbidden(
        "editor publishes a draft",
        store.put(of_a("d", Published), &editor).await,
    );
    store
        .put(of_a("d", Submitted), &editor)
        .await
        .expect("editor submits");
    store
        .put_versioned(of_a("d", Published), Some(2), &reviewer)
        .await
        .expect("reviewer publishes");
    store
        .put(of_a("d", Published), &editor)
        .await
        .expect("editor edits a published record and leaves it published");
    forbidden(
        "editor of b edits a's record",
        store.put(rec("d").org("b").build(), &bob).await,
    );
    forbidden(
        "editor of b creates for a",
        store.put(of_a("n", Draft), &bob).await,
    );
    forbidden(
        "editor of a gives a's record to b",
        store
            .put(rec("d").org("b").status(Draft).build(), &editor)
            .await,
    );
    forbidden(
        "a record without owner",
        store.put(rec("o").status(Draft).build(), &editor).await,
    );
    forbidden(
        "anonymous writes",
        store.put(of_a("x", Draft), &Viewer::Anonymous).await,
    );
    forbidden("reader deletes", store.delete(&id("d"), &reader).await);
    forbidden("editor of b deletes", store.delete(&id("d"), &bob).await);
    let got = store.get(&id("d"), &admin()).await.expect("get");
    let got = got.expect("still there");
    assert_eq!(got.version, 4);
    assert_eq!(got.record.catalogue.status, Published);
    for absent in ["p", "n", "o", "x"] {
        assert!(
            store
                .get(&id(absent), &admin())
                .await
                .expect("get")
                .is_none()
        );
    }
    assert!(
        store
            .delete(&id("d"), &editor)
            .await
            .expect("editor deletes")
    );
    assert_eq!(
        audit_of(&store, "d").await,
        [
            line("user:editor", AuditAction::Create, "draft"),
            line("user:editor", AuditAction::Update, "submitted"),
            line("user:reviewer", AuditAction::Update, "published"),
            line("user:editor", AuditAction::Update, "published"),
            line("user:editor", AuditAction::Delete, "-"),
        ]
    );
    assert!(audit_of(&store, "p").await.is_empty(), "refused: no line");
}

/// Deleting a record the caller cannot see answers `false`, as if it were absent.
pub async fn rights_hidden_records_cannot_be_deleted(store: Arc<dyn Store>) {
    let hidden = rec("h").org("a").visibility(Visibility::Restricted).build();
    put_all(&store, vec![hidden]).await;
    let bob = member_of("bob", &[("b", Role::Editor)]);
    assert!(!store.delete(&id("h"), &bob).await.expect("delete"));
    assert!(!store.delete(&id("nothing"), &bob).await.expect("delete"));
    assert!(store.get(&id("h"), &admin()).await.expect("get").is_some());
    assert_eq!(
        audit_of(&store, "h").await,
        [line("admin", AuditAction::Create, "published")]
    );
}

/// A batch with one record the caller may not write writes nothing.
pub async fn rights_bulk_is_all_or_nothing(store: Arc<dyn Store>) {
    let editor = member_of("editor", &[("a", Role::Editor)]);
    let batch = vec![
        of_a("one", WorkflowStatus::Draft),
        of_a("two", WorkflowStatus::Draft),
        rec("three").org("b").status(WorkflowStatus::Draft).build(),
        of_a("four", WorkflowStatus::Draft),
    ];
    forbidden(
        "bulk with a record of b",
        store.put_many(batch, &editor).await,
    );
    assert_eq!(store.count(&admin()).await.expect("count"), 0);
    assert!(audit_of(&store, "one").await.is_empty());
    let batch = vec![
        of_a("one", WorkflowStatus::Draft),
        of_a("two", WorkflowStatus::Submitted),
    ];
    let summary = store.put_many(batch, &editor).await.expect("bulk");
    assert_eq!((summary.created, summary.updated), (2, 0));
    assert_eq!(
        audit_of(&store, "two").await,
        [line("user:editor", AuditAction::Create, "submitted")]
    );
}

/// The audit log: superadmins read it, newest first, filtered by record or actor;
/// restores leave no line; nobody else reads it.
pub async fn rights_audit_log_is_for_superadmins(store: Arc<dyn Store>) {
    let editor = member_of("editor", &[("a", Role::Editor)]);
    put_all(&store, vec![rec("x").build(), rec("y").build()]).await;
    store
        .put(of_a("z", WorkflowStatus::Draft), &editor)
        .await
        .expect("put");
    let all = AuditQuery {
        limit: 10,
        ..AuditQuery::default()
    };
    let lines = store.audit(&all, &Viewer::Admin).await.expect("audit");
    let seen: Vec<(&str, &str)> = lines
        .iter()
        .map(|l| (l.actor.as_str(), l.record_id.as_str()))
        .collect();
    assert_eq!(seen, [("user:editor", "z"), ("admin", "y"), ("admin", "x")]);
    assert!(
        lines
            .windows(2)
            .all(|w| w[0].seq > w[1].seq && w[0].at >= w[1].at)
    );
    let by_editor = AuditQuery {
        actor: Some("user:editor".to_owned()),
        limit: 10,
        ..AuditQuery::default()
    };
    let lines = store.audit(&by_editor, &superadmin()).await.expect("audit");
    assert_eq!(lines.len(), 1);
    let paged = AuditQuery {
        limit: 1,
        offset: 1,
        ..AuditQuery::default()
    };
    let lines = store.audit(&paged, &superadmin()).await.expect("audit");
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0].record_id, "y");
    let stored = store.get(&id("x"), &admin()).await.expect("get");
    let restored = store.restore_many(vec![stored.expect("x")], &admin()).await;
    assert_eq!(restored.expect("restore").updated, 1);
    forbidden(
        "editor restores",
        store.restore_many(Vec::new(), &editor).await,
    );
    assert_eq!(
        audit_of(&store, "x").await.len(),
        1,
        "restores are not audited"
    );
    let admin_of_a = member_of("boss", &[("a", Role::Admin)]);
    for who in [editor, admin_of_a, Viewer::Anonymous] {
        forbidden("audit", store.audit(&all, &who).await);
    }
}

/// Writes and deletes in one transaction (CSW Transaction): a delete the caller may not
/// make undoes the writes; otherwise all are done, hidden or absent ids are skipped, and
/// each leaves its audit line.
pub async fn write_and_delete_is_all_or_nothing(store: Arc<dyn Store>) {
    use WorkflowStatus::Draft;
    let editor = member_of("editor", &[("a", Role::Editor)]);
    let hidden = rec("h").org("b").visibility(Visibility::Restricted).build();
    put_all(
        &store,
        vec![of_a("old", Draft), rec("of-b").org("b").build(), hidden],
    )
    .await;
    forbidden(
        "a delete of b's public record",
        store
            .write_and_delete(
                vec![of_a("new", Draft)],
                vec![id("old"), id("of-b")],
                &editor,
            )
            .await,
    );
    assert!(
        store
            .get(&id("new"), &admin())
            .await
            .expect("get")
            .is_none()
    );
    assert!(
        store
            .get(&id("old"), &admin())
            .await
            .expect("get")
            .is_some()
    );
    assert!(
        audit_of(&store, "new").await.is_empty(),
        "rolled back: no line"
    );

    let summary = store
        .write_and_delete(
            vec![of_a("new", Draft)],
            vec![id("old"), id("h"), id("absent")],
            &editor,
        )
        .await
        .expect("write and delete");
    assert_eq!(
        (summary.created, summary.updated, summary.deleted),
        (1, 0, 1)
    );
    assert!(
        store
            .get(&id("old"), &admin())
            .await
            .expect("get")
            .is_none()
    );
    assert!(store.get(&id("h"), &admin()).await.expect("get").is_some());
    assert_eq!(
        audit_of(&store, "old").await.last(),
        Some(&line("user:editor", AuditAction::Delete, "-"))
    );
    assert_eq!(
        audit_of(&store, "new").await,
        [line("user:editor", AuditAction::Create, "draft")]
    );
}
