//! The thin actix layer: routes under `/ogcapi`, CORS, and handlers that extract,
//! call the core and map.
//!
//! Record identifiers may contain `/` and `:`: the item route is the tail match
//! `{recordId:.*}`, percent-decoded once, so `FR-1%2Fplu` and `FR-1/plu` are the same.

mod negotiate;

use actix_cors::Cors;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, Route, guard, web};
use serde::Serialize;

use crate::error::{Error, Result};
use crate::exception::Problem;
use crate::html::{self, pages};
use crate::links::{ISO_XML, JSON, PREFIX};
use crate::params::{self, Format};
use crate::{ApiDoc, OgcState, collection, items, queryables};

type Query = web::Query<Vec<(String, String)>>;

/// Registers `/ogcapi/...` with its CORS policy. Needs `web::Data<OgcState>`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let query = web::QueryConfig::default()
        .error_handler(|e, _| Error::invalid("query", e.to_string()).into());
    let items_path = "/collections/{catalogId}/items";
    cfg.service(
        web::scope(PREFIX)
            .wrap(cors())
            .app_data(query)
            .route("", get().to(get_landing_page))
            .route("/", get().to(get_landing_page))
            .route("/conformance", get().to(get_conformance))
            .route("/api", get().to(get_api))
            .route("/collections", get().to(get_collections))
            .route("/collections/{catalogId}", get().to(get_collection))
            .route(items_path, get().to(get_items))
            .route(
                "/collections/{catalogId}/items/{recordId:.*}",
                get().to(get_item),
            )
            .route(
                "/collections/{catalogId}/queryables",
                get().to(get_queryables),
            )
            .route(
                "/collections/{catalogId}/sortables",
                get().to(get_sortables),
            )
            .default_service(web::to(not_found)),
    );
}

/// `GET`, and `HEAD` (actix sends the headers without the body).
fn get() -> Route {
    web::route().guard(guard::Any(guard::Get()).or(guard::Head()))
}

/// Any origin may read: the API is read-only and uses no cookies, so browser frontends
/// on other hosts can call it directly, with a bearer token when they have one.
fn cors() -> Cors {
    Cors::default()
        .allow_any_origin()
        .allowed_methods(["GET", "HEAD", "OPTIONS"])
        .allow_any_header()
        .expose_headers([header::ETAG, header::LAST_MODIFIED, header::LINK])
        .max_age(86_400)
}

fn json(req: &HttpRequest, value: &impl Serialize, media_type: &str) -> Result<HttpResponse> {
    let body = serde_json::to_vec(value).map_err(|e| Error::invalid("f", e.to_string()))?;
    Ok(negotiate::conditional(req, body, media_type, None))
}

/// The JSON document as JSON, or as its page when HTML is chosen (`f=html` or `Accept`).
fn json_or_page(
    req: &HttpRequest,
    f: Option<Format>,
    value: &impl Serialize,
    media_type: &str,
    page: impl FnOnce(&serde_json::Value) -> String,
) -> Result<HttpResponse> {
    if negotiate::chosen(req, f, false) != Format::Html {
        return json(req, value, media_type);
    }
    let doc = serde_json::to_value(value).map_err(|e| Error::invalid("f", e.to_string()))?;
    Ok(page_response(req, page(&doc)))
}

fn page_response(req: &HttpRequest, page: String) -> HttpResponse {
    negotiate::conditional(req, page.into_bytes(), html::MEDIA_TYPE, None)
}

/// The caller: credentials that do not verify are a 401 on every resource, never an
/// anonymous answer.
async fn caller(req: &HttpRequest) -> Result<moisson_model::Viewer> {
    Ok(moisson_http::caller(req).await?)
}

fn catalog_id(req: &HttpRequest) -> Result<()> {
    items::check_collection(req.match_info().get("catalogId").unwrap_or_default())
}

