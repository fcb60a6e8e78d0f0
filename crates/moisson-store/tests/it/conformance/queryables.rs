//! ISO AP 1.0 / INSPIRE queryables read from the stored document: three records that
//! differ in each, and which ids every filter selects.

use std::sync::Arc;

use moisson_model::{
    Anchored, CmpOp, ConformityReport, Constraint, ConstraintKind, Contact, Expr, GeographicExtent,
    KeywordGroup, Operation, Property, Resolution, SearchQuery, ServiceInfo, Value,
};
use moisson_store::{Error, NewRecord, Store};

use super::{admin, ids_matching, put_all};
use crate::builder::rec;

const NO_LIMITATION: &str =
    "http://inspire.ec.europa.eu/metadata-codelist/LimitationsOnPublicAccess/noLimitations";

fn text(v: &str) -> Value {
    Value::Text(v.to_owned())
}

fn cmp(property: Property, op: CmpOp, value: Value) -> Expr {
    Expr::Compare {
        property,
        op,
        value,
    }
}

fn like(property: Property, pattern: &str) -> Expr {
    Expr::Like {
        property,
        pattern: pattern.to_owned(),
        case_insensitive: true,
    }
}

fn legal(access: &[&str], uses: &[&str], others: &[Anchored]) -> Constraint {
    Constraint {
        kind: ConstraintKind::Legal,
        access_constraints: access.iter().map(|s| (*s).to_owned()).collect(),
        use_constraints: uses.iter().map(|s| (*s).to_owned()).collect(),
        other_constraints: others.to_vec(),
        ..Constraint::default()
    }
}

fn conformity(title: &str, date: Option<(&str, &str)>, pass: Option<bool>) -> ConformityReport {
    ConformityReport {
        specification: Anchored::text(title),
        date: date.map(|(d, _)| d.to_owned()),
        date_kind: date.map(|(_, k)| k.to_owned()),
        pass,
        ..ConformityReport::default()
    }
}

fn keyword_group(kind: &str) -> KeywordGroup {
    KeywordGroup {
        kind: Some(kind.to_owned()),
        keywords: vec![Anchored::text("eau")],
        ..KeywordGroup::default()
    }
}

fn contact(role: &str) -> Contact {
    Contact {
        role: Some(role.to_owned()),
        ..Contact::default()
    }
}

/// `a`: an INSPIRE dataset; `b`: a view service; `c`: a dataset with unknown conformity.
fn records() -> Vec<NewRecord> {
    let mut a = rec("a").kind("dataset").build();
    let r = &mut a.record;
    r.keywords.push(keyword_group("theme"));
    r.contacts.push(contact("owner"));
    r.spatial_resolutions
        .push(Resolution::ScaleDenominator(25_000));
    r.extents.push(GeographicExtent {
        bbox: None,
        description: Some("FR-75".to_owned()),
    });
    let public = Anchored::with_uri(
        "Pas de restriction d'accès public",
        Some(NO_LIMITATION.to_owned()),
    );
    r.constraints
        .push(legal(&["otherRestrictions"], &[], &[public]));
    r.constraints.push(legal(
        &[],
        &["otherRestrictions"],
        &[Anchored::text("Licence Ouverte")],
    ));
    r.lineage = Some("Numérisé depuis les cartes au 1:25 000".to_owned());
    r.conformity.push(conformity(
        "Règlement (UE) n° 1089/2010",
        Some(("2010-12-08", "publication")),
        Some(true),
    ));

    let mut b = rec("b").kind("service").build();
    let r = &mut b.record;
    r.contacts.push(contact("pointOfContact"));
    r.spatial_resolutions.push(Resolution::Distance {
        value: 10.0,
        uom: Some("m".to_owned()),
    });
    r.constraints.push(Constraint {
        kind: ConstraintKind::Security,
        classification: Some("restricted".to_owned()),
        use_limitations: vec![Anchored::text("Usage interne")],
        ..Constraint::default()
    });
    r.conformity.push(conformity(
        "Spec B",
        Some(("2008-12-04", "creation")),
        Some(false),
    ));
    r.service = Some(ServiceInfo {
        service_type: Some("view".to_owned()),
        service_type_versions: vec!["1.3.0".to_owned()],
        coupling_type: Some("tight".to_owned()),
        operations: vec![Operation {
            name: "GetMap".to_owned(),
            ..Operation::default()
        }],
        ..ServiceInfo::default()
    });

    let mut c = rec("c").kind("dataset").build();
    let r = &mut c.record;
    r.keywords.push(keyword_group("place"));
    r.spatial_resolutions.push(Resolution::Distance {
        value: 0.5,
        uom: Some("km".to_owned()),
    });
    r.conformity.push(conformity("Spec C", None, None));
    vec![a, b, c]
}

async fn check(store: &Arc<dyn Store>, filter: Expr, expected: &[&str]) {
    let why = format!("{filter:?}");
    assert_eq!(ids_matching(store, filter).await, expected, "{why}");
}

