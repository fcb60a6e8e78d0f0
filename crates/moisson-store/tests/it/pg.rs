//! Runs the conformance suite on PostgreSQL, one database cloned from the migrated
//! template per case (`moisson-testkit`), plus what only a shared server can show:
//! two nodes on one database, migrations racing, and the same answers as SQLite.

use std::sync::Arc;

use moisson_model::{
    Bbox, CmpOp, Expr, FacetField, Property, SearchQuery, SortField, SortKey, SpatialOp,
    TemporalOp, TimeRange, Value, Viewer, Visibility,
};
use moisson_store::Store;
use moisson_store::pg::PgStore;
use moisson_testkit::pg::{TestDb, fresh};

use crate::builder::rec;
use crate::conformance;

mod bulk;
mod rights;

async fn open(db: &TestDb) -> Arc<dyn Store> {
    moisson_store::open(db.url())
        .await
        .expect("open PostgreSQL store")
}

macro_rules! pg_cases {
    ($($case:ident),* $(,)?) => {
        $(
            #[tokio::test]
            async fn $case() {
                let db = fresh().await;
                conformance::$case(open(&db).await).await;
            }
        )*
    };
}

conformance::for_each_case!(pg_cases);

/// Two nodes (two stores, two pools) on one database: a job lock taken by one is
/// refused to the other; a write by one is seen by the other at once.
#[tokio::test]
async fn two_nodes_share_locks_and_records() {
    let db = fresh().await;
    let (a, b) = (open(&db).await, open(&db).await);
    let guard = a
        .try_job_lock("harvest:ddt")
        .await
        .expect("lock")
        .expect("free");
    assert!(b.try_job_lock("harvest:ddt").await.expect("lock").is_none());
    drop(guard);
    let mut taken = None;
    for _ in 0..50 {
        taken = b.try_job_lock("harvest:ddt").await.expect("lock");
        if taken.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    assert!(
        taken.is_some(),
        "released when the first node's guard dropped"
    );
    a.put(rec("x").build(), &Viewer::Admin).await.expect("put");
    let err = b
        .put_versioned(rec("x").build(), Some(0), &Viewer::Admin)
        .await
        .expect_err("exists");
    assert!(
        matches!(err, moisson_store::Error::VersionMismatch(_)),
        "{err}"
    );
}

/// Two nodes on one database: the totals and facets one node keeps for a search are
/// dropped as soon as the other node changes a record (the generation is raised by the
/// database, in the writer's transaction), whichever node writes.
#[tokio::test]
async fn a_write_on_one_node_refreshes_the_counts_of_the_other() {
    let db = fresh().await;
    let (a, b) = (open(&db).await, open(&db).await);
    let q = SearchQuery {
        facets: vec![FacetField::Keyword],
        ..SearchQuery::default()
    };
    let counts = |page: moisson_store::SearchPage| {
        let eau = page.facets[0]
            .buckets
            .iter()
            .find(|x| x.value == "eau")
            .map_or(0, |x| x.count);
        (page.total, eau)
    };
    b.put(rec("x").keywords(&["eau"]).build(), &Viewer::Admin)
        .await
        .expect("put");
    for _ in 0..2 {
        let page = a.search(&q, &Viewer::Anonymous).await.expect("search");
        assert_eq!(counts(page), (1, 1));
    }
    let hidden = rec("x")
        .keywords(&["eau"])
        .visibility(Visibility::Restricted)
        .build();
    b.put(hidden, &Viewer::Admin).await.expect("put");
    let page = a.search(&q, &Viewer::Anonymous).await.expect("search");
    assert_eq!(counts(page), (0, 0), "restricted on the other node");
    b.put_many(
        vec![rec("y").keywords(&["eau"]).build(), rec("z").build()],
        &Viewer::Admin,
    )
    .await
    .expect("bulk");
    let page = a.search(&q, &Viewer::Anonymous).await.expect("search");
    assert_eq!(counts(page), (2, 1), "a bulk write on the other node");
}

/// Nodes starting together: migrations run once, under the advisory lock.
#[tokio::test]
async fn concurrent_migrations_apply_once() {
    let admin = moisson_testkit::pg::connect_admin().await;
    let name = format!("moisson_t_{}_mig", std::process::id());
    for sql in [
        format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"),
        format!("CREATE DATABASE {name}"),
    ] {
        admin.batch_execute(&sql).await.expect("create");
    }
    let url = moisson_testkit::pg::url_of(&name);
    let runs: Vec<_> = (0..4)
        .map(|_| {
            let url = url.clone();
            tokio::spawn(async move { moisson_store::migrate(&url).await })
        })
        .collect();
    let mut applied = Vec::new();
    for r in runs {
        applied.push(r.await.expect("task").expect("migrate"));
    }
    applied.sort();
    assert_eq!(
        applied.iter().filter(|a| !a.is_empty()).count(),
        1,
        "{applied:?}"
    );
    assert!(PgStore::migrate_url(&url).await.expect("again").is_empty());
    admin
        .batch_execute(&format!("DROP DATABASE {name} WITH (FORCE)"))
        .await
        .expect("drop");
}

#[tokio::test]
async fn errors_never_show_the_password() {
    let url = "postgres://moisson:s3cret-pw@127.0.0.1:1/none";
    let Err(err) = moisson_store::open(url).await else {
        panic!("nothing listens on port 1");
    };
    let mut shown = format!("{err} {err:?}");
    let mut source = std::error::Error::source(&err);
    while let Some(s) = source {
        shown.push_str(&format!(" {s} {s:?}"));
        source = s.source();
    }
    assert!(!shown.contains("s3cret-pw"), "{shown}");
}

/// The same records and queries on both backends give the same ids, totals and facets.
#[tokio::test]
async fn sqlite_and_postgres_answer_alike() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite: Arc<dyn Store> = Arc::new(
        moisson_store::sqlite::SqliteStore::open(dir.path().join("same.db"))
            .await
            .expect("sqlite"),
    );
    let db = fresh().await;
    let pg = open(&db).await;
    for store in [&sqlite, &pg] {
        store
            .put_many(corpus(), &Viewer::Admin)
            .await
            .expect("import");
    }
    for (n, q) in queries().into_iter().enumerate() {
        for viewer in [Viewer::Anonymous, Viewer::Admin] {
            let a = sqlite.search(&q, &viewer).await.expect("sqlite search");
            let b = pg.search(&q, &viewer).await.expect("pg search");
            let ids = |p: &moisson_store::SearchPage| {
                p.records
                    .iter()
                    .map(|r| r.id().to_string())
                    .collect::<Vec<_>>()
            };
            assert_eq!(ids(&a), ids(&b), "query #{n} {q:?} as {viewer:?}");
            assert_eq!(a.total, b.total, "query #{n} {q:?}");
            assert_eq!(a.facets, b.facets, "query #{n} {q:?}");
        }
    }
    for viewer in [Viewer::Anonymous, Viewer::Admin] {
        assert_eq!(
            sqlite.count(&viewer).await.expect("count"),
            pg.count(&viewer).await.expect("count")
        );
        assert_eq!(
            sqlite.ids(&viewer).await.expect("ids"),
            pg.ids(&viewer).await.expect("ids")
        );
    }
}

