//! One-shot harvests (the CSW `Harvest` operation): a URL and a kind become a run of a
//! stored source, so that they go through the same runs as scheduled ones (incremental,
//! conflicts reported, deletions mirrored, a job with its log readable over REST).
//!
//! The source is the one of that kind and URL the caller already manages (harvesting a
//! URL again refreshes its records); else a new one, owned by the one organisation the
//! caller administers, its records public and published (an admin may publish). A
//! caller who administers no organisation, or several, is refused: harvested records
//! must belong to one organisation, and the request cannot say which.

use moisson_model::harvest::{HarvestJob, HarvestSource, NewSource, SourceKind};
use moisson_model::{Role, Viewer, Visibility, WorkflowStatus};
use moisson_store::Store;

use crate::error::{Error, Result};
use crate::http::parse_url;
use crate::run::FAILED;

/// The source of `kind` at `url` that `caller` manages, created when there is none.
///
/// # Errors
/// `Error::Settings` (not an http(s) URL), `Error::Forbidden` (the caller administers no
/// organisation, or several), `Error::Store`.
pub async fn source_for(
    store: &dyn Store,
    kind: SourceKind,
    url: &str,
    caller: &Viewer,
) -> Result<HarvestSource> {
    let url = parse_url(url)
        .ok_or_else(|| Error::Settings(format!("{url} is not an http(s) URL")))?
        .to_string();
    // Compared as parsed, so `http://host` and `http://host/` are one source.
    let same_url = |s: &HarvestSource| parse_url(&s.source.url).is_some_and(|u| u.as_str() == url);
    let existing =
        (store.sources(caller).await?.into_iter()).find(|s| s.source.kind == kind && same_url(s));
    if let Some(source) = existing {
        return Ok(source);
    }
    let owner_org = owner_org(caller)?;
    let new = NewSource {
        name: format!("{} harvest of {url}", kind.as_str()),
        kind,
        url,
        options: serde_json::Map::new(),
        owner_org,
        visibility: Visibility::Public,
        status: WorkflowStatus::Published,
        schedule: None,
        enabled: true,
    };
    Ok(store.create_source(new, caller).await?)
}

/// The one organisation `caller` administers.
fn owner_org(caller: &Viewer) -> Result<String> {
    let mut units = caller.units_with_role(Role::Admin);
    match units.len() {
        1 => Ok(units.remove(0)),
        0 => Err(Error::Forbidden(
            "a harvest makes a source owned by the organisation the caller administers, and \
             this caller administers none: create the source with POST \
             /api/v1/harvest/sources (or `moisson harvest add`) naming its organisation; \
             a Harvest of the same URL then runs it"
                .to_owned(),
        )),
        _ => Err(Error::Forbidden(format!(
            "the caller administers several organisations ({}) and a Harvest cannot say \
             which one owns the records: create the source with POST \
             /api/v1/harvest/sources naming it; a Harvest of the same URL then runs it",
            units.join(", ")
        ))),
    }
}

/// Why a failed job failed (the reason its log gives), `None` for a job that did not.
#[must_use]
pub fn failure(job: &HarvestJob) -> Option<&str> {
    job.log.iter().rev().find_map(|l| l.strip_prefix(FAILED))
}
