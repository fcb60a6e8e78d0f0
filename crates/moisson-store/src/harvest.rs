//! The `HarvestStore` trait: harvest sources, their jobs and the provenance of harvested
//! records (`moisson-harvest` runs them; REST and the CLI manage them). Every `Store` is
//! one.
//!
//! Managing a source, reading its jobs or its provenance needs
//! `rights::can_manage_source` on its owner organisation; each call checks its actor
//! before touching anything, and a source the actor may not manage is absent.

use async_trait::async_trait;
use chrono::{DateTime, SubsecRound, Utc};
use moisson_model::harvest::{HarvestJob, HarvestSource, NewSource, Provenance};
use moisson_model::{RecordId, Viewer, rights};

use crate::{Error, Result};

fn unsupported<T>() -> Result<T> {
    Err(Error::UnsupportedQuery(
        "this store does not keep harvest sources".to_owned(),
    ))
}

/// Harvest sources, jobs and provenance. Defaults refuse, so a store without them builds.
#[async_trait]
pub trait HarvestStore: Send + Sync {
    /// Creates a source owned by `source.owner_org` (an admin of it, or a superadmin);
    /// its id is made from its name. `Error::Invalid` when the organisation is unknown.
    async fn create_source(&self, source: NewSource, actor: &Viewer) -> Result<HarvestSource> {
        let _ = (source, actor);
        unsupported()
    }

    /// A source, `None` when absent or not managed by `actor`.
    async fn source(&self, id: &str, actor: &Viewer) -> Result<Option<HarvestSource>> {
        let _ = (id, actor);
        unsupported()
    }

    /// The sources `actor` manages, by id.
    async fn sources(&self, actor: &Viewer) -> Result<Vec<HarvestSource>> {
        let _ = actor;
        unsupported()
    }

    /// Replaces a source's settings (not its id or creation time); the actor must
    /// manage it both before and after. `false` when absent or not managed.
    async fn update_source(&self, source: HarvestSource, actor: &Viewer) -> Result<bool> {
        let _ = (source, actor);
        unsupported()
    }

    /// Deletes a source with its jobs and provenance (its records stay, as local ones
    /// that remember where they came from). `false` when absent or not managed.
    async fn delete_source(&self, id: &str, actor: &Viewer) -> Result<bool> {
        let _ = (id, actor);
        unsupported()
    }

    /// Records the start of a run of `source_id` (state `running`); `Error::Invalid`
    /// when the source is absent or not managed.
    async fn start_job(&self, source_id: &str, full: bool, actor: &Viewer) -> Result<HarvestJob> {
        let _ = (source_id, full, actor);
        unsupported()
    }

    /// Writes a job's progress, state, end, errors and log.
    async fn save_job(&self, job: &HarvestJob, actor: &Viewer) -> Result<()> {
        let _ = (job, actor);
        unsupported()
    }

    /// A job, `None` when absent or its source is not managed by `actor`.
    async fn job(&self, id: i64, actor: &Viewer) -> Result<Option<HarvestJob>> {
        let _ = (id, actor);
        unsupported()
    }

    /// The latest `limit` jobs of a source, newest first (empty when not managed).
    async fn jobs(&self, source_id: &str, limit: u32, actor: &Viewer) -> Result<Vec<HarvestJob>> {
        let _ = (source_id, limit, actor);
        unsupported()
    }

    /// The provenance of those of `ids` that were harvested, from sources `actor`
    /// manages.
    async fn provenance(&self, ids: &[RecordId], actor: &Viewer) -> Result<Vec<Provenance>> {
        let _ = (ids, actor);
        unsupported()
    }

    /// Keeps the provenance of records a job of their source wrote or saw unchanged
    /// (replacing what was kept), marking them seen by `job_id`. Each row's record must
    /// exist; every row's source must be managed by `actor`.
    async fn note_harvested(
        &self,
        rows: Vec<Provenance>,
        job_id: i64,
        actor: &Viewer,
    ) -> Result<()> {
        let _ = (rows, job_id, actor);
        unsupported()
    }

    /// Up to `limit` records of `source_id` that job `job_id` did not see, by id: what
    /// the source no longer lists once that job has read it all.
    async fn unseen_records(
        &self,
        source_id: &str,
        job_id: i64,
        limit: u32,
        actor: &Viewer,
    ) -> Result<Vec<RecordId>> {
        let _ = (source_id, job_id, limit, actor);
        unsupported()
    }

    /// Drops the provenance of `ids` kept for `source_id` (records it no longer lists
    /// that could not be deleted stay, as local records).
    async fn forget_records(
        &self,
        source_id: &str,
        ids: &[RecordId],
        actor: &Viewer,
    ) -> Result<()> {
        let _ = (source_id, ids, actor);
        unsupported()
    }
}

/// Refuses an actor that may not manage a source of `owner_org`.
pub(crate) fn check_manage_source(actor: &Viewer, owner_org: &str) -> Result<()> {
    if rights::can_manage_source(actor, owner_org) {
        Ok(())
    } else {
        Err(Error::Forbidden(format!(
            "only an admin of {owner_org} may manage its harvest sources"
        )))
    }
}

/// A readable, unique enough source id: the name's letters and digits (at most 40, ASCII
/// lower case, dashes between words) and six hex digits of the creation time.
pub(crate) fn new_source_id(name: &str) -> String {
    let mut slug = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            slug.push(c);
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
        if slug.len() >= 40 {
            break;
        }
    }
    let slug = slug.trim_end_matches('-');
    let slug = if slug.is_empty() { "source" } else { slug };
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or_default();
    // Mixed so that two sources made in the same microsecond still differ in most bits.
    let tag = (nanos as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> 40;
    format!("{slug}-{tag:06x}")
}

/// The time stored for a source or job: UTC, microseconds (both backends keep RFC 3339
/// text, which sorts as time).
pub(crate) fn now() -> DateTime<Utc> {
    Utc::now().trunc_subsecs(6)
}

pub(crate) fn to_text(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
}

pub(crate) fn from_text(s: &str) -> Result<DateTime<Utc>> {
    DateTime::parse_from_rfc3339(s)
        .map(|t| t.with_timezone(&Utc))
        .map_err(|e| Error::Corrupt(format!("bad harvest timestamp {s:?}: {e}")))
}

/// A JSON column that does not decode into its model type.
pub(crate) fn corrupt(e: serde_json::Error) -> Error {
    Error::Corrupt(format!("bad harvest JSON: {e}"))
}

/// Model enums stored as their names.
pub(crate) fn parse_enum<T>(s: &str, parse: impl Fn(&str) -> Option<T>) -> Result<T> {
    parse(s).ok_or_else(|| Error::Corrupt(format!("unknown harvest value {s:?}")))
}

pub(crate) fn visibility(s: &str) -> Result<moisson_model::Visibility> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(corrupt)
}

pub(crate) fn status(s: &str) -> Result<moisson_model::WorkflowStatus> {
    serde_json::from_value(serde_json::Value::String(s.to_owned())).map_err(corrupt)
}

#[cfg(test)]
mod tests {
    use super::new_source_id;

    #[test]
    fn source_ids_read_like_their_names() {
        let id = new_source_id("Géo-IDE: DDT 35 !");
        assert!(id.starts_with("g-o-ide-ddt-35-"), "{id}");
        assert_eq!(id.len(), "g-o-ide-ddt-35-".len() + 6);
        assert!(new_source_id("  ").starts_with("source-"));
    }
}
