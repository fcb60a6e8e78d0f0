//! Typed CSW requests, shared by the KVP and the XML readers.

use moisson_iso::ElementSet;
use moisson_model::{Expr, SortField, SortKey};

use crate::error::{Error, Result};

pub const VERSION: &str = "2.0.2";

/// A parsed request.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    GetCapabilities(GetCapabilities),
    DescribeRecord(DescribeRecord),
    GetRecords(Box<GetRecords>),
    GetRecordById(GetRecordById),
    GetDomain(GetDomain),
    Transaction(Transaction),
    Harvest(Harvest),
}

impl Request {
    #[must_use]
    pub fn operation(&self) -> &'static str {
        match self {
            Self::GetCapabilities(_) => "GetCapabilities",
            Self::DescribeRecord(_) => "DescribeRecord",
            Self::GetRecords(_) => "GetRecords",
            Self::GetRecordById(_) => "GetRecordById",
            Self::GetDomain(_) => "GetDomain",
            Self::Transaction(_) => "Transaction",
            Self::Harvest(_) => "Harvest",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct GetCapabilities {
    /// `None`: all sections.
    pub sections: Option<Vec<String>>,
    pub update_sequence: Option<String>,
    /// INSPIRE `LANGUAGE` (ISO 639-2/B, e.g. `fre`): the response language when supported.
    pub language: Option<String>,
}

/// The record types this catalogue serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TypeName {
    /// `csw:Record`
    Record,
    /// `gmd:MD_Metadata`
    MdMetadata,
}

impl TypeName {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().rsplit(':').next().unwrap_or_default() {
            "Record" => Ok(Self::Record),
            "MD_Metadata" => Ok(Self::MdMetadata),
            _ => Err(Error::invalid(
                "typeNames",
                format!("unknown type {s:?}; use csw:Record or gmd:MD_Metadata"),
            )),
        }
    }
}

/// The schema records are written in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum OutputSchema {
    #[default]
    Csw,
    Gmd,
    /// Each record as an `rdf:RDF` GeoDCAT-AP document (data.gouv.fr's csw-dcat harvester,
    /// GeoNetwork's `outputSchema=http://www.w3.org/ns/dcat#`).
    Dcat,
    /// Each record as an `atom:entry` (with GeoRSS), as pycsw writes them.
    Atom,
    /// ISO 19115-3 `mdb:MD_Metadata`, as GeoNetwork 4 serves it.
    Mdb,
}

impl OutputSchema {
    pub const CSW_URI: &str = moisson_iso::ns::CSW;
    pub const GMD_URI: &str = moisson_iso::ns::GMD;
    pub const DCAT_URI: &str = "http://www.w3.org/ns/dcat#";
    pub const ATOM_URI: &str = "http://www.w3.org/2005/Atom";
    pub const MDB_URI: &str = moisson_iso::ns::MDB;

    pub fn parse(s: &str) -> Result<Self> {
        match s.trim() {
            Self::CSW_URI | "csw:Record" => Ok(Self::Csw),
            Self::GMD_URI | "gmd:MD_Metadata" | "http://www.isotc211.org/2005/gmd/" => {
                Ok(Self::Gmd)
            }
            Self::DCAT_URI | "http://www.w3.org/ns/dcat" => Ok(Self::Dcat),
            Self::ATOM_URI => Ok(Self::Atom),
            Self::MDB_URI | "mdb:MD_Metadata" => Ok(Self::Mdb),
            other => Err(Error::invalid(
                "outputSchema",
                format!("unsupported output schema {other:?}"),
            )),
        }
    }

    #[must_use]
    pub fn uri(self) -> &'static str {
        match self {
            Self::Csw => Self::CSW_URI,
            Self::Gmd => Self::GMD_URI,
            Self::Dcat => Self::DCAT_URI,
            Self::Atom => Self::ATOM_URI,
            Self::Mdb => Self::MDB_URI,
        }
    }
}

pub fn parse_element_set(s: &str) -> Result<ElementSet> {
    match s.trim().to_ascii_lowercase().as_str() {
        "brief" => Ok(ElementSet::Brief),
        "summary" => Ok(ElementSet::Summary),
        "full" => Ok(ElementSet::Full),
        other => Err(Error::invalid(
            "ElementSetName",
            format!("{other:?} is not brief, summary or full"),
        )),
    }
}

