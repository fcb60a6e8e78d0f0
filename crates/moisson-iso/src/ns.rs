//! XML namespace URIs and other fixed IRIs; no other module spells one out.

/// ISO 19139 metadata (`gmd`).
pub const GMD: &str = "http://www.isotc211.org/2005/gmd";
/// ISO 19139 basic types (`gco`).
pub const GCO: &str = "http://www.isotc211.org/2005/gco";
/// ISO 19139 extensible types (`gmx`: Anchor, FileName, MimeFileType).
pub const GMX: &str = "http://www.isotc211.org/2005/gmx";
/// ISO 19119 services (`srv`).
pub const SRV: &str = "http://www.isotc211.org/2005/srv";
/// ISO 19115-2 imagery (`gmi`).
pub const GMI: &str = "http://www.isotc211.org/2005/gmi";
/// ISO 19115-3 metadata base (`mdb`), the root namespace of a 19115-3 record.
pub const MDB: &str = "http://standards.iso.org/iso/19115/-3/mdb/2.0";
/// The sibling ISO 19115-3 namespaces the writer declares (GeoNetwork 4's versions).
pub const CIT: &str = "http://standards.iso.org/iso/19115/-3/cit/2.0";
pub const MRI: &str = "http://standards.iso.org/iso/19115/-3/mri/1.0";
pub const SRV3: &str = "http://standards.iso.org/iso/19115/-3/srv/2.1";
pub const GEX: &str = "http://standards.iso.org/iso/19115/-3/gex/1.0";
pub const LAN: &str = "http://standards.iso.org/iso/19115/-3/lan/1.0";
pub const MCC: &str = "http://standards.iso.org/iso/19115/-3/mcc/1.0";
pub const MCO: &str = "http://standards.iso.org/iso/19115/-3/mco/1.0";
pub const MMI: &str = "http://standards.iso.org/iso/19115/-3/mmi/1.0";
pub const MRD: &str = "http://standards.iso.org/iso/19115/-3/mrd/1.0";
pub const MRL: &str = "http://standards.iso.org/iso/19115/-3/mrl/2.0";
pub const MRS: &str = "http://standards.iso.org/iso/19115/-3/mrs/1.0";
pub const MDQ: &str = "http://standards.iso.org/iso/19157/-2/mdq/1.0";
/// ISO 19115-3 basic types (`gco`, not the ISO 19139 one).
pub const GCO3: &str = "http://standards.iso.org/iso/19115/-3/gco/1.0";
/// ISO 19115-3 extensible types (`gcx`: Anchor).
pub const GCX: &str = "http://standards.iso.org/iso/19115/-3/gcx/1.0";
/// Base of the `codeList` attribute written on ISO 19115-3 code list values.
pub const CODELIST_19115_3: &str =
    "http://standards.iso.org/iso/19115/resources/Codelists/cat/codelists.xml#";
/// GML 3.2, used by the 2007 ISO 19139 schemas.
pub const GML32: &str = "http://www.opengis.net/gml/3.2";
/// The older GML namespace (GML 3.1.1 and the 2006 ISO 19139 schemas).
pub const GML: &str = "http://www.opengis.net/gml";
/// XLink.
pub const XLINK: &str = "http://www.w3.org/1999/xlink";
/// XML Schema instance.
pub const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";
/// CSW 2.0.2.
pub const CSW: &str = "http://www.opengis.net/cat/csw/2.0.2";
/// Dublin Core elements 1.1.
pub const DC: &str = "http://purl.org/dc/elements/1.1/";
/// Dublin Core terms.
pub const DCT: &str = "http://purl.org/dc/terms/";
/// OWS 1.0 (bounding boxes in csw:Record).
pub const OWS: &str = "http://www.opengis.net/ows";
/// DCMI Type vocabulary (dc:type values such as `…/dcmitype/Dataset`).
pub const DCMI_TYPE: &str = "http://purl.org/dc/dcmitype/";
/// RDF syntax (Dublin Core in RDF/XML).
pub const RDF: &str = "http://www.w3.org/1999/02/22-rdf-syntax-ns#";

/// Base of the `codeList` attribute written on ISO code list values.
pub const CODELIST_BASE: &str = "http://standards.iso.org/iso/19139/resources/gmxCodelists.xml#";
/// Code list of gmd:LanguageCode (ISO 639-2).
pub const LANGUAGE_CODELIST: &str = "http://www.loc.gov/standards/iso639-2/";
/// `scheme` of a dc:subject carrying an ISO topic category.
pub const TOPIC_CATEGORY_SCHEME: &str =
    "http://www.isotc211.org/2005/resources/Codelist/gmxCodelists.xml#MD_TopicCategoryCode";
/// CRS of ows:BoundingBox written in csw:Record (pycsw's choice: latitude first).
pub const CRS_EPSG_4326: &str = "urn:x-ogc:def:crs:EPSG:6.11:4326";
