//! The OpenAPI 3 document of the OGC API (served at `/ogcapi/api` as OpenAPI 3.0.3, see
//! [`v30`]).

pub mod v30;

use std::sync::OnceLock;

use utoipa::OpenApi;

use crate::http;

/// Gathers every OGC API handler and schema.
#[derive(OpenApi)]
#[openapi(
    info(title = "Moisson OGC API - Records", version = "1", license(name = "EUPL-1.2", identifier = "EUPL-1.2"),
        description = "OGC API - Records Part 1 over the Moisson catalogue: one searchable catalogue `main` whose items are metadata records as GeoJSON (ISO 19139 and DCAT-AP alternates). Filters in CQL2 text or JSON. Errors are RFC 7807 problem JSON."),
    paths(http::get_landing_page, http::get_conformance, http::get_api, http::get_collections, http::get_collection,
        http::get_items, http::get_item, http::get_queryables, http::get_sortables),
    components(schemas(crate::exception::Problem, crate::links::Link)),
    tags(
        (name = "capabilities", description = "Landing page, conformance, API definition, catalogues"),
        (name = "records", description = "Metadata records: search, fetch, queryables, sortables"),
    )
)]
pub struct ApiDoc;

impl ApiDoc {
    /// The document as served: OpenAPI 3.0.3 in pretty JSON, built once.
    #[must_use]
    pub fn json() -> &'static str {
        static JSON: OnceLock<String> = OnceLock::new();
        JSON.get_or_init(|| {
            // The serde form of utoipa's document; serialising it cannot fail, and an empty
            // document would be caught by the tests below.
            let v31 = serde_json::to_value(Self::openapi()).unwrap_or_default();
            moisson_http::pretty_json(&v30::downgrade(v31))
        })
    }
}

/// The query parameters of `/items` (documentation only; parsed by [`crate::params`]).
/// Queryables (see `/queryables`) are accepted as parameters too, e.g. `title=…`.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the parameters for the OpenAPI document only"
)]
pub struct ItemsParams {
    /// `json` or `geojson`, or `html` (a page with a search form and paging links).
    #[param(pattern = "^(json|geojson|html)$")]
    f: Option<String>,
    /// `west,south,east,north` (or 6 numbers with heights) in CRS84; records whose extent intersects. `west > east` crosses the antimeridian.
    #[param(example = "-5.2,41.3,9.6,51.1")]
    bbox: Option<String>,
    /// CRS of `bbox`: only `http://www.opengis.net/def/crs/OGC/1.3/CRS84`.
    #[param(rename = "bbox-crs")]
    bbox_crs: Option<String>,
    /// RFC 3339 instant or date, or interval `start/end` with `..` (or empty) for an open end; records whose temporal extent intersects.
    #[param(example = "2020-01-01/..")]
    datetime: Option<String>,
    /// Full text; comma-separated terms are ORed, the words of a term must all match (case and accents ignored).
    #[param(example = "eau potable,assainissement")]
    q: Option<String>,
    /// Resource types, comma-separated: dataset, series, service, …
    #[param(rename = "type")]
    kind: Option<String>,
    /// Record identifiers, comma-separated.
    ids: Option<String>,
    /// Resource identifiers (code or URI), comma-separated.
    #[param(rename = "externalIds")]
    external_ids: Option<String>,
    /// Page size, 1 to 1000 (default 10); a larger value is lowered to 1000.
    #[param(minimum = 1, maximum = 1000)]
    limit: Option<u32>,
    /// Records to skip (default 0).
    #[param(minimum = 0)]
    offset: Option<u64>,
    /// Sortables (see `/sortables`), comma-separated, `-` prefix for descending, `+` or none for ascending.
    #[param(example = "-updated,title")]
    sortby: Option<String>,
    /// A CQL2 filter over the queryables (see `/queryables`).
    #[param(example = "title LIKE 'Plan%' AND S_INTERSECTS(geometry, BBOX(1, 43, 2, 44))")]
    filter: Option<String>,
    /// `cql2-text` (default) or `cql2-json`.
    #[param(rename = "filter-lang", pattern = "^cql2-(text|json)$")]
    filter_lang: Option<String>,
    /// CRS of geometries in `filter`: only CRS84.
    #[param(rename = "filter-crs")]
    filter_crs: Option<String>,
    /// `true`: add value counts by keywords, themes, type, organisation, formats and license.
    facets: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn document_lists_every_route() {
        let doc = ApiDoc::openapi();
        for path in [
            "/ogcapi",
            "/ogcapi/conformance",
            "/ogcapi/api",
            "/ogcapi/collections",
            "/ogcapi/collections/{catalogId}",
            "/ogcapi/collections/{catalogId}/items",
            "/ogcapi/collections/{catalogId}/items/{recordId}",
            "/ogcapi/collections/{catalogId}/queryables",
            "/ogcapi/collections/{catalogId}/sortables",
        ] {
            assert!(doc.paths.paths.contains_key(path), "{path} missing");
        }
    }

    #[test]
    fn served_document_is_openapi_3_0_without_3_1_constructs() {
        let served: serde_json::Value = serde_json::from_str(ApiDoc::json()).expect("json");
        assert_eq!(served["openapi"], v30::VERSION);
        assert!(served["paths"]["/ogcapi/collections/{catalogId}/items"].is_object());
        let text = served.to_string();
        assert!(!text.contains("\"null\""), "no null type is left");
        assert!(text.contains("\"nullable\":true"));
    }
}
