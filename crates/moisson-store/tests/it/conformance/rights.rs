//! Rights, reading: for every kind of caller, exactly which records `search`, `count`,
//! `ids`, `get` and facets show, cross-checked against `moisson_model::rights::can_see`
//! (the SQL clause must be that function).

use std::collections::BTreeMap;
use std::sync::Arc;

use moisson_model::{
    Expr, FacetField, Membership, Principal, Property, RecordId, Role, SearchQuery, Viewer,
    Visibility, WorkflowStatus, rights,
};
use moisson_store::{NewRecord, Store};

use super::{ids_seen, put_all};
use crate::builder::rec;

/// A signed-in user `user:<name>` with one role in each unit given.
pub fn member_of(name: &str, roles: &[(&str, Role)]) -> Viewer {
    let memberships = roles
        .iter()
        .map(|(unit, role)| Membership {
            unit: (*unit).to_owned(),
            role: *role,
        })
        .collect();
    Viewer::member(format!("user:{name}"), memberships)
}

/// A signed-in superadmin without memberships.
pub fn superadmin() -> Viewer {
    Viewer::Member(Principal {
        subject: "user:root".to_owned(),
        memberships: Vec::new(),
        superadmin: true,
    })
}

/// Records of organisation `a` in every visibility and status, one shared with group
/// `g`, and a public record of organisation `b`. Each has its id as keyword, and `tous`.
fn matrix_records() -> Vec<NewRecord> {
    use Visibility::{Internal, Public, Restricted};
    use WorkflowStatus::{Draft, Published, Submitted};
    let one = |id: &str, org: &str, v: Visibility, s: WorkflowStatus, shared: &[&str]| {
        rec(id)
            .org(org)
            .keywords(&[id, "tous"])
            .visibility(v)
            .status(s)
            .shared_with(shared)
            .build()
    };
    vec![
        one("a-public", "a", Public, Published, &[]),
        one("a-internal", "a", Internal, Published, &[]),
        one("a-restricted", "a", Restricted, Published, &[]),
        one("a-shared", "a", Restricted, Published, &["g"]),
        one("a-shared-draft", "a", Restricted, Draft, &["g"]),
        one("a-draft", "a", Public, Draft, &[]),
        one("a-submitted", "a", Public, Submitted, &[]),
        one("b-public", "b", Public, Published, &[]),
    ]
}

/// Every caller of the matrix with the records it must see, sorted.
fn callers() -> Vec<(&'static str, Viewer, Vec<&'static str>)> {
    const ALL: [&str; 8] = [
        "a-draft",
        "a-internal",
        "a-public",
        "a-restricted",
        "a-shared",
        "a-shared-draft",
        "a-submitted",
        "b-public",
    ];
    let published_a = vec![
        "a-internal",
        "a-public",
        "a-restricted",
        "a-shared",
        "b-public",
    ];
    vec![
        ("anonymous", Viewer::Anonymous, vec!["a-public", "b-public"]),
        (
            "reader of a",
            member_of("reader", &[("a", Role::Reader)]),
            published_a,
        ),
        (
            "editor of a",
            member_of("editor", &[("a", Role::Editor)]),
            ALL.to_vec(),
        ),
        (
            "reviewer of a",
            member_of("reviewer", &[("a", Role::Reviewer)]),
            ALL.to_vec(),
        ),
        (
            "member of b",
            member_of("bob", &[("b", Role::Admin)]),
            vec!["a-internal", "a-public", "b-public"],
        ),
        (
            "member of g",
            member_of("gina", &[("g", Role::Reader)]),
            vec!["a-internal", "a-public", "a-shared", "b-public"],
        ),
        ("superadmin", superadmin(), ALL.to_vec()),
        ("admin token", Viewer::Admin, ALL.to_vec()),
    ]
}

pub async fn rights_read_matrix(store: Arc<dyn Store>) {
    let records = matrix_records();
    put_all(&store, records.clone()).await;
    for (who, viewer, expected) in callers() {
        let by_rule: Vec<&str> = records
            .iter()
            .filter(|r| rights::can_see(&viewer, &r.record.catalogue))
            .filter_map(|r| r.record.id.as_ref().map(RecordId::as_str))
            .collect();
        let mut by_rule = by_rule;
        by_rule.sort_unstable();
        assert_eq!(by_rule, expected, "{who}: the matrix agrees with can_see");
        assert_sees(&store, who, &viewer, &expected).await;
    }
}

