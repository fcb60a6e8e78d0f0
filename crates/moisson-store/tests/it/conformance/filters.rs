//! Attribute filters: every `Expr` variant over text, dates and extra fields.

use std::sync::Arc;

use moisson_model::{CmpOp, Expr, Property, SearchQuery, Value, Viewer, Visibility};
use moisson_store::{Error, Store};

use super::{admin, ids_matching, ids_seen, put_all};
use crate::builder::rec;

fn cmp(property: Property, op: CmpOp, v: &str) -> Expr {
    Expr::Compare {
        property,
        op,
        value: Value::Text(v.to_owned()),
    }
}

fn like(property: Property, pattern: &str, case_insensitive: bool) -> Expr {
    Expr::Like {
        property,
        pattern: pattern.to_owned(),
        case_insensitive,
    }
}

async fn three(store: &Arc<dyn Store>) {
    put_all(
        store,
        vec![
            rec("a")
                .title("Cours d'eau")
                .kind("dataset")
                .org("ddt")
                .format("Shapefile")
                .date_stamp("2020-05-01"),
            rec("b")
                .title("Écoles 100%")
                .kind("service")
                .org("region")
                .format("GeoJSON")
                .date_stamp("2023-01-15T10:00:00+02:00"),
            rec("c")
                .title("cours_b")
                .kind("series")
                .date_stamp("2025-12-31"),
        ]
        .into_iter()
        .map(crate::builder::Rec::build)
        .collect(),
    )
    .await;
}

pub async fn compare_filters(store: Arc<dyn Store>) {
    three(&store).await;
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Type, "service")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Identifier, "c")).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Organisation, "ddt")).await,
        ["a"]
    );
    // A comparison with a missing value is not true: Ne needs a value.
    assert_eq!(
        ids_matching(&store, cmp(Property::Organisation, CmpOp::Ne, "ddt")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Title, CmpOp::Lt, "C")).await,
        Vec::<String>::new()
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Identifier, CmpOp::Ge, "b")).await,
        ["b", "c"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Format, "GeoJSON")).await,
        ["b"]
    );
    // On a child table too: a record without any format is not "not GeoJSON".
    assert_eq!(
        ids_matching(&store, cmp(Property::Format, CmpOp::Ne, "GeoJSON")).await,
        ["a"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Title, "x' OR '1'='1")).await,
        Vec::<String>::new()
    );
}

/// OGC Filter and SQL: a comparison with a missing value is not true, whatever the
/// operator, while `Not` of a comparison that is not true holds.
pub async fn comparisons_need_a_value(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a")
                .title("Cours d'eau")
                .format("Shapefile")
                .date_stamp("2020-05-01")
                .extra("theme", serde_json::json!("eau"))
                .build(),
            rec("b").title("").build(),
        ],
    )
    .await;
    for op in [CmpOp::Ne, CmpOp::Lt, CmpOp::Le, CmpOp::Gt, CmpOp::Ge] {
        for (property, value) in [
            (Property::Title, "Zz"),
            (Property::Title, ""),
            (Property::Modified, "2021"),
            (Property::Format, "GeoJSON"),
            (Property::Extra("theme".to_owned()), "sol"),
        ] {
            let found = ids_matching(&store, cmp(property.clone(), op, value)).await;
            assert!(
                !found.contains(&"b".to_owned()),
                "{property:?} {op:?} {value:?} selected a record without it: {found:?}"
            );
        }
    }
    assert_eq!(
        ids_matching(&store, cmp(Property::Title, CmpOp::Ne, "Autre")).await,
        ["a"]
    );
    let between = Expr::Between {
        property: Property::Title,
        low: Value::Text(String::new()),
        high: Value::Text("Zz".to_owned()),
    };
    assert_eq!(ids_matching(&store, between).await, ["a"]);
    // Not is two-valued: not (title = x) holds for a record without a title.
    let not_equal = Expr::Not(Box::new(Expr::eq(Property::Title, "Cours d'eau")));
    assert_eq!(ids_matching(&store, not_equal).await, ["b"]);
    let not_ne = Expr::Not(Box::new(cmp(Property::Title, CmpOp::Ne, "Autre")));
    assert_eq!(ids_matching(&store, not_ne).await, ["b"]);
}

pub async fn like_filters(store: Arc<dyn Store>) {
    three(&store).await;
    assert_eq!(
        ids_matching(&store, like(Property::Title, "cours%", true)).await,
        ["a", "c"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::Title, "cours%", false)).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::Title, "ecoles%", true)).await,
        ["b"]
    );
    // `\` escapes the wildcards.
    assert_eq!(
        ids_matching(&store, like(Property::Title, "cours\\_%", true)).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::Title, "%100\\%", false)).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::Title, "C_urs%", false)).await,
        ["a"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::OrganisationName, "%REGION", true)).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::AnyText, "%eau%", true)).await,
        ["a"]
    );
}

