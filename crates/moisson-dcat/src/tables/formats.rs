//! Distribution formats (EU file types, IANA media types) and access protocols.

use crate::vocab::authority;

/// Lower-case format names and extensions as catalogues write them → EU file-type code.
const FILE_TYPES: [(&str, &str); 38] = [
    ("shp", "SHP"),
    ("shapefile", "SHP"),
    ("esri shapefile", "SHP"),
    ("geojson", "GEOJSON"),
    ("csv", "CSV"),
    ("gml", "GML"),
    ("kml", "KML"),
    ("kmz", "KMZ"),
    ("gpkg", "GPKG"),
    ("geopackage", "GPKG"),
    ("geotiff", "TIFF"),
    ("tiff", "TIFF"),
    ("tif", "TIFF"),
    ("json", "JSON"),
    ("xml", "XML"),
    ("pdf", "PDF"),
    ("zip", "ZIP"),
    ("xls", "XLS"),
    ("xlsx", "XLSX"),
    ("ods", "ODS"),
    ("jpeg", "JPEG"),
    ("jpg", "JPEG"),
    ("png", "PNG"),
    ("ecw", "ECW"),
    ("dxf", "DXF"),
    ("mapinfo", "MAP_INFO"),
    ("tab", "TAB"),
    ("mif/mid", "MIF_MID"),
    ("netcdf", "NETCDF"),
    ("html", "HTML"),
    ("txt", "TXT"),
    ("rdf", "RDF"),
    ("json-ld", "JSON_LD"),
    ("las", "LAS"),
    ("laz", "LAZ"),
    ("jpeg2000", "JPEG2000"),
    ("wms", "WMS_SRVC"),
    ("wfs", "WFS_SRVC"),
];

/// EU file-type codes → IANA media type (for `dcat:mediaType`).
const MEDIA_TYPES: [(&str, &str); 12] = [
    ("CSV", "text/csv"),
    ("GEOJSON", "application/geo+json"),
    ("GML", "application/gml+xml"),
    ("KML", "application/vnd.google-earth.kml+xml"),
    ("JSON", "application/json"),
    ("XML", "application/xml"),
    ("PDF", "application/pdf"),
    ("ZIP", "application/zip"),
    ("TIFF", "image/tiff"),
    ("PNG", "image/png"),
    ("JPEG", "image/jpeg"),
    ("GPKG", "application/geopackage+sqlite3"),
];

/// The EU file-type IRI of a format name (`ESRI Shapefile`, `SHP`, `GeoJSON`…) or of a
/// file-type IRI already.
#[must_use]
pub fn file_type_iri(name: &str) -> Option<String> {
    if name.starts_with(authority::FILE_TYPE) {
        return Some(name.to_owned());
    }
    let key = name.trim().to_ascii_lowercase();
    let key = key
        .split(['(', ' '])
        .next()
        .filter(|_| !FILE_TYPES.iter().any(|(k, _)| *k == key))
        .unwrap_or(&key);
    FILE_TYPES
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, code)| *code)
        .or_else(|| file_type_of_media_type(name))
        .map(|code| format!("{}{code}", authority::FILE_TYPE))
}

/// IANA media subtypes (as `application/gml+xml` or bare `gml+xml`) → EU file-type code,
/// after SEMIC's "INSPIRE media types → MDR file types" alignment (EUPL-1.2,
/// SEMICeu/iso-19139-to-dcat-ap `alignments/inspire-media-types-to-mdr-file-types.rdf`).
const MEDIA_SUBTYPES: [(&str, &str); 16] = [
    ("atom+xml", "ATOM"),
    ("geo+json", "GEOJSON"),
    ("geopackage+sqlite3", "GPKG"),
    ("gml+xml", "GML"),
    ("vnd.google-earth.kml+xml", "KML"),
    ("vnd.google-earth.kmz", "KMZ"),
    ("vnd.las", "LAS"),
    ("vnd.shp", "SHP"),
    ("x-shapefile", "SHP"),
    ("x-ascii-grid", "GRID_ASCII"),
    ("x-ecw", "ECW"),
    ("x-filegdb", "GDB"),
    ("x-netcdf", "NETCDF"),
    ("netcdf", "NETCDF"),
    ("x-gmz", "GMZ"),
    ("tiff", "TIFF"),
];

/// The file-type code of a media type or media subtype (`application/gml+xml`,
/// `gml+xml`, `text/csv`), parameters (`; version=3.2`) ignored.
fn file_type_of_media_type(name: &str) -> Option<&'static str> {
    let media = name.split(';').next()?.trim().to_ascii_lowercase();
    let subtype = media.rsplit('/').next()?;
    MEDIA_SUBTYPES
        .iter()
        .find(|(k, _)| *k == subtype)
        .map(|(_, code)| *code)
        .or_else(|| {
            MEDIA_TYPES
                .iter()
                .find(|(_, m)| *m == media)
                .map(|(code, _)| *code)
        })
}

/// Format names that say there is no known format ("unknown", "inconnu", "n/a"…): a
/// distribution with one of them gets no `dct:format` rather than a format named
/// "unknown" (an empty label that DCAT-AP's controlled-vocabulary shapes refuse).
#[must_use]
pub fn is_placeholder(name: &str) -> bool {
    const NONE: [&str; 9] = [
        "",
        "unknown",
        "inconnu",
        "n/a",
        "na",
        "none",
        "aucun",
        "non renseigné",
        "-",
    ];
    NONE.contains(&name.trim().to_lowercase().as_str())
}

