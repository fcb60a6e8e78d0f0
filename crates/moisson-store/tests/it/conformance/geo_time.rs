//! Spatial filters over bounding boxes and temporal filters over temporal extents.

use std::sync::Arc;

use moisson_model::{Bbox, Expr, SpatialOp, TemporalOp, TimeRange};
use moisson_store::Store;

use super::{ids_matching, put_all};
use crate::builder::rec;

fn spatial(op: SpatialOp, w: f64, s: f64, e: f64, n: f64) -> Expr {
    Expr::Spatial {
        op,
        bbox: Bbox::new(w, s, e, n).expect("valid query box"),
    }
}

fn time(op: TemporalOp, start: Option<&str>, end: Option<&str>) -> Expr {
    Expr::Temporal {
        op,
        range: TimeRange {
            start: start.map(str::to_owned),
            end: end.map(str::to_owned),
        },
    }
}

pub async fn bbox_any_extent_intersects(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            // Metropolitan France and Réunion.
            rec("fr")
                .bbox(-5.0, 41.0, 10.0, 51.0)
                .bbox(55.2, -21.4, 55.8, -20.8)
                .build(),
            rec("paris").bbox(2.2, 48.8, 2.5, 48.9).build(),
            rec("none").build(),
        ],
    )
    .await;
    let intersects = |w, s, e, n| spatial(SpatialOp::Intersects, w, s, e, n);
    assert_eq!(
        ids_matching(&store, intersects(55.0, -22.0, 56.0, -20.0)).await,
        ["fr"]
    );
    assert_eq!(
        ids_matching(&store, intersects(2.0, 48.0, 3.0, 49.0)).await,
        ["fr", "paris"]
    );
    assert_eq!(
        ids_matching(&store, intersects(100.0, 0.0, 101.0, 1.0)).await,
        Vec::<String>::new()
    );
    // Touching edges intersect.
    assert_eq!(
        ids_matching(&store, intersects(2.5, 48.9, 2.6, 49.0)).await,
        ["fr", "paris"]
    );
}

pub async fn bbox_antimeridian(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("fiji").bbox(170.0, -20.0, -170.0, -10.0).build(),
            rec("samoa").bbox(-173.0, -15.0, -171.0, -13.0).build(),
            rec("nz").bbox(166.0, -47.0, 179.0, -34.0).build(),
            rec("paris").bbox(2.2, 48.8, 2.5, 48.9).build(),
        ],
    )
    .await;
    let intersects = |w, s, e, n| spatial(SpatialOp::Intersects, w, s, e, n);
    // A query on either side finds the crossing record.
    assert_eq!(
        ids_matching(&store, intersects(175.0, -15.0, 176.0, -14.0)).await,
        ["fiji"]
    );
    assert_eq!(
        ids_matching(&store, intersects(-175.0, -16.0, -172.0, -14.0)).await,
        ["fiji", "samoa"]
    );
    assert_eq!(
        ids_matching(&store, intersects(0.0, -15.0, 1.0, -14.0)).await,
        Vec::<String>::new()
    );
    // A crossing query box finds records on both sides, and not what lies between.
    assert_eq!(
        ids_matching(&store, intersects(178.0, -50.0, -172.0, 0.0)).await,
        ["fiji", "nz", "samoa"]
    );
    assert_eq!(
        ids_matching(&store, intersects(179.5, 40.0, -179.5, 60.0)).await,
        Vec::<String>::new()
    );
    assert_eq!(
        ids_matching(
            &store,
            spatial(SpatialOp::Within, 160.0, -30.0, -160.0, 0.0)
        )
        .await,
        ["fiji", "samoa"]
    );
}

