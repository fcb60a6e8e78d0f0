//! ISO 19115-3 (`mdb:MD_Metadata`): the fields read from our own samples, the original
//! kept byte-identical, and GeoNetwork's samples (shared data, GPL: read in place).

use std::path::PathBuf;

use moisson_iso::{read, write_iso19115_3};
use moisson_model::{DocumentFormat, HierarchyLevel, Resolution};

use crate::roundtrip::assert_same;
use crate::samples::{check_reads, data_dir, read_file, required_shared_dir, xml_files};

fn sample(name: &str) -> PathBuf {
    data_dir().join("iso19115-3").join(name)
}

#[test]
fn a_19115_3_dataset_reads_into_the_model() {
    let records = check_reads(&sample("dataset.xml"), DocumentFormat::Iso19115_3);
    let r = &records[0].record;
    assert_eq!(records[0].warnings, Vec::<String>::new());
    assert_eq!(
        r.id.as_ref().unwrap().as_str(),
        "moisson-19115-3-dataset-0001"
    );
    assert_eq!(r.parent_id.as_deref(), Some("moisson-19115-3-series-0001"));
    assert_eq!(r.metadata.language.as_deref(), Some("fre"));
    assert_eq!(r.metadata.charset.as_deref(), Some("utf8"));
    assert_eq!(
        r.metadata.date_stamp.as_deref(),
        Some("2025-06-15T09:30:00")
    );
    assert_eq!(r.metadata.standard_name.as_deref(), Some("ISO 19115-3"));
    assert_eq!(r.hierarchy_level, HierarchyLevel::Dataset);
    assert_eq!(r.title, "Pistes cyclables de la métropole");
    assert_eq!(r.alternate_titles, ["Réseau cyclable"]);
    assert_eq!(r.title_i18n["eng"], "Cycle paths of the metropolis");
    assert!(r.abstract_text.starts_with("Tracé des aménagements"));
    assert_eq!(r.status, ["onGoing"]);
    assert_eq!(r.dates[0].kind, "publication");
    assert_eq!(
        r.identifiers[0].code,
        "https://data.example.org/pistes-cyclables"
    );
    let contact = &r.metadata_contacts[0];
    assert_eq!(contact.role.as_deref(), Some("pointOfContact"));
    assert_eq!(
        contact.organisation.as_deref(),
        Some("Métropole Exemple — Service SIG")
    );
    assert_eq!(contact.individual.as_deref(), Some("Camille Martin"));
    assert_eq!(contact.emails, ["sig@example.org"]);
    assert_eq!(contact.phones, ["+33 1 23 45 67 89"]);
    assert_eq!(r.contacts[0].role.as_deref(), Some("owner"));
    assert_eq!(r.reference_systems[0].code, "EPSG:2154");
    assert_eq!(r.spatial_resolutions, [Resolution::ScaleDenominator(5000)]);
    assert_eq!(r.topic_categories, ["transportation"]);
    assert_eq!(r.resource_languages, ["fre"]);
    let bbox = r.extents[0].bbox.unwrap();
    assert_eq!((bbox.west, bbox.north), (2.1, 49.0));
    assert_eq!(r.temporal_extents[0].begin.as_deref(), Some("2020-01-01"));
    assert!(r.temporal_extents[0].end_is_now);
    assert_eq!(r.maintenance_frequency.as_deref(), Some("quarterly"));
    assert_eq!(r.overviews[0].file_type.as_deref(), Some("image/png"));
    let inspire = &r.keywords[0];
    assert_eq!(
        inspire.keywords[0].uri.as_deref(),
        Some("http://inspire.ec.europa.eu/theme/tn")
    );
    assert_eq!(
        inspire.thesaurus.as_ref().unwrap().date.as_deref(),
        Some("2008-06-01")
    );
    assert_eq!(r.keywords[1].keywords.len(), 2);
    assert_eq!(r.constraints.len(), 2);
    assert_eq!(r.formats[0].name.text, "GeoPackage");
    assert_eq!(r.formats[0].version.as_deref(), Some("1.3"));
    assert_eq!(r.online_resources[0].function.as_deref(), Some("download"));
    assert_eq!(r.conformity[0].pass, Some(false));
    assert!(r.lineage.as_deref().unwrap().starts_with("Saisie"));
    assert!(r.service.is_none());
}

