//! GetDomain of queryables beyond the store's facets: values walked from the records the
//! caller may see, with their counts; free texts and unknown names refused.

use moisson_csw::Request;
use moisson_csw::request::GetDomain;
use moisson_filter::queryables::{APISO, CORE};
use moisson_model::{
    Anchored, ConformityReport, Constraint, ConstraintKind, Contact, HierarchyLevel, KeywordGroup,
    Membership, OperatesOn, Operation, Principal, Record, RecordId, Resolution, ResourceDate,
    ResourceIdentifier, Role, ServiceInfo, Viewer, Visibility, WorkflowStatus,
};
use moisson_store::NewRecord;

use crate::support::{
    CSW_XSD, Env, TOKEN, app, attr, env, env_with, exception_code, get, post, validate,
};

const BASE: &str = "service=CSW&version=2.0.2&request=GetDomain";

fn contact(organisation: &str, role: &str) -> Contact {
    Contact {
        organisation: Some(organisation.to_owned()),
        role: Some(role.to_owned()),
        ..Contact::default()
    }
}

fn legal(access: &[&str]) -> Constraint {
    Constraint {
        kind: ConstraintKind::Legal,
        access_constraints: access.iter().map(|&a| a.to_owned()).collect(),
        ..Constraint::default()
    }
}

fn record(id: &str, organisation: &str, role: &str, denominator: u64) -> Record {
    Record {
        id: Some(RecordId::parse(id).expect("id")),
        title: format!("Record {id}"),
        contacts: vec![contact(organisation, role)],
        spatial_resolutions: vec![Resolution::ScaleDenominator(denominator)],
        ..Record::default()
    }
}

fn service(id: &str, organisation: &str, service_type: &str, denominator: u64) -> Record {
    Record {
        hierarchy_level: HierarchyLevel::Service,
        service: Some(ServiceInfo {
            service_type: Some(service_type.to_owned()),
            ..ServiceInfo::default()
        }),
        ..record(id, organisation, "custodian", denominator)
    }
}

/// A public dataset, a public service, a restricted service of `secret-org` and a
/// public draft of `org-d`.
fn records() -> Vec<NewRecord> {
    let mut a = record("rec-a", "Org A", "pointOfContact", 25_000);
    a.parent_id = Some("series-1".to_owned());
    a.metadata.language = Some("fre".to_owned());
    a.resource_languages = vec!["fre".to_owned(), "eng".to_owned()];
    a.keywords = vec![KeywordGroup {
        kind: Some("theme".to_owned()),
        keywords: vec![Anchored::text("roads")],
        ..KeywordGroup::default()
    }];
    a.constraints = vec![legal(&["otherRestrictions"])];
    a.conformity = vec![ConformityReport {
        specification: Anchored::text("Regulation 1089/2010"),
        date: Some("2010-12-08".to_owned()),
        date_kind: Some("publication".to_owned()),
        pass: Some(true),
        ..ConformityReport::default()
    }];
    a.reference_systems = vec![ResourceIdentifier {
        code: "EPSG:2154".to_owned(),
        ..ResourceIdentifier::default()
    }];
    for date in ["2020-01-01", "2021-01-01"] {
        a.dates.push(ResourceDate {
            kind: "revision".to_owned(),
            date: date.to_owned(),
        });
    }
    let mut b = service("rec-b", "Org B", "view", 5_000);
    let info = b.service.as_mut().expect("service");
    info.coupling_type = Some("tight".to_owned());
    info.service_type_versions = vec!["1.3.0".to_owned()];
    info.operates_on = vec![OperatesOn {
        uuidref: Some("rec-a".to_owned()),
        href: None,
    }];
    info.operations = vec![Operation {
        name: "GetMap".to_owned(),
        ..Operation::default()
    }];
    b.constraints = vec![legal(&["otherRestrictions", "copyright"])];
    let mut c = service("rec-c", "Secret Org", "download", 100_000);
    c.catalogue.owner_org = Some("secret-org".to_owned());
    c.catalogue.visibility = Visibility::Restricted;
    let mut d = record("rec-d", "Draft Org", "owner", 1_000);
    d.catalogue.owner_org = Some("org-d".to_owned());
    d.catalogue.status = WorkflowStatus::Draft;
    [a, b, c, d]
        .into_iter()
        .map(|record| NewRecord {
            record,
            original: None,
        })
        .collect()
}

