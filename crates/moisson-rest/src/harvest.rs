//! Harvest sources and their runs over REST: `GET/POST /api/v1/harvest/sources`,
//! `GET/PATCH/DELETE /api/v1/harvest/sources/{id}`, `POST …/{id}/run` (202 with the job,
//! which runs in the background), `GET …/{id}/jobs` and `GET /api/v1/harvest/jobs/{id}`.
//! The store checks the rights (admin of the source's organisation, superadmin); a source
//! the caller may not manage answers 404 as if absent.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::harvest::{HarvestJob, HarvestSource, NewSource, Provenance};
use moisson_model::{RecordSource, Viewer};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use utoipa::ToSchema;

use crate::accounts::{json_body, segment};
use crate::error::{Error, Result};
use crate::http::method_not_allowed;
use crate::problem::Problem;
use crate::{RestState, caller};

/// Registers the harvest routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let resource = |path: &str| {
        web::resource(path)
            .app_data(crate::http::query_config())
            .default_service(web::to(method_not_allowed))
    };
    cfg.service(
        resource("/api/v1/harvest/sources")
            .get(get_sources)
            .post(post_source),
    )
    .service(
        resource("/api/v1/harvest/sources/{id}")
            .get(get_source)
            .patch(patch_source)
            .delete(delete_source),
    )
    .service(resource("/api/v1/harvest/sources/{id}/run").post(post_run))
    .service(resource("/api/v1/harvest/sources/{id}/jobs").get(get_source_jobs))
    .service(resource("/api/v1/harvest/jobs/{id}").get(get_job))
    .service(resource("/api/v1/harvest/records/{id:.*}").get(get_record_provenance));
}

/// Where a harvested record comes from.
#[derive(Debug, Serialize, ToSchema)]
pub struct RecordProvenance {
    #[serde(flatten)]
    pub provenance: Provenance,
    /// The URL the source reads.
    pub source_url: Option<String>,
    /// The last run that read the record (its source's managers may read it).
    pub job_url: Option<String>,
}

/// The sources the caller manages.
#[derive(Debug, Serialize, ToSchema)]
pub struct SourceList {
    pub sources: Vec<HarvestSource>,
}

/// A source's latest runs, newest first.
#[derive(Debug, Serialize, ToSchema)]
pub struct JobList {
    pub jobs: Vec<HarvestJob>,
}

/// `POST …/run` and `GET …/jobs` options.
#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct RunParams {
    /// Rewrite every record, changed or not (default: incremental).
    #[serde(default)]
    pub full: bool,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct JobsParams {
    /// How many runs, newest first (1 to 100, default 20).
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<u32>,
}

const UNAUTHORIZED: &str = "No bearer token, or one that does not verify";

/// The sources the caller manages (all of them for superadmins).
#[utoipa::path(get, path = "/api/v1/harvest/sources", tag = "harvest", security(("bearer" = [])),
    responses(
        (status = 200, description = "Sources by id", body = SourceList),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_sources(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let sources = state.store.sources(&actor).await?;
    Ok(HttpResponse::Ok().json(SourceList { sources }))
}

/// Add a source (admins of its owner organisation, superadmins).
#[utoipa::path(post, path = "/api/v1/harvest/sources", tag = "harvest", security(("bearer" = [])),
    request_body(content = NewSource, content_type = "application/json"),
    responses(
        (status = 201, description = "Created; `Location` names it", body = HarvestSource),
        (status = 400, description = "Malformed body, bad URL or unknown organisation", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the owner organisation", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_source(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let new: NewSource = json_body(&req, payload).await?;
    check_source(&new)?;
    let source = state.store.create_source(new, &actor).await?;
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, source_url(&state, &source.id)))
        .json(source))
}

/// One source.
#[utoipa::path(get, path = "/api/v1/harvest/sources/{id}", tag = "harvest", security(("bearer" = [])),
    params(("id" = String, Path, description = "Source identifier")),
    responses(
        (status = 200, description = "The source", body = HarvestSource),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such source, or not one the caller manages", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_source(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let (actor, id) = (caller::signed_in(&req).await?, segment(&req, "id")?);
    let source = state.store.source(&id, &actor).await?;
    let source = source.ok_or_else(|| Error::not_found("harvest source", id))?;
    Ok(HttpResponse::Ok().json(source))
}

