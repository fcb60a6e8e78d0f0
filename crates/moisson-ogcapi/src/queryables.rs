//! Queryables and sortables of the catalogue: names → model properties, and their
//! JSON Schemas (`/queryables`, `/sortables`).

use moisson_filter::cql2::Cql2Target;
use moisson_model::{Property, SortField};
use serde_json::{Map, Value, json};

use crate::links::SCHEMA_JSON;

/// How a queryable's values look, for its JSON Schema.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Date,
    /// A calendar date without time (ISO 8601 `YYYY-MM-DD`).
    Day,
    Number,
    Boolean,
    Geometry,
    Interval,
}

struct Queryable {
    name: &'static str,
    title: &'static str,
    target: fn() -> Cql2Target,
    kind: Kind,
}

macro_rules! q {
    ($name:literal, $title:literal, $target:expr, $kind:ident) => {
        Queryable {
            name: $name,
            title: $title,
            target: || $target,
            kind: Kind::$kind,
        }
    };
}

use Cql2Target::{Geometry, Property as P, Time};

const QUERYABLES: &[Queryable] = &[
    q!("id", "Record identifier", P(Property::Identifier), Text),
    q!(
        "type",
        "Resource type (dataset, series, service, …)",
        P(Property::Type),
        Text
    ),
    q!("title", "Title", P(Property::Title), Text),
    q!("description", "Abstract", P(Property::Abstract), Text),
    q!(
        "keywords",
        "Keyword (any thesaurus, or free)",
        P(Property::Keyword),
        Text
    ),
    q!(
        "themes",
        "Concept URI of a thesaurus (INSPIRE themes, GEMET, COVADIS…): records under it or a narrower concept",
        P(Property::Theme),
        Text
    ),
    q!(
        "topicCategory",
        "ISO 19115 topic category",
        P(Property::TopicCategory),
        Text
    ),
    q!(
        "externalIds",
        "Resource identifier (code or URI)",
        P(Property::ResourceIdentifier),
        Text
    ),
    q!(
        "organisation",
        "Organisation name of a contact",
        P(Property::OrganisationName),
        Text
    ),
    q!(
        "formats",
        "Distribution format name",
        P(Property::Format),
        Text
    ),
    q!("license", "Licence text or URI", P(Property::Licence), Text),
    q!(
        "parentId",
        "Parent record identifier",
        P(Property::ParentIdentifier),
        Text
    ),
    q!(
        "serviceType",
        "Service type (view, download, …)",
        P(Property::ServiceType),
        Text
    ),
    q!("crs", "Reference system code", P(Property::CrsCode), Text),
    q!(
        "created",
        "Date the record was created in this catalogue",
        P(Property::Created),
        Date
    ),
    q!(
        "updated",
        "Date the record was last changed in this catalogue",
        P(Property::Updated),
        Date
    ),
    q!(
        "modified",
        "Metadata date stamp",
        P(Property::Modified),
        Date
    ),
    q!(
        "creationDate",
        "Resource creation date",
        P(Property::CreationDate),
        Date
    ),
    q!(
        "publicationDate",
        "Resource publication date",
        P(Property::PublicationDate),
        Date
    ),
    q!(
        "revisionDate",
        "Resource revision date",
        P(Property::RevisionDate),
        Date
    ),
    q!(
        "geometry",
        "Geographic extent (WGS 84 bounding boxes)",
        Geometry,
        Geometry
    ),
    q!("time", "Temporal extent", Time, Interval),
    // ISO AP 1.0 / INSPIRE queryables (docs/queryables.md), under camelCase names.
    q!(
        "keywordType",
        "Keyword type of any keyword group (theme, place, …)",
        P(Property::KeywordType),
        Text
    ),
    q!(
        "serviceTypeVersion",
        "Service type version",
        P(Property::ServiceTypeVersion),
        Text
    ),
    q!(
        "operatesOnName",
        "Name of a service operation",
        P(Property::OperatesOnName),
        Text
    ),
    q!(
        "couplingType",
        "Service coupling type (loose, mixed, tight)",
        P(Property::CouplingType),
        Text
    ),
    q!(
        "hasSecurityConstraints",
        "Whether a security constraint or classification applies",
        P(Property::HasSecurityConstraints),
        Boolean
    ),
    q!(
        "denominator",
        "Equivalent scale denominator",
        P(Property::Denominator),
        Number
    ),
    q!(
        "distanceValue",
        "Resolution distance",
        P(Property::DistanceValue),
        Number
    ),
    q!(
        "distanceUom",
        "Unit of the resolution distance",
        P(Property::DistanceUom),
        Text
    ),
    q!(
        "geographicDescriptionCode",
        "Code of a geographic description",
        P(Property::GeographicDescriptionCode),
        Text
    ),
    q!(
        "degree",
        "Conformity degree of a report (records whose pass is unknown match neither value)",
        P(Property::Degree),
        Boolean
    ),
    q!(
        "accessConstraints",
        "Access restriction code",
        P(Property::AccessConstraints),
        Text
    ),
    q!(
        "otherConstraints",
        "Other constraint (text or URI)",
        P(Property::OtherConstraints),
        Text
    ),
    q!(
        "classification",
        "Security classification code",
        P(Property::Classification),
        Text
    ),
    q!(
        "conditionApplyingToAccessAndUse",
        "Condition applying to access and use",
        P(Property::ConditionApplyingToAccessAndUse),
        Text
    ),
    q!("lineage", "Lineage statement", P(Property::Lineage), Text),
    q!(
        "responsiblePartyRole",
        "Role of a resource contact",
        P(Property::ResponsiblePartyRole),
        Text
    ),
    q!(
        "specificationTitle",
        "Title of the specification of a conformity report",
        P(Property::SpecificationTitle),
        Text
    ),
    q!(
        "specificationDate",
        "Date of that specification",
        P(Property::SpecificationDate),
        Day
    ),
    q!(
        "specificationDateType",
        "Date type of that specification (creation, publication, revision)",
        P(Property::SpecificationDateType),
        Text
    ),
];

