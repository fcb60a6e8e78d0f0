//! Transaction: insert, update (whole and by RecordProperty), delete; admin token only.

use crate::support::{
    CSW_XSD, PUBLICATION_XSD, TOKEN, app, attr, env_with, exception_code, get, post, root, texts,
    validate,
};

const NS: &str =
    r#"xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc""#;

fn fixture() -> String {
    let text = std::fs::read_to_string(
        root().join("tests/data/iso19139/owslib_17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml"),
    )
    .expect("fixture");
    text[text.find("?>").map_or(0, |i| i + 2)..]
        .trim()
        .to_owned()
}

fn total(xml: &str, what: &str) -> String {
    texts(xml, &format!("csw:total{what}"))[0].clone()
}

#[actix_web::test]
async fn insert_update_delete() {
    let env = env_with(Vec::new()).await;
    let app = app(&env).await;
    let insert = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2"><csw:Insert>{}</csw:Insert></csw:Transaction>"#,
        fixture()
    );
    let (status, xml) = post(&app, &insert, None).await;
    assert_eq!(
        (status, exception_code(&xml).as_str()),
        (401, "NoApplicableCode")
    );
    let (status, xml) = post(&app, &insert, Some("wrong")).await;
    assert_eq!(status, 401, "{xml}");

    let (status, xml) = post(&app, &insert, Some(TOKEN)).await;
    assert_eq!(status, 200, "{xml}");
    validate(&xml, PUBLICATION_XSD);
    assert_eq!(total(&xml, "Inserted"), "1");
    assert!(
        xml.contains("17bd184a-7e7d-4f81-95a5-041449a7212b"),
        "InsertResult brief record"
    );

    let update = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2"><csw:Update><csw:RecordProperty><csw:Name>apiso:Title</csw:Name><csw:Value>Température de l'air</csw:Value></csw:RecordProperty><csw:Constraint version="1.1.0"><ogc:Filter><ogc:PropertyIsEqualTo><ogc:PropertyName>apiso:Identifier</ogc:PropertyName><ogc:Literal>17bd184a-7e7d-4f81-95a5-041449a7212b</ogc:Literal></ogc:PropertyIsEqualTo></ogc:Filter></csw:Constraint></csw:Update></csw:Transaction>"#
    );
    let (_, xml) = post(&app, &update, Some(TOKEN)).await;
    validate(&xml, PUBLICATION_XSD);
    assert_eq!(total(&xml, "Updated"), "1");
    let (_, xml) = get(
        &app,
        "service=CSW&version=2.0.2&request=GetRecordById&id=17bd184a-7e7d-4f81-95a5-041449a7212b",
    )
    .await;
    assert_eq!(texts(&xml, "dc:title"), vec!["Température de l'air"]);

    let whole = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2"><csw:Update>{}</csw:Update></csw:Transaction>"#,
        fixture()
    );
    let (_, xml) = post(&app, &whole, Some(TOKEN)).await;
    assert_eq!(total(&xml, "Updated"), "1");
    let (_, xml) = get(
        &app,
        "service=CSW&version=2.0.2&request=GetRecordById&id=17bd184a-7e7d-4f81-95a5-041449a7212b",
    )
    .await;
    validate(&xml, CSW_XSD);
    assert_eq!(texts(&xml, "dc:title"), vec!["Air temperature"]);

    let delete = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2"><csw:Delete><csw:Constraint version="1.1.0"><csw:CqlText>apiso:Identifier = '17bd184a-7e7d-4f81-95a5-041449a7212b'</csw:CqlText></csw:Constraint></csw:Delete></csw:Transaction>"#
    );
    let (_, xml) = post(&app, &delete, Some(TOKEN)).await;
    validate(&xml, PUBLICATION_XSD);
    assert_eq!(total(&xml, "Deleted"), "1");
    let (_, xml) = get(
        &app,
        "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record",
    )
    .await;
    assert_eq!(attr(&xml, "numberOfRecordsMatched"), "0");
}

/// A transaction applies all its actions or none: a failing action after a valid one
/// leaves the catalogue as it was.
#[actix_web::test]
async fn a_failing_action_leaves_nothing_written() {
    let env = env_with(Vec::new()).await;
    let app = app(&env).await;
    let count = async |app| {
        let (_, xml) = get(
            app,
            "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record",
        )
        .await;
        attr(&xml, "numberOfRecordsMatched")
    };
    // Well-formed XML, but not a record: the request parses, the second action fails.
    let not_a_record_second = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2"><csw:Insert>{}</csw:Insert><csw:Insert><x:NotMetadata xmlns:x="urn:example"/></csw:Insert></csw:Transaction>"#,
        fixture()
    );
    let (_, xml) = post(&app, &not_a_record_second, Some(TOKEN)).await;
    assert!(xml.contains("ows:ExceptionReport"), "{xml}");
    assert_eq!(count(&app).await, "0", "the first insert is not kept");

    let insert = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2"><csw:Insert>{}</csw:Insert></csw:Transaction>"#,
        fixture()
    );
    let (_, xml) = post(&app, &insert, Some(TOKEN)).await;
    assert_eq!(total(&xml, "Inserted"), "1", "{xml}");
    let by_id = "<csw:Constraint version=\"1.1.0\"><csw:CqlText>apiso:Identifier = '17bd184a-7e7d-4f81-95a5-041449a7212b'</csw:CqlText></csw:Constraint>";
    let set = |name: &str, value: &str| {
        format!(
            "<csw:Update><csw:RecordProperty><csw:Name>{name}</csw:Name><csw:Value>{value}</csw:Value></csw:RecordProperty>{by_id}</csw:Update>"
        )
    };
    let good_then_bad_update = format!(
        r#"<csw:Transaction {NS} service="CSW" version="2.0.2">{}{}<csw:Delete>{by_id}</csw:Delete></csw:Transaction>"#,
        set("apiso:Title", "Changed"),
        set("apiso:Denominator", "1000"),
    );
    let (_, xml) = post(&app, &good_then_bad_update, Some(TOKEN)).await;
    assert_eq!(exception_code(&xml), "InvalidParameterValue", "{xml}");
    let (_, xml) = get(
        &app,
        "service=CSW&version=2.0.2&request=GetRecordById&id=17bd184a-7e7d-4f81-95a5-041449a7212b",
    )
    .await;
    assert_eq!(
        texts(&xml, "dc:title"),
        vec!["Air temperature"],
        "the first update is not applied"
    );
}