fn corpus() -> Vec<moisson_store::NewRecord> {
    let communes = [
        "Lyon",
        "Villeurbanne",
        "Vénissieux",
        "Écully",
        "Bron",
        "Caluire-et-Cuire",
    ];
    let themes = ["Eau", "Urbanisme", "Transports", "Forêt", "Énergie"];
    let formats = ["SHP", "GeoJSON", "GeoPackage"];
    (0..60)
        .map(|i| {
            let c = communes[i % communes.len()];
            let t = themes[i % themes.len()];
            let west = 4.7 + (i % 10) as f64 * 0.02;
            let south = 45.6 + (i % 7) as f64 * 0.02;
            let mut r = rec(&format!("md-{i:03}"))
                .title(&format!("{t} à {c} n°{i}"))
                .abstract_text(&format!(
                    "Données {t} de la commune de {c}, édition {}",
                    2000 + i % 25
                ))
                .keywords(&[t, c])
                .kind(if i % 4 == 0 { "service" } else { "dataset" })
                .org(if i % 3 == 0 { "metropole" } else { "ddt" })
                .format(formats[i % formats.len()])
                .topic(if i % 2 == 0 {
                    "inlandWaters"
                } else {
                    "planningCadastre"
                })
                .date_stamp(&format!("20{:02}-0{}-1{}", 10 + i % 15, 1 + i % 9, i % 10))
                .bbox(west, south, west + 0.05, south + 0.04)
                .time(
                    Some(&format!("{}", 1990 + i % 30)),
                    (i % 3 != 0).then_some("2024-12-31"),
                    i % 3 == 0,
                );
            if i % 5 == 0 {
                r = r.licence("etalab-2.0");
            }
            if i % 7 == 0 {
                r = r.visibility(Visibility::Internal);
            }
            r.build()
        })
        .collect()
}

