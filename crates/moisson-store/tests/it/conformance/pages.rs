//! Keyset pages (`Store::records_after`, the DCAT whole-catalogue walk): for every kind of
//! caller, pages of the records it sees in id (byte) order, exactly the same on every
//! backend, that never hold a hidden record, whatever the page size and the starting id.

use std::sync::Arc;

use moisson_model::{RecordId, Role, Viewer, Visibility, WorkflowStatus, rights};
use moisson_store::{NewRecord, Store};

use super::put_all;
use super::rights::{member_of, superadmin};
use crate::builder::rec;

/// Ids that sort differently under a locale collation than in byte order (case, `/`,
/// digits, accents), in every visibility and status.
fn paged_records() -> Vec<NewRecord> {
    use Visibility::{Internal, Public, Restricted};
    use WorkflowStatus::{Draft, Published};
    let one = |id: &str, org: &str, v: Visibility, s: WorkflowStatus, shared: &[&str]| {
        rec(id)
            .title(&format!("Titre {id}"))
            .org(org)
            .visibility(v)
            .status(s)
            .shared_with(shared)
            .build()
    };
    vec![
        one("B-public", "a", Public, Published, &[]),
        one("a-public", "a", Public, Published, &[]),
        one("a/b/public", "b", Public, Published, &[]),
        one("a-internal", "a", Internal, Published, &[]),
        one("a-restricted", "a", Restricted, Published, &[]),
        one("a-shared", "a", Restricted, Published, &["g"]),
        one("a-draft", "a", Public, Draft, &[]),
        one("http://example.org/r/1", "b", Public, Published, &[]),
        one("z10-public", "b", Public, Published, &[]),
        one("z9-public", "b", Public, Published, &[]),
        one("é-public", "b", Public, Published, &[]),
        one("Zz-restricted", "b", Restricted, Published, &[]),
    ]
}

/// The ids `viewer` sees by the rights rule, in byte order.
fn seen_by_rule(records: &[NewRecord], viewer: &Viewer) -> Vec<String> {
    let mut ids: Vec<String> = records
        .iter()
        .filter(|r| rights::can_see(viewer, &r.record.catalogue))
        .filter_map(|r| r.record.id.as_ref().map(ToString::to_string))
        .collect();
    ids.sort_unstable();
    ids
}

/// Every page of `limit` records, walking from the start by the last id read.
async fn walk(store: &Arc<dyn Store>, viewer: &Viewer, limit: u32) -> Vec<Vec<String>> {
    let mut pages = Vec::new();
    let mut last: Option<RecordId> = None;
    loop {
        let page = store
            .records_after(last.as_ref(), limit, viewer)
            .await
            .expect("records_after");
        assert!(page.len() <= limit as usize, "at most {limit} records");
        let ids: Vec<String> = page
            .iter()
            .map(|r| r.id.as_ref().expect("records carry their id").to_string())
            .collect();
        let Some(l) = page.last() else { break };
        last = l.id.clone();
        for r in &page {
            assert!(r.catalogue.updated.is_some(), "timestamps are filled");
        }
        let short = page.len() < limit as usize;
        pages.push(ids);
        if short {
            break;
        }
    }
    pages
}

pub async fn records_after_pages_by_id_under_rights(store: Arc<dyn Store>) {
    let records = paged_records();
    put_all(&store, records.clone()).await;
    let callers = [
        ("anonymous", Viewer::Anonymous),
        ("reader of a", member_of("reader", &[("a", Role::Reader)])),
        ("editor of a", member_of("editor", &[("a", Role::Editor)])),
        ("member of g", member_of("gina", &[("g", Role::Reader)])),
        ("superadmin", superadmin()),
        ("admin token", Viewer::Admin),
    ];
    for (who, viewer) in &callers {
        let expected = seen_by_rule(&records, viewer);
        let ids: Vec<String> = store
            .ids(viewer)
            .await
            .expect("ids")
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(ids, expected, "{who}: ids agree with can_see");
        for limit in [1, 2, 3, 5, 100] {
            let pages = walk(&store, viewer, limit).await;
            let flat: Vec<String> = pages.concat();
            assert_eq!(flat, expected, "{who}: pages of {limit} walk what it sees");
            let chunks: Vec<Vec<String>> = expected
                .chunks(limit as usize)
                .map(<[String]>::to_vec)
                .collect();
            assert_eq!(
                pages, chunks,
                "{who}: pages of {limit} are full but the last"
            );
        }
        // Starting after any id, seen or not (a record hidden or deleted since).
        for r in &records {
            let after = r.record.id.clone().expect("id");
            let page: Vec<String> = store
                .records_after(Some(&after), 3, viewer)
                .await
                .expect("records_after")
                .iter()
                .filter_map(|r| r.id.as_ref().map(ToString::to_string))
                .collect();
            let want: Vec<String> = expected
                .iter()
                .filter(|id| id.as_str() > after.as_str())
                .take(3)
                .cloned()
                .collect();
            assert_eq!(page, want, "{who}: 3 after {after}");
        }
    }
    // What the anonymous harvester walks, spelled out: byte order, published public only.
    let anonymous = walk(&store, &Viewer::Anonymous, 4).await;
    assert_eq!(
        anonymous,
        [
            vec![
                "B-public",
                "a-public",
                "a/b/public",
                "http://example.org/r/1"
            ],
            vec!["z10-public", "z9-public", "é-public"],
        ]
    );
    // The models come back as written (no original document is part of the answer).
    let all = store
        .records_after(None, 100, &Viewer::Admin)
        .await
        .expect("records_after");
    assert_eq!(all.len(), records.len());
    for got in &all {
        let put = records
            .iter()
            .find(|r| r.record.id == got.id)
            .expect("a record put");
        assert_eq!(got.title, put.record.title);
        assert_eq!(got.catalogue.visibility, put.record.catalogue.visibility);
        assert_eq!(got.catalogue.owner_org, put.record.catalogue.owner_org);
    }
    assert!(
        store
            .records_after(
                Some(&RecordId::parse("é-public").expect("id")),
                10,
                &Viewer::Admin
            )
            .await
            .expect("records_after")
            .is_empty(),
        "nothing after the last id"
    );
}
