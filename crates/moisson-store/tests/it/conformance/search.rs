//! Full text, sort, paging, totals and facets.

use std::sync::Arc;

use moisson_model::{Expr, FacetBucket, FacetField, Property, SearchQuery, SortField, SortKey};
use moisson_store::Store;

use super::{admin, ids_matching, put_all};
use crate::builder::rec;

fn text(s: &str) -> Expr {
    Expr::FullText(s.to_owned())
}

pub async fn full_text_ignores_case_and_accents(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a").title("Carte à grande Échelle").build(),
            rec("b")
                .title("Plan")
                .abstract_text("Réseau de FRANÇAIS")
                .build(),
            rec("c").title("Autre").keywords(&["Forêt"]).build(),
            rec("d").title("Sans rapport").build(),
        ],
    )
    .await;
    assert_eq!(ids_matching(&store, text("echelle")).await, ["a"]);
    assert_eq!(ids_matching(&store, text("ÉCHELLE carte")).await, ["a"]);
    assert_eq!(ids_matching(&store, text("reseau francais")).await, ["b"]);
    assert_eq!(ids_matching(&store, text("foret")).await, ["c"]);
    // Words are ANDed.
    assert_eq!(
        ids_matching(&store, text("echelle reseau")).await,
        Vec::<String>::new()
    );
    // The last word also matches as a prefix.
    assert_eq!(ids_matching(&store, text("carte ech")).await, ["a"]);
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::AnyText, "plan")).await,
        ["b"]
    );
}

pub async fn full_text_finds_words_at_the_end_of_long_abstracts(store: Arc<dyn Store>) {
    let mut long = "donnée géographique ".repeat(2_500);
    long.truncate(49_990);
    long.push_str(" zygomatique");
    assert!(long.len() >= 50_000);
    put_all(
        &store,
        vec![
            rec("long").abstract_text(&long).build(),
            rec("short").build(),
        ],
    )
    .await;
    assert_eq!(ids_matching(&store, text("zygomatique")).await, ["long"]);
}

pub async fn full_text_survives_query_syntax(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a").title("foo and bar").build(),
            rec("b").title("NEAR the OR").build(),
        ],
    )
    .await;
    for q in [
        "foo AND (bar",
        "\"foo",
        "foo\"",
        "foo*",
        "-foo",
        "foo -bar",
        "NEAR(foo bar)",
        "foo:bar",
        "^foo",
        "* - \" ( )",
        "",
    ] {
        let query = SearchQuery {
            filter: text(q),
            ..SearchQuery::default()
        };
        store
            .search(&query, &admin())
            .await
            .unwrap_or_else(|e| panic!("{q:?}: {e}"));
    }
    assert_eq!(ids_matching(&store, text("foo AND (bar")).await, ["a"]);
    assert_eq!(ids_matching(&store, text("near OR")).await, ["b"]);
}

pub async fn full_text_ranks_title_first(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("1-abstract")
                .title("Autre chose")
                .abstract_text("Les zones inondables du bassin")
                .build(),
            rec("2-keyword")
                .title("Divers")
                .keywords(&["Inondables"])
                .build(),
            rec("3-title").title("Zones inondables").build(),
        ],
    )
    .await;
    let q = SearchQuery {
        filter: text("inondables"),
        ..SearchQuery::default()
    };
    let page = store.search(&q, &admin()).await.expect("search");
    let ids: Vec<&str> = page.records.iter().map(|r| r.id().as_str()).collect();
    assert_eq!(ids, ["3-title", "2-keyword", "1-abstract"]);
}

