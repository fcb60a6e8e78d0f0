//! Temporal extents as ISO 19139 writes them with GML 3.2 instants
//! (`gml:begin/gml:TimeInstant/gml:timePosition`) are found by `datetime`.

use crate::support::{ids, json, state_with};

/// A minimal ISO 19139 record whose extent runs from 1990 to 1999, each bound written as
/// a GML 3.2 `TimeInstant` (with the `-00:00` offset some catalogues write).
fn nineties(id: &str, begin: &str, end: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<gmd:MD_Metadata xmlns:gmd="http://www.isotc211.org/2005/gmd" xmlns:gco="http://www.isotc211.org/2005/gco" xmlns:gml="http://www.opengis.net/gml/3.2">
  <gmd:fileIdentifier><gco:CharacterString>{id}</gco:CharacterString></gmd:fileIdentifier>
  <gmd:identificationInfo><gmd:MD_DataIdentification>
    <gmd:citation><gmd:CI_Citation><gmd:title><gco:CharacterString>Relevés des années 1990</gco:CharacterString></gmd:title></gmd:CI_Citation></gmd:citation>
    <gmd:abstract><gco:CharacterString>Relevés</gco:CharacterString></gmd:abstract>
    <gmd:extent><gmd:EX_Extent><gmd:temporalElement><gmd:EX_TemporalExtent><gmd:extent>
      <gml:TimePeriod gml:id="tp1">
        <gml:begin><gml:TimeInstant gml:id="ti1"><gml:timePosition>{begin}</gml:timePosition></gml:TimeInstant></gml:begin>
        <gml:end><gml:TimeInstant gml:id="ti2"><gml:timePosition>{end}</gml:timePosition></gml:TimeInstant></gml:end>
      </gml:TimePeriod>
    </gmd:extent></gmd:EX_TemporalExtent></gmd:temporalElement></gmd:EX_Extent></gmd:extent>
  </gmd:MD_DataIdentification></gmd:identificationInfo>
</gmd:MD_Metadata>"#
    )
}

fn record(xml: &str) -> moisson_model::Record {
    let mut parsed = moisson_iso::read(xml.as_bytes()).expect("a readable record");
    parsed.remove(0).record
}

#[actix_web::test]
async fn gml32_begin_and_end_instants_are_found_by_datetime() {
    let (_d, s) = state_with(vec![
        record(&nineties("nineties-dates", "1990", "1999-12-31")),
        record(&nineties(
            "nineties-stamps",
            "1990-01-01T00:00:00-00:00",
            "1999-12-31T00:00:00-00:00",
        )),
        record(&nineties("two-thousands", "2001-01-01", "2009-12-31")),
    ])
    .await;
    let items = "/ogcapi/collections/main/items";
    let found = ids(&json(
        &s,
        &format!("{items}?datetime=1990-01-01T00:00:00Z/1999-12-31T23:59:59Z"),
        200,
    )
    .await);
    assert_eq!(found, ["nineties-dates", "nineties-stamps"]);
    let one = json(&s, &format!("{items}/nineties-stamps"), 200).await;
    assert_eq!(
        one["time"]["interval"],
        serde_json::json!(["1990-01-01T00:00:00Z", "1999-12-31T00:00:00Z"])
    );
    let inside = ids(&json(&s, &format!("{items}?datetime=1995-06-01"), 200).await);
    assert_eq!(inside, ["nineties-dates", "nineties-stamps"]);
}
