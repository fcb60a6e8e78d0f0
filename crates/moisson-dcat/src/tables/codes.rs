//! Languages, maintenance frequencies, responsible-party roles and CRS codes.

use super::{backward, forward};
use crate::vocab::authority;

/// ISO 639-2 (bibliographic first, then terminologic) → (BCP 47 tag, EU language code).
const LANGUAGES: [(&str, &str, &str); 40] = [
    ("fre", "fr", "FRA"),
    ("fra", "fr", "FRA"),
    ("eng", "en", "ENG"),
    ("ger", "de", "DEU"),
    ("deu", "de", "DEU"),
    ("dut", "nl", "NLD"),
    ("nld", "nl", "NLD"),
    ("spa", "es", "SPA"),
    ("ita", "it", "ITA"),
    ("por", "pt", "POR"),
    ("cze", "cs", "CES"),
    ("ces", "cs", "CES"),
    ("pol", "pl", "POL"),
    ("gre", "el", "ELL"),
    ("ell", "el", "ELL"),
    ("swe", "sv", "SWE"),
    ("dan", "da", "DAN"),
    ("fin", "fi", "FIN"),
    ("hun", "hu", "HUN"),
    ("rum", "ro", "RON"),
    ("ron", "ro", "RON"),
    ("slo", "sk", "SLK"),
    ("slk", "sk", "SLK"),
    ("slv", "sl", "SLV"),
    ("bul", "bg", "BUL"),
    ("est", "et", "EST"),
    ("lav", "lv", "LAV"),
    ("lit", "lt", "LIT"),
    ("gle", "ga", "GLE"),
    ("mlt", "mt", "MLT"),
    ("hrv", "hr", "HRV"),
    ("ice", "is", "ISL"),
    ("isl", "is", "ISL"),
    ("nor", "no", "NOR"),
    ("bre", "br", "BRE"),
    ("oci", "oc", "OCI"),
    ("cat", "ca", "CAT"),
    ("baq", "eu", "EUS"),
    ("eus", "eu", "EUS"),
    ("ltz", "lb", "LTZ"),
];

/// The BCP 47 tag of an ISO 639-2 code (`fre` → `fr`); a two-letter code is kept.
#[must_use]
pub fn language_tag(iso: &str) -> Option<&'static str> {
    let iso = iso.trim();
    LANGUAGES
        .iter()
        .find(|(c, t, _)| c.eq_ignore_ascii_case(iso) || t.eq_ignore_ascii_case(iso))
        .map(|(_, t, _)| *t)
}

/// The EU language authority IRI of an ISO 639-2 code.
#[must_use]
pub fn language_iri(iso: &str) -> Option<String> {
    let iso = iso.trim();
    LANGUAGES
        .iter()
        .find(|(c, t, _)| c.eq_ignore_ascii_case(iso) || t.eq_ignore_ascii_case(iso))
        .map(|(_, _, eu)| format!("{}{eu}", authority::LANGUAGE))
}

/// The ISO 639-2/B code of a BCP 47 tag (`fr-FR` → `fre`) or of an EU language IRI.
#[must_use]
pub fn language_from(tag_or_iri: &str) -> Option<&'static str> {
    if let Some(code) = tag_or_iri.strip_prefix(authority::LANGUAGE) {
        return LANGUAGES
            .iter()
            .find(|(_, _, eu)| eu.eq_ignore_ascii_case(code))
            .map(|(c, _, _)| *c);
    }
    let primary = tag_or_iri
        .split('-')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    LANGUAGES
        .iter()
        .find(|(_, t, _)| *t == primary)
        .map(|(c, _, _)| *c)
}

/// MD_MaintenanceFrequencyCode → EU frequency code (the first match wins on import).
const FREQUENCIES: [(&str, &str); 13] = [
    ("continual", "CONT"),
    ("daily", "DAILY"),
    ("weekly", "WEEKLY"),
    ("fortnightly", "BIWEEKLY"),
    ("monthly", "MONTHLY"),
    ("quarterly", "QUARTERLY"),
    ("biannually", "ANNUAL_2"),
    ("annually", "ANNUAL"),
    ("irregular", "IRREG"),
    ("asNeeded", "IRREG"),
    ("notPlanned", "NEVER"),
    ("unknown", "UNKNOWN"),
    ("continual", "UPDATE_CONT"),
];