pub async fn sort_and_paging_are_stable(store: Arc<dyn Store>) {
    // Equal titles and dates force the id tie-break.
    let records = (0..25)
        .map(|i| {
            let title = if i % 2 == 0 { "Bêta" } else { "alpha" };
            rec(&format!("r{i:02}"))
                .title(title)
                .date_stamp(&format!("2020-01-{:02}", 1 + i % 3))
                .build()
        })
        .collect();
    put_all(&store, records).await;
    let sort = vec![
        SortKey {
            field: SortField::Title,
            descending: false,
        },
        SortKey {
            field: SortField::Modified,
            descending: true,
        },
    ];
    let mut seen = Vec::new();
    for page_no in 0..4 {
        let q = SearchQuery {
            sort: sort.clone(),
            limit: 7,
            offset: page_no * 7,
            ..SearchQuery::default()
        };
        let page = store.search(&q, &admin()).await.expect("search");
        assert_eq!(page.total, 25);
        seen.extend(page.records.iter().map(|r| {
            (
                r.record.title.clone(),
                r.record.metadata.date_stamp.clone(),
                r.id().to_string(),
            )
        }));
    }
    assert_eq!(seen.len(), 25);
    let mut expected = seen.clone();
    expected.sort_by(|a, b| {
        a.0.to_lowercase()
            .cmp(&b.0.to_lowercase())
            .then(b.1.cmp(&a.1))
            .then(a.2.cmp(&b.2))
    });
    assert_eq!(seen, expected);
    assert_eq!(seen[0].0, "alpha");
    // Default order: by identifier.
    let q = SearchQuery {
        limit: 3,
        offset: 23,
        ..SearchQuery::default()
    };
    let page = store.search(&q, &admin()).await.expect("search");
    let ids: Vec<String> = page.records.iter().map(|r| r.id().to_string()).collect();
    assert_eq!(
        (ids, page.total),
        (vec!["r23".to_owned(), "r24".to_owned()], 25)
    );
    let q = SearchQuery {
        limit: 0,
        ..SearchQuery::default()
    };
    assert_eq!(store.search(&q, &admin()).await.expect("search").total, 25);
}

pub async fn facets_count_matches(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a")
                .keywords(&["eau", "sol"])
                .kind("dataset")
                .org("ddt")
                .format("SHP")
                .licence("etalab-2.0")
                .topic("biota")
                .build(),
            rec("b")
                .keywords(&["eau"])
                .kind("dataset")
                .org("ddt")
                .format("GeoJSON")
                .format("SHP")
                .build(),
            rec("c")
                .keywords(&["air"])
                .kind("service")
                .org("region")
                .licence("etalab-2.0")
                .build(),
            rec("d")
                .keywords(&["eau"])
                .kind("series")
                .title("Hors filtre")
                .build(),
        ],
    )
    .await;
    let filter = Expr::Not(Box::new(Expr::eq(Property::Type, "series")));
    let q = SearchQuery {
        filter,
        facets: FacetField::ALL.to_vec(),
        facet_limit: 2,
        ..SearchQuery::default()
    };
    let page = store.search(&q, &admin()).await.expect("search");
    assert_eq!(page.total, 3);
    let b = |v: &str, count| FacetBucket {
        value: v.to_owned(),
        count,
    };
    let buckets = |f: FacetField| {
        page.facets
            .iter()
            .find(|x| x.field == f)
            .expect("facet")
            .buckets
            .clone()
    };
    assert_eq!(buckets(FacetField::Keyword), [b("eau", 2), b("air", 1)]);
    assert_eq!(
        buckets(FacetField::Type),
        [b("dataset", 2), b("service", 1)]
    );
    assert_eq!(
        buckets(FacetField::Organisation),
        [b("ddt", 2), b("region", 1)]
    );
    assert_eq!(buckets(FacetField::Format), [b("SHP", 2), b("GeoJSON", 1)]);
    assert_eq!(buckets(FacetField::Licence), [b("etalab-2.0", 2)]);
    assert_eq!(buckets(FacetField::TopicCategory), [b("biota", 1)]);
    let _ = ids_matching(&store, Expr::All).await;
}