pub async fn between_in_and_null_filters(store: Arc<dyn Store>) {
    three(&store).await;
    let between = |low: &str, high: &str| Expr::Between {
        property: Property::Modified,
        low: Value::Text(low.to_owned()),
        high: Value::Text(high.to_owned()),
    };
    assert_eq!(
        ids_matching(&store, between("2020-01-01", "2023-01-15")).await,
        ["a", "b"]
    );
    assert_eq!(
        ids_matching(&store, between("2021", "2025")).await,
        ["b", "c"]
    );
    let values = vec![Value::Text("series".into()), Value::Text("dataset".into())];
    assert_eq!(
        ids_matching(
            &store,
            Expr::In {
                property: Property::Type,
                values
            }
        )
        .await,
        ["a", "c"]
    );
    assert_eq!(
        ids_matching(
            &store,
            Expr::In {
                property: Property::Type,
                values: vec![]
            }
        )
        .await,
        Vec::<String>::new()
    );
    assert_eq!(
        ids_matching(&store, Expr::IsNull(Property::Organisation)).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, Expr::IsNull(Property::Format)).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, Expr::Not(Box::new(Expr::IsNull(Property::Format)))).await,
        ["a", "b"]
    );
}

pub async fn keyword_and_organisation_filters(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a")
                .keywords(&["Hydrographie", "Eau"])
                .topic("inlandWaters")
                .build(),
            rec("b")
                .keywords(&["Écologie"])
                .org("ddt")
                .topic("biota")
                .build(),
        ],
    )
    .await;
    // Keyword equality ignores case and accents.
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Keyword, "eau")).await,
        ["a"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Keyword, "ecologie")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Keyword, CmpOp::Ne, "EAU")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(
            &store,
            Expr::eq(Property::OrganisationName, "organisation DDT")
        )
        .await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::TopicCategory, "biota")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::Keyword, "hydro%", true)).await,
        ["a"]
    );
    // Keyword lookups combined with lists, negation, OR, other child tables, full text
    // and the rights clause give the same answers as one record at a time.
    let kw = |v: &str| Expr::eq(Property::Keyword, v);
    let values = vec![Value::Text("ÉCOLOGIE".into()), Value::Text("absent".into())];
    assert_eq!(
        ids_matching(
            &store,
            Expr::In {
                property: Property::Keyword,
                values
            }
        )
        .await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::Not(Box::new(kw("hydrographie")))).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(
            &store,
            Expr::Or(vec![kw("eau"), Expr::eq(Property::TopicCategory, "biota")])
        )
        .await,
        ["a", "b"]
    );
    assert_eq!(
        ids_matching(
            &store,
            Expr::And(vec![kw("eau"), Expr::eq(Property::TopicCategory, "biota")])
        )
        .await,
        Vec::<String>::new()
    );
    let text = |t: &str| Expr::FullText(t.to_owned());
    assert_eq!(
        ids_matching(&store, Expr::And(vec![text("hydrographie"), kw("EAU")])).await,
        ["a"]
    );
    assert_eq!(
        ids_matching(&store, Expr::And(vec![text("ecologie"), kw("eau")])).await,
        Vec::<String>::new()
    );
    put_all(
        &store,
        vec![
            rec("c")
                .keywords(&["Eau"])
                .visibility(Visibility::Restricted)
                .build(),
        ],
    )
    .await;
    assert_eq!(ids_matching(&store, kw("eau")).await, ["a", "c"]);
    assert_eq!(ids_seen(&store, kw("eau"), &Viewer::Anonymous).await, ["a"]);
    assert_eq!(
        ids_seen(
            &store,
            Expr::And(vec![text("eau"), kw("eau")]),
            &Viewer::Anonymous
        )
        .await,
        ["a"]
    );
    let values = vec![
        Value::Text("BIOTA".into()),
        Value::Text("inlandWaters".into()),
    ];
    assert_eq!(
        ids_matching(
            &store,
            Expr::In {
                property: Property::TopicCategory,
                values
            }
        )
        .await,
        ["a"]
    );
}

