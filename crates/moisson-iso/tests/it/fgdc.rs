//! FGDC CSDGM records: pycsw's CITE manager insert (MIT, `tests/data/csw-suites`) and a
//! record written for these tests in pycsw's csdgm namespace, read into the model with
//! the document kept; hostile XML refused as for every other format.

use moisson_iso::{Error, read};
use moisson_model::{ConstraintKind, DocumentFormat, HierarchyLevel};

/// The `<metadata>` document inside pycsw's manager suite FGDC insert.
fn cite_insert() -> String {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/data/csw-suites/manager/post/Transaction-fgdc-01-insert.xml"
    );
    let transaction = std::fs::read_to_string(path).expect("CITE manager suite");
    let start = transaction.find("<metadata>").expect("a metadata element");
    let end = transaction.find("</metadata>").expect("its end") + "</metadata>".len();
    transaction[start..end].to_owned()
}

#[test]
fn cite_insert_reads_into_the_model() {
    let doc = cite_insert();
    let parsed = read(doc.as_bytes()).expect("reads");
    let [p] = &parsed[..] else {
        panic!("one record, got {}", parsed.len())
    };
    let r = &p.record;
    assert_eq!(r.id.as_ref().map(|i| i.as_str()), Some("foorecord"));
    assert_eq!(r.hierarchy_level, HierarchyLevel::Dataset);
    assert_eq!(r.title, "NCEP");
    assert!(
        r.abstract_text
            .starts_with("NCEP's twice-daily global analysis")
    );
    assert_eq!(r.purpose.as_deref(), Some("Scientific research."));
    let pubdate: Vec<_> = r
        .dates
        .iter()
        .map(|d| (d.kind.as_str(), d.date.as_str()))
        .collect();
    assert_eq!(pubdate, [("publication", "2000-12-01")]);
    let time = &r.temporal_extents[..];
    assert_eq!(time.len(), 1);
    assert_eq!(time[0].begin.as_deref(), Some("1979-01-01"));
    assert_eq!(time[0].end.as_deref(), Some("2000-12-01"));
    assert_eq!(r.status, ["completed"]);
    assert_eq!(r.maintenance_frequency.as_deref(), Some("irregular"));
    let bbox = r.extents[0].bbox.expect("a box");
    assert_eq!(
        (bbox.west, bbox.south, bbox.east, bbox.north),
        (-180.0, -90.0, 180.0, 90.0)
    );
    let themes = &r.keywords[0];
    assert_eq!(themes.kind.as_deref(), Some("theme"));
    assert_eq!(
        themes.thesaurus.as_ref().map(|t| t.title.text.as_str()),
        Some("GCMD DIF 5.33")
    );
    assert_eq!(themes.keywords.len(), 14);
    assert!(r.keyword_texts().any(|k| k == "Global"));
    assert_eq!(r.online_resources.len(), 3);
    let roles: Vec<_> = r
        .contacts
        .iter()
        .filter_map(|c| c.role.as_deref())
        .collect();
    assert_eq!(
        roles,
        ["originator", "publisher", "pointOfContact", "distributor"]
    );
    let poc = &r.contacts[2];
    assert_eq!(poc.individual.as_deref(), Some("PSD Data Management"));
    assert_eq!(poc.emails, ["esrl.psd.data@noaa.gov"]);
    assert_eq!(
        poc.address.as_ref().and_then(|a| a.city.as_deref()),
        Some("Boulder")
    );
    let kinds: Vec<_> = r.constraints.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, [ConstraintKind::Legal, ConstraintKind::Security]);
    assert_eq!(
        r.constraints[1].classification.as_deref(),
        Some("unclassified")
    );
    assert_eq!(r.lineage.as_deref(), Some("None"));
    assert_eq!(r.metadata.date_stamp.as_deref(), Some("2000-12-01"));
    assert_eq!(
        r.metadata.standard_version.as_deref(),
        Some("FGDC-STD-001-1998")
    );
    assert_eq!(r.metadata_contacts.len(), 1);
    // The document is kept, byte for byte, as for the other formats.
    let original = p.original.as_ref().expect("kept");
    assert_eq!(original.format, DocumentFormat::Fgdc);
    assert_eq!(original.bytes, doc.as_bytes());
}

