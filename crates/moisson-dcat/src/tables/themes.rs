//! Themes: INSPIRE spatial data themes and ISO topic categories aligned to EU data themes,
//! with the SEMIC alignment tables (EUPL-1.2) read once from `tests/data/thesauri/alignments`.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::LazyLock;

use oxrdf::{NamedOrBlankNodeRef, TermRef};

use crate::vocab::{authority, skos};

/// INSPIRE theme code → English and French labels (INSPIRE registry).
pub const INSPIRE_THEMES: [(&str, &str, &str); 34] = [
    ("ac", "Atmospheric conditions", "Conditions atmosphériques"),
    ("ad", "Addresses", "Adresses"),
    (
        "af",
        "Agricultural and aquaculture facilities",
        "Installations agricoles et aquacoles",
    ),
    (
        "am",
        "Area management/restriction/regulation zones and reporting units",
        "Zones de gestion, de restriction ou de réglementation et unités de déclaration",
    ),
    ("au", "Administrative units", "Unités administratives"),
    ("br", "Bio-geographical regions", "Régions biogéographiques"),
    ("bu", "Buildings", "Bâtiments"),
    ("cp", "Cadastral parcels", "Parcelles cadastrales"),
    (
        "ef",
        "Environmental monitoring facilities",
        "Installations de suivi environnemental",
    ),
    ("el", "Elevation", "Altitude"),
    ("er", "Energy resources", "Sources d'énergie"),
    ("ge", "Geology", "Géologie"),
    (
        "gg",
        "Geographical grid systems",
        "Systèmes de maillage géographique",
    ),
    ("gn", "Geographical names", "Dénominations géographiques"),
    ("hb", "Habitats and biotopes", "Habitats et biotopes"),
    (
        "hh",
        "Human health and safety",
        "Santé et sécurité des personnes",
    ),
    ("hy", "Hydrography", "Hydrographie"),
    ("lc", "Land cover", "Occupation des terres"),
    ("lu", "Land use", "Usage des sols"),
    (
        "mf",
        "Meteorological geographical features",
        "Caractéristiques géographiques météorologiques",
    ),
    ("mr", "Mineral resources", "Ressources minérales"),
    ("nz", "Natural risk zones", "Zones à risque naturel"),
    (
        "of",
        "Oceanographic geographical features",
        "Caractéristiques géographiques océanographiques",
    ),
    ("oi", "Orthoimagery", "Ortho-imagerie"),
    (
        "pd",
        "Population distribution — demography",
        "Répartition de la population — démographie",
    ),
    (
        "pf",
        "Production and industrial facilities",
        "Lieux de production et sites industriels",
    ),
    ("ps", "Protected sites", "Sites protégés"),
    (
        "rs",
        "Coordinate reference systems",
        "Référentiels de coordonnées",
    ),
    ("sd", "Species distribution", "Répartition des espèces"),
    ("so", "Soil", "Sols"),
    ("sr", "Sea regions", "Régions maritimes"),
    ("su", "Statistical units", "Unités statistiques"),
    ("tn", "Transport networks", "Réseaux de transport"),
    (
        "us",
        "Utility and governmental services",
        "Services d'utilité publique et services publics",
    ),
];

/// Thesaurus titles of theme keywords read from DCAT.
pub const INSPIRE_THESAURUS: &str = "GEMET - INSPIRE themes, version 1.0";
pub const DATA_THEME_THESAURUS: &str = "Data theme (EU)";

/// The title of the INSPIRE theme or EU data-theme scheme (`dct:title` of the
/// skos:ConceptScheme, mandatory in DCAT-AP).
#[must_use]
pub fn scheme_title(scheme: &str) -> &'static str {
    if scheme == authority::DATA_THEME {
        DATA_THEME_THESAURUS
    } else {
        INSPIRE_THESAURUS
    }
}

/// EU data theme code → English and French labels (EU Publications Office authority table).
pub const DATA_THEMES: [(&str, &str, &str); 13] = [
    (
        "AGRI",
        "Agriculture, fisheries, forestry and food",
        "Agriculture, pêche, sylviculture et alimentation",
    ),
    ("ECON", "Economy and finance", "Économie et finances"),
    (
        "EDUC",
        "Education, culture and sport",
        "Éducation, culture et sport",
    ),
    ("ENER", "Energy", "Énergie"),
    ("ENVI", "Environment", "Environnement"),
    (
        "GOVE",
        "Government and public sector",
        "Gouvernement et secteur public",
    ),
    ("HEAL", "Health", "Santé"),
    ("INTR", "International issues", "Questions internationales"),
    (
        "JUST",
        "Justice, legal system and public safety",
        "Justice, système juridique et sécurité publique",
    ),
    ("REGI", "Regions and cities", "Régions et villes"),
    ("SOCI", "Population and society", "Population et société"),
    ("TECH", "Science and technology", "Science et technologie"),
    ("TRAN", "Transport", "Transports"),
];

const INSPIRE_TO_DATA_THEMES: &[u8] = include_bytes!(
    "../../../../tests/data/thesauri/alignments/semic_inspire-themes-to-mdr-data-themes.rdf"
);
const TOPICS_TO_INSPIRE: &[u8] = include_bytes!(
    "../../../../tests/data/thesauri/alignments/semic_iso-topic-categories-to-inspire-themes.rdf"
);