pub async fn date_filters(store: Arc<dyn Store>) {
    three(&store).await;
    put_all(
        &store,
        vec![
            rec("d")
                .date("publication", "2019-03-01")
                .date("revision", "2024-06-30T12:00:00Z")
                .build(),
        ],
    )
    .await;
    // Date-times are normalised to UTC; comparisons use the coarser precision.
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Modified, "2023-01-15")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Modified, "2023-01-15T08:00:00Z")).await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Modified, "2025")).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Modified, CmpOp::Gt, "2023-01-15")).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Modified, CmpOp::Le, "2023-01-15")).await,
        ["a", "b"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::PublicationDate, CmpOp::Lt, "2020")).await,
        ["d"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::RevisionDate, CmpOp::Ge, "2024-06-30")).await,
        ["d"]
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Updated, CmpOp::Gt, "2000-01-01"))
            .await
            .len(),
        4
    );
    assert_eq!(
        ids_matching(&store, cmp(Property::Created, CmpOp::Lt, "2000-01-01"))
            .await
            .len(),
        0
    );
}

pub async fn boolean_combinations(store: Arc<dyn Store>) {
    three(&store).await;
    let ds = Expr::eq(Property::Type, "dataset");
    let sv = Expr::eq(Property::Type, "service");
    assert_eq!(
        ids_matching(&store, Expr::Or(vec![ds.clone(), sv.clone()])).await,
        ["a", "b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::And(vec![ds.clone(), sv.clone()])).await,
        Vec::<String>::new()
    );
    assert_eq!(
        ids_matching(&store, Expr::Not(Box::new(ds.clone()))).await,
        ["b", "c"]
    );
    assert_eq!(ids_matching(&store, Expr::And(vec![])).await.len(), 3);
    assert_eq!(ids_matching(&store, Expr::Or(vec![])).await.len(), 0);
    assert_eq!(ids_matching(&store, Expr::All).await.len(), 3);
    let nested = Expr::Not(Box::new(Expr::Or(vec![
        ds,
        Expr::And(vec![sv, Expr::eq(Property::Organisation, "x")]),
    ])));
    assert_eq!(ids_matching(&store, nested).await, ["b", "c"]);
}

pub async fn extra_fields(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a")
                .extra("theme", "eau".into())
                .extra("level", 3.into())
                .build(),
            rec("b")
                .extra("theme", "air".into())
                .extra("level", 7.into())
                .build(),
            rec("c").build(),
        ],
    )
    .await;
    let extra = |n: &str| Property::Extra(n.to_owned());
    assert_eq!(
        ids_matching(&store, Expr::eq(extra("theme"), "air")).await,
        ["b"]
    );
    let gt = Expr::Compare {
        property: extra("level"),
        op: CmpOp::Gt,
        value: Value::Number(5.0),
    };
    assert_eq!(ids_matching(&store, gt).await, ["b"]);
    assert_eq!(
        ids_matching(&store, Expr::IsNull(extra("theme"))).await,
        ["c"]
    );
    assert_eq!(
        ids_matching(&store, like(extra("theme"), "E%", true)).await,
        ["a"]
    );
    for bad in ["a.b", "x') --", "9lives", ""] {
        let q = SearchQuery {
            filter: Expr::eq(extra(bad), "x"),
            ..SearchQuery::default()
        };
        let err = store.search(&q, &admin()).await.expect_err("refused");
        assert!(matches!(err, Error::UnsupportedQuery(_)), "{bad}: {err}");
    }
}

/// CSW `dc:relation`: a record's related identifiers (a Dublin Core `dc:relation` of a
/// record that is not a service) and a service's operatesOn, uuidref and href alike.
pub async fn relations_are_queryable(store: Arc<dyn Store>) {
    let mut a = rec("a").kind("dataset").build();
    a.record.relations = vec!["urn:x:1".to_owned(), "urn:x:2".to_owned()];
    let mut b = rec("b").kind("service").build();
    b.record.service = Some(moisson_model::ServiceInfo {
        operates_on: vec![moisson_model::OperatesOn {
            uuidref: Some("urn:x:1".to_owned()),
            href: Some("http://example.org/csw?id=1".to_owned()),
        }],
        ..moisson_model::ServiceInfo::default()
    });
    put_all(&store, vec![a, b, rec("c").build()]).await;
    assert_eq!(
        ids_matching(&store, Expr::eq(Property::Relation, "urn:x:1")).await,
        ["a", "b"]
    );
    assert_eq!(
        ids_matching(
            &store,
            Expr::eq(Property::Relation, "http://example.org/csw?id=1")
        )
        .await,
        ["b"]
    );
    assert_eq!(
        ids_matching(&store, like(Property::Relation, "urn:x:%", false)).await,
        ["a", "b"]
    );
    assert_eq!(
        ids_matching(&store, Expr::IsNull(Property::Relation)).await,
        ["c"]
    );
    // Ne needs a value, none of which equals.
    assert_eq!(
        ids_matching(&store, cmp(Property::Relation, CmpOp::Ne, "urn:x:2")).await,
        ["b"]
    );
}