/// Change a source: a JSON merge patch (RFC 7396) of its settings (`null` clears the
/// schedule). Its id and creation time stay.
#[utoipa::path(patch, path = "/api/v1/harvest/sources/{id}", tag = "harvest", security(("bearer" = [])),
    params(("id" = String, Path, description = "Source identifier")),
    request_body(content = Object, content_type = "application/json",
        description = "The fields of NewSource to change"),
    responses(
        (status = 200, description = "The changed source", body = HarvestSource),
        (status = 400, description = "Malformed patch or resulting settings", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The new owner organisation is not one the caller administers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such source, or not one the caller manages", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch_source(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let (actor, id) = (caller::signed_in(&req).await?, segment(&req, "id")?);
    let patch: Value = json_body(&req, payload).await?;
    let not_found = || Error::not_found("harvest source", id.clone());
    let stored = state
        .store
        .source(&id, &actor)
        .await?
        .ok_or_else(not_found)?;
    let mut settings = serde_json::to_value(&stored.source).map_err(Error::Json)?;
    crate::patch::merge(&mut settings, patch);
    let source: NewSource = serde_json::from_value(settings).map_err(Error::Json)?;
    check_source(&source)?;
    let changed = HarvestSource { source, ..stored };
    if !state.store.update_source(changed.clone(), &actor).await? {
        return Err(not_found());
    }
    Ok(HttpResponse::Ok().json(changed))
}

/// Delete a source with its runs; its records stay, as local records.
#[utoipa::path(delete, path = "/api/v1/harvest/sources/{id}", tag = "harvest", security(("bearer" = [])),
    params(("id" = String, Path, description = "Source identifier")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such source, or not one the caller manages", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_source(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let (actor, id) = (caller::signed_in(&req).await?, segment(&req, "id")?);
    if state.store.delete_source(&id, &actor).await? {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(Error::not_found("harvest source", id))
    }
}

/// Run a source now, in the background: 202 with the job, whose progress `GET
/// /api/v1/harvest/jobs/{id}` follows.
#[utoipa::path(post, path = "/api/v1/harvest/sources/{id}/run", tag = "harvest", security(("bearer" = [])),
    params(("id" = String, Path, description = "Source identifier"), RunParams),
    responses(
        (status = 202, description = "Started; `Location` names the job", body = HarvestJob),
        (status = 400, description = "A query parameter that does not parse (`full` is true or false)", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such source, or not one the caller manages", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The source is being harvested already", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_run(
    req: HttpRequest,
    q: web::Query<RunParams>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let (actor, id) = (caller::signed_in(&req).await?, segment(&req, "id")?);
    let started = moisson_harvest::start(state.store.as_ref(), &id, q.full, &actor).await?;
    let job = started.job().clone();
    let store = state.store.clone();
    actix_web::rt::spawn(async move {
        let quiet = |_: &HarvestJob| {};
        if let Err(e) = started.finish(store.as_ref(), &quiet).await {
            tracing::error!("harvest job could not be recorded: {e}");
        }
    });
    Ok(HttpResponse::Accepted()
        .insert_header((
            header::LOCATION,
            format!("{}/api/v1/harvest/jobs/{}", state.public_url, job.id),
        ))
        .json(job))
}

/// A source's latest runs, newest first.
#[utoipa::path(get, path = "/api/v1/harvest/sources/{id}/jobs", tag = "harvest", security(("bearer" = [])),
    params(("id" = String, Path, description = "Source identifier"), JobsParams),
    responses(
        (status = 200, description = "Runs, newest first", body = JobList),
        (status = 400, description = "`limit` outside 1 to 100, or not a number", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such source, or not one the caller manages", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_source_jobs(
    req: HttpRequest,
    q: web::Query<JobsParams>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let (actor, id) = (caller::signed_in(&req).await?, segment(&req, "id")?);
    let limit = q.limit.unwrap_or(20);
    if !(1..=100).contains(&limit) {
        return Err(Error::invalid("limit", "1 to 100"));
    }
    if state.store.source(&id, &actor).await?.is_none() {
        return Err(Error::not_found("harvest source", id));
    }
    let jobs = state.store.jobs(&id, limit, &actor).await?;
    Ok(HttpResponse::Ok().json(JobList { jobs }))
}

/// One run: state, counts, per-record errors and log.
#[utoipa::path(get, path = "/api/v1/harvest/jobs/{id}", tag = "harvest", security(("bearer" = [])),
    params(("id" = i64, Path, description = "Job number")),
    responses(
        (status = 200, description = "The job", body = HarvestJob),
        (status = 401, description = UNAUTHORIZED, body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such job, or its source is not one the caller manages", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_job(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let (actor, raw) = (caller::signed_in(&req).await?, segment(&req, "id")?);
    let not_found = || Error::not_found("harvest job", raw.clone());
    let id: i64 = raw.parse().map_err(|_| not_found())?;
    let job = state.store.job(id, &actor).await?.ok_or_else(not_found)?;
    Ok(HttpResponse::Ok().json(job))
}

/// Where a record was harvested from: its source, its identifier there, when the last run
/// read it and that run. Shown to whoever sees the record (a hidden or local record: 404).
#[utoipa::path(get, path = "/api/v1/harvest/records/{id}", tag = "harvest", security((), ("bearer" = [])),
    params(("id" = String, Path, description = "Record identifier; may contain `/` and `:`")),
    responses(
        (status = 200, description = "The record's provenance", body = RecordProvenance),
        (status = 400, description = "Not a record identifier", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such record for the caller, or a record not harvested", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_record_provenance(
    req: HttpRequest,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let viewer = caller::caller(&req).await?;
    let raw = moisson_http::path_id(&req, "id").map_err(|why| Error::invalid("id", why))?;
    let id = crate::records::record_id(&raw)?;
    let stored = crate::records::get(&state, &id, &viewer).await?;
    // The caller sees the record: its provenance is no secret (read with all rights,
    // since only a source's managers read provenance through the store).
    let provenance = state
        .store
        .provenance(std::slice::from_ref(&id), &Viewer::Admin)
        .await?;
    let Some(provenance) = provenance.into_iter().next() else {
        return Err(Error::not_found("harvested record", id.to_string()));
    };
    let source_url = match stored.record.catalogue.source {
        RecordSource::Harvested { url, .. } => url,
        RecordSource::Local => None,
    };
    let job_url =
        (provenance.job_id).map(|job| format!("{}/api/v1/harvest/jobs/{job}", state.public_url));
    Ok(HttpResponse::Ok().json(RecordProvenance {
        provenance,
        source_url,
        job_url,
    }))
}

fn source_url(state: &RestState, id: &str) -> String {
    format!("{}/api/v1/harvest/sources/{id}", state.public_url)
}

/// Settings the store would keep but a run could not use.
fn check_source(source: &NewSource) -> Result<()> {
    if moisson_harvest::http::parse_url(&source.url).is_none() {
        return Err(Error::invalid("url", "an absolute http(s) URL"));
    }
    if source.name.trim().is_empty() {
        return Err(Error::invalid("name", "a name"));
    }
    Ok(())
}
