//! Every mapped property is written for a rich record.

use moisson_dcat::vocab::{adms, dcat, dct, dqv, foaf, geodcatap, prov, rdf, skos, vcard};
use moisson_dcat::{CatalogConfig, Page, catalog_graph, record_graph};

use crate::fixtures::{context, has, rich_record, service_record};

const EU: &str = "http://publications.europa.eu/resource/authority/";

#[test]
fn rich_dataset_has_every_mapped_property() {
    let graph = record_graph(&rich_record(), &context());
    let dataset = "https://catalogue.example.fr/dcat/records/FR-200046977/plu/2024#dataset";
    let expected = [
        (rdf::TYPE, Some("http://www.w3.org/ns/dcat#Dataset")),
        (dct::IDENTIFIER, Some("https://data.example.fr/id/plu-lyon")),
        (adms::IDENTIFIER, None),
        (skos::NOTATION, Some("plu-2024")),
        (adms::SCHEMA_AGENCY, Some("FR-200046977")),
        (dct::TITLE, Some("Plan local d'urbanisme de Lyon")),
        (dct::ALTERNATIVE, Some("PLU Lyon")),
        (dct::DESCRIPTION, Some("Zonage et règlement du PLU.")),
        (dcat::KEYWORD, Some("PLU")),
        (dcat::THEME, Some("http://inspire.ec.europa.eu/theme/lu")),
        (dcat::THEME, Some(&format!("{EU}data-theme/REGI"))),
        (dcat::THEME, Some(&format!("{EU}data-theme/ECON"))),
        (
            dcat::THEME,
            Some("http://www.eionet.europa.eu/gemet/concept/8922"),
        ),
        (skos::PREF_LABEL, Some("Usage des sols")),
        (skos::IN_SCHEME, Some("http://inspire.ec.europa.eu/theme")),
        (skos::IN_SCHEME, Some(&format!("{EU}data-theme"))),
        (skos::IN_SCHEME, Some("http://www.eionet.europa.eu/gemet")),
        (
            geodcatap::TOPIC_CATEGORY,
            Some("http://inspire.ec.europa.eu/metadata-codelist/TopicCategory/planningCadastre"),
        ),
        (dct::SPATIAL, None),
        (
            dcat::BBOX,
            Some("POLYGON((4.77 45.7,4.9 45.7,4.9 45.81,4.77 45.81,4.77 45.7))"),
        ),
        (dcat::CENTROID, None),
        (dct::TEMPORAL, None),
        (dcat::START_DATE, Some("2024-01-01")),
        (dcat::END_DATE, Some("2030-12-31")),
        (dct::PUBLISHER, None),
        (dct::RIGHTS_HOLDER, None),
        (dct::CREATOR, None),
        (prov::QUALIFIED_ATTRIBUTION, None),
        (
            dcat::HAD_ROLE,
            Some("http://inspire.ec.europa.eu/metadata-codelist/ResponsiblePartyRole/publisher"),
        ),
        (foaf::NAME, Some("Métropole de Lyon")),
        (foaf::MBOX, Some("mailto:sig@example.fr")),
        (dcat::CONTACT_POINT, None),
        (vcard::FN, Some("Jeanne Martin")),
        (vcard::HAS_EMAIL, Some("mailto:sig@example.fr")),
        (vcard::HAS_TELEPHONE, Some("tel:+33123456789")),
        (vcard::LOCALITY, Some("Lyon")),
        (dct::ISSUED, Some("2024-01-31")),
        (dct::CREATED, Some("2023-06-01")),
        (dct::MODIFIED, Some("2024-02-15T10:00:00")),
        (
            dct::ACCRUAL_PERIODICITY,
            Some(&format!("{EU}frequency/MONTHLY")),
        ),
        (
            dct::CONFORMS_TO,
            Some("http://data.europa.eu/eli/reg/2010/1089"),
        ),
        (
            dct::CONFORMS_TO,
            Some("http://www.opengis.net/def/crs/EPSG/0/2154"),
        ),
        (
            geodcatap::REFERENCE_SYSTEM,
            Some("http://www.opengis.net/def/crs/EPSG/0/2154"),
        ),
        (dct::PROVENANCE, None),
        (
            dct::ACCESS_RIGHTS,
            Some(&format!("{EU}access-right/PUBLIC")),
        ),
        (dcat::SPATIAL_RESOLUTION_IN_METERS, Some("0.5")),
        (dqv::VALUE, Some("0.0002")),
        (
            dcat::LANDING_PAGE,
            Some("https://catalogue.example.fr/api/v1/records/FR-200046977/plu/2024"),
        ),
        (
            dct::IS_PART_OF,
            Some("https://catalogue.example.fr/dcat/records/FR-200046977/plu#dataset"),
        ),
        (dct::LANGUAGE, Some(&format!("{EU}language/FRA"))),
        (foaf::PAGE, Some("https://www.example.fr/plu")),
        (foaf::DEPICTION, Some("https://data.example.fr/plu.png")),
        (dcat::DISTRIBUTION_P, None),
        (dcat::ACCESS_URL, Some("https://data.example.fr/plu.zip")),
        (dcat::DOWNLOAD_URL, Some("https://data.example.fr/plu.zip")),
        (dct::FORMAT, Some(&format!("{EU}file-type/SHP"))),
        (
            dct::LICENSE,
            Some("https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
        ),
        (dct::RIGHTS, None),
        (
            dct::CONFORMS_TO,
            Some("http://www.opengeospatial.org/standards/wms"),
        ),
        (rdf::TYPE, Some("http://www.w3.org/ns/dcat#CatalogRecord")),
        (foaf::PRIMARY_TOPIC, Some(dataset)),
        (dct::CONFORMS_TO, Some("http://data.europa.eu/930/")),
        (dct::SOURCE, None),
        (dct::MODIFIED, Some("2024-03-01")),
    ];
    let missing: Vec<String> = expected
        .iter()
        .filter(|(p, o)| !has(&graph, *p, *o))
        .map(|(p, o)| format!("{p} {o:?}"))
        .collect();
    assert!(missing.is_empty(), "missing:\n{}", missing.join("\n"));
    let titles = graph
        .triples_for_predicate(dct::TITLE)
        .filter(|t| t.object.to_string().ends_with("@fr"))
        .count();
    assert!(titles >= 2, "titles carry the record language");
}

#[test]
fn service_has_endpoints_and_served_datasets() {
    let graph = record_graph(&service_record(), &context());
    for (p, o) in [
        (rdf::TYPE, Some("http://www.w3.org/ns/dcat#DataService")),
        (dcat::ENDPOINT_URL, Some("https://data.example.fr/wms")),
        (
            dcat::ENDPOINT_DESCRIPTION,
            Some("https://data.example.fr/wms?SERVICE=WMS&REQUEST=GetCapabilities"),
        ),
        (
            dcat::SERVES_DATASET,
            Some("https://catalogue.example.fr/dcat/records/FR-200046977/plu/2024#dataset"),
        ),
        (
            dct::CONFORMS_TO,
            Some("http://www.opengeospatial.org/standards/wms"),
        ),
        (
            dct::LICENSE,
            Some("https://opendatacommons.org/licenses/odbl/1-0/"),
        ),
    ] {
        assert!(has(&graph, p, o), "{p} {o:?}");
    }
}

#[test]
fn catalog_has_description_records_and_paging() {
    let ctx = context();
    let url = |n| format!("{}?page={n}&page_size=2", ctx.catalog_iri());
    let page = Page {
        number: 2,
        size: 2,
        total: 5,
        url: &url,
    };
    let graph = catalog_graph(
        &[rich_record(), service_record()],
        &page,
        &ctx,
        &CatalogConfig::default(),
    );
    let hydra = |local: &str| format!("http://www.w3.org/ns/hydra/core#{local}");
    for (p, o) in [
        (rdf::TYPE, Some("http://www.w3.org/ns/dcat#Catalog")),
        (dcat::DATASET_P, None),
        (dcat::SERVICE, None),
        (
            dcat::RECORD,
            Some("https://catalogue.example.fr/dcat/records/svc-wms-plu"),
        ),
        (dcat::THEME_TAXONOMY, Some(&format!("{EU}data-theme"))),
        (foaf::HOMEPAGE, Some("https://catalogue.example.fr/")),
        (
            dct::LICENSE,
            Some("https://www.etalab.gouv.fr/licence-ouverte-open-licence/"),
        ),
        (dct::LANGUAGE, Some(&format!("{EU}language/FRA"))),
        (rdf::TYPE, Some(&hydra("PagedCollection"))),
        (rdf::TYPE, Some(&hydra("PartialCollectionView"))),
        (
            oxrdf::NamedNodeRef::new_unchecked(&hydra("totalItems")),
            Some("5"),
        ),
        (
            oxrdf::NamedNodeRef::new_unchecked(&hydra("nextPage")),
            Some(&url(3)),
        ),
        (
            oxrdf::NamedNodeRef::new_unchecked(&hydra("previousPage")),
            Some(&url(1)),
        ),
        (
            oxrdf::NamedNodeRef::new_unchecked(&hydra("lastPage")),
            Some(&url(3)),
        ),
        (
            oxrdf::NamedNodeRef::new_unchecked(&hydra("next")),
            Some(&url(3)),
        ),
    ] {
        assert!(has(&graph, p, o), "{p} {o:?}");
    }
    assert!(graph.iter().all(|t| !t.to_string().contains("localhost")));
}
