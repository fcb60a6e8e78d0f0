//! The one query AST. OGC Filter 1.1, CQL, CQL2 and REST parameters compile to `Expr`;
//! each store backend compiles `Expr` to SQL with bound parameters.

use serde::{Deserialize, Serialize};

use crate::record::Bbox;

/// A queryable property. Stores map each to a column from a fixed allow-list, so no
/// protocol can name an arbitrary column.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum Property {
    Identifier,
    ParentIdentifier,
    Title,
    AlternateTitle,
    Abstract,
    /// Title, abstract, keywords and the other texts together.
    AnyText,
    Keyword,
    TopicCategory,
    /// Hierarchy level (dataset, service, …).
    Type,
    /// Owner organisation identifier.
    Organisation,
    /// Workflow status (`draft`, `submitted`, `published`); the rights clause still
    /// applies, so only those who may see drafts find any.
    Status,
    /// Organisation name of any contact.
    OrganisationName,
    Format,
    Licence,
    Language,
    ResourceLanguage,
    /// gmd:dateStamp.
    Modified,
    /// Resource creation / publication / revision dates.
    CreationDate,
    PublicationDate,
    RevisionDate,
    ServiceType,
    CrsCode,
    ResourceIdentifier,
    OperatesOn,
    /// Begin and end of the temporal extent.
    TempExtentBegin,
    TempExtentEnd,
    /// Catalogue timestamps.
    Created,
    Updated,
    // ISO AP 1.0 and INSPIRE queryables, read from the stored document.
    /// MD_KeywordTypeCode of any keyword group (theme, place, …).
    KeywordType,
    /// Any srv:serviceTypeVersion.
    ServiceTypeVersion,
    /// Name of any service operation (srv:operationName).
    OperatesOnName,
    /// SV_CouplingType of a service (loose, mixed, tight).
    CouplingType,
    /// `true` when a security constraint or classification exists, else `false`.
    HasSecurityConstraints,
    /// Any equivalent scale denominator (a number).
    Denominator,
    /// Any resolution distance value (a number) and its unit of measure.
    DistanceValue,
    DistanceUom,
    /// Code of any geographic description (EX_GeographicDescription).
    GeographicDescriptionCode,
    /// Conformity degree of any report: `true`, `false` or `unknown`.
    Degree,
    /// Any MD_RestrictionCode of accessConstraints.
    AccessConstraints,
    /// Any otherConstraints text or URI.
    OtherConstraints,
    /// Any MD_ClassificationCode of a security constraint.
    Classification,
    /// Any use limitation, or other constraint of a block with useConstraints.
    ConditionApplyingToAccessAndUse,
    /// The lineage statement.
    Lineage,
    /// CI_RoleCode of any resource contact.
    ResponsiblePartyRole,
    /// Title (or URI) of the specification of any conformity report.
    SpecificationTitle,
    /// Date and CI_DateTypeCode of any conformity report's specification.
    SpecificationDate,
    SpecificationDateType,
    /// A thesaurus concept URI: records whose keywords are linked to it or to a narrower
    /// concept (`moisson-store`'s `record_concepts`).
    Theme,
    /// Any related resource's identifier: a record's `relations` or a service's
    /// operatesOn (CSW `dc:relation`).
    Relation,
    /// An extra field of a custom profile, by its top-level name.
    Extra(String),
}

