//! Type-ahead: the last word matches as a prefix even of an inflected word.

use std::sync::Arc;

use moisson_model::Expr;
use moisson_store::Store;

use super::{ids_matching, put_all};
use crate::builder::rec;

pub async fn full_text_prefix_matches_inflected_words(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("a").title("Zones inondables du Rhône").build(),
            rec("b").title("Plan de prévention des risques").build(),
            rec("c").title("Inventaire forestier").build(),
        ],
    )
    .await;
    let text = |s: &str| Expr::FullText(s.to_owned());
    assert_eq!(ids_matching(&store, text("zones inondab")).await, ["a"]);
    assert_eq!(ids_matching(&store, text("rhone inond")).await, ["a"]);
    assert_eq!(ids_matching(&store, text("prevention risq")).await, ["b"]);
    assert_eq!(ids_matching(&store, text("plan de prév")).await, ["b"]);
    assert_eq!(ids_matching(&store, text("forest")).await, ["c"]);
    assert_eq!(
        ids_matching(&store, text("inventaire forestier")).await,
        ["c"]
    );
}
