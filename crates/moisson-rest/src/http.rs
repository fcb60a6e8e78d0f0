//! The thin actix layer: routes, and handlers that extract, call the core and map.
//!
//! Identifiers may contain `/` and `:`: routes use the tail match `{id:.*}` and the
//! matched text is percent-decoded once, so `/api/v1/records/FR-1%2Fplu%2F2024` and
//! `/api/v1/records/FR-1/plu/2024` name the same record. Don't put a path-normalising
//! middleware (which merges `//`) in front of these routes, or `http://…` ids break.

use actix_web::http::StatusCode;
use actix_web::http::header::{self, Header, HeaderMap};
use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::{Record, Viewer};
use moisson_store::{PutOutcome, StoredRecord};

use crate::body::{self, BodyFormat, MAX_BODY, WriteBody};
use crate::error::{Error, Result};
use crate::openapi::ApiDoc;
use crate::precondition::{self, IfMatch};
use crate::problem::Problem;
use crate::records::{self, ListResponse, RecordResponse};
use crate::{RestState, accounts, caller, links, params};

/// Registers `/api`, `/api/openapi.json` and `/api/v1/...`.
pub fn configure(cfg: &mut web::ServiceConfig) {
    cfg.route("/api", web::get().to(get_openapi))
        .route("/api/openapi.json", web::get().to(get_openapi))
        .service(web::resource("/api/v1/profiles").get(get_profiles))
        .service(web::resource("/api/v1/profiles/{name}").get(get_profile))
        .service(
            web::resource("/api/v1/records")
                .app_data(query_config())
                .get(get_records)
                .post(post_record)
                .default_service(web::to(method_not_allowed)),
        )
        .service(
            web::resource("/api/v1/records/{id:.*}")
                .app_data(query_config())
                .get(get_record)
                .put(put_record)
                .patch(patch_record)
                .delete(delete_record)
                .default_service(web::to(method_not_allowed)),
        )
        .configure(accounts::configure)
        .configure(crate::harvest::configure)
        .configure(crate::thesauri::configure);
}

/// Query strings that do not parse are RFC 7807 problems naming `query`, not actix's text.
pub(crate) fn query_config() -> web::QueryConfig {
    web::QueryConfig::default().error_handler(|e, _| Error::invalid("query", e.to_string()).into())
}

pub(crate) fn header(headers: &HeaderMap, name: header::HeaderName) -> Option<&str> {
    headers.get(name).and_then(|v| v.to_str().ok())
}

pub(crate) fn content_length(req: &HttpRequest) -> Option<u64> {
    header(req.headers(), header::CONTENT_LENGTH).and_then(|v| v.parse().ok())
}

/// The `{id}` of the path, percent-decoded.
fn path_id(req: &HttpRequest) -> Result<String> {
    moisson_http::path_id(req, "id").map_err(|why| Error::invalid("id", why))
}

/// Whether the client prefers XML over JSON (`Accept: application/xml`).
fn wants_xml(req: &HttpRequest) -> bool {
    let Ok(accept) = header::Accept::parse(req) else {
        return false;
    };
    accept
        .ranked()
        .iter()
        .map(|m| m.essence_str().to_owned())
        .find_map(|m| match m.as_str() {
            "application/json" | "application/problem+json" => Some(false),
            "application/xml" | "text/xml" | "application/vnd.iso.19139+xml" => Some(true),
            _ => None,
        })
        == Some(true)
}

/// The record of a write body, with what the body says of its catalogue fields.
async fn read_record(req: &HttpRequest, payload: web::Payload) -> Result<WriteBody> {
    let format = BodyFormat::from_content_type(header(req.headers(), header::CONTENT_TYPE))?;
    let bytes = body::read(payload, content_length(req), MAX_BODY).await?;
    body::decode(format, &bytes)
}

/// A record as JSON, with the local records its service operates on as `viewer` may see
/// them.
async fn record_answer(
    state: &RestState,
    status: StatusCode,
    stored: StoredRecord,
    viewer: &Viewer,
) -> Result<HttpResponse> {
    let operated = crate::coupling::operated_records(
        state.store.as_ref(),
        &stored.record,
        viewer,
        &state.public_url,
    )
    .await?;
    Ok(record_json(status, stored, &state.public_url, operated))
}

