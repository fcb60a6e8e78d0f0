//! Identification, keywords, constraints, distribution and quality parts of a record.

use serde::{Deserialize, Serialize};

use super::Anchored;

/// A resource date (CI_Date). `kind` is CI_DateTypeCode: creation, publication, revision.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ResourceDate {
    pub kind: String,
    /// As written: `2024-01-31` or `2024-01-31T10:00:00`.
    pub date: String,
}

/// An identifier with its namespace (MD_Identifier / RS_Identifier).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ResourceIdentifier {
    pub code: String,
    pub codespace: Option<String>,
    /// gmx:Anchor URI of the code, when given.
    pub uri: Option<String>,
}

/// Keywords from one thesaurus (or free keywords when `thesaurus` is `None`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct KeywordGroup {
    pub thesaurus: Option<Thesaurus>,
    /// MD_KeywordTypeCode: theme, place, discipline, …
    pub kind: Option<String>,
    pub keywords: Vec<Anchored>,
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Thesaurus {
    pub title: Anchored,
    pub date: Option<String>,
    pub date_kind: Option<String>,
}

/// Spatial resolution: a scale denominator or a ground distance.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Resolution {
    ScaleDenominator(u64),
    Distance { value: f64, uom: Option<String> },
}

#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "camelCase")]
pub enum ConstraintKind {
    /// MD_Constraints: use limitations only.
    #[default]
    Plain,
    Legal,
    Security,
}

/// A resourceConstraints block.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Constraint {
    pub kind: ConstraintKind,
    pub use_limitations: Vec<Anchored>,
    /// MD_RestrictionCode values.
    pub access_constraints: Vec<String>,
    pub use_constraints: Vec<String>,
    pub other_constraints: Vec<Anchored>,
    /// A licence named explicitly (e.g. by a DCAT or JSON write); ISO carries it in
    /// `other_constraints`.
    pub licence: Option<Anchored>,
    /// MD_ClassificationCode for security constraints.
    pub classification: Option<String>,
}

/// A distribution format.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct Format {
    pub name: Anchored,
    pub version: Option<String>,
}

/// An online resource (CI_OnlineResource).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct OnlineResource {
    pub url: String,
    pub protocol: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// CI_OnLineFunctionCode: download, information, …
    pub function: Option<String>,
}

/// A conformity report (DQ_DomainConsistency / DQ_ConformanceResult).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct ConformityReport {
    pub specification: Anchored,
    pub date: Option<String>,
    pub date_kind: Option<String>,
    pub explanation: Option<String>,
    /// `None` when the report does not say (gco:Boolean nil).
    pub pass: Option<bool>,
}

/// A graphic overview (MD_BrowseGraphic).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(default)]
pub struct GraphicOverview {
    pub url: String,
    pub description: Option<String>,
    pub file_type: Option<String>,
}
