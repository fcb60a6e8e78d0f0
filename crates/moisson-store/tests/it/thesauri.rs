//! Thesauri on both backends: keywords linked to concepts by anchor URI or by label within
//! the block's thesaurus, hierarchical themed facets and filters under the rights,
//! re-import in place, autocomplete.

use std::sync::Arc;

use moisson_model::{
    Anchored, Expr, KeywordGroup, Property, RecordId, Thesaurus as Block, Viewer, Visibility,
};
use moisson_store::{NewRecord, PutOutcome, Store, ThemeFacet};
use moisson_thesaurus::{Concept, Label, Thesaurus};

use crate::builder::rec;
use crate::conformance::{admin, ids_seen, put_all};

const NS: &str = "http://example.org/t/";

fn uri(local: &str) -> String {
    format!("{NS}{local}")
}

fn concept(local: &str, fr: &str, broader: &[&str]) -> Concept {
    Concept {
        uri: uri(local),
        pref_labels: vec![Label {
            lang: "fr".to_owned(),
            text: fr.to_owned(),
        }],
        broader: broader.iter().map(|b| uri(b)).collect(),
        ..Concept::default()
    }
}

/// Eau > Assainissement (alt "Eaux usées") > Station d'épuration; Air.
fn themes(assainissement: &str) -> Thesaurus {
    let mut a = concept("assainissement", assainissement, &["eau"]);
    a.alt_labels.push(Label {
        lang: "fr".to_owned(),
        text: "Eaux usées".to_owned(),
    });
    Thesaurus {
        id: "essai".to_owned(),
        uri: uri("scheme"),
        titles: vec![Label {
            lang: "fr".to_owned(),
            text: "Thèmes d'essai".to_owned(),
        }],
        aliases: vec!["Essai".to_owned()],
        top_concepts: vec![uri("eau"), uri("air")],
        concepts: vec![
            concept("eau", "Eau", &[]),
            a,
            concept("step", "Station d'épuration", &["assainissement"]),
            concept("air", "Air", &[]),
        ],
    }
}

/// A record whose one keyword block names `thesaurus` (free keywords when `None`).
fn with_keyword(id: &str, thesaurus: Option<&str>, text: &str, anchor: Option<&str>) -> NewRecord {
    let mut r = rec(id).org("ddt").build();
    let mut k = Anchored::text(text);
    k.uri = anchor.map(uri);
    r.record.keywords.push(KeywordGroup {
        thesaurus: thesaurus.map(|t| Block {
            title: Anchored::text(t),
            ..Block::default()
        }),
        kind: Some("theme".to_owned()),
        keywords: vec![k],
    });
    r
}

/// a: "assainissement" under "Themes d'essai" (accents and case differ); b: an anchor to
/// the STEP; c: "Assainissement" as a free keyword (no thesaurus: stays free); d: restricted,
/// "EAU" under the alias "Essai".
fn records() -> Vec<NewRecord> {
    let mut d = with_keyword("d", Some("Essai"), "EAU", None);
    d.record.catalogue.visibility = Visibility::Restricted;
    d.record.catalogue.owner_org = Some("armee".to_owned());
    vec![
        with_keyword("a", Some("THEMES D'ESSAI"), "assainissement", None),
        with_keyword("b", None, "STEP de Brest", Some("step")),
        with_keyword("c", None, "Assainissement", None),
        d,
    ]
}

fn counts(facets: &[ThemeFacet]) -> Vec<(String, u64)> {
    let mut v: Vec<(String, u64)> = facets[0]
        .buckets
        .iter()
        .map(|b| (b.concept.label_in("fr").to_owned(), b.count))
        .collect();
    v.sort();
    v
}

async fn theme_ids(store: &Arc<dyn Store>, local: &str, viewer: &Viewer) -> Vec<String> {
    ids_seen(store, Expr::eq(Property::Theme, uri(local)), viewer).await
}