/// Landing page.
#[utoipa::path(get, path = "/ogcapi", tag = "capabilities", params(FParam),
    responses((status = 200, description = "Links to the API definition, conformance and collections", content((collection::LandingPage = "application/json"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json")))]
pub async fn get_landing_page(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    caller(&req).await?;
    let f = params::plain(&q)?;
    json_or_page(&req, f, &collection::landing(&state), JSON, |doc| {
        pages::document(&state, &state.title, "", doc)
    })
}

/// Conformance classes this API implements.
#[utoipa::path(get, path = "/ogcapi/conformance", tag = "capabilities", params(FParam),
    responses((status = 200, description = "The conformance declaration", content((collection::ConformanceDeclaration = "application/json"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json")))]
pub async fn get_conformance(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    caller(&req).await?;
    let f = params::plain(&q)?;
    json_or_page(&req, f, &collection::conformance(), JSON, |doc| {
        pages::document(&state, "Conformance", "/conformance", doc)
    })
}

/// This API's OpenAPI 3 document.
#[utoipa::path(get, path = "/ogcapi/api", tag = "capabilities", params(FParam),
    responses((status = 200, description = "OpenAPI 3 document", content((Object = "application/vnd.oai.openapi+json;version=3.0"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json")))]
pub async fn get_api(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    caller(&req).await?;
    let f = params::plain(&q)?;
    if negotiate::chosen(&req, f, false) == Format::Html {
        let doc: serde_json::Value =
            serde_json::from_str(ApiDoc::json()).map_err(|e| Error::invalid("f", e.to_string()))?;
        let page = pages::document(&state, "API definition", "/api", &doc);
        return Ok(page_response(&req, page));
    }
    Ok(negotiate::conditional(
        &req,
        ApiDoc::json().as_bytes().to_vec(),
        crate::links::OPENAPI_JSON,
        None,
    ))
}

/// The catalogues of this API (one: `main`).
#[utoipa::path(get, path = "/ogcapi/collections", tag = "capabilities", params(FParam),
    responses((status = 200, description = "The collections", content((collection::Collections = "application/json"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json")))]
pub async fn get_collections(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    caller(&req).await?;
    let f = params::plain(&q)?;
    json_or_page(&req, f, &collection::collections(&state), JSON, |doc| {
        pages::document(&state, "Collections", "/collections", doc)
    })
}

/// The catalogue.
#[utoipa::path(get, path = "/ogcapi/collections/{catalogId}", tag = "capabilities", params(CatalogId, FParam),
    responses((status = 200, description = "The catalogue", content((collection::Collection = "application/json"), (collection::Collection = "application/ogc-catalog+json"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such catalogue", body = Problem, content_type = "application/problem+json")))]
pub async fn get_collection(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    caller(&req).await?;
    catalog_id(&req)?;
    let f = params::plain(&q)?;
    let media_type = negotiate::catalog_type(&req);
    json_or_page(
        &req,
        f,
        &collection::collection(&state),
        media_type,
        |doc| pages::collection(&state, doc),
    )
}

/// Search the records of the catalogue.
#[utoipa::path(get, path = "/ogcapi/collections/{catalogId}/items", tag = "records",
    params(CatalogId, crate::openapi::ItemsParams),
    responses((status = 200, description = "A page of records (GeoJSON FeatureCollection); ETag and Last-Modified for conditional GET",
            content((items::FeatureCollection = "application/geo+json"), (items::FeatureCollection = "application/json"), (String = "text/html"))),
        (status = 304, description = "Not modified (If-None-Match or If-Modified-Since)"),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such catalogue", body = Problem, content_type = "application/problem+json")))]
pub async fn get_items(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    let viewer = caller(&req).await?;
    catalog_id(&req)?;
    let pairs = q.into_inner();
    let request = params::items(&pairs)?;
    let page = items::search(&state, &request, &pairs, &viewer).await?;
    if negotiate::chosen(&req, request.format, false) == Format::Html {
        let doc = serde_json::to_value(&page).map_err(|e| Error::invalid("f", e.to_string()))?;
        return Ok(page_response(&req, pages::items(&state, &pairs, &doc)));
    }
    let body = serde_json::to_vec(&page).map_err(|e| Error::invalid("f", e.to_string()))?;
    Ok(negotiate::conditional(
        &req,
        body,
        negotiate::geojson_type(&req),
        None,
    ))
}

/// One record, as GeoJSON or ISO 19139 XML (`f=xml` or `Accept: application/xml`).
#[utoipa::path(get, path = "/ogcapi/collections/{catalogId}/items/{recordId}", tag = "records",
    params(CatalogId, ("recordId" = String, Path, description = "Record identifier; may contain `/` and `:`, raw or percent-encoded"),
        ("f" = Option<String>, Query, pattern = "^(json|geojson|html|xml|iso19139)$", description = "`json` or `geojson` (GeoJSON record), `html` (the record's page, with its schema.org Dataset in JSON-LD), `xml` (ISO 19139: the original document when the record is unedited)")),
    responses((status = 200, description = "The record; ETag and Last-Modified for conditional GET",
            content((crate::record::RecordFeature = "application/geo+json"), (crate::record::RecordFeature = "application/json"), (String = "application/xml"), (String = "text/html"))),
        (status = 304, description = "Not modified (If-None-Match or If-Modified-Since)"),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such catalogue, or no record the caller may see", body = Problem, content_type = "application/problem+json")))]
pub async fn get_item(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    let viewer = caller(&req).await?;
    catalog_id(&req)?;
    params::check_names(&q, &|n| n == "f")?;
    let format = params::format(&q, true)?;
    let stored = items::get(&state, &path_id(&req)?, &viewer).await?;
    let modified = stored.record.catalogue.updated;
    let chosen = negotiate::chosen(&req, format, true);
    if chosen == Format::Xml {
        return Ok(negotiate::conditional(
            &req,
            items::iso19139(&stored),
            ISO_XML,
            modified,
        ));
    }
    let feature = crate::record::RecordFeature::new(
        &stored,
        &state.base(),
        &moisson_dcat::Context::new(&state.public_url),
    );
    if chosen == Format::Html {
        let doc = serde_json::to_value(&feature).map_err(|e| Error::invalid("f", e.to_string()))?;
        let page = pages::record(&state, &doc).into_bytes();
        return Ok(negotiate::conditional(
            &req,
            page,
            html::MEDIA_TYPE,
            modified,
        ));
    }
    let body = serde_json::to_vec(&feature).map_err(|e| Error::invalid("f", e.to_string()))?;
    Ok(negotiate::conditional(
        &req,
        body,
        negotiate::geojson_type(&req),
        modified,
    ))
}

/// The queryables of the catalogue (JSON Schema), usable in `filter` and as parameters.
#[utoipa::path(get, path = "/ogcapi/collections/{catalogId}/queryables", tag = "records", params(CatalogId, FParam),
    responses((status = 200, description = "JSON Schema of the queryables", content((Object = "application/schema+json"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such catalogue", body = Problem, content_type = "application/problem+json")))]
pub async fn get_queryables(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    schema_of(&req, &q, &state, queryables::queryables_schema).await
}

/// The sortables of the catalogue (JSON Schema), usable in `sortby`.
#[utoipa::path(get, path = "/ogcapi/collections/{catalogId}/sortables", tag = "records", params(CatalogId, FParam),
    responses((status = 200, description = "JSON Schema of the sortables", content((Object = "application/schema+json"), (String = "text/html"))),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such catalogue", body = Problem, content_type = "application/problem+json")))]
pub async fn get_sortables(
    req: HttpRequest,
    q: Query,
    state: web::Data<OgcState>,
) -> Result<HttpResponse> {
    schema_of(&req, &q, &state, queryables::sortables_schema).await
}

/// A JSON Schema of the catalogue (`/queryables`, `/sortables`), made from its URL.
async fn schema_of(
    req: &HttpRequest,
    q: &Query,
    state: &OgcState,
    schema: fn(&str) -> serde_json::Value,
) -> Result<HttpResponse> {
    caller(req).await?;
    catalog_id(req)?;
    let f = params::plain(q)?;
    let url = crate::links::collection_url(&state.base());
    let doc = schema(&url);
    let title = doc["title"].as_str().unwrap_or_default().to_owned();
    let path = doc["$id"]
        .as_str()
        .and_then(|id| id.strip_prefix(&state.base()))
        .unwrap_or_default()
        .to_owned();
    json_or_page(req, f, &doc, queryables::MEDIA_TYPE, |doc| {
        pages::document(state, &title, &path, doc)
    })
}

/// The `{recordId}` of the path, percent-decoded.
fn path_id(req: &HttpRequest) -> Result<String> {
    moisson_http::path_id(req, "recordId").map_err(|why| Error::invalid("recordId", why))
}

/// 404 for unknown paths; 405 for any method but `GET`/`HEAD` (the API is read-only).
async fn not_found(req: HttpRequest) -> HttpResponse {
    let class = moisson_model::ErrorClass::NotFound;
    let read = matches!(req.method().as_str(), "GET" | "HEAD");
    let detail = if read {
        format!("no resource at {}; see {PREFIX}/api", req.path())
    } else {
        format!("{} is not allowed: this API is read-only", req.method())
    };
    if !read {
        let mut resp = Problem::method_not_allowed(detail)
            .with_instance(req.path())
            .response();
        resp.headers_mut().insert(
            header::ALLOW,
            header::HeaderValue::from_static("GET, HEAD, OPTIONS"),
        );
        return resp;
    }
    Problem::new(&class, detail)
        .with_instance(req.path())
        .response()
}

/// `f` on resources that are only JSON.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
#[expect(
    dead_code,
    reason = "documents the parameter for the OpenAPI document only"
)]
struct FParam {
    /// Output format: `json` or `html` (else as `Accept` asks; JSON by default).
    #[param(pattern = "^(json|html)$")]
    f: Option<String>,
}

/// The catalogue identifier.
#[derive(utoipa::IntoParams)]
#[into_params(parameter_in = Path, rename_all = "camelCase")]
#[expect(
    dead_code,
    reason = "documents the parameter for the OpenAPI document only"
)]
struct CatalogId {
    /// `main`, the one catalogue.
    #[param(example = "main", pattern = "^main$")]
    catalog_id: String,
}