pub async fn inspire_queryables(store: Arc<dyn Store>) {
    put_all(&store, records()).await;
    let s = &store;

    check(s, Expr::eq(Property::KeywordType, "theme"), &["a"]).await;
    check(s, Expr::eq(Property::KeywordType, "place"), &["c"]).await;
    check(s, Expr::IsNull(Property::KeywordType), &["b"]).await;

    check(s, Expr::eq(Property::ServiceTypeVersion, "1.3.0"), &["b"]).await;
    check(s, Expr::eq(Property::OperatesOnName, "GetMap"), &["b"]).await;
    check(s, like(Property::OperatesOnName, "get%"), &["b"]).await;
    check(s, Expr::eq(Property::CouplingType, "tight"), &["b"]).await;
    check(s, Expr::IsNull(Property::CouplingType), &["a", "c"]).await;

    let secured = |v| Expr::Compare {
        property: Property::HasSecurityConstraints,
        op: CmpOp::Eq,
        value: v,
    };
    check(s, secured(Value::Bool(true)), &["b"]).await;
    check(s, secured(text("FALSE")), &["a", "c"]).await;
    check(s, secured(Value::Number(1.0)), &["b"]).await;

    resolutions(s).await;

    check(
        s,
        Expr::eq(Property::GeographicDescriptionCode, "FR-75"),
        &["a"],
    )
    .await;
    check(s, like(Property::GeographicDescriptionCode, "fr%"), &["a"]).await;

    check(s, Expr::eq(Property::Degree, "true"), &["a"]).await;
    check(
        s,
        cmp(Property::Degree, CmpOp::Eq, Value::Bool(false)),
        &["b"],
    )
    .await;
    check(s, Expr::eq(Property::Degree, "Unknown"), &["c"]).await;
    check(
        s,
        cmp(Property::Degree, CmpOp::Ne, Value::Bool(true)),
        &["b", "c"],
    )
    .await;

    constraints(s).await;

    check(s, like(Property::Lineage, "%1:25 000%"), &["a"]).await;
    check(s, like(Property::Lineage, "numerise%"), &["a"]).await;
    check(s, Expr::IsNull(Property::Lineage), &["b", "c"]).await;

    check(s, Expr::eq(Property::ResponsiblePartyRole, "owner"), &["a"]).await;
    check(
        s,
        Expr::eq(Property::ResponsiblePartyRole, "pointOfContact"),
        &["b"],
    )
    .await;

    specifications(s).await;
}

async fn resolutions(s: &Arc<dyn Store>) {
    check(s, Expr::eq(Property::Denominator, "25000"), &["a"]).await;
    check(
        s,
        cmp(Property::Denominator, CmpOp::Gt, Value::Number(10_000.0)),
        &["a"],
    )
    .await;
    check(s, cmp(Property::Denominator, CmpOp::Lt, text("10000")), &[]).await;
    let between = Expr::Between {
        property: Property::Denominator,
        low: text("1000"),
        high: text("30000"),
    };
    check(s, between, &["a"]).await;
    let one_of = Expr::In {
        property: Property::Denominator,
        values: vec![text("25000"), Value::Number(50_000.0)],
    };
    check(s, one_of, &["a"]).await;
    check(
        s,
        cmp(Property::DistanceValue, CmpOp::Le, text("10")),
        &["b", "c"],
    )
    .await;
    check(s, Expr::eq(Property::DistanceValue, "10"), &["b"]).await;
    check(s, Expr::eq(Property::DistanceUom, "m"), &["b"]).await;
    check(s, Expr::IsNull(Property::Denominator), &["b", "c"]).await;

    let q = SearchQuery {
        filter: Expr::eq(Property::Denominator, "large"),
        ..SearchQuery::default()
    };
    assert!(
        matches!(
            s.search(&q, &admin()).await,
            Err(Error::UnsupportedQuery(_))
        ),
        "a denominator that is not a number is refused"
    );
}

async fn constraints(s: &Arc<dyn Store>) {
    check(
        s,
        Expr::eq(Property::AccessConstraints, "otherRestrictions"),
        &["a"],
    )
    .await;
    check(
        s,
        like(Property::OtherConstraints, "%acces public%"),
        &["a"],
    )
    .await;
    check(
        s,
        Expr::eq(Property::OtherConstraints, NO_LIMITATION),
        &["a"],
    )
    .await;
    check(s, Expr::eq(Property::Classification, "restricted"), &["b"]).await;
    let condition = |v: &str| Expr::eq(Property::ConditionApplyingToAccessAndUse, v);
    check(s, condition("Usage interne"), &["b"]).await;
    check(s, condition("Licence Ouverte"), &["a"]).await;
    // An access restriction is not a condition of use.
    check(s, condition("Pas de restriction d'accès public"), &[]).await;
}

async fn specifications(s: &Arc<dyn Store>) {
    check(s, like(Property::SpecificationTitle, "%1089/2010%"), &["a"]).await;
    check(s, Expr::eq(Property::SpecificationTitle, "Spec B"), &["b"]).await;
    check(s, Expr::eq(Property::SpecificationDate, "2010"), &["a"]).await;
    check(
        s,
        cmp(Property::SpecificationDate, CmpOp::Ge, text("2009-01-01")),
        &["a"],
    )
    .await;
    check(
        s,
        cmp(
            Property::SpecificationDate,
            CmpOp::Lt,
            text("2010-01-01T00:00:00Z"),
        ),
        &["b"],
    )
    .await;
    check(
        s,
        Expr::eq(Property::SpecificationDateType, "creation"),
        &["b"],
    )
    .await;
}