/// The `(value, count)` pairs of a GetDomain response, in order.
fn values(xml: &str) -> Vec<(String, u64)> {
    xml.split("<csw:Value count=\"")
        .skip(1)
        .map(|rest| {
            let (count, rest) = rest.split_once("\">").expect("count");
            let value = rest.split_once("</csw:Value>").expect("closed").0;
            (value.to_owned(), count.parse().expect("a count"))
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|&(v, n)| (v.to_owned(), n)).collect()
}

fn body(property: &str) -> String {
    format!(
        r#"<csw:GetDomain xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" service="CSW" version="2.0.2"><csw:PropertyName>{property}</csw:PropertyName></csw:GetDomain>"#
    )
}

/// The values a member with `role` in `unit` sees (through `execute`).
async fn member_values(env: &Env, unit: &str, role: Role, property: &str) -> Vec<(String, u64)> {
    let viewer = Viewer::Member(Principal {
        subject: format!("user:{unit}-{}", role.as_str()),
        memberships: vec![Membership {
            unit: unit.to_owned(),
            role,
        }],
        superadmin: false,
    });
    let request = Request::GetDomain(GetDomain::Property(property.to_owned()));
    let xml = moisson_csw::execute(&env.state, request, &viewer)
        .await
        .expect("GetDomain answers");
    values(&xml)
}

#[actix_web::test]
async fn walked_properties_answer_over_kvp_and_post() {
    let env = env_with(records()).await;
    let app = app(&env).await;
    let cases: &[(&str, &[(&str, u64)])] = &[
        ("apiso:OrganisationName", &[("Org A", 1), ("Org B", 1)]),
        ("dc:creator", &[("Org A", 1), ("Org B", 1)]),
        ("apiso:ServiceType", &[("view", 1)]),
        ("apiso:ServiceTypeVersion", &[("1.3.0", 1)]),
        ("apiso:CouplingType", &[("tight", 1)]),
        ("apiso:OperatesOn", &[("rec-a", 1)]),
        ("apiso:OperatesOnName", &[("GetMap", 1)]),
        ("apiso:KeywordType", &[("theme", 1)]),
        ("apiso:Denominator", &[("5000", 1), ("25000", 1)]),
        (
            "apiso:AccessConstraints",
            &[("copyright", 1), ("otherRestrictions", 2)],
        ),
        (
            "apiso:ResponsiblePartyRole",
            &[("custodian", 1), ("pointOfContact", 1)],
        ),
        ("apiso:SpecificationTitle", &[("Regulation 1089/2010", 1)]),
        ("apiso:SpecificationDate", &[("2010-12-08", 1)]),
        ("apiso:SpecificationDateType", &[("publication", 1)]),
        ("apiso:Degree", &[("true", 1)]),
        ("apiso:HasSecurityConstraints", &[("false", 2)]),
        ("apiso:ParentIdentifier", &[("series-1", 1)]),
        ("apiso:Identifier", &[("rec-a", 1), ("rec-b", 1)]),
        ("apiso:CRS", &[("EPSG:2154", 1)]),
        ("apiso:Language", &[("fre", 1)]),
        ("apiso:ResourceLanguage", &[("eng", 1), ("fre", 1)]),
        // The stores index the latest date of each kind only.
        ("apiso:RevisionDate", &[("2021-01-01", 1)]),
        ("dc:title", &[("Record rec-a", 1), ("Record rec-b", 1)]),
        ("apiso:Classification", &[]),
    ];
    for &(property, expected) in cases {
        let (status, xml) = get(&app, &format!("{BASE}&propertyName={property}")).await;
        assert_eq!(status, 200, "{property}: {xml}");
        validate(&xml, CSW_XSD);
        assert_eq!(values(&xml), pairs(expected), "{property} (KVP)");
        let (status, xml) = post(&app, &body(property), None).await;
        assert_eq!(status, 200, "{property}: {xml}");
        assert_eq!(values(&xml), pairs(expected), "{property} (POST)");
    }
    // The facet-backed properties keep their path.
    let (_, xml) = get(&app, &format!("{BASE}&propertyName=dc:subject")).await;
    assert_eq!(values(&xml), pairs(&[("roads", 1)]));
}

#[actix_web::test]
async fn hidden_records_give_no_values() {
    let env = env_with(records()).await;
    let app = app(&env).await;
    let property = "apiso:OrganisationName";
    let (_, xml) = post(&app, &body(property), None).await;
    assert_eq!(values(&xml), pairs(&[("Org A", 1), ("Org B", 1)]));
    let (_, xml) = post(&app, &body(property), Some(TOKEN)).await;
    validate(&xml, CSW_XSD);
    let everything = [
        ("Draft Org", 1),
        ("Org A", 1),
        ("Org B", 1),
        ("Secret Org", 1),
    ];
    assert_eq!(values(&xml), pairs(&everything));
    let (_, xml) = post(&app, &body("apiso:Denominator"), Some(TOKEN)).await;
    let numbers = [("1000", 1), ("5000", 1), ("25000", 1), ("100000", 1)];
    assert_eq!(values(&xml), pairs(&numbers));

    // A reader of the owner sees the restricted record, not another unit's draft.
    let visible = [("Org A", 1), ("Org B", 1), ("Secret Org", 1)];
    let got = member_values(&env, "secret-org", Role::Reader, property).await;
    assert_eq!(got, pairs(&visible));
    let got = member_values(&env, "secret-org", Role::Reader, "apiso:ServiceType").await;
    assert_eq!(got, pairs(&[("download", 1), ("view", 1)]));
    // The draft shows to its organisation's editors only.
    let got = member_values(&env, "org-d", Role::Reader, property).await;
    assert_eq!(got, pairs(&[("Org A", 1), ("Org B", 1)]));
    let got = member_values(&env, "org-d", Role::Editor, property).await;
    assert_eq!(got, pairs(&[("Draft Org", 1), ("Org A", 1), ("Org B", 1)]));
}

#[actix_web::test]
async fn free_texts_and_unknown_names_are_refused() {
    let env = env_with(records()).await;
    let app = app(&env).await;
    for property in [
        "apiso:Abstract",
        "csw:AnyText",
        "foo:bar",
        "ows:BoundingBox",
    ] {
        let (status, xml) = get(&app, &format!("{BASE}&propertyName={property}")).await;
        assert_eq!(status, 400, "{property}");
        validate(&xml, CSW_XSD);
        assert_eq!(exception_code(&xml), "InvalidParameterValue", "{property}");
        assert_eq!(attr(&xml, "locator"), "PropertyName", "{property}");
        let (_, xml) = post(&app, &body(property), None).await;
        assert_eq!(attr(&xml, "locator"), "PropertyName", "{property}");
    }
}

#[actix_web::test]
async fn every_advertised_queryable_answers_on_the_fixtures() {
    let env = env().await;
    let app = app(&env).await;
    let refused = [
        "dct:abstract",
        "apiso:Abstract",
        "csw:AnyText",
        "apiso:AnyText",
    ];
    for &property in CORE.iter().chain(APISO) {
        let (status, xml) = get(&app, &format!("{BASE}&propertyName={property}")).await;
        validate(&xml, CSW_XSD);
        let is_box = property.ends_with("BoundingBox");
        if refused.contains(&property) || is_box {
            assert_eq!(status, 400, "{property}");
            assert_eq!(exception_code(&xml), "InvalidParameterValue", "{property}");
        } else {
            assert_eq!(status, 200, "{property}");
            assert!(xml.contains("csw:GetDomainResponse"), "{property}: {xml}");
        }
    }
    let (_, xml) = get(&app, &format!("{BASE}&propertyName=apiso:OrganisationName")).await;
    assert!(!values(&xml).is_empty(), "{xml}");
}

#[actix_web::test]
async fn the_walk_pages_through_every_visible_record() {
    // Two full pages of the walk, and the empty one that ends it.
    let many = (0..1000)
        .map(|n| {
            let mut r = record(&format!("rec-{n:04}"), "Org", "owner", 1_000);
            r.metadata.language = Some(if n % 2 == 0 { "fre" } else { "eng" }.to_owned());
            NewRecord {
                record: r,
                original: None,
            }
        })
        .collect();
    let env = env_with(many).await;
    let app = app(&env).await;
    let (_, xml) = get(&app, &format!("{BASE}&propertyName=apiso:Language")).await;
    assert_eq!(values(&xml), pairs(&[("eng", 500), ("fre", 500)]));
    let (_, xml) = get(&app, &format!("{BASE}&propertyName=apiso:Identifier")).await;
    assert_eq!(values(&xml).len(), 1000);
}
