//! The landing page, conformance declaration, collections and the catalogue collection.

use serde::Serialize;
use utoipa::ToSchema;

use crate::OgcState;
use crate::conformance::CONFORMANCE;
use crate::html;
use crate::links::{self, GEOJSON, HTML, JSON, Link, OPENAPI_JSON, SCHEMA_JSON};

/// CRS84, the only CRS of this API.
pub const CRS84: &str = "http://www.opengis.net/def/crs/OGC/1.3/CRS84";

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct LandingPage {
    pub title: String,
    pub description: String,
    pub links: Vec<Link>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ConformanceDeclaration {
    pub conforms_to: Vec<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Collections {
    pub links: Vec<Link>,
    pub collections: Vec<Collection>,
}

/// The catalogue: a collection whose items are records.
#[derive(Debug, Clone, Serialize, ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Collection {
    #[schema(example = "main")]
    pub id: String,
    pub title: String,
    pub description: String,
    /// Always `record`.
    pub item_type: String,
    /// Always `Collection`.
    #[serde(rename = "type")]
    pub kind: String,
    pub crs: Vec<String>,
    #[schema(value_type = Object)]
    pub extent: serde_json::Value,
    /// The order of `/items` without `sortby` (records-api sorting): by identifier;
    /// a full-text search (`q`) ranks by relevance first.
    pub default_sort_order: Vec<SortOrder>,
    pub links: Vec<Link>,
}

/// One key of `defaultSortOrder`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct SortOrder {
    /// A sortable (see `/sortables`).
    pub field: String,
    /// `asc` or `desc`.
    pub direction: String,
}

#[must_use]
pub fn landing(state: &OgcState) -> LandingPage {
    let base = state.base();
    LandingPage {
        title: state.title.clone(),
        description: state.description.clone(),
        links: vec![
            Link::new("self", base.clone(), JSON, "This document"),
            Link::new(
                "alternate",
                html::as_html(&base),
                HTML,
                "This document as HTML",
            ),
            Link::new(
                "service-desc",
                format!("{base}/api"),
                OPENAPI_JSON,
                "The API definition (OpenAPI 3)",
            ),
            // The documentation people read: the API definition as a page.
            Link::new(
                "service-doc",
                format!("{base}/api?f=html"),
                HTML,
                "The API documentation",
            ),
            Link::new(
                "conformance",
                format!("{base}/conformance"),
                JSON,
                "Conformance classes",
            ),
            Link::new(
                "http://www.opengis.net/def/rel/ogc/1.0/conformance",
                format!("{base}/conformance"),
                JSON,
                "Conformance classes",
            ),
            Link::new("data", format!("{base}/collections"), JSON, "Collections"),
            Link::new(
                "http://www.opengis.net/def/rel/ogc/1.0/data",
                format!("{base}/collections"),
                JSON,
                "Collections",
            ),
        ],
    }
}

#[must_use]
pub fn conformance() -> ConformanceDeclaration {
    ConformanceDeclaration {
        conforms_to: CONFORMANCE.iter().map(|s| (*s).to_owned()).collect(),
    }
}

#[must_use]
pub fn collections(state: &OgcState) -> Collections {
    let base = state.base();
    Collections {
        links: vec![Link::new(
            "self",
            format!("{base}/collections"),
            JSON,
            "This document",
        )],
        collections: vec![collection(state)],
    }
}

#[must_use]
pub fn collection(state: &OgcState) -> Collection {
    let base = state.base();
    let url = links::collection_url(&base);
    let mut own_links = vec![
        Link::new("self", url.clone(), JSON, "The catalogue"),
        Link::new(
            "alternate",
            html::as_html(&url),
            HTML,
            "The catalogue as HTML",
        ),
        Link::new("root", base.clone(), JSON, "Landing page"),
        Link::new("items", format!("{url}/items"), GEOJSON, "Records"),
        Link::new(
            "http://www.opengis.net/def/rel/ogc/1.0/queryables",
            format!("{url}/queryables"),
            SCHEMA_JSON,
            "Queryables",
        ),
        Link::new(
            "http://www.opengis.net/def/rel/ogc/1.0/sortables",
            format!("{url}/sortables"),
            SCHEMA_JSON,
            "Sortables",
        ),
    ];
    own_links.extend(links::dcat_alternates(&base, None));
    Collection {
        id: links::CATALOGUE_ID.to_owned(),
        title: state.title.clone(),
        description: state.description.clone(),
        item_type: "record".to_owned(),
        kind: "Collection".to_owned(),
        crs: vec![CRS84.to_owned()],
        extent: serde_json::json!({
            "spatial": { "bbox": [[-180.0, -90.0, 180.0, 90.0]], "crs": CRS84 },
            "temporal": { "interval": [[null, null]] },
        }),
        default_sort_order: vec![SortOrder {
            field: "id".to_owned(),
            direction: "asc".to_owned(),
        }],
        links: own_links,
    }
}
