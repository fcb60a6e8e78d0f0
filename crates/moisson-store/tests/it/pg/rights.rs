//! Rights on PostgreSQL beyond the shared cases: the compiled visibility clause against
//! `rights::can_see` on both backends, the audit log written with the write's batch,
//! and a version-1 database migrating to rights.

use std::sync::Arc;

use moisson_model::account::{AuditAction, AuditQuery};
use moisson_model::{
    FacetField, Membership, Principal, RecordId, Role, SearchQuery, Viewer, Visibility,
    WorkflowStatus, rights,
};
use moisson_store::{Error, NewRecord, Store};
use moisson_testkit::pg::fresh;

use super::open;
use crate::builder::rec;

fn member(units: &[(&str, Role)]) -> Viewer {
    let memberships = units
        .iter()
        .map(|(unit, role)| Membership {
            unit: (*unit).to_owned(),
            role: *role,
        })
        .collect();
    Viewer::member("user:t", memberships)
}

/// Every combination of owner, visibility, status and sharing.
fn matrix() -> Vec<NewRecord> {
    let mut out = Vec::new();
    for owner in ["a", "b"] {
        for (v, visibility) in [
            Visibility::Public,
            Visibility::Internal,
            Visibility::Restricted,
        ]
        .into_iter()
        .enumerate()
        {
            for (s, status) in [
                WorkflowStatus::Draft,
                WorkflowStatus::Submitted,
                WorkflowStatus::Published,
            ]
            .into_iter()
            .enumerate()
            {
                for shared in [&[][..], &["g"][..]] {
                    let id = format!("{owner}-{v}{s}-{}", shared.len());
                    out.push(
                        rec(&id)
                            .org(owner)
                            .visibility(visibility)
                            .status(status)
                            .shared_with(shared)
                            .build(),
                    );
                }
            }
        }
    }
    out
}

fn viewers() -> Vec<Viewer> {
    use Role::*;
    let superadmin = Viewer::Member(Principal {
        subject: "user:root".to_owned(),
        memberships: Vec::new(),
        superadmin: true,
    });
    vec![
        Viewer::Anonymous,
        member(&[]),
        member(&[("a", Reader)]),
        member(&[("a", Editor)]),
        member(&[("a", Admin), ("b", Reader)]),
        member(&[("b", Reviewer)]),
        member(&[("g", Reader)]),
        member(&[("g", Admin)]),
        member(&[("x", Editor)]),
        superadmin,
        Viewer::Admin,
    ]
}

/// The SQL of both backends sees exactly what `rights::can_see` allows, in every read.
#[tokio::test]
async fn visibility_agrees_with_can_see_on_both_backends() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite: Arc<dyn Store> = Arc::new(
        moisson_store::sqlite::SqliteStore::open(dir.path().join("rights.db"))
            .await
            .expect("sqlite"),
    );
    let db = fresh().await;
    let pg = open(&db).await;
    let records = matrix();
    for store in [&sqlite, &pg] {
        store
            .put_many(records.clone(), &Viewer::Admin)
            .await
            .expect("import");
    }
    let q = SearchQuery {
        limit: 1000,
        facets: vec![FacetField::Organisation],
        ..SearchQuery::default()
    };
    for viewer in viewers() {
        let mut expected: Vec<String> = records
            .iter()
            .filter(|r| rights::can_see(&viewer, &r.record.catalogue))
            .map(|r| r.record.id.as_ref().expect("id").to_string())
            .collect();
        expected.sort();
        for (name, store) in [("sqlite", &sqlite), ("pg", &pg)] {
            let ids: Vec<String> = store
                .ids(&viewer)
                .await
                .expect("ids")
                .iter()
                .map(ToString::to_string)
                .collect();
            assert_eq!(ids, expected, "{name} ids as {viewer:?}");
            let n = expected.len() as u64;
            assert_eq!(store.count(&viewer).await.expect("count"), n, "{name}");
            let page = store.search(&q, &viewer).await.expect("search");
            assert_eq!(page.total, n, "{name} total as {viewer:?}");
            let faceted: u64 = page.facets[0].buckets.iter().map(|b| b.count).sum();
            assert_eq!(faceted, n, "{name} facets as {viewer:?}");
            for r in &records {
                let id = r.record.id.as_ref().expect("id");
                let seen = store.get(id, &viewer).await.expect("get").is_some();
                assert_eq!(seen, expected.contains(&id.to_string()), "{name} get {id}");
            }
        }
    }
}

fn lines_of(entries: &[moisson_model::account::AuditEntry]) -> Vec<(String, AuditAction)> {
    entries
        .iter()
        .map(|e| (e.record_id.clone(), e.action))
        .collect()
}