fn record_json(
    status: StatusCode,
    stored: StoredRecord,
    public_url: &str,
    operated: Vec<crate::coupling::OperatedRecord>,
) -> HttpResponse {
    let etag = precondition::etag(stored.version);
    // Written into a buffer sized for the record's long texts at once: grown by doubling,
    // the answer to a record with a 5 MB abstract held about three times its size.
    let long_texts = stored.record.abstract_text.len()
        + stored.record.lineage.as_ref().map_or(0, String::len)
        + stored.record.purpose.as_ref().map_or(0, String::len);
    let response = RecordResponse::new(stored, &moisson_dcat::Context::new(public_url))
        .with_links(public_url)
        .with_operated(operated);
    let mut body = Vec::with_capacity(long_texts + long_texts / 8 + 64 * 1024);
    if let Err(e) = serde_json::to_writer(&mut body, &response) {
        // A record always serialises; should it not, this is ours, not the client's.
        tracing::error!(error = %e, "serialising a record response");
        return HttpResponse::InternalServerError().finish();
    }
    HttpResponse::build(status)
        .insert_header(etag)
        .content_type("application/json")
        .body(body)
}

/// Search records.
#[utoipa::path(get, path = "/api/v1/records", tag = "records", security((), ("bearer" = [])),
    params(
        ("q" = Option<String>, Query, description = "Full text over title, abstract, keywords…; words are ANDed"),
        ("bbox" = Option<String>, Query, description = "west,south,east,north in WGS 84 degrees; records whose extent intersects"),
        ("datetime" = Option<String>, Query, description = "RFC 3339 instant or interval `start/end`, `..` for an open end; records whose temporal extent intersects"),
        ("type" = Option<String>, Query, description = "Hierarchy level(s), comma-separated: dataset, series, service…"),
        ("keyword" = Option<Vec<String>>, Query, description = "A keyword the record has; repeat for all of several"),
        ("org" = Option<String>, Query, description = "Owner organisation identifier"),
        ("status" = Option<String>, Query, description = "Workflow status(es), comma-separated: draft, submitted, published (e.g. `submitted`, what waits for review); only records the caller may see"),
        ("sort" = Option<String>, Query, description = "Comma list of relevance, title, identifier, modified, created, updated, type, publicationDate; `-` prefix for descending"),
        ("limit" = Option<u32>, Query, description = "Page size, 0 to 1000 (default 10)"),
        ("offset" = Option<u64>, Query, description = "Records to skip (default 0)"),
        ("facets" = Option<String>, Query, description = "Comma list of keyword, type, organisation, format, licence, topicCategory (default all; empty for none)"),
    ),
    responses(
        (status = 200, description = "A page of records", body = ListResponse),
        (status = 400, description = "Unknown parameter or bad value", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_records(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let viewer = caller::caller(&req).await?;
    let pairs = q.into_inner();
    let query = params::parse_list(&pairs)?;
    let page = records::search(&state, &query, &viewer).await?;
    let links = links::paging(
        &state.public_url,
        &pairs,
        query.limit,
        query.offset,
        page.total,
    );
    Ok(HttpResponse::Ok().json(ListResponse::new(page, &query, links, &state.public_url)))
}

/// One record, as JSON or ISO 19139.
///
/// `Accept: application/xml` or the suffix `.xml` gives ISO 19139: the imported document
/// byte for byte when the record was not edited since, else one written from the record.
#[utoipa::path(get, path = "/api/v1/records/{id}", tag = "records", security((), ("bearer" = [])),
    params(("id" = String, Path, description = "Record identifier; may contain `/` and `:`, raw or percent-encoded (`%2F`)")),
    responses(
        (status = 200, description = "The record as JSON, or ISO 19139 XML", content(
            (RecordResponse = "application/json"), (String = "application/xml")), headers(("ETag" = String, description = "The record's version, strong and quoted (`\"3\"`): send it back as `If-Match` to write only that version"))),
        (status = 400, description = "Not a valid record identifier", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or one the caller may not see", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_record(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let viewer = caller::caller(&req).await?;
    let (stored, suffix) = records::get_by_path(&state, &path_id(&req)?, &viewer).await?;
    let vary = (
        header::VARY,
        header::HeaderValue::from_static("accept, authorization"),
    );
    if suffix || wants_xml(&req) {
        let xml = records::iso19139(&stored);
        return Ok(HttpResponse::Ok()
            .content_type("application/xml")
            .insert_header(precondition::etag(stored.version))
            .insert_header(vary)
            .body(xml));
    }
    let mut resp = record_answer(&state, StatusCode::OK, stored, &viewer).await?;
    resp.headers_mut().insert(vary.0, vary.1);
    Ok(resp)
}

/// Create or replace a record by its own identifier (JSON, or ISO 19139 / Dublin Core XML).
///
/// A new record is published when the caller may publish it (a reviewer of its owner
/// organisation), else a draft of the caller's organisation, unless the request names a
/// status (`?status=`, or `catalogue.status` in JSON). A replaced record keeps what the
/// request does not name.
#[utoipa::path(post, path = "/api/v1/records", tag = "records", security(("bearer" = [])),
    params(("status" = Option<String>, Query, description = "Workflow status to write: draft, submitted or published (wins over the JSON body's `catalogue.status`)"),
        ("visibility" = Option<String>, Query, description = "Visibility to write: public, internal or restricted (wins over the JSON body's `catalogue.visibility`)")),
    request_body(description = "A record as JSON, or an ISO 19139 / csw:Record document", content(
        (Record = "application/json"), (String = "application/xml"))),
    responses(
        (status = 201, description = "Created; `Location` names it", body = RecordResponse),
        (status = 200, description = "Replaced an existing record", body = RecordResponse),
        (status = 400, description = "Malformed body, invalid extent or profile field", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not write this record, or asked to publish it without the right (the detail says how to submit it for review)", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Body over 20 MB", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Neither JSON nor XML", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_record(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let requested = params::parse_write(&q)?;
    let body = read_record(&req, payload).await?;
    let (outcome, stored) = records::create(&state, body, &actor, requested).await?;
    if outcome == PutOutcome::Updated {
        return record_answer(&state, StatusCode::OK, stored, &actor).await;
    }
    let location = links::record_url(&state.public_url, stored.id().as_str());
    let mut resp = record_answer(&state, StatusCode::CREATED, stored, &actor).await?;
    if let Ok(value) = header::HeaderValue::from_str(&location) {
        resp.headers_mut().insert(header::LOCATION, value);
    }
    Ok(resp)
}

/// Replace an existing record, whole: at least a title (400 without; PATCH changes some
/// fields). A JSON body is merged into a kept ISO 19139 document (only the changed fields
/// rewritten), so ISO export keeps what the record model does not hold.
#[utoipa::path(put, path = "/api/v1/records/{id}", tag = "records", security(("bearer" = [])),
    params(("id" = String, Path, description = "Record identifier; the body's must be equal or absent"),
        ("If-Match" = Option<String>, Header, description = "The record's `ETag` as read (`\"3\"`; `*` for any version): the write applies only if the record is still at that version, else 412. Required (428 without it) when the server sets `rest.require_if_match`"),
        ("status" = Option<String>, Query, description = "Workflow status to write: draft, submitted or published (wins over the JSON body's `catalogue.status`)"),
        ("visibility" = Option<String>, Query, description = "Visibility to write: public, internal or restricted (wins over the JSON body's `catalogue.visibility`)")),
    request_body(content((Record = "application/json"), (String = "application/xml"))),
    responses(
        (status = 200, description = "Replaced", body = RecordResponse, headers(("ETag" = String, description = "The record's version, strong and quoted (`\"3\"`): send it back as `If-Match` to write only that version"))),
        (status = 400, description = "Malformed body, unknown field, no title, or identifier mismatch", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not write this record (or publish it)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or one the caller may not see", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names a version the record is no longer at: someone wrote it since; read it again", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is required on record writes (`rest.require_if_match`) and was not sent", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_record(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let id = records::record_id(&path_id(&req)?)?;
    let requested = params::parse_write(&q)?;
    let if_match = IfMatch::from_request(&req, state.require_if_match)?;
    let body = read_record(&req, payload).await?;
    let stored = records::replace(&state, id, body, &actor, requested, &if_match).await?;
    record_answer(&state, StatusCode::OK, stored, &actor).await
}

/// Change some fields of a record (JSON Merge Patch, RFC 7396).
///
/// The fields the patch names are set (`null` removes one, objects merge member by
/// member, arrays are replaced whole); the others, status and visibility included, stay.
/// Like any JSON edit, the change is merged into a kept ISO 19139 document.
#[utoipa::path(patch, path = "/api/v1/records/{id}", tag = "records", security(("bearer" = [])),
    params(("id" = String, Path, description = "Record identifier"),
        ("If-Match" = Option<String>, Header, description = "The record's `ETag` as read (`\"3\"`; `*` for any version): the write applies only if the record is still at that version, else 412. Required (428 without it) when the server sets `rest.require_if_match`")),
    request_body(description = "A JSON Merge Patch of the record's JSON form", content(
        (Object = "application/merge-patch+json"), (Object = "application/json"))),
    responses(
        (status = 200, description = "Patched", body = RecordResponse, headers(("ETag" = String, description = "The record's version, strong and quoted (`\"3\"`): send it back as `If-Match` to write only that version"))),
        (status = 400, description = "Not a JSON object, an unknown field, a changed identifier, or the result has no title", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not write this record (or publish it)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or one the caller may not see", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names a version the record is no longer at: someone wrote it since; read it again", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is required on record writes (`rest.require_if_match`) and was not sent", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch_record(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let id = records::record_id(&path_id(&req)?)?;
    let if_match = IfMatch::from_request(&req, state.require_if_match)?;
    let content_type = header(req.headers(), header::CONTENT_TYPE);
    if BodyFormat::from_content_type(content_type)? != BodyFormat::Json {
        return Err(Error::UnsupportedMediaType(
            content_type.unwrap_or_default().to_owned(),
        ));
    }
    let bytes = body::read(payload, content_length(&req), MAX_BODY).await?;
    let patch = serde_json::from_slice(&bytes).map_err(Error::Json)?;
    let stored = records::patch(&state, id, patch, &actor, &if_match).await?;
    record_answer(&state, StatusCode::OK, stored, &actor).await
}

/// Delete a record.
#[utoipa::path(delete, path = "/api/v1/records/{id}", tag = "records", security(("bearer" = [])),
    params(("id" = String, Path, description = "Record identifier"),
        ("If-Match" = Option<String>, Header, description = "The record's `ETag` as read (`\"3\"`; `*` for any version): the write applies only if the record is still at that version, else 412. Required (428 without it) when the server sets `rest.require_if_match`")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 400, description = "Not a valid record identifier", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not delete this record", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record, or one the caller may not see", body = Problem, content_type = "application/problem+json"),
        (status = 412, description = "`If-Match` names a version the record is no longer at: someone wrote it since; read it again", body = Problem, content_type = "application/problem+json"),
        (status = 428, description = "`If-Match` is required on record writes (`rest.require_if_match`) and was not sent", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_record(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let id = records::record_id(&path_id(&req)?)?;
    let if_match = IfMatch::from_request(&req, state.require_if_match)?;
    records::delete(&state, &id, &actor, &if_match).await?;
    Ok(HttpResponse::NoContent().finish())
}

/// The custom profiles a record's `catalogue.profile` may name.
#[utoipa::path(get, path = "/api/v1/profiles", tag = "profiles",
    responses((status = 200, description = "Profile names and links", body = crate::openapi::ProfileList)))]
pub async fn get_profiles(state: web::Data<RestState>) -> HttpResponse {
    HttpResponse::Ok().json(crate::openapi::ProfileList::new(
        &state.profiles,
        &state.public_url,
    ))
}

/// A profile's JSON Schema (for `catalogue.extra`).
#[utoipa::path(get, path = "/api/v1/profiles/{name}", tag = "profiles",
    params(("name" = String, Path, description = "Profile name")),
    responses(
        (status = 200, description = "The JSON Schema", body = Object, content_type = "application/schema+json"),
        (status = 404, description = "No such profile", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_profile(
    name: web::Path<String>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let schema = state
        .profiles
        .schema(&name)
        .ok_or_else(|| Error::ProfileNotFound(name.into_inner()))?;
    Ok(HttpResponse::Ok()
        .content_type("application/schema+json")
        .json(schema))
}

/// This API's OpenAPI 3 document.
#[utoipa::path(get, path = "/api", tag = "meta",
    responses((status = 200, description = "OpenAPI 3 document", body = Object, content_type = "application/vnd.oai.openapi+json;version=3.1")))]
pub async fn get_openapi() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("application/vnd.oai.openapi+json;version=3.1")
        .body(ApiDoc::json())
}

pub(crate) async fn method_not_allowed(req: HttpRequest) -> HttpResponse {
    let detail = format!("{} is not allowed on {}", req.method(), req.path());
    Problem::method_not_allowed(detail)
        .with_instance(req.path())
        .response()
}