#[test]
fn a_19115_3_service_reads_its_operations_and_coupling() {
    let records = check_reads(&sample("service.xml"), DocumentFormat::Iso19115_3);
    let r = &records[0].record;
    assert_eq!(r.hierarchy_level, HierarchyLevel::Service);
    assert_eq!(
        r.metadata_contacts[0].individual.as_deref(),
        Some("Dominique Petit")
    );
    assert_eq!(r.metadata_contacts[0].organisation, None);
    let service = r.service.as_ref().expect("service");
    assert_eq!(service.service_type.as_deref(), Some("view"));
    assert_eq!(service.service_type_versions, ["1.3.0"]);
    assert_eq!(service.coupling_type.as_deref(), Some("tight"));
    assert_eq!(
        service.operates_on[0].uuidref.as_deref(),
        Some("moisson-19115-3-dataset-0001")
    );
    let op = &service.operations[0];
    assert_eq!(
        (op.name.as_str(), op.dcp.as_slice()),
        ("GetCapabilities", &["WebServices".to_owned()][..])
    );
    assert_eq!(
        op.urls,
        ["https://geo.example.org/wms?SERVICE=WMS&REQUEST=GetCapabilities"]
    );
}

#[test]
fn a_19115_3_record_keeps_its_document_byte_identical() {
    let bytes = std::fs::read(sample("dataset.xml")).unwrap();
    let parsed = read(&bytes).unwrap();
    let original = parsed[0].original.as_ref().expect("original");
    assert_eq!(original.format, DocumentFormat::Iso19115_3);
    assert_eq!(original.bytes, bytes);
    assert_eq!(original.format.as_str(), "iso19115-3");
}

#[test]
#[ignore = "needs MOISSON_SHARED_DATA (scripts/test runs it where the shared data is)"]
fn every_shared_19115_3_sample_reads() {
    let files = xml_files(&required_shared_dir().join("iso19115-3"));
    assert!(files.len() >= 4, "expected GeoNetwork's 19115-3 samples");
    for path in files {
        let records = check_reads(&path, DocumentFormat::Iso19115_3);
        let r = &records[0].record;
        let name = path.display();
        assert!(!r.abstract_text.is_empty(), "{name}: no abstract");
        let parties = r.metadata_contacts.len() + r.contacts.len();
        assert!(parties > 0, "{name}: no contact");
        assert!(!r.keywords.is_empty(), "{name}: no keywords");
        assert!(!r.extents.is_empty(), "{name}: no extent");
        let is_service = name.to_string().contains("service");
        assert_eq!(r.service.is_some(), is_service, "{name}: service");
        if !is_service {
            assert!(!r.online_resources.is_empty(), "{name}: no online resource");
        }
    }
}

/// The 19115-3 writer gives back, read again, the very record it was given.
fn round_trips_through_19115_3(path: &std::path::Path) {
    let (_, records) = read_file(path);
    for (i, p) in records.iter().enumerate() {
        let xml = write_iso19115_3(&p.record);
        let back =
            read(xml.as_bytes()).unwrap_or_else(|e| panic!("{} #{i}: {e}\n{xml}", path.display()));
        assert_eq!(
            back[0].original.as_ref().unwrap().format,
            DocumentFormat::Iso19115_3
        );
        assert_same(
            &p.record,
            &back[0].record,
            &format!("{} #{i}", path.display()),
        );
    }
}

#[test]
fn every_record_round_trips_through_the_19115_3_writer() {
    round_trips_through_19115_3(&sample("dataset.xml"));
    round_trips_through_19115_3(&sample("service.xml"));
}

#[test]
#[ignore = "needs MOISSON_SHARED_DATA (scripts/test runs it where the shared data is)"]
fn every_shared_19115_3_sample_round_trips_through_the_writer() {
    for path in xml_files(&required_shared_dir().join("iso19115-3")) {
        round_trips_through_19115_3(&path);
    }
}

#[test]
fn every_iso19139_sample_round_trips_through_the_19115_3_writer() {
    for path in crate::samples::iso_samples() {
        round_trips_through_19115_3(&path);
    }
}
