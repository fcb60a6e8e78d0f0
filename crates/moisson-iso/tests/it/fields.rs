//! Spot checks of mapped fields against the sample XML.

use moisson_iso::{
    ElementSet, ParsedRecord, original_fragment, read, write_csw_record_fragment,
    write_iso19139_fragment,
};
use moisson_model::{
    Anchored, Bbox, ConstraintKind, HierarchyLevel, OperatesOn, Resolution, TemporalExtent,
};

use crate::samples::{data_dir, read_file};

fn sample(path: &str) -> Vec<ParsedRecord> {
    read_file(&data_dir().join(path)).1
}

fn single(path: &str) -> ParsedRecord {
    let mut records = sample(path);
    assert_eq!(records.len(), 1, "{path}");
    records.remove(0)
}

fn id(p: &ParsedRecord) -> &str {
    p.record.id.as_ref().map_or("", |id| id.as_str())
}

#[test]
fn keywords_with_anchors_and_thesaurus() {
    let r = single("iso19139/owslib_iso_keywords_anchor.xml").record;
    assert_eq!(
        r.id.as_ref().map(|i| i.as_str()),
        Some("ie.marine.data:dataset.1135")
    );
    assert_eq!(r.title, "CE0911 Climate Change Survey");
    assert_eq!(r.alternate_titles, ["2009 Climate Change Survey"]);
    let group = &r.keywords[0];
    let thesaurus = group.thesaurus.as_ref().expect("thesaurus");
    assert_eq!(thesaurus.title.text, "AtlantOS Essential Variables");
    assert_eq!(
        thesaurus.title.uri.as_deref(),
        Some("http://vocab.nerc.ac.uk/collection/A05/current/")
    );
    assert_eq!(
        (thesaurus.date.as_deref(), thesaurus.date_kind.as_deref()),
        (Some("2019-03-29"), Some("publication"))
    );
    assert_eq!(
        group.keywords[0],
        Anchored::with_uri(
            "Atmospheric pressure",
            Some("http://vocab.nerc.ac.uk/collection/A05/current/EV_AIRPRESS/".to_owned()),
        )
    );
    assert_eq!(group.keywords.len(), 6);
    assert_eq!(
        r.temporal_extents[0].begin.as_deref(),
        Some("2009-06-14T00:00:00")
    );
    assert_eq!(
        r.reference_systems[0].code,
        "http://www.opengis.net/def/crs/EPSG/0/3857"
    );
    assert_eq!(
        r.reference_systems[0].codespace.as_deref(),
        Some("INSPIRE RS registry")
    );
    assert_eq!(r.maintenance_frequency.as_deref(), Some("asNeeded"));
    assert_eq!(r.conformity[0].pass, Some(true));
    assert_eq!(r.constraints[1].kind, ConstraintKind::Legal);
    assert_eq!(r.constraints[1].access_constraints, ["otherRestrictions"]);
    let contact = &r.metadata_contacts[0];
    assert_eq!(contact.emails, ["datarequests@marine.ie"]);
    assert_eq!(
        contact.address.as_ref().and_then(|a| a.city.as_deref()),
        Some("Oranmore")
    );
    assert_eq!(r.online_resources[0].function.as_deref(), Some("download"));
}

#[test]
fn service_record_fields() {
    let r = single("iso19139/owslib_iso19139_srv.xml").record;
    assert_eq!(r.hierarchy_level, HierarchyLevel::Service);
    let svc = r.service.as_ref().expect("service");
    assert_eq!(svc.service_type.as_deref(), Some("download"));
    assert_eq!(svc.service_type_versions, ["OGC:WFS 2.0"]);
    assert_eq!(svc.coupling_type.as_deref(), Some("tight"));
    assert_eq!(
        svc.operates_on[0],
        OperatesOn {
            uuidref: Some("083f524b-7474-4e05-a937-1bac657f0344".to_owned()),
            href: Some(
                "https://registry.gdi-de.org/id/de.by/083f524b-7474-4e05-a937-1bac657f0344"
                    .to_owned()
            ),
        }
    );
    assert_eq!(svc.operations[0].name, "GetCapabilities");
    assert_eq!(svc.operations[0].dcp, ["WebServices"]);
    assert_eq!(
        svc.operations[0].urls,
        ["https://geoservices.bayern.de/wfs/v1/ogc_alkis_ave.cgi?"]
    );
    // srv:extent, with its description text kept on the box
    assert_eq!(r.extents.len(), 1);
    assert_eq!(r.extents[0].description.as_deref(), Some("Bayern"));
}

