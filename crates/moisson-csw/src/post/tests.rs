//! Unit tests of the XML request reader.

use moisson_model::{Property, SortField};

use super::*;

/// data.gouv.fr's harvester request, as it sends it.
pub const DATA_GOUV: &str = include_str!("../../tests/requests/data_gouv_getrecords.xml");

#[test]
fn data_gouv_fr_request() {
    let Ok(Request::GetRecords(g)) = parse(DATA_GOUV) else {
        panic!("not parsed")
    };
    assert_eq!(
        (g.result_type, g.max_records, g.output_schema),
        (ResultType::Results, 25, OutputSchema::Gmd)
    );
    assert_eq!(g.type_names, vec![TypeName::MdMetadata]);
    assert_eq!(g.elements, Elements::Set(ElementSet::Full));
    assert!(matches!(&g.filter, Expr::Or(v) if v.len() == 4));
    assert_eq!(g.sort.len(), 1);
    assert_eq!(g.sort[0].field, SortField::Identifier);
}

#[test]
fn transaction_records_keep_ancestor_namespaces() {
    let text = r#"<csw:Transaction xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:ogc="http://www.opengis.net/ogc" service="CSW" version="2.0.2">
      <csw:Insert><gmd:MD_Metadata><gmd:fileIdentifier/></gmd:MD_Metadata></csw:Insert>
      <csw:Update><csw:RecordProperty><csw:Name>apiso:Title</csw:Name><csw:Value>New</csw:Value></csw:RecordProperty>
        <csw:Constraint version="1.1.0"><csw:CqlText>apiso:Identifier = 'x'</csw:CqlText></csw:Constraint></csw:Update>
      <csw:Delete><csw:Constraint version="1.1.0"><ogc:Filter><ogc:FeatureId fid="y"/></ogc:Filter></csw:Constraint></csw:Delete>
    </csw:Transaction>"#;
    let Ok(Request::Transaction(t)) = parse(text) else {
        panic!("not parsed")
    };
    let Action::Insert(records) = &t.actions[0] else {
        panic!("no insert")
    };
    assert!(
        records[0].starts_with("<gmd:MD_Metadata xmlns:"),
        "{}",
        records[0]
    );
    assert!(
        records[0].contains(r#" xmlns:gmd="http://www.isotc211.org/2005/gmd""#),
        "{}",
        records[0]
    );
    assert!(
        matches!(&t.actions[1], Action::UpdateProperties { properties, filter: Expr::Compare { property: Property::Identifier, .. } } if properties[0].1 == "New")
    );
    assert!(matches!(&t.actions[2], Action::Delete(Expr::In { .. })));
}

#[test]
fn other_operations_and_errors() {
    let csw = r#"xmlns:csw="http://www.opengis.net/cat/csw/2.0.2""#;
    let gc = format!(
        r#"<csw:GetCapabilities {csw} xmlns:ows="http://www.opengis.net/ows" service="CSW"><ows:AcceptVersions><ows:Version>3.0.0</ows:Version></ows:AcceptVersions></csw:GetCapabilities>"#
    );
    assert_eq!(
        parse(&gc).expect_err("negotiation").exception_code().0,
        "VersionNegotiationFailed"
    );
    let by_id = format!(
        r#"<csw:GetRecordById {csw} service="CSW" version="2.0.2" outputSchema="http://www.isotc211.org/2005/gmd"><csw:Id>a</csw:Id><csw:Id>b</csw:Id><csw:ElementSetName>full</csw:ElementSetName></csw:GetRecordById>"#
    );
    assert!(
        matches!(parse(&by_id), Ok(Request::GetRecordById(r)) if r.ids.len() == 2 && r.output_schema == OutputSchema::Gmd)
    );
    let no_version = format!(r#"<csw:GetRecords {csw} service="CSW"/>"#);
    assert_eq!(
        parse(&no_version).expect_err("version").exception_code(),
        ("MissingParameterValue", Some("version".to_owned()))
    );
    assert_eq!(
        parse("<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]><x>&e;</x>")
            .expect_err("dtd")
            .exception_code()
            .0,
        "InvalidParameterValue"
    );
    assert_eq!(
        parse("<foo/>").expect_err("foo").exception_code().0,
        "OperationNotSupported"
    );
}
