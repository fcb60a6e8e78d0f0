//! Rights: an anonymous viewer never sees internal or restricted records, anywhere.

use std::sync::Arc;

use moisson_model::{Expr, FacetField, RecordId, SearchQuery, Viewer, Visibility};
use moisson_store::Store;

use super::{admin, ids_seen, put_all};
use crate::builder::rec;

pub async fn anonymous_never_sees_hidden_records(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("pub")
                .title("Eau publique")
                .keywords(&["eau"])
                .org("ddt")
                .build(),
            rec("int")
                .title("Eau interne")
                .keywords(&["secret"])
                .org("ddt")
                .visibility(Visibility::Internal)
                .build(),
            rec("res")
                .title("Eau restreinte")
                .keywords(&["secret"])
                .org("armee")
                .visibility(Visibility::Restricted)
                .build(),
        ],
    )
    .await;
    let anon = Viewer::Anonymous;
    for hidden in ["int", "res"] {
        let id = RecordId::parse(hidden).expect("id");
        assert!(store.get(&id, &anon).await.expect("get").is_none());
        assert!(store.get(&id, &admin()).await.expect("get").is_some());
    }
    assert_eq!(store.count(&anon).await.expect("count"), 1);
    assert_eq!(store.count(&admin()).await.expect("count"), 3);
    let ids: Vec<String> = store
        .ids(&anon)
        .await
        .expect("ids")
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(ids, ["pub"]);
    assert_eq!(store.ids(&admin()).await.expect("ids").len(), 3);
    assert_eq!(
        ids_seen(&store, Expr::FullText("eau".into()), &anon).await,
        ["pub"]
    );
    assert_eq!(
        ids_seen(&store, Expr::FullText("eau".into()), &admin()).await,
        ["int", "pub", "res"]
    );
    let everything = Expr::Or(vec![Expr::All, Expr::Not(Box::new(Expr::All))]);
    assert_eq!(ids_seen(&store, everything, &anon).await, ["pub"]);
    let q = SearchQuery {
        facets: FacetField::ALL.to_vec(),
        ..SearchQuery::default()
    };
    let page = store.search(&q, &anon).await.expect("search");
    assert_eq!(page.total, 1);
    for facet in &page.facets {
        for bucket in &facet.buckets {
            assert!(
                bucket.value != "secret" && bucket.value != "armee",
                "{facet:?}"
            );
            assert_eq!(bucket.count, 1, "{facet:?}");
        }
    }
    let admin_page = store.search(&q, &admin()).await.expect("search");
    assert_eq!(admin_page.total, 3);
}
