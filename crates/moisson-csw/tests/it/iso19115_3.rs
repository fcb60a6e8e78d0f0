//! outputSchema=http://standards.iso.org/iso/19115/-3/mdb/2.0: a record read from ISO
//! 19115-3 comes back as its original document, byte for byte; any other record is
//! written from the model; the schema is advertised in the capabilities.

use moisson_model::OriginalDocument;
use moisson_store::NewRecord;

use crate::support::{app, env_with, fixtures, get, root};

const BASE: &str = "service=CSW&version=2.0.2";
const MDB: &str = "http://standards.iso.org/iso/19115/-3/mdb/2.0";
const DATASET: &str = "moisson-19115-3-dataset-0001";
/// An ISO 19139 fixture.
const ISO19139_ID: &str = "17bd184a-7e7d-4f81-95a5-041449a7212b";

fn sample(name: &str) -> (NewRecord, OriginalDocument) {
    let bytes = std::fs::read(root().join("tests/data/iso19115-3").join(name)).expect("sample");
    let parsed = moisson_iso::read(&bytes).expect("reads").remove(0);
    let original = parsed.original.clone().expect("original");
    let record = NewRecord {
        record: parsed.record,
        original: parsed.original,
    };
    (record, original)
}

/// The one `mdb:MD_Metadata` element of a response, read back as a record.
fn read_mdb(xml: &str) -> moisson_model::Record {
    let start = xml.find("<mdb:MD_Metadata").expect("an mdb:MD_Metadata");
    let end = xml.rfind("</mdb:MD_Metadata>").expect("closed") + "</mdb:MD_Metadata>".len();
    let mut parsed = moisson_iso::read(&xml.as_bytes()[start..end]).expect("reads back");
    assert_eq!(parsed.len(), 1);
    parsed.remove(0).record
}

#[actix_web::test]
async fn a_19115_3_record_is_served_as_its_original_and_others_are_written() {
    let (dataset, original) = sample("dataset.xml");
    let (service, _) = sample("service.xml");
    let mut records = fixtures();
    records.extend([dataset, service]);
    let env = env_with(records).await;
    let app = app(&env).await;

    let (status, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecordById&id={DATASET}&outputSchema={MDB}"),
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    let verbatim = moisson_iso::original_fragment(&original).expect("UTF-8 original");
    assert!(
        xml.contains(verbatim.trim_end()),
        "original not verbatim:\n{xml}"
    );

    let (status, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecordById&id={ISO19139_ID}&outputSchema={MDB}"),
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    let written = read_mdb(&xml);
    assert_eq!(written.id.as_ref().map(|i| i.as_str()), Some(ISO19139_ID));
    assert!(!written.title.is_empty());

    // The 19115-3 record asked in ISO 19139 is written from the model.
    let (_, xml) = get(
        &app,
        &format!(
            "{BASE}&request=GetRecordById&id={DATASET}&outputSchema=http://www.isotc211.org/2005/gmd"
        ),
    )
    .await;
    assert!(xml.contains("<gmd:MD_Metadata"), "{xml}");
    assert!(!xml.contains("<mdb:MD_Metadata"), "{xml}");
}

#[actix_web::test]
async fn get_records_answers_in_19115_3_and_capabilities_say_so() {
    let (dataset, _) = sample("dataset.xml");
    let (service, _) = sample("service.xml");
    let env = env_with(vec![dataset, service]).await;
    let app = app(&env).await;

    let (status, xml) = get(
        &app,
        &format!(
            "{BASE}&request=GetRecords&typeNames=gmd:MD_Metadata&resultType=results\
             &elementSetName=full&outputSchema={MDB}"
        ),
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    assert!(xml.contains(&format!("recordSchema=\"{MDB}\"")), "{xml}");
    assert_eq!(xml.matches("<mdb:MD_Metadata ").count(), 2, "{xml}");

    let (_, caps) = get(&app, &format!("{BASE}&request=GetCapabilities")).await;
    assert!(
        caps.contains(&format!("<ows:Value>{MDB}</ows:Value>")),
        "{caps}"
    );

    let (status, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecords&typeNames=csw:Record&outputSchema=mdb:MD_Metadata"),
    )
    .await;
    assert_eq!(status, 200, "{xml}");
}
