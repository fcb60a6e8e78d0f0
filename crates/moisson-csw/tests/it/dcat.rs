//! outputSchema=http://www.w3.org/ns/dcat#: each record as one GeoDCAT-AP `rdf:RDF`
//! document, parsed back as RDF; records the caller may not see stay absent.

use moisson_dcat::Format;
use moisson_model::{RecordId, Viewer, Visibility};
use oxrdf::{Graph, TermRef};

use crate::support::{RDF_XSD, TOKEN, app, attr, env_with, fixtures, get, post, validate_rdf};

const BASE: &str = "service=CSW&version=2.0.2";
const DCAT: &str = "http%3A%2F%2Fwww.w3.org%2Fns%2Fdcat%23";
const HIDDEN: &str = "17bd184a-7e7d-4f81-95a5-041449a7212b";
const RDF_TYPE: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type";
const DCT_IDENTIFIER: &str = "http://purl.org/dc/terms/identifier";
const DATASET: &str = "http://www.w3.org/ns/dcat#Dataset";
/// What data.gouv.fr looks for in each document.
const RESOURCES: [&str; 3] = [
    DATASET,
    "http://www.w3.org/ns/dcat#DatasetSeries",
    "http://www.w3.org/ns/dcat#DataService",
];
const CATALOG_RECORD: &str = "http://www.w3.org/ns/dcat#CatalogRecord";

/// Each `rdf:RDF` element of a response, parsed on its own (as data.gouv.fr does).
fn graphs(xml: &str) -> Vec<Graph> {
    xml.match_indices("<rdf:RDF")
        .map(|(start, _)| {
            let end = start + xml[start..].find("</rdf:RDF>").expect("closed") + 10;
            moisson_dcat::parse(&xml.as_bytes()[start..end], Format::RdfXml)
                .expect("each rdf:RDF is an RDF/XML document")
        })
        .collect()
}

/// Subjects of a type.
fn typed<'a>(g: &'a Graph, class: &'a str) -> impl Iterator<Item = String> + 'a {
    g.iter()
        .filter(move |t| {
            t.predicate.as_str() == RDF_TYPE && t.object.to_string() == format!("<{class}>")
        })
        .map(|t| t.subject.to_string())
}

/// The `dct:identifier` literals of a subject.
fn identifiers(g: &Graph, subject: &str) -> Vec<String> {
    g.iter()
        .filter(|t| t.subject.to_string() == subject && t.predicate.as_str() == DCT_IDENTIFIER)
        .filter_map(|t| match t.object {
            TermRef::Literal(l) => Some(l.value().to_owned()),
            _ => None,
        })
        .collect()
}

/// The record id of the graph's catalogue record, after checking it describes a dataset,
/// series or service that carries a dct:identifier.
fn record_id(g: &Graph) -> String {
    let resources: Vec<String> = RESOURCES.iter().flat_map(|c| typed(g, c)).collect();
    assert!(
        resources.iter().any(|d| !identifiers(g, d).is_empty()),
        "a dcat:Dataset (series, service) with a dct:identifier"
    );
    // The graph also types the ISO source (dct:source) as a catalogue record, without id.
    let mut ids: Vec<String> = typed(g, CATALOG_RECORD)
        .flat_map(|r| identifiers(g, &r))
        .collect();
    assert_eq!(
        ids.len(),
        1,
        "one identified dcat:CatalogRecord per document"
    );
    ids.pop().expect("record dct:identifier")
}

/// The fixtures, with `HIDDEN` visible to signed-in callers only.
async fn setup() -> crate::support::Env {
    let mut records = fixtures();
    for r in &mut records {
        if r.record.id.as_ref().is_some_and(|id| id.as_str() == HIDDEN) {
            r.record.catalogue.visibility = Visibility::Internal;
        }
    }
    let env = env_with(records).await;
    let admin = env
        .state
        .store
        .get(&RecordId::parse(HIDDEN).expect("id"), &Viewer::Admin)
        .await;
    assert!(matches!(admin, Ok(Some(_))), "the hidden record is stored");
    env
}

#[actix_web::test]
async fn get_records_writes_one_rdf_document_per_visible_record() {
    let env = setup().await;
    let app = app(&env).await;
    let (status, xml) = get(
        &app,
        &format!(
            "{BASE}&request=GetRecords&typeNames=gmd:MD_Metadata&resultType=results\
             &elementSetName=full&maxRecords=100&outputSchema={DCAT}"
        ),
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    validate_rdf(&xml, RDF_XSD);
    assert_eq!(attr(&xml, "recordSchema"), "http://www.w3.org/ns/dcat#");
    let documents = graphs(&xml);
    let ids: Vec<String> = documents.iter().map(record_id).collect();
    assert!(documents.iter().any(|g| typed(g, DATASET).next().is_some()));
    assert_eq!(attr(&xml, "numberOfRecordsReturned"), ids.len().to_string());
    assert_eq!(attr(&xml, "numberOfRecordsMatched"), ids.len().to_string());
    assert!(ids.len() > 1, "{ids:?}");
    assert!(!ids.iter().any(|id| id == HIDDEN), "hidden record absent");

    // A signed-in caller sees it (POST, as data.gouv.fr's csw-dcat harvester sends it).
    let body = r#"<csw:GetRecords xmlns:csw="http://www.opengis.net/cat/csw/2.0.2" service="CSW" version="2.0.2" resultType="results" maxRecords="100" outputSchema="http://www.w3.org/ns/dcat#"><csw:Query typeNames="gmd:MD_Metadata"><csw:ElementSetName>full</csw:ElementSetName></csw:Query></csw:GetRecords>"#;
    let (status, xml) = post(&app, body, Some(TOKEN)).await;
    assert_eq!(status, 200, "{xml}");
    let signed_in: Vec<String> = graphs(&xml).iter().map(record_id).collect();
    assert_eq!(signed_in.len(), ids.len() + 1);
    assert!(signed_in.iter().any(|id| id == HIDDEN));
}

#[actix_web::test]
async fn get_record_by_id_in_dcat() {
    let env = setup().await;
    let app = app(&env).await;
    let (_, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecords&typeNames=csw:Record&resultType=results&maxRecords=1"),
    )
    .await;
    let visible = crate::support::texts(&xml, "dc:identifier")[0].clone();
    let (status, xml) = get(
        &app,
        &format!("{BASE}&request=GetRecordById&outputSchema={DCAT}&id={visible},{HIDDEN}"),
    )
    .await;
    assert_eq!(status, 200, "{xml}");
    validate_rdf(&xml, RDF_XSD);
    let ids: Vec<String> = graphs(&xml).iter().map(record_id).collect();
    assert_eq!(ids, vec![visible]);

    let (_, xml) = get(&app, &format!("{BASE}&request=GetCapabilities")).await;
    assert!(xml.contains("<ows:Value>http://www.w3.org/ns/dcat#</ows:Value>"));
}