/// Written for these tests (Apache-2.0): pycsw's csdgm namespace, an organisation
/// contact, ISO topic categories among the themes, an ongoing range, a format.
const CSDGM_RECORD: &str = r#"<metadata xmlns="http://www.opengis.net/cat/csw/csdgm">
  <idinfo>
    <datasetid>urn:example:fgdc:1</datasetid>
    <citation><citeinfo><origin>Ville de Lyon</origin><pubdate>201405</pubdate>
      <title>Arbres d'alignement</title></citeinfo></citation>
    <descript><abstract>Les arbres des rues.</abstract></descript>
    <timeperd><timeinfo><rngdates><begdate>2014</begdate><enddate>Present</enddate></rngdates></timeinfo></timeperd>
    <status><progress>In work</progress><update>As needed</update></status>
    <keywords>
      <theme><themekt>ISO 19115 Topic Category</themekt><themekey>environment</themekey></theme>
      <theme><themekt>None</themekt><themekey>arbres</themekey></theme>
    </keywords>
    <ptcontac><cntinfo><cntorgp><cntorg>Métropole de Lyon</cntorg></cntorgp></cntinfo></ptcontac>
  </idinfo>
  <distinfo><stdorder><digform>
    <digtinfo><formname>GeoJSON</formname></digtinfo>
    <digtopt><onlinopt><computer><networka><networkr>https://data.example.org/arbres.json</networkr></networka></computer></onlinopt></digtopt>
  </digform></stdorder></distinfo>
</metadata>"#;

#[test]
fn csdgm_namespace_topics_and_formats() {
    let parsed = read(CSDGM_RECORD.as_bytes()).expect("reads");
    let r = &parsed[0].record;
    assert_eq!(
        r.id.as_ref().map(|i| i.as_str()),
        Some("urn:example:fgdc:1")
    );
    assert_eq!(r.topic_categories, ["environment"]);
    assert_eq!(r.keywords.len(), 1);
    assert!(r.keywords[0].thesaurus.is_none());
    let time = &r.temporal_extents[0];
    assert_eq!(
        (time.begin.as_deref(), time.end.as_deref()),
        (Some("2014"), None)
    );
    assert!(time.end_is_now);
    assert_eq!(r.status, ["onGoing"]);
    assert_eq!(r.maintenance_frequency.as_deref(), Some("asNeeded"));
    assert_eq!(r.dates[0].date, "2014-05");
    assert_eq!(r.formats[0].name.text, "GeoJSON");
    assert_eq!(
        r.online_resources[0].url,
        "https://data.example.org/arbres.json"
    );
    let poc = r
        .contacts
        .iter()
        .find(|c| c.role.as_deref() == Some("pointOfContact"));
    assert_eq!(
        poc.and_then(|c| c.organisation.as_deref()),
        Some("Métropole de Lyon")
    );
}

#[test]
fn hostile_csdgm_is_refused_like_any_document() {
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE metadata [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>\n\
        <metadata><idinfo><citation><citeinfo><title>&x;</title></citeinfo></citation></idinfo></metadata>";
    assert!(matches!(
        read(bomb.as_bytes()),
        Err(Error::Syntax { line: 2, .. })
    ));
    let unknown_entity = "<metadata><idinfo><datasetid>&x;</datasetid></idinfo></metadata>";
    assert!(matches!(
        read(unknown_entity.as_bytes()),
        Err(Error::Syntax { .. })
    ));
    // A root named metadata without idinfo is no CSDGM record.
    assert!(matches!(
        read(b"<metadata><other/></metadata>"),
        Err(Error::UnknownDocument(_))
    ));
}