fn queries() -> Vec<SearchQuery> {
    let q = |filter: Expr| SearchQuery {
        filter,
        limit: 100,
        facets: FacetField::ALL.to_vec(),
        facet_limit: 10,
        // Both rank full text, with different formulas (bm25, ts_rank): compare in id order.
        sort: vec![SortKey {
            field: SortField::Identifier,
            descending: false,
        }],
        ..SearchQuery::default()
    };
    let sorted = |filter: Expr, field: SortField, descending: bool| SearchQuery {
        sort: vec![SortKey { field, descending }],
        limit: 15,
        offset: 5,
        ..q(filter)
    };
    vec![
        q(Expr::All),
        q(Expr::FullText("eau".into())),
        q(Expr::FullText("energie lyon".into())),
        q(Expr::FullText("venissieux".into())),
        q(Expr::eq(Property::Keyword, "FORET")),
        q(Expr::eq(Property::OrganisationName, "organisation DDT")),
        q(Expr::Like {
            property: Property::Title,
            pattern: "%ecully%".into(),
            case_insensitive: true,
        }),
        q(Expr::Like {
            property: Property::Title,
            pattern: "Eau%".into(),
            case_insensitive: false,
        }),
        q(Expr::Compare {
            property: Property::Modified,
            op: CmpOp::Ge,
            value: Value::Text("2018".into()),
        }),
        q(Expr::Between {
            property: Property::Modified,
            low: Value::Text("2012-03".into()),
            high: Value::Text("2016".into()),
        }),
        q(Expr::Spatial {
            op: SpatialOp::Intersects,
            bbox: Bbox::new(4.75, 45.62, 4.8, 45.66).expect("box"),
        }),
        q(Expr::Spatial {
            op: SpatialOp::Within,
            bbox: Bbox::new(4.7, 45.6, 4.85, 45.75).expect("box"),
        }),
        q(Expr::Temporal {
            op: TemporalOp::Intersects,
            range: TimeRange {
                start: Some("2025-06-01".into()),
                end: None,
            },
        }),
        q(Expr::Temporal {
            op: TemporalOp::During,
            range: TimeRange {
                start: Some("1995".into()),
                end: Some("2024-12-31".into()),
            },
        }),
        q(Expr::Not(Box::new(Expr::eq(Property::Type, "service")))
            .and(Expr::FullText("donnees".into()))),
        q(Expr::IsNull(Property::Licence)),
        sorted(Expr::All, SortField::Title, false),
        sorted(Expr::All, SortField::Modified, true),
        sorted(
            Expr::eq(Property::Organisation, "ddt"),
            SortField::Identifier,
            true,
        ),
    ]
}

/// `moisson_store::copy` from SQLite to PostgreSQL: same count, every record equal
/// (versions and timestamps included), originals byte for byte.
#[tokio::test]
async fn copy_from_sqlite_to_postgres_keeps_everything() {
    let dir = tempfile::tempdir().expect("tempdir");
    let sqlite = moisson_store::open(&format!(
        "sqlite://{}",
        dir.path().join("from.db").display()
    ))
    .await
    .expect("sqlite");
    let mut records = corpus();
    for (i, r) in records.iter_mut().enumerate() {
        r.original = Some(moisson_model::OriginalDocument {
            format: moisson_model::DocumentFormat::Iso19139,
            bytes: format!("<gmd:MD_Metadata>{i}\u{e9}\r\n\0</gmd:MD_Metadata>").into_bytes(),
        });
    }
    sqlite
        .put_many(records, &Viewer::Admin)
        .await
        .expect("import");
    sqlite
        .put(rec("md-001").title("Second write").build(), &Viewer::Admin)
        .await
        .expect("put");
    let db = fresh().await;
    let pg = open(&db).await;
    let mut seen = Vec::new();
    let everything = moisson_store::CopyScope::Everything;
    let summary = moisson_store::copy(sqlite.as_ref(), pg.as_ref(), 7, everything, |t, n| {
        if t == "records" {
            seen.push(n);
        }
    })
    .await
    .expect("copy");
    assert_eq!((summary.read, summary.written), (60, 60));
    assert_eq!(seen.last(), Some(&60));
    assert_eq!(pg.count(&Viewer::Admin).await.expect("count"), 60);
    for id in sqlite.ids(&Viewer::Admin).await.expect("ids") {
        let a = sqlite
            .get(&id, &Viewer::Admin)
            .await
            .expect("get")
            .expect("found");
        let b = pg
            .get(&id, &Viewer::Admin)
            .await
            .expect("get")
            .expect("copied");
        assert_eq!(a, b, "{id}");
    }
    let second = pg
        .get(
            &moisson_model::RecordId::parse("md-001").expect("id"),
            &Viewer::Admin,
        )
        .await
        .expect("get")
        .expect("found");
    assert_eq!(second.version, 2);
}
