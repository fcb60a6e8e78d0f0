//! The record: ISO 19115 core as ISO 19139 uses it, plus catalogue fields.
//!
//! Field names follow ISO 19115 where one exists. Every collection is a `Vec` so that a
//! record with several extents, contacts or keyword groups keeps them all, in order.

mod catalogue;
mod contact;
mod extent;
mod identification;
mod service;

pub use catalogue::*;
pub use contact::*;
pub use extent::*;
pub use identification::*;
pub use service::*;

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::id::RecordId;

/// One metadata record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Record {
    /// ISO fileIdentifier. A record read without one gets an id derived from its content.
    #[cfg_attr(feature = "openapi", schema(value_type = Option<String>))]
    pub id: Option<RecordId>,
    pub parent_id: Option<String>,
    pub metadata: MetadataInfo,
    #[cfg_attr(feature = "openapi", schema(value_type = String, example = "dataset"))]
    pub hierarchy_level: HierarchyLevel,
    /// Metadata point of contact (gmd:contact).
    pub metadata_contacts: Vec<Contact>,

    pub title: String,
    pub alternate_titles: Vec<String>,
    /// Translations of the title (ISO 19139 `gmd:PT_FreeText`), by ISO 639-2 language code
    /// (or the document's locale id when it names no language): `{"eng": "…"}`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub title_i18n: BTreeMap<String, String>,
    #[serde(rename = "abstract")]
    pub abstract_text: String,
    /// Translations of the abstract, as `title_i18n`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub abstract_i18n: BTreeMap<String, String>,
    pub purpose: Option<String>,
    /// MD_ProgressCode values (completed, onGoing, …).
    pub status: Vec<String>,
    pub dates: Vec<ResourceDate>,
    pub identifiers: Vec<ResourceIdentifier>,
    /// Resource points of contact (identificationInfo/pointOfContact).
    pub contacts: Vec<Contact>,
    pub keywords: Vec<KeywordGroup>,
    /// MD_TopicCategoryCode values.
    pub topic_categories: Vec<String>,
    pub spatial_resolutions: Vec<Resolution>,
    /// ISO 639-2 codes of the resource (not the metadata).
    pub resource_languages: Vec<String>,
    pub extents: Vec<GeographicExtent>,
    pub temporal_extents: Vec<TemporalExtent>,
    pub reference_systems: Vec<ResourceIdentifier>,
    pub constraints: Vec<Constraint>,
    pub formats: Vec<Format>,
    pub online_resources: Vec<OnlineResource>,
    pub lineage: Option<String>,
    /// Translations of the lineage statement, as `title_i18n`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub lineage_i18n: BTreeMap<String, String>,
    pub conformity: Vec<ConformityReport>,
    /// MD_MaintenanceFrequencyCode value.
    pub maintenance_frequency: Option<String>,
    pub overviews: Vec<GraphicOverview>,
    /// Present for service records (srv:SV_ServiceIdentification).
    pub service: Option<ServiceInfo>,
    /// Identifiers of resources the record relates to without saying how: a Dublin Core
    /// `dc:relation` of a record that is not a service (a service's are its
    /// `service.operates_on`). CSW's `dc:relation` queries both.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub relations: Vec<String>,

    pub catalogue: CatalogueInfo,
}

impl Record {
    /// Checks what a store must refuse: bad extents, bad extra fields shape.
    pub fn validate(&self) -> Result<()> {
        for extent in &self.extents {
            if let Some(bbox) = &extent.bbox {
                bbox.validate()?;
            }
        }
        Ok(())
    }

    /// Every keyword text, across thesauri, in order.
    pub fn keyword_texts(&self) -> impl Iterator<Item = &str> {
        self.keywords
            .iter()
            .flat_map(|g| g.keywords.iter().map(|k| k.text.as_str()))
    }

    /// Every language the record's translations use (title, abstract, lineage, keywords,
    /// thesaurus titles, constraints), each once, in order.
    #[must_use]
    pub fn translation_languages(&self) -> std::collections::BTreeSet<&str> {
        let anchored = self
            .keywords
            .iter()
            .flat_map(|g| {
                g.keywords
                    .iter()
                    .chain(g.thesaurus.iter().map(|t| &t.title))
            })
            .chain(self.constraints.iter().flat_map(|c| {
                c.use_limitations
                    .iter()
                    .chain(&c.other_constraints)
                    .chain(&c.licence)
            }));
        [&self.title_i18n, &self.abstract_i18n, &self.lineage_i18n]
            .into_iter()
            .chain(anchored.map(|a| &a.text_i18n))
            .flat_map(BTreeMap::keys)
            .map(String::as_str)
            .collect()
    }

