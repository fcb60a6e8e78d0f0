//! Harvest: a one-shot job of `moisson-harvest`, the same runs as scheduled harvests. The
//! `Source` URL and the `ResourceType` name a stored source (the caller's source of that
//! URL, else a new one of the organisation the caller administers: `moisson_harvest::once`);
//! a remote CSW (`ResourceType` the CSW namespace) is paged with GetRecords, an ISO or
//! Dublin Core document (the gmd namespace) read whole.
//!
//! The answer is synchronous for a source that is read within `SYNC_WAIT`: the
//! `csw:TransactionResponse` of its job (created, updated, deleted). A longer run goes on
//! in the background and the answer is a `csw:Acknowledgement` whose `RequestId` is the
//! job's REST URL (`/api/v1/harvest/jobs/{id}`: progress, counts, errors). A
//! `ResponseHandler` (asynchronous delivery) is refused when the request is parsed.

use std::time::Duration;

use moisson_iso::ns::{CSW, GMD, XSI};
use moisson_model::Viewer;
use moisson_model::harvest::{HarvestJob, JobState, SourceKind};

use crate::CswState;
use crate::error::{Error, Result};
use crate::request::Harvest;
use crate::transaction::{Summary, response};
use crate::write::{Xml, ns};

/// How long a Harvest request waits for its job before answering an acknowledgement.
pub const SYNC_WAIT: Duration = Duration::from_secs(60);

pub async fn harvest(state: &CswState, h: &Harvest, actor: &Viewer) -> Result<String> {
    harvest_within(state, h, actor, SYNC_WAIT).await
}

/// [`harvest`], waiting at most `wait` for the job before acknowledging it.
pub async fn harvest_within(
    state: &CswState,
    h: &Harvest,
    actor: &Viewer,
    wait: Duration,
) -> Result<String> {
    let kind = source_kind(&h.resource_type)?;
    let failed = |e: moisson_harvest::Error| from_harvest(&h.source, e);
    let store = state.store.clone();
    let source = moisson_harvest::once::source_for(store.as_ref(), kind, &h.source, actor)
        .await
        .map_err(failed)?;
    let started = moisson_harvest::start(store.as_ref(), &source.id, false, actor)
        .await
        .map_err(failed)?;
    let job_id = started.job().id;
    let run = actix_web::rt::spawn(async move {
        let quiet = |_: &HarvestJob| {};
        started.finish(store.as_ref(), &quiet).await
    });
    match actix_web::rt::time::timeout(wait, run).await {
        Ok(Ok(Ok(job))) => job_response(&h.source, &job),
        Ok(Ok(Err(e))) => Err(failed(e)),
        Ok(Err(join)) => Err(Error::Harvest {
            url: h.source.clone(),
            message: format!("the harvest job stopped: {join}"),
        }),
        Err(_) => Ok(acknowledgement(state, h, job_id)),
    }
}

/// The kind of source a `ResourceType` names.
fn source_kind(resource_type: &str) -> Result<SourceKind> {
    match resource_type.trim().trim_end_matches('/') {
        CSW => Ok(SourceKind::Csw),
        GMD | "http://www.isotc211.org/schemas/2005/gmd" => Ok(SourceKind::Document),
        other => Err(Error::invalid(
            "ResourceType",
            format!("{other:?} is not {CSW} or {GMD}"),
        )),
    }
}

fn from_harvest(url: &str, e: moisson_harvest::Error) -> Error {
    use moisson_harvest::Error as H;
    match e {
        H::Settings(message) => Error::invalid("Source", message),
        H::Store(e) => Error::Store(e),
        H::Forbidden(m) => Error::Store(moisson_store::Error::Forbidden(m)),
        H::Remote { url, message } => Error::Harvest { url, message },
        other => Error::Harvest {
            url: url.to_owned(),
            message: other.to_string(),
        },
    }
}

/// The job's counts as a `csw:HarvestResponse`; a job that failed is an exception
/// naming why (nothing was deleted).
fn job_response(url: &str, job: &HarvestJob) -> Result<String> {
    if job.state == JobState::Failed {
        let why = moisson_harvest::once::failure(job).unwrap_or("the run failed");
        return Err(Error::Harvest {
            url: url.to_owned(),
            message: format!("{why} (job {})", job.id),
        });
    }
    let summary = Summary {
        inserted: job.counts.created,
        updated: job.counts.updated,
        deleted: job.counts.deleted,
        ..Summary::default()
    };
    Ok(response("csw:HarvestResponse", &summary))
}

/// `csw:HarvestResponse/csw:Acknowledgement`: the request, echoed, and the job's URL.
fn acknowledgement(state: &CswState, h: &Harvest, job_id: i64) -> String {
    let location = format!("{CSW} {}", ns::CSW_PUBLICATION_SCHEMA);
    let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let job = format!("{}/api/v1/harvest/jobs/{job_id}", state.public_url);
    let root = [
        ("xmlns:csw", CSW),
        ("xmlns:xsi", XSI),
        ("xsi:schemaLocation", location.as_str()),
    ];
    let mut x = Xml::new();
    x.with("csw:HarvestResponse", &root, |x| {
        x.with("csw:Acknowledgement", &[("timeStamp", now.as_str())], |x| {
            x.with("csw:EchoedRequest", &[], |x| {
                let echoed = [("service", "CSW"), ("version", "2.0.2")];
                x.with("csw:Harvest", &echoed, |x| {
                    x.leaf("csw:Source", &[], &h.source);
                    x.leaf("csw:ResourceType", &[], &h.resource_type);
                });
            });
            x.leaf("csw:RequestId", &[], &job);
        });
    });
    x.finish()
}
