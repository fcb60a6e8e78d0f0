//! Queryable names of CSW core and ISO AP 1.0 (with INSPIRE additions) → `Property`.
//!
//! Names match case-insensitively on their local part, so `dc:title`, `apiso:Title`,
//! `Title` and `csw:Record/dc:title` are the same queryable. Prefixes are not resolved:
//! CSW clients use the conventional ones, and the local names do not collide.

use moisson_model::{HierarchyLevel, Property, SortField, Value};

use crate::{Error, Result};

/// What a queryable name denotes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Queryable {
    Property(Property),
    /// The record's geographic extents (only in spatial operators).
    BoundingBox,
}

/// CSW core queryables (OGC 07-006r1 table 6) as advertised in capabilities.
pub const CORE: &[&str] = &[
    "dc:title",
    "dc:subject",
    "dct:abstract",
    "csw:AnyText",
    "dc:format",
    "dc:identifier",
    "dc:type",
    "dct:modified",
    "ows:BoundingBox",
    "dc:creator",
    "dc:publisher",
    "dc:contributor",
    "dc:language",
    "dc:date",
    "dc:relation",
];

/// ISO AP 1.0 and INSPIRE queryables this catalogue answers.
pub const APISO: &[&str] = &[
    "apiso:Title",
    "apiso:AlternateTitle",
    "apiso:Abstract",
    "apiso:Subject",
    "apiso:AnyText",
    "apiso:Format",
    "apiso:Identifier",
    "apiso:Modified",
    "apiso:Type",
    "apiso:BoundingBox",
    "apiso:CRS",
    "apiso:OrganisationName",
    "apiso:ResourceLanguage",
    "apiso:TopicCategory",
    "apiso:ResourceIdentifier",
    "apiso:ParentIdentifier",
    "apiso:ServiceType",
    "apiso:OperatesOn",
    "apiso:OperatesOnIdentifier",
    "apiso:RevisionDate",
    "apiso:CreationDate",
    "apiso:PublicationDate",
    "apiso:TempExtent_begin",
    "apiso:TempExtent_end",
    "apiso:Language",
    "apiso:KeywordType",
    "apiso:ServiceTypeVersion",
    "apiso:OperatesOnName",
    "apiso:CouplingType",
    "apiso:HasSecurityConstraints",
    "apiso:Denominator",
    "apiso:DistanceValue",
    "apiso:DistanceUOM",
    "apiso:GeographicDescriptionCode",
    "apiso:Degree",
    "apiso:AccessConstraints",
    "apiso:OtherConstraints",
    "apiso:Classification",
    "apiso:ConditionApplyingToAccessAndUse",
    "apiso:Lineage",
    "apiso:ResponsiblePartyRole",
    "apiso:SpecificationTitle",
    "apiso:SpecificationDate",
    "apiso:SpecificationDateType",
];

/// ISO AP / INSPIRE queryables known but without a `Property` yet.
pub const NOT_YET: &[&str] = &[];

/// The local part of a (possibly prefixed, possibly XPath-like) name, lower-cased.
#[must_use]
pub fn local_name(name: &str) -> String {
    let last = name.trim().rsplit('/').next().unwrap_or_default();
    last.rsplit(':')
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase()
}

/// An absolute path names its steps from the record's root (`/csw:Record/dc:title`);
/// `/dc:title` selects nothing in a record, so it is no queryable.
fn rooted_elsewhere(name: &str) -> bool {
    let Some(path) = name.trim().strip_prefix('/') else {
        return false;
    };
    let root = path.split('/').next().unwrap_or_default();
    let root = root.rsplit(':').next().unwrap_or_default();
    !path.contains('/') || !matches!(root, "Record" | "MD_Metadata" | "MI_Metadata")
}

/// Resolves a queryable name.
pub fn lookup(name: &str) -> Result<Queryable> {
    use Property as P;
    if rooted_elsewhere(name) {
        return Err(Error::UnknownQueryable(name.trim().to_owned()));
    }
    let p = match local_name(name).as_str() {
        "boundingbox" | "envelope" => return Ok(Queryable::BoundingBox),
        "title" => P::Title,
        "alternatetitle" | "alternative" => P::AlternateTitle,
        "abstract" | "description" => P::Abstract,
        "subject" | "keyword" | "keywords" => P::Keyword,
        "anytext" => P::AnyText,
        "format" => P::Format,
        "identifier" | "fileidentifier" => P::Identifier,
        "modified" => P::Modified,
        // dc:date is the date of the resource the DC mapping writes (`dc_write`): its
        // revision date; dct:modified is the metadata date stamp.
        "date" => P::RevisionDate,
        "type" | "hierarchylevel" => P::Type,
        "crs" => P::CrsCode,
        "organisationname" | "creator" | "publisher" | "contributor" => P::OrganisationName,
        "resourcelanguage" => P::ResourceLanguage,
        "language" => P::Language,
        "topiccategory" => P::TopicCategory,
        "resourceidentifier" => P::ResourceIdentifier,
        "parentidentifier" => P::ParentIdentifier,
        "servicetype" => P::ServiceType,
        "operateson" | "operatesonidentifier" => P::OperatesOn,
        "revisiondate" => P::RevisionDate,
        "creationdate" => P::CreationDate,
        "publicationdate" => P::PublicationDate,
        "tempextent_begin" => P::TempExtentBegin,
        "tempextent_end" => P::TempExtentEnd,
        "keywordtype" => P::KeywordType,
        "servicetypeversion" => P::ServiceTypeVersion,
        "operatesonname" => P::OperatesOnName,
        "couplingtype" => P::CouplingType,
        "hassecurityconstraints" => P::HasSecurityConstraints,
        "denominator" => P::Denominator,
        "distancevalue" => P::DistanceValue,
        "distanceuom" => P::DistanceUom,
        "geographicdescriptioncode" => P::GeographicDescriptionCode,
        "degree" => P::Degree,
        "accessconstraints" => P::AccessConstraints,
        "otherconstraints" => P::OtherConstraints,
        "classification" => P::Classification,
        "conditionapplyingtoaccessanduse" => P::ConditionApplyingToAccessAndUse,
        "lineage" => P::Lineage,
        "responsiblepartyrole" => P::ResponsiblePartyRole,
        "specificationtitle" => P::SpecificationTitle,
        "specificationdate" => P::SpecificationDate,
        "specificationdatetype" => P::SpecificationDateType,
        "relation" => P::Relation,
        other if NOT_YET.iter().any(|n| local_name(n) == other) => {
            return Err(Error::UnsupportedQueryable(name.trim().to_owned()));
        }
        _ => return Err(Error::UnknownQueryable(name.trim().to_owned())),
    };
    Ok(Queryable::Property(p))
}