    /// The licence text or URI, if the record states one: the first use constraint
    /// named licence, else the first other constraint of a legal constraint block.
    #[must_use]
    pub fn licence(&self) -> Option<&Anchored> {
        self.constraints
            .iter()
            .filter(|c| c.kind == ConstraintKind::Legal)
            .find_map(|c| c.licence.as_ref().or_else(|| c.other_constraints.first()))
    }
}

/// Metadata about the metadata.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct MetadataInfo {
    /// ISO 639-2 code, e.g. `fre`.
    pub language: Option<String>,
    /// MD_CharacterSetCode, e.g. `utf8`.
    pub charset: Option<String>,
    /// gmd:dateStamp as written (date or date-time).
    pub date_stamp: Option<String>,
    pub standard_name: Option<String>,
    pub standard_version: Option<String>,
}

/// MD_ScopeCode of the record.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum HierarchyLevel {
    #[default]
    Dataset,
    Series,
    Service,
    NonGeographicDataset,
    Application,
    Collection,
    Model,
    Tile,
    Feature,
    Software,
    /// Any other scope code (map, interactiveMap, staticMap, …) kept as written.
    #[serde(untagged)]
    Other(String),
}

impl HierarchyLevel {
    #[must_use]
    pub fn as_str(&self) -> &str {
        match self {
            Self::Dataset => "dataset",
            Self::Series => "series",
            Self::Service => "service",
            Self::NonGeographicDataset => "nonGeographicDataset",
            Self::Application => "application",
            Self::Collection => "collectionSession",
            Self::Model => "model",
            Self::Tile => "tile",
            Self::Feature => "feature",
            Self::Software => "software",
            Self::Other(s) => s,
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Self {
        match s.trim() {
            "dataset" => Self::Dataset,
            "series" => Self::Series,
            "service" => Self::Service,
            "nonGeographicDataset" => Self::NonGeographicDataset,
            "application" => Self::Application,
            "collectionSession" => Self::Collection,
            "model" => Self::Model,
            "tile" => Self::Tile,
            "feature" => Self::Feature,
            "software" => Self::Software,
            other => Self::Other(other.to_owned()),
        }
    }

    /// A `dc:type`: a scope code, or a DCMI Type URI whose name is one
    /// (`http://purl.org/dc/dcmitype/Dataset` is `dataset`), the URI's scheme, host and
    /// name compared without case as clients send them; any other value kept as written.
    #[must_use]
    pub fn from_dc_type(text: &str) -> Self {
        const DCMI_TYPE: &str = "http://purl.org/dc/dcmitype/";
        let text = text.trim();
        let dcmi_name = text
            .get(..DCMI_TYPE.len())
            .filter(|prefix| prefix.eq_ignore_ascii_case(DCMI_TYPE))
            .map(|_| &text[DCMI_TYPE.len()..]);
        let Some(name) = dcmi_name else {
            return Self::parse(text);
        };
        let known = [
            Self::Dataset,
            Self::Series,
            Self::Service,
            Self::NonGeographicDataset,
            Self::Application,
            Self::Collection,
            Self::Model,
            Self::Tile,
            Self::Feature,
            Self::Software,
        ];
        known
            .into_iter()
            .find(|level| level.as_str().eq_ignore_ascii_case(name))
            .unwrap_or_else(|| Self::Other(text.to_owned()))
    }
}

#[cfg(test)]
mod dc_type_tests {
    use super::HierarchyLevel;

    #[test]
    fn dcmi_type_uris_are_scope_codes_in_any_case() {
        let dataset = HierarchyLevel::from_dc_type("http://purl.org/dc/dcmitype/Dataset");
        assert_eq!(dataset, HierarchyLevel::Dataset);
        let shouted = HierarchyLevel::from_dc_type("HTTP://purl.org/dc/dcmitype/dataset");
        assert_eq!(shouted, HierarchyLevel::Dataset);
        assert_eq!(
            HierarchyLevel::from_dc_type("service"),
            HierarchyLevel::Service
        );
        let image = "http://purl.org/dc/dcmitype/Image";
        assert_eq!(
            HierarchyLevel::from_dc_type(image),
            HierarchyLevel::Other(image.to_owned())
        );
    }
}

/// A text that may carry a URI (gmx:Anchor xlink:href) and translations (keywords,
/// constraints, thesaurus titles).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Anchored {
    pub text: String,
    pub uri: Option<String>,
    /// Translations of `text` (ISO 19139 `gmd:PT_FreeText`), as `Record::title_i18n`.
    #[serde(skip_serializing_if = "BTreeMap::is_empty")]
    pub text_i18n: BTreeMap<String, String>,
}

impl Anchored {
    #[must_use]
    pub fn text(text: impl Into<String>) -> Self {
        Self {
            text: text.into(),
            ..Self::default()
        }
    }

    /// A text with a URI and no translation.
    #[must_use]
    pub fn with_uri(text: impl Into<String>, uri: Option<String>) -> Self {
        Self {
            text: text.into(),
            uri,
            ..Self::default()
        }
    }
}
