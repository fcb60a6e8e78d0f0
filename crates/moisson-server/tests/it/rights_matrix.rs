//! The no-leak matrix, reads: for every principal and every read of every protocol,
//! exactly the records `moisson_model::rights::can_see` allows — in lists, in the
//! counts the protocols state, in keyword facets and GetDomain values — 404 (or an empty
//! GetRecordById) for the others, and 401 for credentials that do not verify.
//!
//! Every case runs on SQLite (`sqlite::…`) and on PostgreSQL (`pg::…`, which needs
//! `MOISSON_TEST_PG`): the same matrix over each backend's rights clause.

use std::collections::{BTreeMap, BTreeSet};

use actix_web::test::TestRequest;

use crate::rights_app;
use crate::rights_fixture::{Backend, COMMON, Caller, Fixture, RECORDS, call, callers, keyword};
use crate::rights_protocols::{
    CswSchema, Listing, Shown, csw_get_domain, csw_get_record_by_id, csw_get_records, csw_hits,
    dcat_catalog, dcat_record, ogc_item, ogc_items, rest_get, rest_search,
};

/// Keyword values (and counts) the visible records give: their own, and `common`.
fn expected_keywords(visible: &BTreeSet<String>) -> BTreeMap<String, u64> {
    let mut out: BTreeMap<String, u64> = visible.iter().map(|id| (keyword(id), 1)).collect();
    if !visible.is_empty() {
        out.insert(COMMON.to_owned(), visible.len() as u64);
    }
    out
}

/// Checks a listing against the caller: 401 for refused credentials, else exactly the
/// visible records, the stated count, and (when `facets`) the keyword values.
fn check_listing(what: &str, caller: &Caller, listing: Listing, facets: bool) {
    let who = caller.name;
    if caller.viewer.is_none() {
        assert_eq!(
            listing.err(),
            Some(401),
            "{what} for {who}: must be refused"
        );
        return;
    }
    let visible = caller.visible();
    let shown = listing.unwrap_or_else(|status| panic!("{what} for {who}: status {status}"));
    let expected = Shown {
        ids: visible.clone(),
        matched: visible.len() as u64,
        keywords: if facets {
            expected_keywords(&visible)
        } else {
            BTreeMap::new()
        },
    };
    assert_eq!(shown, expected, "{what} for {who}");
}

/// Checks a by-id read: 200 for a visible record, `hidden` for the others, 401 for
/// refused credentials.
fn check_by_id(what: &str, caller: &Caller, id: &str, status: u16, hidden: u16) {
    let expected = match &caller.viewer {
        None => 401,
        Some(_) if caller.visible().contains(id) => 200,
        Some(_) => hidden,
    };
    assert_eq!(status, expected, "{what} {id} for {}", caller.name);
}

fn set(ids: &[&str]) -> BTreeSet<String> {
    ids.iter().map(|s| (*s).to_owned()).collect()
}

async fn the_expected_sets_spelled_out(f: Fixture) {
    let app = rights_app!(f);
    let callers = callers(&app).await;
    let by_name = |name: &str| {
        callers
            .iter()
            .find(|c| c.name == name)
            .unwrap_or_else(|| panic!("no caller {name}"))
            .clone()
    };
    let all: Vec<&str> = RECORDS.iter().map(|r| r.0).collect();
    for (name, ids) in [
        ("anonymous", vec!["a-public", "b-public"]),
        (
            "reader-a",
            vec![
                "a-internal",
                "a-public",
                "a-restricted",
                "a-shared-g",
                "b-public",
            ],
        ),
        (
            "API key of A (reader)",
            vec![
                "a-internal",
                "a-public",
                "a-restricted",
                "a-shared-g",
                "b-public",
            ],
        ),
        ("member-b", vec!["a-internal", "a-public", "b-public"]),
        (
            "member-g",
            vec!["a-internal", "a-public", "a-shared-g", "b-public"],
        ),
        ("editor-a", all.clone()),
        ("reviewer-a", all.clone()),
        ("super", all.clone()),
        ("admin token", all.clone()),
    ] {
        let caller = by_name(name);
        assert_eq!(caller.visible(), set(&ids), "rule for {name}");
        let shown = rest_search(&app, &caller).await.expect("listed");
        assert_eq!(shown.ids, set(&ids), "REST search for {name}");
    }
}

async fn who_am_i_matches_each_caller(f: Fixture) {
    let app = rights_app!(f);
    for caller in callers(&app).await {
        let resp = call(&app, caller.sign(TestRequest::get().uri("/api/v1/auth/me"))).await;
        let Some(viewer) = &caller.viewer else {
            assert_eq!(resp.status, 401, "{}", caller.name);
            continue;
        };
        assert_eq!(resp.status, 200, "{}: {}", caller.name, resp.text());
        let me = resp.json();
        assert_eq!(me["subject"], viewer.subject(), "{}", caller.name);
        assert_eq!(me["superadmin"], viewer.sees_all(), "{}", caller.name);
        assert_eq!(
            me["authenticated"],
            viewer.is_signed_in(),
            "{}",
            caller.name
        );
        let memberships = serde_json::to_value(viewer.memberships()).expect("JSON");
        assert_eq!(me["memberships"], memberships, "{}", caller.name);
    }
}

