//! Each operation and error case (OGC 07-006r1 / 07-045 abstract test suites, in spirit).
use crate::support::{
    CSW_XSD, ISO_XSD, app, attr, env, exception_code, get, post, texts, validate,
};

const BASE: &str = "service=CSW&version=2.0.2";
const CSW_NS: &str = r#"xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" xmlns:ogc="http://www.opengis.net/ogc" xmlns:gml="http://www.opengis.net/gml""#;

#[actix_web::test]
async fn capabilities_kvp_and_post_validate() {
    let env = env().await;
    let app = app(&env).await;
    let (status, xml) = get(&app, "service=CSW&request=GetCapabilities").await;
    assert_eq!(status, 200);
    validate(&xml, CSW_XSD);
    assert!(
        xml.contains(r#"xlink:href="http://csw.example.org/csw?""#),
        "public URL"
    );
    assert!(
        xml.contains("inspire_ds:ExtendedCapabilities")
            && xml.contains("<inspire_common:Language>fre</inspire_common:Language>")
    );
    assert!(
        xml.contains("<ows:Value>apiso:TempExtent_begin</ows:Value>")
            && xml.contains("<ows:Value>CQL_TEXT</ows:Value>")
    );
    let body = format!(
        r#"<csw:GetCapabilities {CSW_NS} xmlns:ows="http://www.opengis.net/ows" service="CSW"><ows:AcceptVersions><ows:Version>2.0.2</ows:Version></ows:AcceptVersions><ows:Sections><ows:Section>ServiceProvider</ows:Section></ows:Sections></csw:GetCapabilities>"#
    );
    let (_, xml) = post(&app, &body, None).await;
    validate(&xml, CSW_XSD);
    assert!(xml.contains("ows:ServiceProvider") && !xml.contains("ows:OperationsMetadata"));
    let seq = attr(&xml, "updateSequence");
    let (_, xml) = get(
        &app,
        &format!("service=CSW&request=GetCapabilities&updateSequence={seq}"),
    )
    .await;
    assert_eq!(exception_code(&xml), "CurrentUpdateSequence");
    let (_, xml) = get(
        &app,
        "service=CSW&request=GetCapabilities&acceptVersions=3.0.0",
    )
    .await;
    assert_eq!(exception_code(&xml), "VersionNegotiationFailed");
    validate(&xml, CSW_XSD);
}

#[actix_web::test]
async fn describe_record_validates() {
    let env = env().await;
    let app = app(&env).await;
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=DescribeRecord&typeName=csw:Record,gmd:MD_Metadata"),
    )
    .await;
    validate(&xml, CSW_XSD);
    assert_eq!(xml.matches("<csw:SchemaComponent").count(), 2);
}

#[actix_web::test]
async fn get_records_element_sets_validate() {
    let env = env().await;
    let app = app(&env).await;
    let (_, hits) = get(
        &app,
        &format!("{BASE}&request=GetRecords&typeNames=csw:Record"),
    )
    .await;
    validate(&hits, CSW_XSD);
    let total: u64 = attr(&hits, "numberOfRecordsMatched")
        .parse()
        .expect("number");
    assert!(total >= 20, "{total}");
    assert_eq!(attr(&hits, "numberOfRecordsReturned"), "0");
    for set in ["brief", "summary", "full"] {
        let (_, xml) = get(&app, &format!("{BASE}&request=GetRecords&typeNames=csw:Record&resultType=results&elementSetName={set}&maxRecords=100")).await;
        validate(&xml, CSW_XSD);
        assert_eq!(attr(&xml, "numberOfRecordsReturned"), total.to_string());
        assert_eq!(attr(&xml, "nextRecord"), "0");
        assert_eq!(attr(&xml, "elementSet"), set);
    }
    let (_, xml) = get(&app, &format!("{BASE}&request=GetRecords&typeNames=csw:Record&resultType=results&elementName=dc:title,dc:identifier&maxRecords=3")).await;
    validate(&xml, CSW_XSD);
    assert!(!xml.contains("<dc:type>") && xml.contains("<dc:title>"));
    assert_eq!(attr(&xml, "nextRecord"), "4");
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecords&typeNames=csw:Record&resultType=validate"),
    )
    .await;
    validate(&xml, CSW_XSD);
    assert!(xml.contains("csw:Acknowledgement"));
}