/// Resolves a queryable that must name a property (not the bounding box).
pub fn property(name: &str) -> Result<Property> {
    match lookup(name)? {
        Queryable::Property(p) => Ok(p),
        Queryable::BoundingBox => Err(crate::invalid(format!(
            "{name} is only usable in a spatial operator"
        ))),
    }
}

/// The sort field of a queryable name, for `SortBy`.
pub fn sort_field(name: &str) -> Result<SortField> {
    // The box sorts by its area, as pycsw does (largest first when descending).
    if lookup(name)? == Queryable::BoundingBox {
        return Ok(SortField::Area);
    }
    Ok(match property(name)? {
        Property::Title => SortField::Title,
        Property::Identifier => SortField::Identifier,
        Property::Modified => SortField::Modified,
        Property::Type => SortField::Type,
        Property::PublicationDate => SortField::PublicationDate,
        Property::RevisionDate => SortField::RevisionDate,
        Property::Created => SortField::Created,
        Property::Updated => SortField::Updated,
        Property::Format => SortField::Format,
        _ => return Err(crate::invalid(format!("cannot sort by {name}"))),
    })
}

/// A literal compared with `property` in the form the store keeps: a `dc:type` given as a
/// DCMI Type URI (`http://purl.org/dc/dcmitype/Dataset`, any case) is the scope code the
/// records are indexed with (`dataset`), so a record matches whatever form it came in.
#[must_use]
pub fn stored_form(property: &Property, value: Value) -> Value {
    match (property, value) {
        (&Property::Type, Value::Text(text)) => {
            Value::Text(HierarchyLevel::from_dc_type(&text).as_str().to_owned())
        }
        (_, value) => value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prefixes_paths_and_case_are_ignored() {
        for name in [
            "dc:title",
            "apiso:Title",
            "Title",
            "csw:Record/dc:title",
            "/csw:Record/dc:title",
            " APISO:TITLE ",
        ] {
            assert_eq!(
                lookup(name),
                Ok(Queryable::Property(Property::Title)),
                "{name}"
            );
        }
        assert_eq!(lookup("ows:BoundingBox"), Ok(Queryable::BoundingBox));
        assert!(matches!(
            lookup("/dc:title"),
            Err(Error::UnknownQueryable(_))
        ));
        assert_eq!(
            lookup("apiso:TempExtent_begin"),
            Ok(Queryable::Property(Property::TempExtentBegin))
        );
    }

    #[test]
    fn every_advertised_queryable_resolves() {
        for name in CORE.iter().chain(APISO) {
            assert!(lookup(name).is_ok(), "{name}");
        }
        for name in NOT_YET {
            assert!(
                matches!(lookup(name), Err(Error::UnsupportedQueryable(_))),
                "{name}"
            );
        }
        assert!(matches!(lookup("foo:bar"), Err(Error::UnknownQueryable(_))));
    }

    #[test]
    fn inspire_queryables_resolve_to_their_properties() {
        for (name, p) in [
            ("apiso:KeywordType", Property::KeywordType),
            ("apiso:ServiceTypeVersion", Property::ServiceTypeVersion),
            ("apiso:DistanceUOM", Property::DistanceUom),
            (
                "apiso:HasSecurityConstraints",
                Property::HasSecurityConstraints,
            ),
            ("apiso:Degree", Property::Degree),
            (
                "apiso:ConditionApplyingToAccessAndUse",
                Property::ConditionApplyingToAccessAndUse,
            ),
            (
                "apiso:SpecificationDateType",
                Property::SpecificationDateType,
            ),
        ] {
            assert_eq!(lookup(name), Ok(Queryable::Property(p)), "{name}");
        }
        // ServiceType and ServiceTypeVersion stay apart.
        assert_eq!(property("apiso:ServiceType"), Ok(Property::ServiceType));
    }

    #[test]
    fn dc_date_is_the_revision_date_and_dct_modified_the_date_stamp() {
        assert_eq!(property("dc:date"), Ok(Property::RevisionDate));
        assert_eq!(property("dct:modified"), Ok(Property::Modified));
        assert_eq!(property("apiso:Modified"), Ok(Property::Modified));
    }

    #[test]
    fn sort_fields() {
        assert_eq!(sort_field("apiso:identifier"), Ok(SortField::Identifier));
        assert_eq!(sort_field("ows:BoundingBox"), Ok(SortField::Area));
        assert!(sort_field("apiso:Abstract").is_err());
    }
}