/// Subject IRI → matched IRIs (exact, close, broad and narrow matches; related matches are
/// too loose to tag a dataset with).
fn alignment(bytes: &[u8]) -> BTreeMap<String, BTreeSet<String>> {
    let matches = [
        skos::EXACT_MATCH,
        skos::CLOSE_MATCH,
        skos::BROAD_MATCH,
        skos::NARROW_MATCH,
    ];
    let mut map: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    let parser = oxrdfio::RdfParser::from_format(oxrdfio::RdfFormat::RdfXml).for_slice(bytes);
    for quad in parser.flatten() {
        if let (NamedOrBlankNodeRef::NamedNode(s), TermRef::NamedNode(o), true) = (
            quad.subject.as_ref(),
            quad.object.as_ref(),
            matches.contains(&quad.predicate.as_ref()),
        ) {
            map.entry(s.as_str().to_owned())
                .or_default()
                .insert(o.as_str().to_owned());
        }
    }
    map
}

static INSPIRE_ALIGNMENT: LazyLock<BTreeMap<String, BTreeSet<String>>> =
    LazyLock::new(|| alignment(INSPIRE_TO_DATA_THEMES));
static TOPIC_ALIGNMENT: LazyLock<BTreeMap<String, BTreeSet<String>>> =
    LazyLock::new(|| alignment(TOPICS_TO_INSPIRE));

/// The IRI of an INSPIRE theme code.
#[must_use]
pub fn inspire_theme_iri(code: &str) -> String {
    format!("{}/{code}", authority::INSPIRE_THEME)
}

/// The INSPIRE theme code of a keyword: by its URI, else by its English or French label.
#[must_use]
pub fn inspire_theme(text: &str, uri: Option<&str>) -> Option<&'static str> {
    if let Some(code) = uri.and_then(|u| {
        u.strip_prefix(authority::INSPIRE_THEME)
            .and_then(|rest| rest.strip_prefix('/'))
    }) {
        return INSPIRE_THEMES
            .iter()
            .find(|(c, _, _)| *c == code)
            .map(|(c, _, _)| *c);
    }
    let text = text.trim();
    // Lower-cased once per keyword, against French labels lower-cased once per process
    // (this runs for every keyword of every record of a whole-catalogue export).
    let lower = text.to_lowercase();
    INSPIRE_THEMES
        .iter()
        .zip(INSPIRE_FR_LOWER.iter())
        .find(|((_, en, _), fr)| en.eq_ignore_ascii_case(text) || **fr == lower)
        .map(|((c, _, _), _)| *c)
}

/// The French labels of [`INSPIRE_THEMES`], lower-cased, in the same order.
static INSPIRE_FR_LOWER: LazyLock<Vec<String>> = LazyLock::new(|| {
    INSPIRE_THEMES
        .iter()
        .map(|(_, _, fr)| fr.to_lowercase())
        .collect()
});

/// Labels of an INSPIRE theme IRI.
#[must_use]
pub fn inspire_labels(iri: &str) -> Option<(&'static str, &'static str)> {
    let code = iri
        .strip_prefix(authority::INSPIRE_THEME)?
        .strip_prefix('/')?;
    INSPIRE_THEMES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, fr)| (*en, *fr))
}

/// The EU data-theme IRIs an INSPIRE theme aligns to.
#[must_use]
pub fn data_themes_of_inspire(inspire_iri: &str) -> Vec<String> {
    INSPIRE_ALIGNMENT
        .get(inspire_iri)
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default()
}

/// The INSPIRE theme IRIs an ISO topic category aligns to.
#[must_use]
pub fn inspire_of_topic(topic_iri: &str) -> Vec<String> {
    TOPIC_ALIGNMENT
        .get(topic_iri)
        .map(|s| s.iter().cloned().collect())
        .unwrap_or_default()
}

/// Labels of an EU data-theme IRI.
#[must_use]
pub fn data_theme_labels(iri: &str) -> Option<(&'static str, &'static str)> {
    let code = iri.strip_prefix(authority::DATA_THEME)?.strip_prefix('/')?;
    DATA_THEMES
        .iter()
        .find(|(c, _, _)| *c == code)
        .map(|(_, en, fr)| (*en, *fr))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tables::codes::topic_iri;

    #[test]
    fn alignments_are_read() {
        assert_eq!(
            data_themes_of_inspire(&inspire_theme_iri("au")),
            vec![format!("{}/GOVE", authority::DATA_THEME)]
        );
        assert!(inspire_of_topic(&topic_iri("biota")).contains(&inspire_theme_iri("sd")));
        assert!(INSPIRE_ALIGNMENT.len() >= 34, "{}", INSPIRE_ALIGNMENT.len());
    }

    #[test]
    fn themes_by_label() {
        assert_eq!(inspire_theme("Usage des sols", None), Some("lu"));
        assert_eq!(
            inspire_theme("x", Some("http://inspire.ec.europa.eu/theme/hy")),
            Some("hy")
        );
        assert!(data_theme_labels(&format!("{}/ENVI", authority::DATA_THEME)).is_some());
    }
}
