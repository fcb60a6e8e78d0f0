//! Unit tests of the parameter parsing.

use super::*;
use moisson_model::{Classify, ErrorClass, SortField};

fn parse(q: &[(&str, &str)]) -> Result<ItemsRequest> {
    let pairs: Vec<(String, String)> = q
        .iter()
        .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
        .collect();
    items(&pairs)
}

fn locator(e: &Error) -> Option<String> {
    match e.class() {
        ErrorClass::InvalidParameter { locator } => locator,
        _ => None,
    }
}

#[test]
fn defaults_and_paging() {
    let r = parse(&[]).expect("empty");
    assert_eq!(
        (r.query.limit, r.query.offset, r.query.filter, r.format),
        (10, 0, Expr::All, None)
    );
    let r = parse(&[("limit", "5000"), ("offset", "20"), ("f", "json")]).expect("clamped");
    assert_eq!(
        (r.query.limit, r.query.offset, r.format),
        (MAX_LIMIT, 20, Some(Format::Json))
    );
}

#[test]
fn q_commas_are_or_and_lists_are_in() {
    assert_eq!(
        parse(&[("q", "eau potable")]).expect("q").query.filter,
        Expr::FullText("eau potable".into())
    );
    let r = parse(&[("q", "eau, sol")]).expect("q");
    assert_eq!(
        r.query.filter,
        Expr::Or(vec![
            Expr::FullText("eau".into()),
            Expr::FullText("sol".into())
        ])
    );
    let r = parse(&[("ids", "a,b/c"), ("type", "dataset")]).expect("ids");
    let Expr::And(parts) = r.query.filter else {
        panic!("and")
    };
    assert!(
        matches!(&parts[0], Expr::In { property: Property::Identifier, values } if values.len() == 2)
    );
}

#[test]
fn bbox_datetime_sortby_facets_filter() {
    let r = parse(&[
        ("bbox", "1,43,2,44"),
        ("bbox-crs", "http://www.opengis.net/def/crs/OGC/1.3/CRS84"),
        ("datetime", "2020-01-01/.."),
        ("sortby", " title,-updated"),
        ("facets", "true"),
        ("filter", "title LIKE 'P%'"),
    ])
    .expect("ok");
    assert_eq!(
        r.query.sort[1],
        SortKey {
            field: SortField::Updated,
            descending: true
        }
    );
    assert_eq!(r.query.facets.len(), FacetField::ALL.len());
    assert!(matches!(r.query.filter, Expr::And(ref v) if v.len() == 3));
    let json = r#"{"op":"=","args":[{"property":"type"},"service"]}"#;
    let r = parse(&[("filter", json), ("filter-lang", "cql2-json")]).expect("json");
    assert_eq!(r.query.filter, Expr::eq(Property::Type, "service"));
    let r = parse(&[("title", "Eau")]).expect("queryable parameter");
    assert_eq!(r.query.filter, Expr::eq(Property::Title, "Eau"));
    assert!(parse(&[("bbox", "1,2,0,3,4,0")]).is_ok());
}

#[test]
fn bad_values_name_their_parameter() {
    let cases: &[(&str, &str)] = &[
        ("bbox", "1,2,3"),
        ("bbox", "0,91,1,92"),
        ("bbox-crs", "EPSG:2154"),
        ("datetime", "yesterday"),
        ("datetime", "../.."),
        ("limit", "0"),
        ("limit", "-3"),
        ("offset", "x"),
        ("sortby", "colour"),
        ("facets", "yes"),
        ("filter", "title ="),
        ("filter", "colour = 'red'"),
        ("filter-lang", "cql-text"),
        ("q", " , "),
        ("f", "pdf"),
    ];
    for (name, value) in cases {
        let mut q = vec![(*name, *value)];
        if name.starts_with("filter-") {
            q.push(("filter", "title = 'x'"));
        }
        let err = parse(&q).expect_err(value);
        let want = if *name == "filter-lang" {
            "filter-lang"
        } else {
            name
        };
        assert_eq!(
            locator(&err).as_deref(),
            Some(want),
            "{name}={value}: {err}"
        );
    }
    assert!(matches!(
        parse(&[("colour", "red")]),
        Err(Error::UnknownParameter(_))
    ));
    assert!(matches!(
        parse(&[("limit", "1"), ("limit", "2")]),
        Err(Error::RepeatedParameter(_))
    ));
    assert!(parse(&[("filter-lang", "cql2-text")]).is_err());
    let many = vec!["x"; MAX_LIST + 1].join(",");
    assert_eq!(
        locator(&parse(&[("ids", many.as_str())]).expect_err("too many")).as_deref(),
        Some("ids")
    );
}
