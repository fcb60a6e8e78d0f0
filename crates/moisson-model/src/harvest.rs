//! Harvest sources, their runs (jobs) and the provenance of harvested records.
//!
//! A source is managed by the admins of its owner organisation
//! (`crate::rights::can_manage_source`); its records are written as that organisation's.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::RecordId;
use crate::record::{Visibility, WorkflowStatus};

/// What kind of remote catalogue or service a source reads.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// CSW 2.0.2 GetRecords in ISO 19139.
    Csw,
    /// A DCAT catalogue in any RDF serialisation, hydra-paged.
    Dcat,
    /// The udata API (data.gouv.fr) of one organisation.
    Udata,
    /// The CKAN action API (`package_search`).
    Ckan,
    /// OGC service capabilities (WMS, WFS, WMTS, OGC API).
    Ogc,
    /// One ISO 19139, ISO 19115-3 or Dublin Core document (or CSW response) at a URL.
    Document,
}

impl SourceKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Csw => "csw",
            Self::Dcat => "dcat",
            Self::Udata => "udata",
            Self::Ckan => "ckan",
            Self::Ogc => "ogc",
            Self::Document => "document",
        }
    }

    /// Parses `csw`, `dcat`, `udata`, `ckan`, `ogc` or `document`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        [
            Self::Csw,
            Self::Dcat,
            Self::Udata,
            Self::Ckan,
            Self::Ogc,
            Self::Document,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
    }
}

/// A source to create (its id is given by the store).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NewSource {
    pub name: String,
    pub kind: SourceKind,
    pub url: String,
    /// Kind-specific settings (`constraint`, `page_size`, `delay_ms`, `max_bytes`…).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    #[serde(default)]
    pub options: serde_json::Map<String, serde_json::Value>,
    /// The organisation that owns the harvested records and whose admins manage the source.
    pub owner_org: String,
    /// Visibility given to new records.
    #[serde(default)]
    pub visibility: Visibility,
    /// Workflow status given to new records.
    #[serde(default)]
    pub status: WorkflowStatus,
    /// Cron expression, in the server's time zone; `None`: run on demand only.
    #[serde(default)]
    pub schedule: Option<String>,
    #[serde(default = "enabled_by_default")]
    pub enabled: bool,
}

fn enabled_by_default() -> bool {
    true
}

/// A stored source.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HarvestSource {
    pub id: String,
    #[serde(flatten)]
    pub source: NewSource,
    pub created: DateTime<Utc>,
}

/// Where a run is.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JobState {
    Running,
    Succeeded,
    Failed,
}

impl JobState {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Running => "running",
            Self::Succeeded => "succeeded",
            Self::Failed => "failed",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        [Self::Running, Self::Succeeded, Self::Failed]
            .into_iter()
            .find(|k| k.as_str() == s)
    }
}

/// What a run did so far.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct JobCounts {
    /// Records read from the source (failed ones included).
    pub seen: u64,
    pub created: u64,
    pub updated: u64,
    /// Skipped: their source hash did not change since the last run.
    pub unchanged: u64,
    /// Removed because the source no longer lists them.
    pub deleted: u64,
    /// Kept as drafts because the source no longer lists them (option `deletions: "flag"`).
    #[serde(default)]
    pub flagged: u64,
    /// Refused, unreadable or in conflict (each named in `HarvestJob::errors`).
    pub failed: u64,
}

/// Why one remote record was not harvested.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordError {
    /// The record's identifier at the source, when it could be read.
    pub remote_id: Option<String>,
    pub reason: String,
}

/// One run of a source.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HarvestJob {
    pub id: i64,
    pub source_id: String,
    /// A full run rewrites every record, changed or not.
    pub full: bool,
    pub started: DateTime<Utc>,
    pub ended: Option<DateTime<Utc>>,
    pub state: JobState,
    pub counts: JobCounts,
    /// Per-record failures (the first `MAX_JOB_ERRORS`).
    pub errors: Vec<RecordError>,
    /// What the run did, line by line (the first `MAX_JOB_LOG` lines).
    pub log: Vec<String>,
}

/// Errors kept per job: a source of a million broken records must not make a huge row.
pub const MAX_JOB_ERRORS: usize = 1_000;
/// Log lines kept per job.
pub const MAX_JOB_LOG: usize = 1_000;

impl HarvestJob {
    /// Notes a per-record failure (counted always, kept up to `MAX_JOB_ERRORS`).
    pub fn fail_record(&mut self, remote_id: Option<String>, reason: impl Into<String>) {
        self.counts.failed += 1;
        if self.errors.len() < MAX_JOB_ERRORS {
            self.errors.push(RecordError {
                remote_id,
                reason: reason.into(),
            });
        }
    }

    /// Appends a log line (kept up to `MAX_JOB_LOG`).
    pub fn log(&mut self, line: impl Into<String>) {
        if self.log.len() < MAX_JOB_LOG {
            self.log.push(line.into());
        }
    }
}

/// Where a harvested record came from, kept beside it (table `harvest_records`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Provenance {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub record_id: RecordId,
    pub source_id: String,
    pub remote_id: String,
    pub harvested_at: DateTime<Utc>,
    /// Digest of the record as read from the source: unchanged digest, nothing to write.
    pub source_hash: String,
    /// The last job that read it (wrote it, or found it unchanged).
    #[serde(default)]
    pub job_id: Option<i64>,
}