/// The code of an EU file-type IRI (`…/file-type/SHP` → `SHP`).
#[must_use]
pub fn file_type_code(iri: &str) -> Option<&str> {
    iri.strip_prefix(authority::FILE_TYPE)
}

/// The IANA media-type IRI of a format given by name or media type.
#[must_use]
pub fn media_type_iri(name: &str) -> Option<String> {
    let name = name.trim();
    let media = if name.contains('/') && !name.contains(':') {
        Some(name)
    } else {
        let code = file_type_iri(name)?;
        let code = file_type_code(&code)?.to_owned();
        MEDIA_TYPES
            .iter()
            .find(|(c, _)| *c == code)
            .map(|(_, m)| *m)
    }?;
    Some(format!("{}{media}", authority::IANA_MEDIA_TYPE))
}

/// Protocols (CI_OnlineResource/protocol) that name an OGC standard → standard path.
const PROTOCOLS: [(&str, &str); 7] = [
    ("OGC:WMS", "wms"),
    ("OGC:WFS", "wfs"),
    ("OGC:WCS", "wcs"),
    ("OGC:WMTS", "wmts"),
    ("OGC:CSW", "cat"),
    ("OGC:SOS", "sos"),
    ("OGC:WPS", "wps"),
];

/// Names of the OGC services as catalogues spell them out → standard path.
const SERVICE_NAMES: [(&str, &str); 7] = [
    ("web map tile service", "wmts"),
    ("web map service", "wms"),
    ("web feature service", "wfs"),
    ("web coverage service", "wcs"),
    ("catalogue service", "cat"),
    ("sensor observation service", "sos"),
    ("web processing service", "wps"),
];

/// The standard IRI of an online-resource protocol or service type, when it names one:
/// `OGC:WMS…`, `WMS`, `OGC Web Map Service`, or an OGC serviceType IRI (`…/ogc/wms`).
#[must_use]
pub fn protocol_iri(protocol: &str) -> Option<String> {
    let p = protocol.trim().to_ascii_uppercase();
    let lower = protocol.trim().to_ascii_lowercase();
    let by_code = PROTOCOLS
        .iter()
        .find(|(k, _)| {
            p == *k || p.strip_prefix(k).is_some_and(|rest| rest.starts_with('-')) || p == k[4..]
        })
        .map(|(_, s)| *s);
    let by_iri = lower
        .strip_prefix(authority::OGC_SERVICE_TYPE)
        .and_then(|code| {
            PROTOCOLS
                .iter()
                .find(|(k, _)| k[4..].eq_ignore_ascii_case(code))
        })
        .map(|(_, s)| *s);
    let by_name = SERVICE_NAMES
        .iter()
        .find(|(name, _)| lower.contains(name))
        .map(|(_, s)| *s);
    by_code
        .or(by_iri)
        .or(by_name)
        .map(|std| format!("{}{std}", authority::OGC_STANDARDS))
}

/// The standard IRI of an OGC service URL (`…?service=WMS&request=GetCapabilities`).
#[must_use]
pub fn service_of_url(url: &str) -> Option<String> {
    let query = url.split_once('?')?.1.to_ascii_uppercase();
    let service = query
        .split('&')
        .find_map(|kv| kv.strip_prefix("SERVICE="))?;
    protocol_iri(&format!("OGC:{service}"))
}

/// The protocol name of a standard IRI written by [`protocol_iri`].
#[must_use]
pub fn protocol_from(iri: &str) -> Option<&'static str> {
    let std = iri.strip_prefix(authority::OGC_STANDARDS)?;
    PROTOCOLS.iter().find(|(_, s)| *s == std).map(|(k, _)| *k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_map_to_file_types() {
        let shp = Some("http://publications.europa.eu/resource/authority/file-type/SHP".to_owned());
        assert_eq!(file_type_iri("ESRI Shapefile"), shp);
        assert_eq!(file_type_iri("SHP (ZIP)"), shp);
        assert_eq!(file_type_iri("nothing known"), None);
        assert!(media_type_iri("GeoJSON").is_some_and(|m| m.ends_with("application/geo+json")));
    }

    #[test]
    fn media_types_map_to_file_types_and_placeholders_to_nothing() {
        let gml = Some("http://publications.europa.eu/resource/authority/file-type/GML".to_owned());
        assert_eq!(file_type_iri("gml+xml"), gml);
        assert_eq!(file_type_iri("application/gml+xml; version=3.2"), gml);
        assert!(file_type_iri("text/csv").is_some_and(|i| i.ends_with("/CSV")));
        assert_eq!(file_type_iri("OPeNDAP"), None);
        assert!(is_placeholder(" Unknown ") && is_placeholder("Non renseigné"));
        assert!(!is_placeholder("OPeNDAP"));
    }

    #[test]
    fn protocols_both_ways() {
        let wms = protocol_iri("OGC:WMS-1.3.0-http-get-map").unwrap_or_default();
        assert_eq!(protocol_from(&wms), Some("OGC:WMS"));
        assert_eq!(protocol_iri("WWW:LINK"), None);
        assert_eq!(protocol_iri("OGC Web Map Service"), Some(wms.clone()));
        assert_eq!(
            protocol_iri("http://www.opengis.net/def/serviceType/ogc/wms"),
            Some(wms.clone())
        );
        assert_eq!(
            service_of_url("https://x.fr/ows?service=WMS&request=GetCapabilities"),
            Some(wms)
        );
    }
}