pub async fn bbox_within_contains_disjoint(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("fr").bbox(-5.0, 41.0, 10.0, 51.0).build(),
            rec("paris").bbox(2.2, 48.8, 2.5, 48.9).build(),
            rec("both")
                .bbox(2.3, 48.85, 2.4, 48.87)
                .bbox(100.0, 0.0, 101.0, 1.0)
                .build(),
            rec("none").build(),
        ],
    )
    .await;
    let france = |op| spatial(op, -5.0, 41.0, 10.0, 51.0);
    // Within: any of the record's boxes lies inside the query.
    assert_eq!(
        ids_matching(&store, france(SpatialOp::Within)).await,
        ["both", "fr", "paris"]
    );
    assert_eq!(
        ids_matching(&store, spatial(SpatialOp::Within, 2.0, 48.0, 3.0, 49.0)).await,
        ["both", "paris"]
    );
    // Contains: any of the record's boxes holds the query.
    assert_eq!(
        ids_matching(
            &store,
            spatial(SpatialOp::Contains, 2.3, 48.85, 2.35, 48.86)
        )
        .await,
        ["both", "fr", "paris"]
    );
    assert_eq!(
        ids_matching(&store, france(SpatialOp::Contains)).await,
        ["fr"]
    );
    // Disjoint: no box intersects (records without a box included).
    assert_eq!(
        ids_matching(&store, spatial(SpatialOp::Disjoint, 100.5, 0.5, 102.0, 2.0)).await,
        ["fr", "none", "paris"]
    );
}

pub async fn temporal_uses_extents_with_open_ends_and_now(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("ongoing").time(Some("2010-01-01"), None, true).build(),
            rec("old")
                .date_stamp("2025-03-01")
                .time(Some("1990"), Some("1995"), false)
                .build(),
            rec("open-begin")
                .time(None, Some("2000-06-30"), false)
                .build(),
            rec("open-end")
                .time(Some("2020-01-01T00:00:00Z"), None, false)
                .build(),
            rec("two")
                .time(Some("1980"), Some("1981"), false)
                .time(Some("2030"), Some("2031"), false)
                .build(),
            rec("none").date_stamp("2025-03-01").build(),
        ],
    )
    .await;
    let i = |s, e| time(TemporalOp::Intersects, s, e);
    assert_eq!(
        ids_matching(&store, i(Some("2025-01-01"), Some("2025-12-31"))).await,
        ["ongoing", "open-end"]
    );
    assert_eq!(
        ids_matching(&store, i(Some("1993-05-01"), Some("1993-05-02"))).await,
        ["old", "open-begin"]
    );
    // Year precision on the record covers the whole year.
    assert_eq!(
        ids_matching(&store, i(Some("1995-12-31"), None)).await,
        ["old", "ongoing", "open-begin", "open-end", "two"]
    );
    assert_eq!(
        ids_matching(&store, i(None, Some("1980-06-01"))).await,
        ["open-begin", "two"]
    );
    assert_eq!(
        ids_matching(&store, i(Some("2030-06-01"), Some("2030-07-01"))).await,
        ["open-end", "two"]
    );
    // "now" is today: the ongoing extent does not reach next century.
    assert_eq!(
        ids_matching(&store, i(Some("2100-01-01"), None)).await,
        ["open-end"]
    );
}

pub async fn temporal_during(store: Arc<dyn Store>) {
    put_all(
        &store,
        vec![
            rec("old")
                .time(Some("1990-01-01"), Some("1995-12-31"), false)
                .build(),
            rec("ongoing").time(Some("2010-01-01"), None, true).build(),
            rec("open-begin")
                .time(None, Some("1992-01-01"), false)
                .build(),
        ],
    )
    .await;
    let d = |s, e| time(TemporalOp::During, s, e);
    assert_eq!(
        ids_matching(&store, d(Some("1980"), Some("2000"))).await,
        ["old"]
    );
    assert_eq!(
        ids_matching(&store, d(None, Some("2000"))).await,
        ["old", "open-begin"]
    );
    assert_eq!(
        ids_matching(&store, d(Some("2000"), Some("2999"))).await,
        ["ongoing"]
    );
    assert_eq!(
        ids_matching(&store, d(Some("2000"), Some("2001"))).await,
        Vec::<String>::new()
    );
}
