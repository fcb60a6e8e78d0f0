//! Sorting by the resource type (CSW `dc:type`) as a csw:Record presents it.

use std::sync::Arc;

use moisson_model::{DocumentFormat, OriginalDocument, SearchQuery, SortField, SortKey, Viewer};
use moisson_store::{NewRecord, Store};

use super::put_all;
use crate::builder::rec;

/// A record kept from a Dublin Core document presents the DCMI Type URI its scope code
/// was read from; others their scope code, or the type as written: sorted by that text.
pub async fn types_sort_as_presented(store: Arc<dyn Store>) {
    let dcmi = |name: &str| format!("http://purl.org/dc/dcmitype/{name}");
    let from_dc = |id: &str, level: &str| {
        let mut r = rec(id).kind(level).build();
        r.original = Some(OriginalDocument {
            format: DocumentFormat::DublinCore,
            bytes: b"<csw:Record xmlns:csw=\"http://www.opengis.net/cat/csw/2.0.2\"/>".to_vec(),
        });
        r
    };
    let records: Vec<NewRecord> = vec![
        rec("a").kind("dataset").build(),
        rec("b").kind(&dcmi("Image")).build(),
        from_dc("c", "service"),
        rec("d").kind(&dcmi("Text")).build(),
        from_dc("e", "dataset"),
        rec("f").kind("nonGeographicDataset").build(),
    ];
    put_all(&store, records).await;
    // Code point order: `nonGeographicDataset` > `http://…/Text` > `…/Service` >
    // `…/Image` > `…/Dataset` > `dataset`.
    for (descending, expected) in [
        (true, ["f", "d", "c", "b", "e", "a"]),
        (false, ["a", "e", "b", "c", "d", "f"]),
    ] {
        let q = SearchQuery {
            sort: vec![SortKey {
                field: SortField::Type,
                descending,
            }],
            ..SearchQuery::default()
        };
        let page = store.search(&q, &Viewer::Anonymous).await.expect("search");
        let ids: Vec<&str> = page.records.iter().map(|r| r.id().as_str()).collect();
        assert_eq!(ids, expected, "descending: {descending}");
    }
}