/// Sortables: name, model field, title.
pub const SORTABLES: &[(&str, SortField, &str)] = &[
    ("id", SortField::Identifier, "Record identifier"),
    ("title", SortField::Title, "Title"),
    ("type", SortField::Type, "Resource type"),
    (
        "created",
        SortField::Created,
        "Date the record was created in this catalogue",
    ),
    (
        "updated",
        SortField::Updated,
        "Date the record was last changed in this catalogue",
    ),
    ("modified", SortField::Modified, "Metadata date stamp"),
    (
        "publicationDate",
        SortField::PublicationDate,
        "Resource publication date",
    ),
];

/// What a queryable name denotes (exact, case-sensitive names as in the schema).
#[must_use]
pub fn resolve(name: &str) -> Option<Cql2Target> {
    QUERYABLES
        .iter()
        .find(|q| q.name == name)
        .map(|q| (q.target)())
}

/// A queryable usable as a plain `name=value` query parameter (not geometry or time).
#[must_use]
pub fn parameter(name: &str) -> Option<Property> {
    match resolve(name)? {
        Cql2Target::Property(p) => Some(p),
        _ => None,
    }
}

#[must_use]
pub fn sort_field(name: &str) -> Option<SortField> {
    SORTABLES
        .iter()
        .find(|(n, ..)| *n == name)
        .map(|(_, f, _)| f.clone())
}

fn schema_of(kind: Kind, title: &str) -> Value {
    match kind {
        Kind::Text => json!({ "title": title, "type": "string" }),
        Kind::Date => json!({ "title": title, "type": "string", "format": "date-time" }),
        Kind::Day => json!({ "title": title, "type": "string", "format": "date" }),
        Kind::Number => json!({ "title": title, "type": "number" }),
        Kind::Boolean => json!({ "title": title, "type": "boolean" }),
        Kind::Geometry => json!({ "title": title, "format": "geometry-any" }),
        Kind::Interval => json!({
            "title": title, "type": "array", "minItems": 2, "maxItems": 2,
            "items": { "type": "string", "format": "date-time" },
        }),
    }
}

/// JSON Schema 2020-12 for the queryables (Features Part 3); 2019-09 for the sortables,
/// the one version both lists of /req/sorting/get-sortables-success allow.
const QUERYABLES_DIALECT: &str = "https://json-schema.org/draft/2020-12/schema";
const SORTABLES_DIALECT: &str = "https://json-schema.org/draft/2019-09/schema";

fn document(dialect: &str, id: String, title: &str, properties: Map<String, Value>) -> Value {
    json!({
        "$schema": dialect,
        "$id": id,
        "type": "object",
        "title": title,
        "properties": properties,
        "additionalProperties": false,
    })
}

/// The queryables JSON Schema (OGC API Features Part 3).
#[must_use]
pub fn queryables_schema(collection_url: &str) -> Value {
    let props = QUERYABLES
        .iter()
        .map(|q| (q.name.to_owned(), schema_of(q.kind, q.title)))
        .collect();
    document(
        QUERYABLES_DIALECT,
        format!("{collection_url}/queryables"),
        "Queryables of the catalogue",
        props,
    )
}

/// The sortables JSON Schema (OGC API Records sorting).
#[must_use]
pub fn sortables_schema(collection_url: &str) -> Value {
    let props = SORTABLES
        .iter()
        .map(|(name, field, title)| {
            let kind = if matches!(
                field,
                SortField::Title | SortField::Identifier | SortField::Type
            ) {
                Kind::Text
            } else {
                Kind::Date
            };
            ((*name).to_owned(), schema_of(kind, title))
        })
        .collect();
    document(
        SORTABLES_DIALECT,
        format!("{collection_url}/sortables"),
        "Sortables of the catalogue",
        props,
    )
}

/// Media type of both schemas.
pub const MEDIA_TYPE: &str = SCHEMA_JSON;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_resolve() {
        assert_eq!(
            resolve("title"),
            Some(Cql2Target::Property(Property::Title))
        );
        assert_eq!(resolve("geometry"), Some(Geometry));
        assert_eq!(resolve("Title"), None);
        assert_eq!(parameter("time"), None);
        assert_eq!(sort_field("updated"), Some(SortField::Updated));
        assert_eq!(parameter("themes"), Some(Property::Theme));
    }

    #[test]
    fn schemas_list_every_name() {
        let q = queryables_schema("u");
        assert_eq!(
            q["properties"].as_object().map(Map::len),
            Some(QUERYABLES.len())
        );
        assert_eq!(q["properties"]["geometry"]["format"], "geometry-any");
        assert_eq!(q["properties"]["denominator"]["type"], "number");
        assert_eq!(q["properties"]["degree"]["type"], "boolean");
        let s = sortables_schema("u");
        assert_eq!(
            s["properties"].as_object().map(Map::len),
            Some(SORTABLES.len())
        );
    }
}