/// A literal. Dates are ISO 8601 strings; stores compare them as text after
/// normalisation, which sorts correctly for ISO dates.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    Bool(bool),
    Number(f64),
    Text(String),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum CmpOp {
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SpatialOp {
    /// Any of the record's boxes shares a point with the geometry.
    Intersects,
    /// Any of the record's boxes lies within the geometry.
    Within,
    /// Any of the record's boxes contains the geometry.
    Contains,
    /// No box of the record intersects the geometry.
    Disjoint,
}

/// A closed or half-open time interval; `None` is open.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct TimeRange {
    pub start: Option<String>,
    pub end: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TemporalOp {
    /// The record's temporal extent overlaps the range.
    Intersects,
    /// The record's temporal extent lies within the range.
    During,
}

/// A filter expression.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Expr {
    /// Matches every record.
    All,
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Compare {
        property: Property,
        op: CmpOp,
        value: Value,
    },
    /// SQL-like pattern: `%` any run, `_` one character; `\` escapes.
    Like {
        property: Property,
        pattern: String,
        case_insensitive: bool,
    },
    Between {
        property: Property,
        low: Value,
        high: Value,
    },
    In {
        property: Property,
        values: Vec<Value>,
    },
    IsNull(Property),
    /// Over the record's geographic extents (WGS 84).
    Spatial {
        op: SpatialOp,
        bbox: Bbox,
    },
    /// Over the record's temporal extents (open ends and "now" honoured).
    Temporal {
        op: TemporalOp,
        range: TimeRange,
    },
    /// Full text over title, alternate titles, abstract, keywords and other texts,
    /// ignoring case and accents; words are ANDed.
    FullText(String),
}

impl Expr {
    /// `a AND b` without nesting `All`.
    #[must_use]
    pub fn and(self, other: Self) -> Self {
        match (self, other) {
            (Self::All, e) | (e, Self::All) => e,
            (Self::And(mut v), Self::And(w)) => {
                v.extend(w);
                Self::And(v)
            }
            (Self::And(mut v), e) => {
                v.push(e);
                Self::And(v)
            }
            (a, b) => Self::And(vec![a, b]),
        }
    }

    #[must_use]
    pub fn eq(property: Property, value: impl Into<String>) -> Self {
        Self::Compare {
            property,
            op: CmpOp::Eq,
            value: Value::Text(value.into()),
        }
    }
}

/// Sortable fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum SortField {
    /// Full-text rank; falls back to title when the query has no text.
    Relevance,
    Title,
    Identifier,
    Modified,
    Created,
    Updated,
    Type,
    PublicationDate,
    /// The resource's revision date (CSW `dc:date`).
    RevisionDate,
    /// The area of the record's geographic extents, in square degrees (CSW
    /// `ows:BoundingBox`); records without a box come last.
    Area,
    /// The first of the record's format names (CSW `dc:format`); records without one last.
    Format,
    /// The order records entered the catalogue (an update keeps its place, a new record
    /// comes last): CSW's order without SortBy, as pycsw's, so that a harvester paging
    /// through sees records added meanwhile on later pages instead of shifting earlier ones.
    Loaded,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SortKey {
    pub field: SortField,
    pub descending: bool,
}

/// Fields a search can count values of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum FacetField {
    Keyword,
    Type,
    Organisation,
    Format,
    Licence,
    TopicCategory,
}

impl FacetField {
    pub const ALL: [Self; 6] = [
        Self::Keyword,
        Self::Type,
        Self::Organisation,
        Self::Format,
        Self::Licence,
        Self::TopicCategory,
    ];

    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Keyword => "keyword",
            Self::Type => "type",
            Self::Organisation => "organisation",
            Self::Format => "format",
            Self::Licence => "licence",
            Self::TopicCategory => "topicCategory",
        }
    }
}

/// A search: filter, order, page and facets.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchQuery {
    pub filter: Expr,
    /// Empty: relevance when there is full text, else identifier.
    pub sort: Vec<SortKey>,
    pub limit: u32,
    pub offset: u64,
    pub facets: Vec<FacetField>,
    /// Maximum number of buckets per facet.
    pub facet_limit: u32,
}

impl Default for SearchQuery {
    fn default() -> Self {
        Self {
            filter: Expr::All,
            sort: Vec::new(),
            limit: 10,
            offset: 0,
            facets: Vec::new(),
            facet_limit: 20,
        }
    }
}

/// One value of a facet and how many matching records have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FacetBucket {
    pub value: String,
    pub count: u64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Facet {
    pub field: FacetField,
    pub buckets: Vec<FacetBucket>,
}
