//! Vocabularies as `oxrdf` constants: the only place where an IRI is written out.
//!
//! One module per namespace (`dcat::DATASET`, `dct::TITLE`…), plus the bases of the
//! controlled vocabularies (EU authority tables, INSPIRE registry) under [`authority`].

macro_rules! namespace {
    ($(#[$meta:meta])* $module:ident = $ns:literal { $($name:ident = $local:literal),* $(,)? }) => {
        $(#[$meta])*
        pub mod $module {
            use oxrdf::NamedNodeRef;
            /// The namespace IRI.
            pub const NS: &str = $ns;
            $(pub const $name: NamedNodeRef<'static> = NamedNodeRef::new_unchecked(concat!($ns, $local));)*
        }
    };
}

pub use oxrdf::vocab::{rdf, rdfs, xsd};

namespace!(
    /// W3C DCAT 3.
    dcat = "http://www.w3.org/ns/dcat#" {
    CATALOG = "Catalog", CATALOG_RECORD = "CatalogRecord", DATASET = "Dataset",
    DATASET_SERIES = "DatasetSeries", DATA_SERVICE = "DataService", DISTRIBUTION = "Distribution",
    RELATIONSHIP = "Relationship", DATASET_P = "dataset", SERVICE = "service", RECORD = "record",
    DISTRIBUTION_P = "distribution", KEYWORD = "keyword", THEME = "theme",
    THEME_TAXONOMY = "themeTaxonomy", CONTACT_POINT = "contactPoint", LANDING_PAGE = "landingPage",
    ACCESS_URL = "accessURL", DOWNLOAD_URL = "downloadURL", MEDIA_TYPE = "mediaType", BBOX = "bbox",
    CENTROID = "centroid", START_DATE = "startDate", END_DATE = "endDate",
    SPATIAL_RESOLUTION_IN_METERS = "spatialResolutionInMeters", ENDPOINT_URL = "endpointURL",
    ENDPOINT_DESCRIPTION = "endpointDescription", SERVES_DATASET = "servesDataset",
    QUALIFIED_RELATION = "qualifiedRelation", HAD_ROLE = "hadRole", IN_SERIES = "inSeries",
    ACCESS_SERVICE = "accessService", ROLE = "Role",
});

namespace!(
    /// DCMI terms.
    dct = "http://purl.org/dc/terms/" {
    IDENTIFIER = "identifier", TITLE = "title", DESCRIPTION = "description", ALTERNATIVE = "alternative",
    PUBLISHER = "publisher", CREATOR = "creator", RIGHTS_HOLDER = "rightsHolder", ISSUED = "issued",
    MODIFIED = "modified", CREATED = "created", LANGUAGE = "language", LICENSE = "license",
    RIGHTS = "rights", ACCESS_RIGHTS = "accessRights", ACCRUAL_PERIODICITY = "accrualPeriodicity",
    CONFORMS_TO = "conformsTo", PROVENANCE = "provenance", SPATIAL = "spatial", TEMPORAL = "temporal",
    IS_PART_OF = "isPartOf", FORMAT = "format", RELATION = "relation", TYPE = "type", SOURCE = "source",
    LOCATION = "Location", PERIOD_OF_TIME = "PeriodOfTime", LICENSE_DOCUMENT = "LicenseDocument",
    RIGHTS_STATEMENT = "RightsStatement", PROVENANCE_STATEMENT = "ProvenanceStatement",
    STANDARD = "Standard", MEDIA_TYPE_OR_EXTENT = "MediaTypeOrExtent", MEDIA_TYPE = "MediaType",
    FREQUENCY = "Frequency", LINGUISTIC_SYSTEM = "LinguisticSystem",
});

namespace!(
    /// Asset Description Metadata Schema.
    adms = "http://www.w3.org/ns/adms#" {
    IDENTIFIER = "identifier", IDENTIFIER_CLASS = "Identifier", SCHEMA_AGENCY = "schemaAgency",
});

namespace!(
    /// Friend of a friend (agents, pages).
    foaf = "http://xmlns.com/foaf/0.1/" {
    AGENT = "Agent", ORGANIZATION = "Organization", PERSON = "Person", NAME = "name", MBOX = "mbox",
    PHONE = "phone", HOMEPAGE = "homepage", PRIMARY_TOPIC = "primaryTopic", PAGE = "page",
    DOCUMENT = "Document", DEPICTION = "depiction",
});

namespace!(
    /// vCard (contact points).
    vcard = "http://www.w3.org/2006/vcard/ns#" {
    KIND = "Kind", ORGANIZATION = "Organization", INDIVIDUAL = "Individual", FN = "fn",
    ORGANIZATION_NAME = "organization-name", ROLE = "role", HAS_EMAIL = "hasEmail",
    HAS_TELEPHONE = "hasTelephone", HAS_URL = "hasURL", HAS_ADDRESS = "hasAddress", ADDRESS = "Address",
    STREET_ADDRESS = "street-address", LOCALITY = "locality", REGION = "region",
    POSTAL_CODE = "postal-code", COUNTRY_NAME = "country-name",
});

namespace!(
    /// PROV-O (qualified attribution of roles).
    prov = "http://www.w3.org/ns/prov#" {
    QUALIFIED_ATTRIBUTION = "qualifiedAttribution", ATTRIBUTION = "Attribution", AGENT = "agent",
    AGENT_CLASS = "Agent",
});

namespace!(
    /// SKOS (theme concepts).
    skos = "http://www.w3.org/2004/02/skos/core#" {
    CONCEPT = "Concept", CONCEPT_SCHEME = "ConceptScheme", PREF_LABEL = "prefLabel",
    IN_SCHEME = "inScheme", NOTATION = "notation", EXACT_MATCH = "exactMatch",
    CLOSE_MATCH = "closeMatch", BROAD_MATCH = "broadMatch", NARROW_MATCH = "narrowMatch",
});

namespace!(
    /// Core Location vocabulary (geometries as other catalogues write them).
    locn = "http://www.w3.org/ns/locn#" { GEOMETRY = "geometry" });

namespace!(
    /// GeoSPARQL literals.
    geo = "http://www.opengis.net/ont/geosparql#" {
    WKT_LITERAL = "wktLiteral", GEOJSON_LITERAL = "geoJSONLiteral", GML_LITERAL = "gmlLiteral",
});

namespace!(
    /// GeoDCAT-AP properties (`geodcatap:`), and the namespace IRI as the metadata standard.
    geodcatap = "http://data.europa.eu/930/" {
    STANDARD = "", TOPIC_CATEGORY = "topicCategory", REFERENCE_SYSTEM = "referenceSystem",
    SPATIAL_RESOLUTION_AS_SCALE = "spatialResolutionAsScale",
});

namespace!(
    /// Data Quality Vocabulary (scale resolutions as GeoDCAT-AP writes them).
    dqv = "http://www.w3.org/ns/dqv#" {
    HAS_QUALITY_MEASUREMENT = "hasQualityMeasurement", QUALITY_MEASUREMENT = "QualityMeasurement",
    IS_MEASUREMENT_OF = "isMeasurementOf", VALUE = "value", METRIC = "Metric",
});

namespace!(
    /// Hydra paging, as ckanext-dcat (`PagedCollection`) and udata (`PartialCollectionView`) write it.
    hydra = "http://www.w3.org/ns/hydra/core#" {
    PAGED_COLLECTION = "PagedCollection", PARTIAL_COLLECTION_VIEW = "PartialCollectionView",
    TOTAL_ITEMS = "totalItems", ITEMS_PER_PAGE = "itemsPerPage", FIRST_PAGE = "firstPage",
    LAST_PAGE = "lastPage", NEXT_PAGE = "nextPage", PREVIOUS_PAGE = "previousPage", FIRST = "first",
    LAST = "last", NEXT = "next", PREVIOUS = "previous",
});

namespace!(
    /// IANA link relations (the parent of a record in a `dcat:Relationship`).
    iana_relation = "http://www.iana.org/assignments/relation/" { UP = "up" });

/// Bases of controlled vocabularies: a concept IRI is the base followed by its code.
pub mod authority {
    /// EU data themes (`dcat:theme`).
    pub const DATA_THEME: &str = "http://publications.europa.eu/resource/authority/data-theme";
    pub const FREQUENCY: &str = "http://publications.europa.eu/resource/authority/frequency/";
    pub const FILE_TYPE: &str = "http://publications.europa.eu/resource/authority/file-type/";
    pub const ACCESS_RIGHT: &str = "http://publications.europa.eu/resource/authority/access-right/";
    pub const LANGUAGE: &str = "http://publications.europa.eu/resource/authority/language/";
    /// INSPIRE spatial data themes.
    pub const INSPIRE_THEME: &str = "http://inspire.ec.europa.eu/theme";
    pub const INSPIRE_CODELIST: &str = "http://inspire.ec.europa.eu/metadata-codelist/";
    pub const INSPIRE_SRS: &str = "http://inspire.ec.europa.eu/glossary/SpatialReferenceSystem";
    pub const EPSG_CRS: &str = "http://www.opengis.net/def/crs/EPSG/0/";
    pub const IANA_MEDIA_TYPE: &str = "https://www.iana.org/assignments/media-types/";
    pub const OGC_STANDARDS: &str = "http://www.opengeospatial.org/standards/";
    /// OGC service-type IRIs (`…/ogc/wms`), as ISO protocols sometimes anchor them.
    pub const OGC_SERVICE_TYPE: &str = "http://www.opengis.net/def/servicetype/ogc/";
    /// The INSPIRE registry with `https`, as some records write its IRIs.
    pub const INSPIRE_HTTPS: &str = "https://inspire.ec.europa.eu/";
    pub const INSPIRE_HTTP: &str = "http://inspire.ec.europa.eu/";
    /// The ISO 19139 namespace, percent-encoded as a CSW `outputSchema` value.
    pub const ISO_19139_OUTPUT_SCHEMA: &str = "http%3A%2F%2Fwww.isotc211.org%2F2005%2Fgmd";
    pub const MAILTO: &str = "mailto:";
    pub const TEL: &str = "tel:";
}

/// Licence documents harvesters recognise (data.gouv.fr, data.europa.eu, CKAN).
pub mod licence {
    pub const ETALAB_2_0: &str = "https://www.etalab.gouv.fr/licence-ouverte-open-licence/";
    pub const ETALAB_1_0: &str =
        "https://www.etalab.gouv.fr/wp-content/uploads/2014/05/Licence_Ouverte.pdf";
    pub const ODBL: &str = "https://opendatacommons.org/licenses/odbl/1-0/";
    pub const CC_BY_4_0: &str = "https://creativecommons.org/licenses/by/4.0/";
    pub const CC_BY_SA_4_0: &str = "https://creativecommons.org/licenses/by-sa/4.0/";
    pub const CC0: &str = "https://creativecommons.org/publicdomain/zero/1.0/";
    pub const EU_LICENCE: &str = "http://publications.europa.eu/resource/authority/licence/";
    /// Hosts and paths whose URLs name one of the licences above.
    pub const ETALAB_HOST: &str = "etalab.gouv.fr";
    pub const ODBL_PATH: &str = "opendatacommons.org/licenses/odbl";
    pub const CC_BY_PATH: &str = "creativecommons.org/licenses/by/";
    pub const CC_BY_SA_PATH: &str = "creativecommons.org/licenses/by-sa/";
    pub const CC0_PATH: &str = "creativecommons.org/publicdomain/zero";
    pub const SPDX: &str = "https://spdx.org/licenses/";
}

/// The prefixes of the documented JSON-LD `@context` and of Turtle / RDF/XML output.
pub const PREFIXES: [(&str, &str); 15] = [
    ("adms", adms::NS),
    ("dcat", dcat::NS),
    ("dcatap", "http://data.europa.eu/r5r/"),
    ("dct", dct::NS),
    ("dqv", dqv::NS),
    ("foaf", foaf::NS),
    ("geo", geo::NS),
    ("geodcatap", geodcatap::NS),
    ("hydra", hydra::NS),
    ("prov", prov::NS),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("skos", skos::NS),
    ("vcard", vcard::NS),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
];