#[must_use]
pub fn element_set_name(set: ElementSet) -> &'static str {
    match set {
        ElementSet::Brief => "brief",
        ElementSet::Summary => "summary",
        ElementSet::Full => "full",
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ResultType {
    #[default]
    Hits,
    Results,
    Validate,
}

impl ResultType {
    pub fn parse(s: &str) -> Result<Self> {
        match s.trim().to_ascii_lowercase().as_str() {
            "hits" => Ok(Self::Hits),
            "results" => Ok(Self::Results),
            "validate" => Ok(Self::Validate),
            other => Err(Error::invalid(
                "resultType",
                format!("{other:?} is not hits, results or validate"),
            )),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DescribeRecord {
    /// `None`: every type. Names of types this catalogue does not hold are left out (the
    /// answer describes nothing for them, as CSW 2.0.2 §10.6.4.3 lets it).
    pub type_names: Option<Vec<TypeName>>,
}

impl DescribeRecord {
    /// From the `TypeName`s asked for: each must be a qualified name (`csw:Record`).
    pub fn named<'a>(names: impl IntoIterator<Item = &'a str>) -> Result<Self> {
        let mut asked = None;
        for name in names {
            let name = name.trim();
            if !name.contains(':') {
                return Err(Error::invalid(
                    "TypeName",
                    format!("{name:?} is not a qualified name (e.g. csw:Record)"),
                ));
            }
            let known: &mut Vec<TypeName> = asked.get_or_insert_with(Vec::new);
            if let Ok(t) = TypeName::parse(name) {
                known.push(t);
            }
        }
        Ok(Self { type_names: asked })
    }
}

/// What to write of each record: an element set or a list of element names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Elements {
    Set(ElementSet),
    Names(Vec<String>),
}

/// Local names of the elements a csw:Record may hold: the fifteen DCMES elements and the
/// DC terms and OWS elements the record mapping writes.
const RECORD_ELEMENTS: [&str; 24] = [
    "contributor",
    "coverage",
    "creator",
    "date",
    "description",
    "format",
    "identifier",
    "language",
    "publisher",
    "relation",
    "rights",
    "source",
    "subject",
    "title",
    "type",
    "abstract",
    "alternative",
    "modified",
    "created",
    "issued",
    "references",
    "spatial",
    "BoundingBox",
    "WGS84BoundingBox",
];

/// `ElementName`s, each an element of csw:Record or a queryable of this catalogue.
pub fn element_names(names: Vec<String>) -> Result<Elements> {
    if let Some(unknown) = names.iter().find(|n| !is_element(n)) {
        return Err(Error::invalid(
            "ElementName",
            format!("{unknown:?} is neither an element of csw:Record nor a queryable"),
        ));
    }
    Ok(Elements::Names(names))
}

fn is_element(name: &str) -> bool {
    let local = name.trim().rsplit(':').next().unwrap_or_default();
    RECORD_ELEMENTS
        .iter()
        .any(|e| e.eq_ignore_ascii_case(local))
        || !matches!(
            moisson_filter::queryables::lookup(name),
            Err(moisson_filter::Error::UnknownQueryable(_))
        )
}

#[derive(Debug, Clone, PartialEq)]
pub struct GetRecords {
    pub type_names: Vec<TypeName>,
    pub output_schema: OutputSchema,
    pub elements: Elements,
    pub result_type: ResultType,
    /// 1-based.
    pub start_position: u64,
    pub max_records: u32,
    pub filter: Expr,
    pub sort: Vec<SortKey>,
    pub request_id: Option<String>,
    /// The request as XML, echoed by `resultType=validate`.
    pub echo: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GetRecordById {
    pub ids: Vec<String>,
    pub elements: ElementSet,
    pub output_schema: OutputSchema,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum GetDomain {
    Parameter(String),
    Property(String),
}

#[derive(Debug, Clone, PartialEq)]
pub enum Action {
    /// Record documents (each standalone XML, namespaces declared).
    Insert(Vec<String>),
    /// Replace whole records.
    Replace(Vec<String>),
    /// Set properties of the records matching the filter.
    UpdateProperties {
        properties: Vec<(String, String)>,
        filter: Expr,
    },
    Delete(Expr),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Transaction {
    pub actions: Vec<Action>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Harvest {
    pub source: String,
    pub resource_type: String,
}

/// `SORTBY=dc:title:A,dct:modified:D` (KVP), with identifier appended as tie-breaker.
pub fn parse_sort_kvp(value: &str) -> Result<Vec<SortKey>> {
    let keys = value
        .split(',')
        .filter(|s| !s.trim().is_empty())
        .map(|item| {
            let (name, order) = match item.rsplit_once(':') {
                Some((n, o))
                    if matches!(o.to_ascii_uppercase().as_str(), "A" | "D" | "ASC" | "DESC") =>
                {
                    (n, o)
                }
                _ => (item, "A"),
            };
            sort_key(name, order)
        })
        .collect::<Result<Vec<_>>>()?;
    Ok(with_tie_breaker(keys))
}

pub fn sort_key(name: &str, order: &str) -> Result<SortKey> {
    let field = moisson_filter::queryables::sort_field(name)
        .map_err(|e| Error::invalid("SortBy", e.to_string()))?;
    let descending = match order.trim().to_ascii_uppercase().as_str() {
        "D" | "DESC" => true,
        "A" | "ASC" | "" => false,
        other => {
            return Err(Error::invalid(
                "SortBy",
                format!("sort order {other:?} is not ASC or DESC"),
            ));
        }
    };
    Ok(SortKey { field, descending })
}

/// The documented stable order: the given keys, then identifier ascending; without keys,
/// the order records entered the catalogue (as pycsw answers without SortBy).
#[must_use]
pub fn with_tie_breaker(mut keys: Vec<SortKey>) -> Vec<SortKey> {
    if keys.is_empty() {
        return vec![SortKey {
            field: SortField::Loaded,
            descending: false,
        }];
    }
    if !keys.iter().any(|k| k.field == SortField::Identifier) {
        keys.push(SortKey {
            field: SortField::Identifier,
            descending: false,
        });
    }
    keys
}