#[actix_web::test]
async fn filters_sort_and_axis_order() {
    let env = env().await;
    let app = app(&env).await;
    let like = format!(
        r#"<csw:GetRecords {CSW_NS} service="CSW" version="2.0.2" resultType="results" maxRecords="50"><csw:Query typeNames="csw:Record"><csw:ElementSetName>brief</csw:ElementSetName><csw:Constraint version="1.1.0"><ogc:Filter><ogc:PropertyIsLike wildCard="*" singleChar="?" escapeChar="\" matchCase="false"><ogc:PropertyName>dc:title</ogc:PropertyName><ogc:Literal>*air temp*</ogc:Literal></ogc:PropertyIsLike></ogc:Filter></csw:Constraint><ogc:SortBy><ogc:SortProperty><ogc:PropertyName>dc:title</ogc:PropertyName><ogc:SortOrder>DESC</ogc:SortOrder></ogc:SortProperty></ogc:SortBy></csw:Query></csw:GetRecords>"#
    );
    let (_, xml) = post(&app, &like, None).await;
    validate(&xml, CSW_XSD);
    assert!(
        texts(&xml, "dc:identifier").contains(&"17bd184a-7e7d-4f81-95a5-041449a7212b".to_owned()),
        "{xml}"
    );
    // The same box in lat/lon (urn) and lon/lat (EPSG:4326) finds the same records.
    let bbox = |srs: &str, lower: &str, upper: &str| {
        format!(
            r#"<csw:GetRecords {CSW_NS} service="CSW" version="2.0.2" resultType="results" maxRecords="100"><csw:Query typeNames="csw:Record"><csw:ElementSetName>brief</csw:ElementSetName><csw:Constraint version="1.1.0"><ogc:Filter><ogc:BBOX><ogc:PropertyName>ows:BoundingBox</ogc:PropertyName><gml:Envelope srsName="{srs}"><gml:lowerCorner>{lower}</gml:lowerCorner><gml:upperCorner>{upper}</gml:upperCorner></gml:Envelope></ogc:BBOX></ogc:Filter></csw:Constraint></csw:Query></csw:GetRecords>"#
        )
    };
    let (_, lat_lon) = post(
        &app,
        &bbox("urn:ogc:def:crs:EPSG::4326", "35 -15", "65 30"),
        None,
    )
    .await;
    let (_, lon_lat) = post(&app, &bbox("EPSG:4326", "-15 35", "30 65"), None).await;
    validate(&lat_lon, CSW_XSD);
    let matched = attr(&lat_lon, "numberOfRecordsMatched");
    assert_ne!(matched, "0");
    assert_eq!(matched, attr(&lon_lat, "numberOfRecordsMatched"));
    assert_eq!(
        texts(&lat_lon, "dc:identifier"),
        texts(&lon_lat, "dc:identifier")
    );
    let (_, cql) = get(&app, &format!("{BASE}&request=GetRecords&typeNames=csw:Record&resultType=results&constraintLanguage=CQL_TEXT&constraint=BBOX(ows:BoundingBox,-15,35,30,65)&maxRecords=100&elementSetName=brief")).await;
    assert_eq!(attr(&cql, "numberOfRecordsMatched"), matched);
    // Without SortBy, in the order the records were loaded (the fixtures' order, a
    // record loaded twice keeping its first place).
    let (_, xml) = get(&app, &format!("{BASE}&request=GetRecords&typeNames=csw:Record&resultType=results&elementSetName=brief&maxRecords=100")).await;
    // A record may carry two dc:identifier (its own and its resource's): first ones only.
    let mut ids: Vec<String> = texts(&xml, "dc:identifier");
    ids.dedup();
    let mut loaded: Vec<String> = Vec::new();
    for record in crate::support::fixtures() {
        if let Some(id) = record.record.id.map(|i| i.as_str().to_owned())
            && !loaded.contains(&id)
        {
            loaded.push(id);
        }
    }
    let known: Vec<&String> = ids.iter().filter(|id| loaded.contains(id)).collect();
    let expected: Vec<&String> = loaded.iter().filter(|id| ids.contains(id)).collect();
    assert!(known.len() > 5, "{ids:?}");
    assert_eq!(known, expected);
    let (_, xml) = get(&app, &format!("{BASE}&request=GetRecords&typeNames=csw:Record&constraintLanguage=CQL_TEXT&constraint=apiso:NoSuchThing%20=%20'x'")).await;
    assert_eq!(exception_code(&xml), "InvalidParameterValue");
    assert!(xml.contains("unknown queryable"));
    assert_eq!(attr(&xml, "locator"), "Constraint");
}