#[test]
fn csw_response_gives_every_record_with_its_own_document() {
    let records = sample("iso19139/csw-responses/owslib_inspire-getrecords-response.xml");
    let ids: Vec<&str> = records.iter().map(id).collect();
    assert_eq!(
        ids,
        [
            "8dad9c98-0512-4845-a2bf-3ace1c93df6f",
            "eeae2de7-0a09-4b69-b7a0-0b6b20903fd5"
        ]
    );
    for p in &records {
        let doc = p
            .original
            .as_ref()
            .expect("each ISO record keeps its document");
        let text = std::str::from_utf8(&doc.bytes).expect("UTF-8");
        assert!(text.starts_with("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<gmd:MD_Metadata"));
        // The namespaces it inherited from the response are declared on its root.
        let root = text.split_once('\n').expect("a declaration line").1;
        let root_tag = &root[..root.find('>').expect("a start tag")];
        assert!(root_tag.contains("xmlns:gmd="), "{root_tag}");
    }
    let svc = records[1].record.service.as_ref().expect("service");
    assert_eq!(svc.service_type.as_deref(), Some("discovery"));
    assert_eq!(svc.coupling_type.as_deref(), Some("mixed"));
    assert_eq!(svc.operates_on.len(), 8);
}

#[test]
fn temporal_extents_forms() {
    let mi = single("iso19139/owslib_iso_mi.xml").record;
    let ongoing = TemporalExtent {
        begin: Some("1950-07-31".to_owned()),
        end: None,
        end_is_now: true,
    };
    assert_eq!(mi.temporal_extents, [ongoing]);
    let srv = sample("iso19139/owslib_iso_xml_srv.xml").remove(0).record;
    assert_eq!(
        srv.temporal_extents[0].end.as_deref(),
        Some("2011-11-01T00:00:00Z")
    );
    // a gml:TimePeriod under lineage/source is not the resource's extent
    assert!(
        single("iso19139/ogcapiso_dataset.xml")
            .record
            .temporal_extents
            .is_empty()
    );
}

#[test]
fn several_extents_and_resolutions() {
    let r = single("iso19139/ogcapiso_dataset2_multiLingual.xml").record;
    assert_eq!(
        r.extents[0].bbox,
        Some(Bbox {
            west: 7.73,
            south: 49.39,
            east: 10.35,
            north: 51.66
        })
    );
    assert_eq!(r.extents[1].description.as_deref(), Some("Deutschland"));
    assert_eq!(
        r.spatial_resolutions,
        [Resolution::ScaleDenominator(100_000)]
    );
    assert_eq!(r.contacts[0].phones.len(), 2);
    assert_eq!(r.formats[0].version.as_deref(), Some("1.0"));
}

#[test]
fn conformity_pass_nil_is_none() {
    let r = single("iso19139/owslib_17bd184a-7e7d-4f81-95a5-041449a7212b_iso.xml").record;
    assert_eq!(r.conformity[0].pass, None);
    assert_eq!(
        r.conformity[0].explanation.as_deref(),
        Some("See the referenced specification")
    );
    assert_eq!(r.conformity[0].date_kind.as_deref(), Some("publication"));
}

