//! Unit tests of the Filter Encoding parser.

use moisson_model::Bbox;

use super::*;
use crate::Error;

fn filter(body: &str) -> Result<Expr> {
    parse_filter_xml(&format!(
        r#"<ogc:Filter xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml">{body}</ogc:Filter>"#
    ))
}

fn eq(p: Property, v: &str) -> Expr {
    Expr::Compare {
        property: p,
        op: CmpOp::Eq,
        value: Value::Text(v.to_owned()),
    }
}

#[test]
fn data_gouv_fr_type_filter() {
    let types = ["dataset", "nonGeographicDataset", "series", "service"];
    let body: String = types
        .iter()
        .map(|t| format!("<ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:type</ogc:PropertyName><ogc:Literal>{t}</ogc:Literal></ogc:PropertyIsEqualTo>"))
        .collect();
    let e = filter(&format!("<ogc:Or>{body}</ogc:Or>")).expect("parses");
    assert_eq!(
        e,
        Expr::Or(types.iter().map(|t| eq(Property::Type, t)).collect())
    );
}

#[test]
fn comparisons_logic_and_null() {
    let e = filter(
        "<ogc:And><ogc:Not><ogc:PropertyIsNull><ogc:PropertyName>dc:title</ogc:PropertyName></ogc:PropertyIsNull></ogc:Not>\
         <ogc:PropertyIsGreaterThan><ogc:Literal>2020</ogc:Literal><ogc:PropertyName>dct:modified</ogc:PropertyName></ogc:PropertyIsGreaterThan></ogc:And>",
    )
    .expect("parses");
    assert_eq!(
        e,
        Expr::And(vec![
            Expr::Not(Box::new(Expr::IsNull(Property::Title))),
            Expr::Compare {
                property: Property::Modified,
                op: CmpOp::Lt,
                value: Value::Text("2020".to_owned())
            },
        ])
    );
    let e = filter("<ogc:PropertyIsBetween><ogc:PropertyName>apiso:CreationDate</ogc:PropertyName><ogc:LowerBoundary><ogc:Literal>2001</ogc:Literal></ogc:LowerBoundary><ogc:UpperBoundary><ogc:Literal>2002</ogc:Literal></ogc:UpperBoundary></ogc:PropertyIsBetween>").expect("ok");
    assert_eq!(
        e,
        Expr::Between {
            property: Property::CreationDate,
            low: Value::Text("2001".into()),
            high: Value::Text("2002".into())
        }
    );
}