#[must_use]
pub fn frequency_iri(iso: &str) -> Option<String> {
    forward(&FREQUENCIES, iso).map(|eu| format!("{}{eu}", authority::FREQUENCY))
}

#[must_use]
pub fn frequency_from(iri: &str) -> Option<&'static str> {
    backward(&FREQUENCIES, iri.strip_prefix(authority::FREQUENCY)?)
}

/// The INSPIRE responsible-party role IRI (`dcat:hadRole`) of a CI_RoleCode.
#[must_use]
pub fn role_iri(role: &str) -> String {
    format!(
        "{}ResponsiblePartyRole/{}",
        authority::INSPIRE_CODELIST,
        role.trim()
    )
}

#[must_use]
pub fn role_from(iri: &str) -> Option<&str> {
    iri.strip_prefix(authority::INSPIRE_CODELIST)?
        .strip_prefix("ResponsiblePartyRole/")
}

/// The INSPIRE topic-category IRI of an MD_TopicCategoryCode.
#[must_use]
pub fn topic_iri(code: &str) -> String {
    format!(
        "{}TopicCategory/{}",
        authority::INSPIRE_CODELIST,
        code.trim()
    )
}

#[must_use]
pub fn topic_from(iri: &str) -> Option<&str> {
    iri.strip_prefix(authority::INSPIRE_CODELIST)?
        .strip_prefix("TopicCategory/")
}

/// The OGC IRI of an EPSG code written as `2154`, `EPSG:2154`, `urn:ogc:def:crs:EPSG::2154`
/// or an `http://www.opengis.net/def/crs/EPSG/0/2154` IRI.
#[must_use]
pub fn crs_iri(code: &str, codespace: Option<&str>) -> Option<String> {
    let code = code.trim();
    if code.starts_with(authority::EPSG_CRS) {
        return Some(code.to_owned());
    }
    let digits = code.rsplit([':', '/']).next().unwrap_or(code);
    let epsg = code.to_ascii_uppercase().contains("EPSG")
        || codespace.is_some_and(|c| c.to_ascii_uppercase().contains("EPSG"));
    (epsg && !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()))
        .then(|| format!("{}{digits}", authority::EPSG_CRS))
}

/// Whether the string is an ISO date or date-time DCAT-AP accepts, and its XSD datatype.
#[must_use]
pub fn date_datatype(value: &str) -> Option<oxrdf::NamedNodeRef<'static>> {
    use crate::vocab::xsd;
    let b = value.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let ymd = b.len() >= 10
        && digits(0..4)
        && b[4] == b'-'
        && digits(5..7)
        && b[7] == b'-'
        && digits(8..10);
    match b.len() {
        4 if digits(0..4) => Some(xsd::G_YEAR),
        7 if digits(0..4) && b[4] == b'-' && digits(5..7) => Some(xsd::G_YEAR_MONTH),
        10 if ymd => Some(xsd::DATE),
        n if n >= 19 && ymd && b[10] == b'T' && digits(11..13) && b[13] == b':' => {
            Some(xsd::DATE_TIME)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_both_ways() {
        assert_eq!(language_tag("fre"), Some("fr"));
        assert_eq!(
            language_iri("ger").as_deref(),
            Some("http://publications.europa.eu/resource/authority/language/DEU")
        );
        assert_eq!(language_from("fr-FR"), Some("fre"));
        assert_eq!(
            language_from(&language_iri("fra").unwrap_or_default()),
            Some("fre")
        );
    }

    #[test]
    fn crs_codes() {
        let iri = Some("http://www.opengis.net/def/crs/EPSG/0/2154".to_owned());
        assert_eq!(crs_iri("EPSG:2154", None), iri);
        assert_eq!(crs_iri("2154", Some("EPSG")), iri);
        assert_eq!(crs_iri("urn:ogc:def:crs:EPSG::2154", None), iri);
        assert_eq!(crs_iri("Lambert 93", None), None);
    }

    #[test]
    fn dates() {
        assert!(date_datatype("2024-01-31").is_some());
        assert!(date_datatype("2024-01-31T10:00:00").is_some());
        assert!(date_datatype("31/01/2024").is_none());
    }
}