#[test]
fn missing_file_identifier_gets_a_stable_derived_id() {
    let first = single("iso19139/ogcapiso_collectiondata4ESA.xml");
    let again = single("iso19139/ogcapiso_collectiondata4ESA.xml");
    let derived = id(&first);
    assert!(
        derived.starts_with("moisson-") && derived.len() == "moisson-".len() + 32,
        "{derived}"
    );
    assert_eq!(derived, id(&again));
    assert!(
        first.warnings.iter().any(|w| w.contains(derived)),
        "{:?}",
        first.warnings
    );
    assert_eq!(first.record.title, "ESA ENVISAT ASAR Wide Swath Striplines");
}

#[test]
fn profile_and_imagery_roots() {
    let mi = single("iso19139/owslib_iso_mi.xml");
    assert_eq!(id(&mi), "3f342f64-9348-11df-ba6a-0014c2c00eab");
    let che = single("iso19139/owslib_iso_che.xml");
    assert_eq!(id(&che), "3d2981af-d5db-4122-8db6-1ea41ed44b3f");
    assert_eq!(che.record.title, "Gewässerschutzkarte");
    // geocat.ch sub-categories are read as their ISO parent, with a warning
    assert!(
        che.record
            .topic_categories
            .contains(&"planningCadastre".to_owned())
    );
    assert!(
        che.warnings
            .iter()
            .any(|w| w.contains("planningCadastre_Planning"))
    );
}

#[test]
fn dublin_core_fields() {
    let r = single("dublin-core/owslib_9250AA67-F3AC-6C12-0CB9-0662231AA181_dc.xml").record;
    assert_eq!(r.hierarchy_level, HierarchyLevel::Dataset);
    assert_eq!(r.keywords[0].keywords.len(), 24);
    // ows:BoundingBox crs="EPSG:4326": latitude first
    assert_eq!(
        r.extents[0].bbox,
        Some(Bbox {
            west: -180.0,
            south: -90.0,
            east: 180.0,
            north: 90.0
        })
    );
    assert_eq!(r.metadata.date_stamp.as_deref(), Some("2009-09-03"));
    let full = single("dublin-core/ogc_CSW_202_DC_Full.xml").record;
    // ows:WGS84BoundingBox: longitude first
    assert_eq!(
        full.extents[0].bbox,
        Some(Bbox {
            west: 14.05,
            south: 46.46,
            east: 17.24,
            north: 48.42
        })
    );
    assert_eq!(full.resource_languages, ["en"]);
    let summary = single("dublin-core/ogc_Clause_10.9.6_Example02_Response.xml").record;
    let relations = &summary
        .service
        .as_ref()
        .expect("service relations")
        .operates_on;
    assert_eq!(
        relations[1].uuidref.as_deref(),
        Some("5a389ad2-22dd-11d1-aa77-002035b29014")
    );
    let rdf = single("dublin-core/owslib_9250AA67-F3AC-6C12-0CB9-0662231AA181_dc2-rdf.xml").record;
    assert_eq!(
        rdf.id.as_ref().map(|i| i.as_str()),
        Some("10.3390/rs12142299")
    );
    assert!(rdf.abstract_text.starts_with("In viticulture"));
    assert_eq!(rdf.licence().map(|l| l.text.as_str()), Some("Open Access"));
}

#[test]
fn fragments_have_no_declaration_and_declare_namespaces() {
    let p = single("iso19139/ogcapiso_ds_minimal.xml");
    let iso = write_iso19139_fragment(&p.record);
    assert!(iso.starts_with("<gmd:MD_Metadata xmlns:gmd="), "{iso}");
    let dc = write_csw_record_fragment(&p.record, ElementSet::Summary);
    assert!(dc.starts_with("<csw:SummaryRecord xmlns:csw="), "{dc}");
    let original = p.original.as_ref().expect("original");
    let fragment = original_fragment(original).expect("UTF-8 original");
    assert!(
        fragment.starts_with('<') && !fragment.starts_with("<?xml"),
        "{fragment}"
    );
    assert_eq!(
        read(fragment.as_bytes()).expect("fragment reads")[0].record,
        p.record
    );
}
