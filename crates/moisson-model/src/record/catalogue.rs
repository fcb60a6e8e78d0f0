//! Catalogue fields: who owns a record, who sees it, where it came from.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

/// Catalogue-side information, not part of the ISO document.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct CatalogueInfo {
    /// Identifier of the owning organisation, when known.
    pub owner_org: Option<String>,
    pub visibility: Visibility,
    /// Where the record is in the editing workflow; only published records are seen
    /// outside the owner organisation's editors (see `crate::rights`).
    pub status: WorkflowStatus,
    /// Organisations and groups a `restricted` record is shared with (beyond its owner).
    pub shared_with: Vec<String>,
    /// Set by the store on first write.
    pub created: Option<DateTime<Utc>>,
    /// Set by the store on every write.
    pub updated: Option<DateTime<Utc>>,
    pub source: RecordSource,
    /// Name of the custom profile (JSON Schema) that validates `extra`.
    pub profile: Option<String>,
    /// Free fields of a customised schema; validated against `profile`.
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub extra: serde_json::Map<String, serde_json::Value>,
}

/// Who may see a published record (see `crate::rights`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Visibility {
    #[default]
    Public,
    Internal,
    Restricted,
}

/// The editing workflow: draft → submitted → published. Records read from files and
/// harvests are published unless they say otherwise.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum WorkflowStatus {
    Draft,
    Submitted,
    #[default]
    Published,
}

impl WorkflowStatus {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Draft => "draft",
            Self::Submitted => "submitted",
            Self::Published => "published",
        }
    }
}

impl Visibility {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Public => "public",
            Self::Internal => "internal",
            Self::Restricted => "restricted",
        }
    }
}

/// Where a record came from.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase", tag = "kind")]
pub enum RecordSource {
    #[default]
    Local,
    Harvested {
        /// Identifier of the harvest source.
        harvester: String,
        url: Option<String>,
    },
}

/// The document a record was read from, kept so that an unedited record exports
/// byte-identical.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginalDocument {
    pub format: DocumentFormat,
    pub bytes: Vec<u8>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DocumentFormat {
    Iso19139,
    DublinCore,
    /// ISO 19115-3 (`mdb:MD_Metadata`), as GeoNetwork 4 writes it.
    #[serde(rename = "iso19115-3")]
    Iso19115_3,
    /// FGDC CSDGM (`metadata`, FGDC-STD-001-1998).
    Fgdc,
}

impl DocumentFormat {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Iso19139 => "iso19139",
            Self::DublinCore => "dublincore",
            Self::Iso19115_3 => "iso19115-3",
            Self::Fgdc => "fgdc",
        }
    }
}
