//! One analysis of text on every backend (`words.rs` in the store): the same question
//! finds the same records on SQLite and PostgreSQL, stopwords, stems and prefixes
//! included.

use std::sync::Arc;

use moisson_model::Expr;
use moisson_store::Store;

use super::{ids_matching, put_all};
use crate::builder::rec;

fn text(s: &str) -> Expr {
    Expr::FullText(s.to_owned())
}

const NONE: [&str; 0] = [];

pub async fn full_text_is_one_analysis_on_every_backend(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a").title("Le plan local d'urbanisme").build(),
            rec("b")
                .title("Les communes du bassin")
                .abstract_text("Zones inondables des communes")
                .build(),
            rec("c")
                .title("Limite de la commune")
                .keywords(&["Données ouvertes"])
                .build(),
            rec("d").title("The plans of the roads").build(),
        ],
    )
    .await;
    // Stopwords, French and English, are no words: alone they find nothing, beside a
    // word they change nothing.
    assert_eq!(ids_matching(&store, text("le")).await, NONE);
    assert_eq!(ids_matching(&store, text("les de la")).await, NONE);
    assert_eq!(ids_matching(&store, text("the of")).await, NONE);
    assert_eq!(ids_matching(&store, text("la commune")).await, ["b", "c"]);
    // A plural finds its singular and the other way round (French stems).
    assert_eq!(ids_matching(&store, text("communes")).await, ["b", "c"]);
    assert_eq!(ids_matching(&store, text("commune bassin")).await, ["b"]);
    assert_eq!(ids_matching(&store, text("plans")).await, ["a", "d"]);
    // Two words, any order, both needed.
    assert_eq!(ids_matching(&store, text("plan local")).await, ["a"]);
    assert_eq!(ids_matching(&store, text("local plan")).await, ["a"]);
    // The last word typed is also the start of a whole word, accents ignored.
    assert_eq!(ids_matching(&store, text("zones inondab")).await, ["b"]);
    assert_eq!(ids_matching(&store, text("donnees ouv")).await, ["c"]);
    assert_eq!(ids_matching(&store, text("urba")).await, ["a"]);
    // Not before the last word, nor under three letters.
    assert_eq!(ids_matching(&store, text("urba plan")).await, NONE);
    assert_eq!(ids_matching(&store, text("ro")).await, NONE);
}
