//! Unit tests of the CQL2 → `Expr` mapping.

use super::*;
use moisson_model::{TemporalOp, TimeRange};

fn resolve(name: &str) -> Option<Cql2Target> {
    Some(match name {
        "title" => Cql2Target::Property(Property::Title),
        "keywords" => Cql2Target::Property(Property::Keyword),
        "updated" => Cql2Target::Property(Property::Modified),
        "geometry" => Cql2Target::Geometry,
        "time" => Cql2Target::Time,
        _ => return None,
    })
}

fn text(s: &str) -> Result<Expr> {
    parse_cql2_text(s, &resolve)
}

fn t(s: &str) -> Value {
    Value::Text(s.to_owned())
}

#[test]
fn basic_comparisons_and_logic() {
    assert_eq!(
        text("title = 'Eau'").expect("ok"),
        Expr::Compare {
            property: Property::Title,
            op: CmpOp::Eq,
            value: t("Eau")
        }
    );
    assert_eq!(
        text("'2020-01-01' < updated").expect("ok"),
        Expr::Compare {
            property: Property::Modified,
            op: CmpOp::Gt,
            value: t("2020-01-01")
        }
    );
    let e = text("title <> 'a' AND (keywords = 'b' OR NOT title IS NULL)").expect("ok");
    let Expr::And(parts) = e else { panic!("and") };
    assert_eq!(parts.len(), 2);
    assert!(matches!(&parts[1], Expr::Or(v) if matches!(&v[1], Expr::Not(_))));
}

#[test]
fn advanced_comparisons() {
    assert_eq!(
        text("title LIKE 'Plan%'").expect("ok"),
        Expr::Like {
            property: Property::Title,
            pattern: "Plan%".into(),
            case_insensitive: false
        }
    );
    assert_eq!(
        text("CASEI(title) LIKE CASEI('plan%')").expect("ok"),
        Expr::Like {
            property: Property::Title,
            pattern: "plan%".into(),
            case_insensitive: true
        }
    );
    assert_eq!(
        text("CASEI(keywords) = CASEI('eau_x')").expect("ok"),
        Expr::Like {
            property: Property::Keyword,
            pattern: "eau\\_x".into(),
            case_insensitive: true
        }
    );
    // <> needs a value, as the stores' Ne does.
    assert_eq!(
        text("CASEI(keywords) <> CASEI('eau')").expect("ok"),
        Expr::And(vec![
            Expr::Not(Box::new(Expr::IsNull(Property::Keyword))),
            Expr::Not(Box::new(Expr::Like {
                property: Property::Keyword,
                pattern: "eau".into(),
                case_insensitive: true
            })),
        ])
    );
    assert!(matches!(
        text("updated BETWEEN '2020-01-01' AND '2021-01-01'"),
        Ok(Expr::Between { .. })
    ));
    assert_eq!(
        text("keywords IN ('a', 'b')").expect("ok"),
        Expr::In {
            property: Property::Keyword,
            values: vec![t("a"), t("b")]
        }
    );
}

#[test]
fn json_encoding_maps_the_same() {
    let json = r#"{"op":"and","args":[{"op":"=","args":[{"property":"title"},"Eau"]},
        {"op":"s_intersects","args":[{"property":"geometry"},{"bbox":[1,43,2,44]}]}]}"#;
    let e = parse_cql2_json(json, &resolve).expect("ok");
    let same = text("title = 'Eau' AND S_INTERSECTS(geometry, BBOX(1, 43, 2, 44))").expect("ok");
    assert_eq!(e, same);
}

#[test]
fn spatial_functions() {
    let e = text("S_INTERSECTS(geometry, POINT(2.35 48.85))").expect("point");
    assert!(
        matches!(e, Expr::Spatial { op: SpatialOp::Intersects, bbox } if bbox.west == 2.35 && bbox.east == 2.35)
    );
    let rect = "POLYGON((0 40, 5 40, 5 45, 0 45, 0 40))";
    let e = text(&format!("S_WITHIN(geometry, {rect})")).expect("rectangle");
    assert!(matches!(e, Expr::Spatial { op: SpatialOp::Within, bbox } if bbox.north == 45.0));
    let e = text(&format!("S_WITHIN({rect}, geometry)")).expect("reversed");
    assert!(matches!(
        e,
        Expr::Spatial {
            op: SpatialOp::Contains,
            ..
        }
    ));
    let tri = "POLYGON((0 40, 5 40, 0 45, 0 40))";
    assert!(text(&format!("S_INTERSECTS(geometry, {tri})")).is_err());
    assert!(text(&format!("S_CONTAINS(geometry, {tri})")).is_ok());
    assert!(matches!(
        text("S_DISJOINT(geometry, BBOX(170, -20, -170, -10))"),
        Ok(Expr::Spatial { op: SpatialOp::Disjoint, bbox }) if bbox.crosses_antimeridian()
    ));
    assert!(text("S_INTERSECTS(geometry, BBOX(0, 91, 1, 92))").is_err());
}

#[test]
fn temporal_functions() {
    let e = text("T_INTERSECTS(time, INTERVAL('2020-01-01', '..'))").expect("ok");
    assert_eq!(
        e,
        Expr::Temporal {
            op: TemporalOp::Intersects,
            range: TimeRange {
                start: Some("2020-01-01".into()),
                end: None
            }
        }
    );
    let e = text("T_AFTER(updated, TIMESTAMP('2024-01-01T00:00:00Z'))").expect("ok");
    assert!(matches!(
        e,
        Expr::Compare {
            property: Property::Modified,
            op: CmpOp::Gt,
            ..
        }
    ));
    let e = text("T_BEFORE(time, DATE('2000-01-01'))").expect("ok");
    assert!(matches!(
        e,
        Expr::Compare {
            property: Property::TempExtentEnd,
            op: CmpOp::Lt,
            ..
        }
    ));
    assert!(matches!(
        text("T_DURING(time, INTERVAL('2000-01-01','2001-01-01'))"),
        Ok(Expr::And(v)) if v.len() == 2
    ));
    let e = text("T_MEETS(time, INTERVAL('2000-01-01','2001-01-01'))").expect("meets");
    assert!(matches!(
        e,
        Expr::Compare {
            property: Property::TempExtentEnd,
            op: CmpOp::Eq,
            ..
        }
    ));
    let e = text("T_OVERLAPS(time, INTERVAL('..','2001-01-01'))").expect("open start");
    assert!(
        matches!(&e, Expr::And(v) if v.len() == 2 && matches!(v[0], Expr::Or(ref n) if n.is_empty())),
        "{e:?}"
    );
    let swapped = text("T_CONTAINS(INTERVAL('2000-01-01','2001-01-01'), time)").expect("swapped");
    assert_eq!(
        swapped,
        text("T_DURING(time, INTERVAL('2000-01-01','2001-01-01'))").expect("during")
    );
    assert!(text("T_FOO(time, DATE('2000-01-01'))").is_err());
}

#[test]
fn errors_are_clear() {
    assert!(matches!(text("colour = 'red'"), Err(Error::UnknownQueryable(n)) if n == "colour"));
    let err = text("title = ").expect_err("syntax");
    assert!(err.to_string().contains("cql2-text"), "{err}");
    assert!(parse_cql2_json("{\"op\":", &resolve).is_err());
    assert!(text("geometry = 'x'").is_err());
    assert!(text("title = title").is_err());
}