#[actix_web::test]
async fn get_record_by_id_both_schemas() {
    let env = env().await;
    let app = app(&env).await;
    let ids = "17bd184a-7e7d-4f81-95a5-041449a7212b,2345-aa002-ade456,does-not-exist";
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecordById&id={ids}&elementSetName=full"),
    )
    .await;
    validate(&xml, CSW_XSD);
    assert_eq!(xml.matches("<csw:Record ").count(), 2);
    let (_, xml) = get(
        &app,
        &format!(
            "{BASE}&request=GetRecordById&id={ids}&outputSchema=http://www.isotc211.org/2005/gmd"
        ),
    )
    .await;
    validate(&xml, ISO_XSD);
    assert_eq!(xml.matches("MD_Metadata ").count(), 2, "{xml}");
    assert!(
        xml.contains("Air temperature"),
        "original embedded verbatim"
    );
    let (_, xml) = get(&app, &format!("{BASE}&request=GetRecordById")).await;
    assert_eq!(exception_code(&xml), "MissingParameterValue");
}

#[actix_web::test]
async fn get_domain_parameters_and_properties() {
    let env = env().await;
    let app = app(&env).await;
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=GetDomain&parameterName=GetRecords.resultType"),
    )
    .await;
    validate(&xml, CSW_XSD);
    assert_eq!(
        texts(&xml, "csw:Value"),
        vec!["hits", "results", "validate"]
    );
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=GetDomain&propertyName=dc:type"),
    )
    .await;
    validate(&xml, CSW_XSD);
    assert!(
        xml.contains(">dataset</csw:Value>") && xml.contains(">service</csw:Value>"),
        "{xml}"
    );
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=GetDomain&parameterName=GetRecords.foo"),
    )
    .await;
    assert_eq!(exception_code(&xml), "InvalidParameterValue");
}

#[actix_web::test]
async fn exceptions_validate_with_codes() {
    let env = env().await;
    let app = app(&env).await;
    let cases = [
        ("", "MissingParameterValue"),
        ("request=GetCapabilities", "MissingParameterValue"),
        (
            "service=CSW&version=2.0.2&request=Explode",
            "InvalidParameterValue",
        ),
        (
            "service=CSW&version=1.0.0&request=GetRecords&typeNames=csw:Record",
            "InvalidParameterValue",
        ),
        (
            "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&outputSchema=urn:nope",
            "InvalidParameterValue",
        ),
        (
            "service=CSW&version=2.0.2&request=GetRecords&typeNames=csw:Record&constraintLanguage=FILTER&constraint=%3Cogc:Filter",
            "InvalidParameterValue",
        ),
    ];
    for (q, code) in cases {
        let (status, xml) = get(&app, q).await;
        // OWS Common 1.1 §8.6: every one of these is the client's error.
        assert_eq!(status, 400, "{q}");
        assert_eq!(exception_code(&xml), code, "{q}");
        validate(&xml, CSW_XSD);
    }
    let (status, xml) = post(
        &app,
        "<?xml version=\"1.0\"?><!DOCTYPE r [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><r>&x;</r>",
        None,
    )
    .await;
    assert_eq!(
        (status, exception_code(&xml).as_str()),
        (400, "InvalidParameterValue")
    );
    assert!(!xml.contains("root:"));
}