async fn rest_shows_exactly_what_each_caller_may_see(f: Fixture) {
    let app = rights_app!(f);
    for caller in callers(&app).await {
        check_listing(
            "REST search",
            &caller,
            rest_search(&app, &caller).await,
            true,
        );
        for (id, ..) in RECORDS {
            let status = rest_get(&app, &caller, id).await;
            check_by_id("REST get", &caller, id, status, 404);
        }
    }
}

async fn csw_shows_exactly_what_each_caller_may_see(f: Fixture) {
    let app = rights_app!(f);
    for caller in callers(&app).await {
        for schema in [CswSchema::Csw, CswSchema::Gmd] {
            let listing = csw_get_records(&app, &caller, schema).await;
            check_listing(
                &format!("CSW GetRecords {schema:?}"),
                &caller,
                listing,
                false,
            );
        }
        let hits = csw_hits(&app, &caller).await;
        match &caller.viewer {
            None => assert_eq!(hits, Err(401), "CSW hits for {}", caller.name),
            Some(_) => assert_eq!(
                hits,
                Ok(caller.visible().len() as u64),
                "CSW hits for {}",
                caller.name
            ),
        }
        let domain = csw_get_domain(&app, &caller).await;
        match &caller.viewer {
            None => assert_eq!(domain, Err(401), "GetDomain for {}", caller.name),
            Some(_) => assert_eq!(
                domain,
                Ok(expected_keywords(&caller.visible())),
                "GetDomain for {}",
                caller.name
            ),
        }
        for (id, ..) in RECORDS {
            let answer = csw_get_record_by_id(&app, &caller, id).await;
            let status = match answer {
                Ok(ids) if ids == set(&[id]) => 200,
                Ok(ids) if ids.is_empty() => 404,
                Ok(ids) => panic!("GetRecordById {id} answered {ids:?}"),
                Err(status) => status,
            };
            check_by_id("CSW GetRecordById", &caller, id, status, 404);
        }
    }
}

async fn ogc_api_shows_exactly_what_each_caller_may_see(f: Fixture) {
    let app = rights_app!(f);
    for caller in callers(&app).await {
        check_listing(
            "OGC API items",
            &caller,
            ogc_items(&app, &caller).await,
            true,
        );
        for (id, ..) in RECORDS {
            let status = ogc_item(&app, &caller, id).await;
            check_by_id("OGC API item", &caller, id, status, 404);
        }
    }
}

async fn dcat_shows_exactly_what_each_caller_may_see(f: Fixture) {
    let app = rights_app!(f);
    for caller in callers(&app).await {
        check_listing(
            "DCAT catalogue",
            &caller,
            dcat_catalog(&app, &caller).await,
            false,
        );
        for (id, ..) in RECORDS {
            let status = dcat_record(&app, &caller, id).await;
            check_by_id("DCAT record", &caller, id, status, 404);
        }
    }
}

async fn refused_credentials_are_refused_on_every_route(f: Fixture) {
    let app = rights_app!(f);
    let refused: Vec<Caller> = callers(&app)
        .await
        .into_iter()
        .filter(|c| c.viewer.is_none())
        .collect();
    assert_eq!(refused.len(), 4);
    for caller in &refused {
        for uri in [
            "/ogcapi",
            "/ogcapi/conformance",
            "/ogcapi/collections/main",
            "/ogcapi/collections/main/queryables",
            "/csw?service=CSW&request=GetCapabilities",
            "/api/v1/organisations",
            "/api/v1/auth/me",
        ] {
            let resp = call(&app, caller.sign(TestRequest::get().uri(uri))).await;
            assert_eq!(resp.status, 401, "{uri} for {}", caller.name);
        }
    }
}

/// Makes each case a test on each backend: `sqlite::<case>` and `pg::<case>`; the latter
/// fails when no test PostgreSQL is configured (`MOISSON_TEST_PG`), as every PostgreSQL
/// test does: a skipped case would pass unseen.
macro_rules! on_each_backend {
    ($($case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[actix_web::test]
                async fn $case() {
                    super::$case(super::Fixture::on(super::Backend::Sqlite).await).await;
                }
            )*
        }

        mod pg {
            $(
                #[actix_web::test]
                async fn $case() {
                    super::$case(super::Fixture::on(super::Backend::Postgres).await).await;
                }
            )*
        }
    };
}

on_each_backend!(
    the_expected_sets_spelled_out,
    who_am_i_matches_each_caller,
    rest_shows_exactly_what_each_caller_may_see,
    csw_shows_exactly_what_each_caller_may_see,
    ogc_api_shows_exactly_what_each_caller_may_see,
    dcat_shows_exactly_what_each_caller_may_see,
    refused_credentials_are_refused_on_every_route,
);