#[test]
fn like_translates_wildcards_and_escape() {
    let e = filter(r#"<ogc:PropertyIsLike wildCard="*" singleChar="." escapeChar="!" matchCase="false"><ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>*wa.er!*50%*</ogc:Literal></ogc:PropertyIsLike>"#).expect("ok");
    assert_eq!(
        e,
        Expr::Like {
            property: Property::Title,
            pattern: r"%wa_er*50\%%".to_owned(),
            case_insensitive: true
        }
    );
    let e = filter(r#"<ogc:PropertyIsLike wildCard="%" singleChar="_" escapeChar="\"><ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>a\_b%</ogc:Literal></ogc:PropertyIsLike>"#).expect("ok");
    assert_eq!(
        e,
        Expr::Like {
            property: Property::Title,
            pattern: r"a\_b%".to_owned(),
            case_insensitive: false
        }
    );
}

/// Without the wildCard and singleChar Filter 1.1 requires, `%` and `_` are the
/// wildcards, as pycsw and OWSLib take them (pycsw's CITE manager suite sends none).
#[test]
fn like_without_wildcards_takes_sql_ones() {
    let e = filter(r#"<ogc:PropertyIsLike wildChar="%" singleChar="." escapeChar="\"><ogc:PropertyName>dct:abstract</ogc:PropertyName><ogc:Literal>NCEP%</ogc:Literal></ogc:PropertyIsLike>"#).expect("ok");
    let pattern = |e: Expr| match e {
        Expr::Like { pattern, .. } => pattern,
        other => panic!("{other:?}"),
    };
    assert_eq!(pattern(e), "NCEP%");
    let e = filter(r#"<ogc:PropertyIsLike><ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>a_b*</ogc:Literal></ogc:PropertyIsLike>"#).expect("ok");
    assert_eq!(pattern(e), "a_b*");
}

/// A comparison with a missing value is not true: a case-insensitive NotEqualTo needs the
/// property, as the stores' `Ne` does (pycsw turns any `matchCase="false"` comparison
/// into a LIKE, so its NotEqualTo matches what EqualTo would: not followed).
#[test]
fn case_insensitive_inequality_needs_a_value() {
    let e = filter(r#"<ogc:PropertyIsNotEqualTo matchCase="false"><ogc:PropertyName>dc:subject</ogc:PropertyName><ogc:Literal>pHYSIOGRAPHy</ogc:Literal></ogc:PropertyIsNotEqualTo>"#).expect("ok");
    let like = Expr::Like {
        property: Property::Keyword,
        pattern: "pHYSIOGRAPHy".to_owned(),
        case_insensitive: true,
    };
    assert_eq!(
        e,
        Expr::And(vec![
            Expr::Not(Box::new(Expr::IsNull(Property::Keyword))),
            Expr::Not(Box::new(like)),
        ])
    );
}

#[test]
fn case_insensitive_equality_is_an_escaped_like() {
    let e = filter(r#"<ogc:PropertyIsEqualTo matchCase="false"><ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>50%</ogc:Literal></ogc:PropertyIsEqualTo>"#).expect("ok");
    assert_eq!(
        e,
        Expr::Like {
            property: Property::Title,
            pattern: r"50\%".to_owned(),
            case_insensitive: true
        }
    );
}

#[test]
fn spatial_operators() {
    let env = r#"<gml:Envelope srsName="urn:ogc:def:crs:EPSG::4326"><gml:lowerCorner>40 -5</gml:lowerCorner><gml:upperCorner>50 10</gml:upperCorner></gml:Envelope>"#;
    let bbox = Bbox {
        west: -5.0,
        south: 40.0,
        east: 10.0,
        north: 50.0,
    };
    for (op, want) in [
        ("BBOX", SpatialOp::Intersects),
        ("Within", SpatialOp::Within),
        ("Contains", SpatialOp::Contains),
        ("Disjoint", SpatialOp::Disjoint),
        ("Overlaps", SpatialOp::Intersects),
        ("Touches", SpatialOp::Intersects),
        ("Crosses", SpatialOp::Intersects),
        ("Intersects", SpatialOp::Intersects),
    ] {
        let e = filter(&format!(
            "<ogc:{op}><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName>{env}</ogc:{op}>"
        ))
        .expect(op);
        assert_eq!(e, Expr::Spatial { op: want, bbox }, "{op}");
    }
    let e = filter(&format!(
        "<ogc:Equals><ogc:PropertyName>apiso:BoundingBox</ogc:PropertyName>{env}</ogc:Equals>"
    ))
    .expect("eq");
    assert!(matches!(e, Expr::And(v) if v.len() == 2));
    assert!(
        filter(&format!(
            "<ogc:BBOX><ogc:PropertyName>dc:title</ogc:PropertyName>{env}</ogc:BBOX>"
        ))
        .is_err()
    );
}

#[test]
fn feature_ids() {
    let e = filter(r#"<ogc:FeatureId fid="a"/><ogc:GmlObjectId gml:id="b"/>"#).expect("ok");
    assert_eq!(
        e,
        Expr::In {
            property: Property::Identifier,
            values: vec![Value::Text("a".into()), Value::Text("b".into())]
        }
    );
}

#[test]
fn inspire_queryables() {
    assert_eq!(
        filter(
            "<ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:Lineage</ogc:PropertyName><ogc:Literal>x</ogc:Literal></ogc:PropertyIsEqualTo>"
        ),
        Ok(Expr::eq(Property::Lineage, "x"))
    );
    assert_eq!(
        filter(
            "<ogc:PropertyIsGreaterThan><ogc:PropertyName>apiso:Denominator</ogc:PropertyName><ogc:Literal>10000</ogc:Literal></ogc:PropertyIsGreaterThan>"
        ),
        Ok(Expr::Compare {
            property: Property::Denominator,
            op: CmpOp::Gt,
            value: Value::Text("10000".into()),
        })
    );
}

#[test]
fn errors() {
    assert!(matches!(
        filter(
            "<ogc:PropertyIsEqualTo><ogc:PropertyName>foo</ogc:PropertyName><ogc:Literal>x</ogc:Literal></ogc:PropertyIsEqualTo>"
        ),
        Err(Error::UnknownQueryable(_))
    ));
    assert!(filter("<ogc:Frobnicate/>").is_err());
    assert!(filter("").is_err());
    assert!(filter("<ogc:And><ogc:PropertyIsNull><ogc:PropertyName>dc:title</ogc:PropertyName></ogc:PropertyIsNull></ogc:And>").is_err());
    assert!(matches!(
        parse_filter_xml("<!DOCTYPE x [<!ENTITY a 'b'>]><x/>"),
        Err(Error::Syntax { .. })
    ));
}

#[test]
fn dc_type_uris_compare_as_the_stored_scope_code() {
    assert_eq!(
        filter(
            "<ogc:PropertyIsEqualTo><ogc:PropertyName>dc:type</ogc:PropertyName><ogc:Literal>http://purl.org/dc/dcmitype/Dataset</ogc:Literal></ogc:PropertyIsEqualTo>"
        ),
        Ok(Expr::eq(Property::Type, "dataset"))
    );
    let Ok(Expr::Like { pattern, .. }) = filter(
        "<ogc:PropertyIsEqualTo matchCase=\"false\"><ogc:PropertyName>dc:type</ogc:PropertyName><ogc:Literal>HTTP://purl.org/dc/dcmitype/dataset</ogc:Literal></ogc:PropertyIsEqualTo>",
    ) else {
        panic!("a case-insensitive comparison")
    };
    assert_eq!(pattern, "dataset");
}

#[test]
fn functions_pycsw_answers() {
    let upper = |literal: &str, function: &str| {
        filter(&format!(
            "<ogc:PropertyIsEqualTo><ogc:Function name=\"{function}\"><ogc:PropertyName>dc:title</ogc:PropertyName></ogc:Function><ogc:Literal>{literal}</ogc:Literal></ogc:PropertyIsEqualTo>"
        ))
    };
    assert_eq!(
        upper("LOREM IPSUM", "upper"),
        Ok(Expr::Like {
            property: Property::Title,
            pattern: "LOREM IPSUM".into(),
            case_insensitive: true,
        })
    );
    assert_eq!(upper("Lorem", "upper"), Ok(Expr::Not(Box::new(Expr::All))));
    assert_eq!(upper("x", "trim"), Ok(Expr::eq(Property::Title, "x")));
    assert!(matches!(upper("x", "foo"), Err(Error::Invalid(m)) if m.contains("foo")));
    assert!(upper("x", "length").is_err());
}

#[test]
fn an_empty_escape_char_escapes_nothing() {
    assert_eq!(
        like_pattern("*pacio\\os*", "*", "?", ""),
        Ok("%pacio\\\\os%".to_owned())
    );
}

#[test]
fn absolute_paths_must_start_at_the_record() {
    let title = |name: &str| {
        filter(&format!(
            "<ogc:PropertyIsEqualTo><ogc:PropertyName>{name}</ogc:PropertyName><ogc:Literal>x</ogc:Literal></ogc:PropertyIsEqualTo>"
        ))
    };
    assert!(matches!(
        title("/dc:title"),
        Err(Error::UnknownQueryable(_))
    ));
    assert_eq!(
        title("/csw:Record/dc:title"),
        Ok(Expr::eq(Property::Title, "x"))
    );
    let bbox = filter(
        r#"<ogc:BBOX><ogc:PropertyName>/ows:BoundingBox</ogc:PropertyName><gml:Envelope srsName="EPSG:4326"><gml:lowerCorner>0 40</gml:lowerCorner><gml:upperCorner>10 50</gml:upperCorner></gml:Envelope></ogc:BBOX>"#,
    );
    assert!(matches!(bbox, Ok(Expr::Spatial { .. })), "{bbox:?}");
}