pub async fn keywords_link_to_concepts_and_count_up_the_hierarchy(store: Arc<dyn Store>) {
    // Records first, thesaurus next: the import links what is already there.
    put_all(&store, records()[..2].to_vec()).await;
    let outcome = store
        .put_thesaurus(themes("Assainissement"), &admin())
        .await;
    assert_eq!(outcome.expect("import"), PutOutcome::Created);
    // ... and records written afterwards are linked as they are written.
    put_all(&store, records()[2..].to_vec()).await;
    let asked = ["essai".to_owned()];
    let anon = store
        .theme_facets(&Expr::All, &Viewer::Anonymous, &asked, 10)
        .await
        .expect("facets");
    let expect = |eau: u64| {
        vec![
            ("Assainissement".to_owned(), 2),
            ("Eau".to_owned(), eau),
            ("Station d'épuration".to_owned(), 1),
        ]
    };
    assert_eq!(
        counts(&anon),
        expect(2),
        "the restricted record counts for nobody anonymous"
    );
    let all = store
        .theme_facets(&Expr::All, &admin(), &asked, 10)
        .await
        .expect("facets");
    assert_eq!(counts(&all), expect(3));
    // A filter by a concept takes its narrower concepts too.
    assert_eq!(
        theme_ids(&store, "eau", &Viewer::Anonymous).await,
        ["a", "b"]
    );
    assert_eq!(theme_ids(&store, "eau", &admin()).await, ["a", "b", "d"]);
    assert_eq!(theme_ids(&store, "step", &admin()).await, ["b"]);
    assert!(theme_ids(&store, "air", &admin()).await.is_empty());
    let of_a = store
        .record_concepts(&RecordId::parse("a").expect("id"), &Viewer::Anonymous)
        .await
        .expect("concepts")
        .expect("visible");
    let seen: Vec<(&str, bool)> = of_a
        .iter()
        .map(|c| (c.concept.uri.as_str(), c.direct))
        .collect();
    assert_eq!(
        seen,
        [
            (uri("assainissement").as_str(), true),
            (uri("eau").as_str(), false)
        ]
    );
    let hidden = store
        .record_concepts(&RecordId::parse("d").expect("id"), &Viewer::Anonymous)
        .await
        .expect("concepts");
    assert!(hidden.is_none(), "a hidden record's concepts are absent");
}

pub async fn reimport_updates_in_place_and_relinks(store: Arc<dyn Store>) {
    put_all(&store, records()).await;
    store
        .put_thesaurus(themes("Assainissement"), &admin())
        .await
        .expect("import");
    // The label changes: record a no longer matches by label, b still by its anchor.
    let outcome = store
        .put_thesaurus(themes("Eaux résiduaires"), &admin())
        .await
        .expect("again");
    assert_eq!(outcome, PutOutcome::Updated);
    assert_eq!(theme_ids(&store, "assainissement", &admin()).await, ["b"]);
    let list = store.thesauri().await.expect("list");
    assert_eq!(list.len(), 1);
    assert_eq!((list[0].id.as_str(), list[0].concepts), ("essai", 4));
    let denied = store
        .put_thesaurus(themes("x"), &Viewer::Anonymous)
        .await
        .expect_err("refused");
    assert!(
        matches!(denied, moisson_store::Error::Forbidden(_)),
        "{denied}"
    );
}

pub async fn autocomplete_prefers_preferred_labels(store: Arc<dyn Store>) {
    store
        .put_thesaurus(themes("Assainissement"), &admin())
        .await
        .expect("import");
    let find = |prefix: &'static str| {
        let store = Arc::clone(&store);
        async move {
            store
                .find_concepts("essai", prefix, 10)
                .await
                .expect("find")
                .expect("exists")
                .into_iter()
                .map(|h| (h.concept.label_in("fr").to_owned(), h.rank))
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(find("ASS").await, [("Assainissement".to_owned(), 0)]);
    // A word inside a label, accents ignored; an alternative label after preferred ones.
    assert_eq!(find("epur").await, [("Station d'épuration".to_owned(), 1)]);
    assert_eq!(
        find("ea").await,
        [("Eau".to_owned(), 0), ("Assainissement".to_owned(), 2)]
    );
    assert_eq!(find("usee").await, [("Assainissement".to_owned(), 3)]);
    assert_eq!(
        find("").await,
        [("Air".to_owned(), 0), ("Eau".to_owned(), 0)],
        "no prefix: the top concepts"
    );
    assert!(
        store
            .find_concepts("nope", "a", 10)
            .await
            .expect("find")
            .is_none()
    );
}

macro_rules! thesaurus_cases {
    ($m:ident) => {
        $m!(
            keywords_link_to_concepts_and_count_up_the_hierarchy,
            reimport_updates_in_place_and_relinks,
            autocomplete_prefers_preferred_labels,
        );
    };
}

mod sqlite {
    macro_rules! cases {
        ($($case:ident),* $(,)?) => {$(
            #[tokio::test]
            async fn $case() {
                let dir = tempfile::tempdir().expect("tempdir");
                let store = moisson_store::sqlite::SqliteStore::open(dir.path().join("t.db"))
                    .await
                    .expect("open");
                super::$case(std::sync::Arc::new(store)).await;
            }
        )*};
    }
    thesaurus_cases!(cases);
}

mod pg {
    macro_rules! cases {
        ($($case:ident),* $(,)?) => {$(
            #[tokio::test]
            async fn $case() {
                let db = moisson_testkit::pg::fresh().await;
                let store = moisson_store::open(db.url()).await.expect("open");
                super::$case(store).await;
            }
        )*};
    }
    thesaurus_cases!(cases);
}
