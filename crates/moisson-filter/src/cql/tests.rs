//! Unit tests of the CQL parser.

use moisson_model::{Bbox, Property};

use super::*;

fn text(s: &str) -> Value {
    Value::Text(s.to_owned())
}

#[test]
fn comparisons_and_logic() {
    let e = parse_cql(
        "dc:title = 'l''eau' AND (apiso:Type='dataset' OR NOT dct:modified >= 2020-01-01)",
    )
    .expect("ok");
    assert_eq!(
        e,
        Expr::And(vec![
            Expr::Compare {
                property: Property::Title,
                op: CmpOp::Eq,
                value: text("l'eau")
            },
            Expr::Or(vec![
                Expr::Compare {
                    property: Property::Type,
                    op: CmpOp::Eq,
                    value: text("dataset")
                },
                Expr::Not(Box::new(Expr::Compare {
                    property: Property::Modified,
                    op: CmpOp::Ge,
                    value: text("2020-01-01")
                })),
            ]),
        ])
    );
}

#[test]
fn like_between_in_null() {
    assert_eq!(
        parse_cql("csw:AnyText like '%eau%'"),
        Ok(Expr::Like {
            property: Property::AnyText,
            pattern: "%eau%".to_owned(),
            case_insensitive: true
        })
    );
    assert_eq!(
        parse_cql("apiso:CreationDate BETWEEN '2001' AND 2002"),
        Ok(Expr::Between {
            property: Property::CreationDate,
            low: text("2001"),
            high: text("2002")
        })
    );
    assert_eq!(
        parse_cql("dc:type IN ('dataset', 'series')"),
        Ok(Expr::In {
            property: Property::Type,
            values: vec![text("dataset"), text("series")]
        })
    );
    assert_eq!(
        parse_cql("dc:title IS NOT NULL"),
        Ok(Expr::Not(Box::new(Expr::IsNull(Property::Title))))
    );
}

#[test]
fn spatial() {
    let want = Bbox {
        west: -5.0,
        south: 40.0,
        east: 10.0,
        north: 50.0,
    };
    let s = |op| Ok(Expr::Spatial { op, bbox: want });
    assert_eq!(
        parse_cql("BBOX(ows:BoundingBox, -5, 40, 10, 50)"),
        s(SpatialOp::Intersects)
    );
    assert_eq!(
        parse_cql("BBOX(ows:BoundingBox, 40, -5, 50, 10, 'urn:ogc:def:crs:EPSG::4326')"),
        s(SpatialOp::Intersects)
    );
    assert_eq!(
        parse_cql("WITHIN(apiso:BoundingBox, POLYGON((-5 40, 10 40, 10 50, -5 50, -5 40)))"),
        s(SpatialOp::Within)
    );
    assert_eq!(
        parse_cql("intersects(ows:BoundingBox, ENVELOPE(-5, 10, 50, 40))"),
        s(SpatialOp::Intersects)
    );
}

#[test]
fn errors_have_positions() {
    assert!(matches!(parse_cql("dc:title = "), Err(Error::Cql { .. })));
    assert!(matches!(
        parse_cql("dc:title == 'a'"),
        Err(Error::Cql { position: 10, .. })
    ));
    assert!(matches!(
        parse_cql("dc:title = 'a"),
        Err(Error::Cql { position: 11, .. })
    ));
    assert!(matches!(
        parse_cql("foo = 'a'"),
        Err(Error::UnknownQueryable(_))
    ));
    assert!(parse_cql("").is_err());
    assert!(parse_cql("dc:title = 'a' 'b'").is_err());
}

#[test]
fn inspire_queryables() {
    let e = parse_cql("apiso:Degree = true AND apiso:SpecificationDate >= 2010-01-01").expect("ok");
    assert_eq!(
        e,
        Expr::And(vec![
            Expr::Compare {
                property: Property::Degree,
                op: CmpOp::Eq,
                value: Value::Bool(true)
            },
            Expr::Compare {
                property: Property::SpecificationDate,
                op: CmpOp::Ge,
                value: text("2010-01-01")
            },
        ])
    );
}