async fn assert_sees(store: &Arc<dyn Store>, who: &str, viewer: &Viewer, expected: &[&str]) {
    assert_eq!(
        ids_seen(store, Expr::All, viewer).await,
        expected,
        "{who}: search"
    );
    let tous = Expr::eq(Property::Keyword, "tous");
    assert_eq!(
        ids_seen(store, tous, viewer).await,
        expected,
        "{who}: filtered search"
    );
    let count = store.count(viewer).await.expect("count");
    assert_eq!(count, expected.len() as u64, "{who}: count");
    let ids: Vec<String> = store
        .ids(viewer)
        .await
        .expect("ids")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ids, expected, "{who}: ids");
    for r in matrix_records() {
        let id = r.record.id.expect("id");
        let got = store.get(&id, viewer).await.expect("get");
        let seen = expected.contains(&id.as_str());
        assert_eq!(got.is_some(), seen, "{who}: get {id}");
        if let Some(got) = got {
            assert_eq!(got.record.catalogue.status, r.record.catalogue.status);
            assert_eq!(
                got.record.catalogue.shared_with,
                r.record.catalogue.shared_with
            );
        }
    }
    assert_facets(store, who, viewer, expected).await;
}

/// Organisation and keyword facets count exactly the records seen.
async fn assert_facets(store: &Arc<dyn Store>, who: &str, viewer: &Viewer, expected: &[&str]) {
    let q = SearchQuery {
        facets: vec![FacetField::Organisation, FacetField::Keyword],
        facet_limit: 100,
        limit: 0,
        ..SearchQuery::default()
    };
    let page = store.search(&q, viewer).await.expect("facets");
    assert_eq!(page.total, expected.len() as u64, "{who}: total");
    let mut orgs: BTreeMap<String, u64> = BTreeMap::new();
    let mut keywords: BTreeMap<String, u64> = BTreeMap::new();
    for id in expected {
        let org = if id.starts_with("a-") { "a" } else { "b" };
        *orgs.entry(org.to_owned()).or_default() += 1;
        keywords.insert((*id).to_owned(), 1);
    }
    keywords.insert("tous".to_owned(), expected.len() as u64);
    let counts = |field: FacetField| -> BTreeMap<String, u64> {
        page.facets
            .iter()
            .find(|f| f.field == field)
            .expect("facet asked")
            .buckets
            .iter()
            .map(|b| (b.value.clone(), b.count))
            .collect()
    };
    assert_eq!(
        counts(FacetField::Organisation),
        orgs,
        "{who}: organisations"
    );
    assert_eq!(counts(FacetField::Keyword), keywords, "{who}: keywords");
}

/// A record's status and shares follow its edits: a draft made published and public
/// appears for anonymous callers; a share removed hides it from the group again.
pub async fn rights_follow_edits(store: Arc<dyn Store>) {
    let id = RecordId::parse("r").expect("id");
    let anon = Viewer::Anonymous;
    let gina = member_of("gina", &[("g", Role::Reader)]);
    let draft = rec("r").org("a").status(WorkflowStatus::Draft).build();
    put_all(&store, vec![draft]).await;
    assert!(store.get(&id, &anon).await.expect("get").is_none());
    put_all(&store, vec![rec("r").org("a").build()]).await;
    assert!(store.get(&id, &anon).await.expect("get").is_some());
    let shared = rec("r")
        .org("a")
        .visibility(Visibility::Restricted)
        .shared_with(&["g"])
        .build();
    put_all(&store, vec![shared]).await;
    assert!(store.get(&id, &anon).await.expect("get").is_none());
    assert!(store.get(&id, &gina).await.expect("get").is_some());
    let unshared = rec("r").org("a").visibility(Visibility::Restricted).build();
    put_all(&store, vec![unshared]).await;
    assert!(store.get(&id, &gina).await.expect("get").is_none());
    assert_eq!(store.count(&gina).await.expect("count"), 0);
}