/// One audit line per record, in the write's transaction: a refused batch leaves none.
#[tokio::test]
async fn audit_lines_follow_the_writes_they_record() {
    let db = fresh().await;
    let store = open(&db).await;
    let editor = member(&[("a", Role::Editor)]);
    let draft = |id: &str| rec(id).org("a").status(WorkflowStatus::Draft).build();
    store
        .put_many(vec![draft("r2"), draft("r1")], &editor)
        .await
        .expect("import");
    store.put(draft("r1"), &editor).await.expect("update");
    let refused = store
        .put_many(vec![draft("r3"), rec("r4").org("b").build()], &editor)
        .await
        .expect_err("not an editor of b");
    assert!(matches!(refused, Error::Forbidden(_)), "{refused}");
    let r1 = RecordId::parse("r1").expect("id");
    assert!(store.delete(&r1, &editor).await.expect("delete"));
    let all = AuditQuery::default();
    assert!(matches!(
        store.audit(&all, &editor).await,
        Err(Error::Forbidden(_))
    ));
    let entries = store.audit(&all, &Viewer::Admin).await.expect("audit");
    let line = |id: &str, a| (id.to_owned(), a);
    assert_eq!(
        lines_of(&entries),
        [
            line("r1", AuditAction::Delete),
            line("r1", AuditAction::Update),
            line("r2", AuditAction::Create),
            line("r1", AuditAction::Create),
        ]
    );
    assert!(entries.iter().all(|e| e.actor == "user:t"));
    assert_eq!(entries[0].status, None);
    assert_eq!(entries[1].status.as_deref(), Some("draft"));
    assert!(entries.windows(2).all(|w| w[0].seq > w[1].seq));
    assert!(entries.windows(2).all(|w| w[0].at >= w[1].at));
    let of_r1 = AuditQuery {
        record_id: Some("r1".to_owned()),
        limit: 1,
        offset: 1,
        ..AuditQuery::default()
    };
    let page = store.audit(&of_r1, &Viewer::Admin).await.expect("audit");
    assert_eq!(lines_of(&page), [line("r1", AuditAction::Update)]);
    let by_admin = AuditQuery {
        actor: Some("admin".to_owned()),
        ..AuditQuery::default()
    };
    assert!(
        store
            .audit(&by_admin, &Viewer::Admin)
            .await
            .expect("audit")
            .is_empty()
    );
}

/// A database at schema version 1 migrates: its records become published, keep their
/// visibility, and rights apply at once.
#[tokio::test]
async fn a_version_1_database_migrates_to_rights() {
    let db = fresh().await;
    let store = open(&db).await;
    store
        .put_many(
            vec![
                rec("open").org("a").build(),
                rec("closed")
                    .org("a")
                    .visibility(Visibility::Restricted)
                    .build(),
            ],
            &Viewer::Admin,
        )
        .await
        .expect("import");
    drop(store);
    // Back to what version 1 wrote: no rights columns or tables, no status in the JSON
    // (and none of version 3's indexes, nor version 9's harvest tables, which refer to units).
    let (client, conn) = tokio_postgres::connect(db.url(), tokio_postgres::NoTls)
        .await
        .expect("connect");
    let task = tokio::spawn(conn);
    client
        .batch_execute(
            "DROP TABLE harvest_records, harvest_jobs, harvest_sources;
             DROP TABLE audit_log, api_keys, memberships, units, users, refresh_tokens;
             DROP TABLE record_concepts, record_keyword_refs, concept_ancestors, concept_terms,
               concepts, thesaurus_names, thesauri, thesaurus_state;
             ALTER TABLE records DROP COLUMN status, DROP COLUMN shared_with;
             UPDATE records SET doc = doc #- '{catalogue,status}' #- '{catalogue,shared_with}';
             DROP INDEX records_date_stamp_desc;
             DELETE FROM schema_migrations WHERE version >= 2;",
        )
        .await
        .expect("downgrade");
    drop(client);
    let _ = task.await;
    // Every migration after the first, in order (a number given up leaves a gap).
    let applied = moisson_store::migrate(db.url()).await.expect("migrate");
    assert_eq!(applied.first(), Some(&2), "{applied:?}");
    assert_eq!(
        applied.last(),
        Some(&moisson_store::pg::PgStore::schema_version()),
        "{applied:?}"
    );
    assert!(applied.windows(2).all(|w| w[0] < w[1]), "{applied:?}");
    let store = open(&db).await;
    let anon = Viewer::Anonymous;
    let ids: Vec<String> = store
        .ids(&anon)
        .await
        .expect("ids")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ids, ["open"]);
    let reader = member(&[("a", Role::Reader)]);
    let closed = RecordId::parse("closed").expect("id");
    let got = store
        .get(&closed, &reader)
        .await
        .expect("get")
        .expect("seen");
    assert_eq!(got.record.catalogue.status, WorkflowStatus::Published);
    let editor = member(&[("a", Role::Editor)]);
    store
        .put(rec("open").org("a").build(), &editor)
        .await
        .expect("an editor may edit a published record and leave it published");
}