/// Totals and facets follow every write at once: a new record, a record made restricted,
/// a deleted record (PostgreSQL reuses the totals and facets of a search while the
/// catalogue has not changed: this is what must never go stale).
pub async fn totals_and_facets_follow_every_write(store: Arc<dyn Store>) {
    use moisson_model::{RecordId, Viewer, Visibility};
    put_all(&store, vec![rec("a").keywords(&["eau"]).build()]).await;
    let q = SearchQuery {
        facets: vec![FacetField::Keyword],
        ..SearchQuery::default()
    };
    let seen = |store: Arc<dyn Store>, q: SearchQuery| async move {
        let page = store.search(&q, &Viewer::Anonymous).await.expect("search");
        let eau = page
            .facets
            .iter()
            .flat_map(|f| &f.buckets)
            .find(|b| b.value == "eau")
            .map_or(0, |b| b.count);
        (page.total, eau)
    };
    assert_eq!(seen(store.clone(), q.clone()).await, (1, 1));
    assert_eq!(seen(store.clone(), q.clone()).await, (1, 1), "asked again");
    put_all(&store, vec![rec("b").keywords(&["eau"]).build()]).await;
    assert_eq!(seen(store.clone(), q.clone()).await, (2, 2), "a new record");
    let restricted = rec("b")
        .keywords(&["eau"])
        .visibility(Visibility::Restricted)
        .build();
    store.put(restricted, &admin()).await.expect("put");
    assert_eq!(
        seen(store.clone(), q.clone()).await,
        (1, 1),
        "made restricted"
    );
    let a = RecordId::parse("a").expect("id");
    assert!(store.delete(&a, &admin()).await.expect("delete"));
    assert_eq!(seen(store.clone(), q.clone()).await, (0, 0), "deleted");
    let page = store.search(&q, &admin()).await.expect("search");
    assert_eq!(
        page.total, 1,
        "the administrator still sees the restricted one"
    );
}

/// The whole catalogue browsed by title alone (the SQLite backend walks its title index
/// for this page): title order, ties by identifier, what the viewer may not see skipped,
/// and the total of what it may see.
pub async fn browsing_by_title_skips_what_the_viewer_cannot_see(store: Arc<dyn Store>) {
    use moisson_model::{Viewer, Visibility};
    let records = (0..12)
        .map(|i| {
            let title = ["Zones", "arbres", "Écoles"][i % 3];
            let r = rec(&format!("r{i:02}")).title(title);
            if i % 4 == 1 {
                r.visibility(Visibility::Restricted).build()
            } else {
                r.build()
            }
        })
        .collect();
    put_all(&store, records).await;
    let mut seen = Vec::new();
    for offset in [0, 4, 8] {
        let q = SearchQuery {
            sort: vec![SortKey {
                field: SortField::Title,
                descending: false,
            }],
            limit: 4,
            offset,
            ..SearchQuery::default()
        };
        let page = store.search(&q, &Viewer::Anonymous).await.expect("search");
        assert_eq!(page.total, 9);
        seen.extend(page.records.iter().map(|r| r.id().to_string()));
    }
    // arbres (r04 r07 r10; r01 restricted), écoles (r02 r08 r11; r05), zones (r00 r03 r06; r09).
    assert_eq!(
        seen,
        [
            "r04", "r07", "r10", "r02", "r08", "r11", "r00", "r03", "r06"
        ]
    );
}

/// Sorted by a date some records lack, those come last in both directions; ties by id.
/// (SQLite serves the descending order from an index, without the `IS NULL` key.)
pub async fn records_without_the_sort_date_come_last_both_ways(store: Arc<dyn Store>) {
    use moisson_model::Viewer;
    put_all(
        &store,
        vec![
            rec("a").date_stamp("2021-05-01").build(),
            rec("b").build(),
            rec("c").date_stamp("2023-01-15").build(),
            rec("d").date_stamp("2021-05-01").build(),
            rec("e").build(),
        ],
    )
    .await;
    for (descending, expected) in [
        (true, ["c", "a", "d", "b", "e"]),
        (false, ["a", "d", "c", "b", "e"]),
    ] {
        let q = SearchQuery {
            sort: vec![SortKey {
                field: SortField::Modified,
                descending,
            }],
            ..SearchQuery::default()
        };
        let page = store.search(&q, &Viewer::Anonymous).await.expect("search");
        let ids: Vec<&str> = page.records.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(ids, expected, "descending: {descending}");
    }
}
