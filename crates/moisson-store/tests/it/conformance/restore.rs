//! Restoring records as another store holds them (the path of `moisson db copy`).

use std::sync::Arc;

use chrono::{TimeZone, Utc};
use moisson_model::{DocumentFormat, OriginalDocument, RecordId};
use moisson_store::{Error, Store, StoredRecord};

use super::admin;
use crate::builder::rec;

pub async fn restore_keeps_versions_and_timestamps(store: Arc<dyn Store>) {
    let mut r = rec("kept").title("Gardé").keywords(&["eau"]).build();
    r.record.catalogue.created = Some(Utc.with_ymd_and_hms(2019, 3, 1, 8, 30, 0).unwrap());
    r.record.catalogue.updated = Some(Utc.with_ymd_and_hms(2021, 6, 2, 9, 0, 0).unwrap());
    let stored = StoredRecord {
        record: r.record,
        original: Some(OriginalDocument {
            format: DocumentFormat::DublinCore,
            bytes: b"<csw:Record>\xc3\xa9</csw:Record>".to_vec(),
        }),
        version: 7,
    };
    store.put(rec("kept").build(), &admin()).await.expect("put");
    let summary = store
        .restore_many(vec![stored.clone()], &admin())
        .await
        .expect("restore");
    assert_eq!((summary.created, summary.updated), (0, 1));
    let got = store
        .get(&RecordId::parse("kept").expect("id"), &admin())
        .await
        .expect("get")
        .expect("found");
    assert_eq!(got, stored);
    let kw = moisson_model::Expr::eq(moisson_model::Property::Keyword, "EAU");
    assert_eq!(super::ids_matching(&store, kw).await, ["kept"]);
    let mut bare = stored;
    bare.record.catalogue.updated = None;
    let err = store
        .restore_many(vec![bare], &admin())
        .await
        .expect_err("refused");
    assert!(matches!(err, Error::Invalid(_)), "{err}");
    let anon = moisson_model::Viewer::Anonymous;
    assert!(matches!(
        store.restore_many(Vec::new(), &anon).await,
        Err(Error::Forbidden(_))
    ));
}
