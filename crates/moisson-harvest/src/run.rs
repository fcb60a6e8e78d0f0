//! One run of a stored source, as a job.
//!
//! The rules, in the order a page goes through them:
//! - a record whose provenance names this source and whose source hash is unchanged is
//!   skipped (`unchanged`), unless the run is full;
//! - a record whose identifier is held by another source, or by a local record (one not
//!   written by this source), stays with its first owner: the run reports a conflict;
//! - the others are written with `Store::put_many` (one transaction per page) as an admin
//!   of the source's organisation, owned by it, with the source's visibility and status;
//!   when the page's transaction is refused, its records are written one by one so that
//!   one bad record fails alone;
//! - a record the page lists but that fails (unreadable, refused) keeps its stored
//!   version and counts as seen: it is still at the source;
//! - with option `modified_since` (CSW, CKAN), an incremental run asks only for the records
//!   modified since the day before its last succeeded run, and deletes nothing (it did not
//!   list the others); a full run asks for everything;
//! - once the whole source has been read, records it wrote that this run did not see are
//!   deleted (option `deletions: "flag"`: kept as drafts, and left alone by later runs
//!   until they come back at the source). A run that stopped half-way deletes nothing, and neither does a run that
//!   read an empty source (more likely a broken source than an emptied one).

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use moisson_model::harvest::{HarvestJob, HarvestSource, JobState, Provenance};
use moisson_model::{Membership, RecordId, RecordSource, Role, Viewer, WorkflowStatus, rights};
use moisson_store::{JobGuard, NewRecord, PutOutcome, Store};

use crate::error::{Error, Result};
use crate::source::{Harvested, Page, offers_modified_filter, open_source};

/// Told of a run's progress after each page (a CLI progress bar, a log).
pub trait Progress: Send + Sync {
    fn page(&self, job: &HarvestJob);
}

impl<F: Fn(&HarvestJob) + Send + Sync> Progress for F {
    fn page(&self, job: &HarvestJob) {
        self(job);
    }
}

/// Records deleted per transaction when mirroring deletions.
const DELETE_BATCH: u32 = 500;

/// Runs source `source_id` to its end as a new job, for `caller` (who must manage it).
/// The job is returned whether the run succeeded or failed (`job.state` says which,
/// its log says why); only what prevents a run from starting is an error.
///
/// # Errors
/// As [`start`].
pub async fn run(
    store: &dyn Store,
    source_id: &str,
    full: bool,
    caller: &Viewer,
    progress: &dyn Progress,
) -> Result<HarvestJob> {
    start(store, source_id, full, caller)
        .await?
        .finish(store, progress)
        .await
}

/// A run that has started: its job is recorded (state `running`) and the source's job
/// lock is held until [`Started::finish`] ends it. Lets a caller answer with the job at
/// once and run it in the background (REST `POST …/run`).
#[must_use = "a started run holds its source's lock until finished"]
pub struct Started {
    source: HarvestSource,
    actor: Viewer,
    job: HarvestJob,
    lock: JobGuard,
    /// Only the records modified since this day are asked (option `modified_since`).
    since: Option<NaiveDate>,
}

/// Starts a run of `source_id` for `caller`: checks that the caller manages the source,
/// takes its job lock and records the job.
///
/// # Errors
/// `Error::UnknownSource` (absent or not managed by the caller), `Error::Busy` (another
/// run holds the source's job lock), `Error::Store`.
pub async fn start(
    store: &dyn Store,
    source_id: &str,
    full: bool,
    caller: &Viewer,
) -> Result<Started> {
    let source = store
        .source(source_id, caller)
        .await?
        .ok_or_else(|| Error::UnknownSource(source_id.to_owned()))?;
    let lock = store
        .try_job_lock(&format!("harvest:{source_id}"))
        .await?
        .ok_or_else(|| Error::Busy(source_id.to_owned()))?;
    let actor = harvester(&source);
    close_interrupted(store, source_id, &actor).await?;
    let since = if full {
        None
    } else {
        modified_since(store, &source, &actor).await?
    };
    let mut job = store.start_job(source_id, full, &actor).await?;
    job.log(format!(
        "{} run of {} ({}) by {}",
        if full { "full" } else { "incremental" },
        source.source.url,
        source.source.kind.as_str(),
        caller.subject()
    ));
    if let Some(day) = since {
        job.log(format!(
            "only records modified since {day} are asked (option modified_since): \
             deletions are mirrored by runs that read the whole source (--full)"
        ));
    }
    Ok(Started {
        source,
        actor,
        job,
        lock,
        since,
    })
}

/// With option `modified_since` on a kind that offers the filter: the day before the
/// start of the source's last succeeded run (a day of margin, since remote date stamps
/// are often days and clocks differ); `None` before any succeeded run.
async fn modified_since(
    store: &dyn Store,
    source: &HarvestSource,
    actor: &Viewer,
) -> Result<Option<NaiveDate>> {
    let wanted = match source.source.options.get("modified_since") {
        None | Some(serde_json::Value::Null) => false,
        Some(serde_json::Value::Bool(b)) => *b,
        Some(_) => {
            return Err(Error::Settings(
                "option modified_since must be true or false".to_owned(),
            ));
        }
    };
    if !wanted || !offers_modified_filter(source.source.kind) {
        return Ok(None);
    }
    let jobs = store.jobs(&source.id, 100, actor).await?;
    let last = jobs.iter().find(|j| j.state == JobState::Succeeded);
    Ok(last.map(|j| (j.started - chrono::Duration::days(1)).date_naive()))
}

impl Started {
    /// The job as it started.
    #[must_use]
    pub fn job(&self) -> &HarvestJob {
        &self.job
    }

    /// Reads the whole source, mirrors deletions when that completed, records the end of
    /// the job and releases the lock; returns the job, succeeded or failed.
    ///
    /// # Errors
    /// `Error::Store` when the job's end cannot be recorded.
    pub async fn finish(self, store: &dyn Store, progress: &dyn Progress) -> Result<HarvestJob> {
        let Self {
            source,
            actor,
            mut job,
            lock,
            since,
        } = self;
        let mut run = Run {
            store,
            source: &source,
            actor: &actor,
            job: &mut job,
        };
        match run.read_all(progress, &lock, since).await {
            // Only the modified records were listed: the others are not gone.
            Ok(()) if since.is_some() => job.state = JobState::Succeeded,
            Ok(()) => match run.mirror_deletions().await {
                Ok(()) => job.state = JobState::Succeeded,
                Err(e) => fail(&mut job, &e),
            },
            Err(e) => fail(&mut job, &e),
        }
        job.ended = Some(chrono::Utc::now());
        if job.counts.flagged > 0 {
            job.log(format!(
                "{} records no longer at the source kept as drafts (option deletions: flag)",
                job.counts.flagged
            ));
        }
        job.log(format!(
            "{}: {} seen, {} created, {} updated, {} unchanged, {} deleted, {} failed",
            job.state.as_str(),
            job.counts.seen,
            job.counts.created,
            job.counts.updated,
            job.counts.unchanged,
            job.counts.deleted,
            job.counts.failed
        ));
        store.save_job(&job, &actor).await?;
        drop(lock);
        Ok(job)
    }
}

/// Jobs of the source still marked running although its lock was free: their process
/// stopped (a crash, a shutdown) before their end was written. They are closed as failed
/// (their run deleted nothing: deletions come last and are written with the end).
async fn close_interrupted(store: &dyn Store, source_id: &str, actor: &Viewer) -> Result<()> {
    for mut job in store.jobs(source_id, 20, actor).await? {
        if job.state == JobState::Running {
            job.state = JobState::Failed;
            job.ended = Some(chrono::Utc::now());
            job.log("interrupted: the process running this job stopped before its end");
            store.save_job(&job, actor).await?;
        }
    }
    Ok(())
}

/// Whether the source's option `deletions` is `"flag"` (keep records it no longer lists,
/// as drafts) rather than `"delete"` (the default).
fn flag_only(source: &HarvestSource) -> Result<bool> {
    match source.source.options.get("deletions") {
        None | Some(serde_json::Value::Null) => Ok(false),
        Some(serde_json::Value::String(s)) if s == "delete" => Ok(false),
        Some(serde_json::Value::String(s)) if s == "flag" => Ok(true),
        Some(_) => Err(Error::Settings(
            "option deletions must be \"delete\" or \"flag\"".to_owned(),
        )),
    }
}

/// How the log line of a failed run starts; the reason follows (`once::failure`).
pub(crate) const FAILED: &str = "run failed, nothing deleted: ";

fn fail(job: &mut HarvestJob, e: &Error) {
    tracing::warn!(
        source = job.source_id,
        job = job.id,
        "harvest run failed: {e}"
    );
    job.state = JobState::Failed;
    job.log(format!("{FAILED}{e}"));
}

/// Who writes a source's records: an admin of its owner organisation and nothing else,
/// so the store's own rights checks keep a run inside that organisation. The audit log
/// names the source.
fn harvester(source: &HarvestSource) -> Viewer {
    Viewer::member(
        rights::harvester_subject(&source.id),
        vec![Membership {
            unit: source.source.owner_org.clone(),
            role: Role::Admin,
        }],
    )
}

struct Run<'a> {
    store: &'a dyn Store,
    source: &'a HarvestSource,
    actor: &'a Viewer,
    job: &'a mut HarvestJob,
}

/// What to do with one record of a page.
enum Decision {
    Unchanged,
    Write,
    Conflict(String),
}

impl Run<'_> {
    async fn read_all(
        &mut self,
        progress: &dyn Progress,
        lock: &JobGuard,
        since: Option<NaiveDate>,
    ) -> Result<()> {
        let mut remote = open_source(self.source, since)?;
        let mut pages = 0u64;
        while let Some(page) = remote.next_page().await? {
            if !lock.is_held() {
                return Err(Error::Busy(format!(
                    "{} (the job lock was lost)",
                    self.source.id
                )));
            }
            pages += 1;
            self.take_page(page).await?;
            if pages <= 3 || pages.is_power_of_two() {
                self.job.log(format!(
                    "page {pages}: {} records seen so far",
                    self.job.counts.seen
                ));
            }
            self.store.save_job(self.job, self.actor).await?;
            progress.page(self.job);
        }
        Ok(())
    }

    async fn take_page(&mut self, page: Page) -> Result<()> {
        self.job.counts.seen += (page.records.len() + page.errors.len()) as u64;
        let listed: Vec<RecordId> = (page.records.iter().map(|h| h.remote_id.as_str()))
            .chain(page.errors.iter().filter_map(|e| e.remote_id.as_deref()))
            .filter_map(|id| RecordId::parse(id).ok())
            .collect();
        for e in page.errors {
            self.job.fail_record(e.remote_id, e.reason);
        }
        for note in page.notes {
            self.job.log(note);
        }
        let records = self.distinct(page.records);
        let ids: Vec<RecordId> = records.iter().map(|(id, _)| id.clone()).collect();
        // Provenance of every source (not only this one): a record another source holds
        // is a conflict. Read with all rights: the run's own checks decide.
        let kept: HashMap<RecordId, Provenance> = self
            .store
            .provenance(&ids, &Viewer::Admin)
            .await?
            .into_iter()
            .map(|p| (p.record_id.clone(), p))
            .collect();
        let mut seen = Vec::new();
        let mut writes = Vec::new();
        for (id, h) in records {
            match self.decide(&id, &h, kept.get(&id)).await? {
                Decision::Unchanged => {
                    self.job.counts.unchanged += 1;
                    seen.push(self.provenance(id, &h));
                }
                Decision::Write => writes.push((id, h)),
                Decision::Conflict(why) => self.job.fail_record(Some(h.remote_id), why),
            }
        }
        seen.extend(self.write(writes).await?);
        seen.extend(self.kept_despite_failing(listed, &seen).await?);
        if !seen.is_empty() {
            self.store
                .note_harvested(seen, self.job.id, self.actor)
                .await?;
        }
        Ok(())
    }

    /// The provenance, unchanged, of this source's records that the page listed but that
    /// failed this time (unreadable, refused): they are still at the source, so they are
    /// seen (not deleted) and keep their stored version; their old hash makes the next
    /// run try them again.
    async fn kept_despite_failing(
        &self,
        listed: Vec<RecordId>,
        noted: &[Provenance],
    ) -> Result<Vec<Provenance>> {
        let noted: HashSet<&RecordId> = noted.iter().map(|p| &p.record_id).collect();
        let mut failed: Vec<RecordId> = listed
            .into_iter()
            .filter(|id| !noted.contains(id))
            .collect();
        // An id listed twice is kept once: one statement may not write a row twice.
        failed.sort();
        failed.dedup();
        if failed.is_empty() {
            return Ok(Vec::new());
        }
        let kept = self.store.provenance(&failed, &Viewer::Admin).await?;
        Ok(kept
            .into_iter()
            .filter(|p| p.source_id == self.source.id)
            .collect())
    }

    /// The page's records with a valid identifier, each identifier once.
    fn distinct(&mut self, records: Vec<Harvested>) -> Vec<(RecordId, Harvested)> {
        let mut ids = HashSet::new();
        let mut out = Vec::with_capacity(records.len());
        for h in records {
            match RecordId::parse(h.remote_id.clone()) {
                Ok(id) if ids.insert(id.clone()) => out.push((id, h)),
                Ok(_) => self.job.fail_record(
                    Some(h.remote_id),
                    "the identifier appears twice in one page",
                ),
                Err(e) => self.job.fail_record(Some(h.remote_id), e.to_string()),
            }
        }
        out
    }

    async fn decide(
        &self,
        id: &RecordId,
        h: &Harvested,
        kept: Option<&Provenance>,
    ) -> Result<Decision> {
        if let Some(p) = kept {
            if p.source_id != self.source.id {
                return Ok(Decision::Conflict(format!(
                    "conflict: the identifier belongs to a record of harvest source {}",
                    p.source_id
                )));
            }
            let unchanged = !self.job.full && p.source_hash == h.hash;
            return Ok(if unchanged {
                Decision::Unchanged
            } else {
                Decision::Write
            });
        }
        // No provenance: a new record, or one written by this source whose provenance
        // was not kept (the run stopped between the two writes), or someone else's.
        let Some(stored) = self.store.get(id, &Viewer::Admin).await? else {
            return Ok(Decision::Write);
        };
        let ours = matches!(&stored.record.catalogue.source,
            RecordSource::Harvested { harvester, .. } if *harvester == self.source.id);
        Ok(if ours {
            Decision::Write
        } else {
            Decision::Conflict("conflict: a local record has this identifier".to_owned())
        })
    }

    fn provenance(&self, record_id: RecordId, h: &Harvested) -> Provenance {
        Provenance {
            record_id,
            source_id: self.source.id.clone(),
            remote_id: h.remote_id.clone(),
            harvested_at: chrono::Utc::now(),
            source_hash: h.hash.clone(),
            job_id: Some(self.job.id),
        }
    }

    fn new_record(&self, id: &RecordId, h: &Harvested) -> NewRecord {
        let settings = &self.source.source;
        let mut record = h.record.clone();
        record.id = Some(id.clone());
        let c = &mut record.catalogue;
        c.owner_org = Some(settings.owner_org.clone());
        c.visibility = settings.visibility;
        c.status = settings.status;
        c.source = RecordSource::Harvested {
            harvester: self.source.id.clone(),
            url: Some(settings.url.clone()),
        };
        NewRecord {
            record,
            original: h.original.clone(),
        }
    }

    /// Writes a page's records; returns the provenance of those written.
    async fn write(&mut self, writes: Vec<(RecordId, Harvested)>) -> Result<Vec<Provenance>> {
        if writes.is_empty() {
            return Ok(Vec::new());
        }
        let batch = writes
            .iter()
            .map(|(id, h)| self.new_record(id, h))
            .collect();
        match self.store.put_many(batch, self.actor).await {
            Ok(summary) => {
                self.job.counts.created += summary.created;
                self.job.counts.updated += summary.updated;
                Ok(writes
                    .into_iter()
                    .map(|(id, h)| self.provenance(id, &h))
                    .collect())
            }
            Err(e) => {
                tracing::debug!("page refused as a whole ({e}); writing its records one by one");
                self.write_one_by_one(writes).await
            }
        }
    }

    async fn write_one_by_one(
        &mut self,
        writes: Vec<(RecordId, Harvested)>,
    ) -> Result<Vec<Provenance>> {
        let mut written = Vec::new();
        for (id, h) in writes {
            match self.store.put(self.new_record(&id, &h), self.actor).await {
                Ok(PutOutcome::Created) => self.job.counts.created += 1,
                Ok(PutOutcome::Updated) => self.job.counts.updated += 1,
                Err(
                    e @ (moisson_store::Error::Invalid(_)
                    | moisson_store::Error::Forbidden(_)
                    | moisson_store::Error::Conflict(_)),
                ) => {
                    self.job.fail_record(Some(h.remote_id), e.to_string());
                    continue;
                }
                Err(e) => return Err(e.into()),
            }
            written.push(self.provenance(id, &h));
        }
        Ok(written)
    }

    /// Deletes the records this source wrote that the completed run did not see.
    async fn mirror_deletions(&mut self) -> Result<()> {
        let id = &self.source.id;
        let first = self
            .store
            .unseen_records(id, self.job.id, DELETE_BATCH, self.actor)
            .await?;
        if first.is_empty() {
            return Ok(());
        }
        if self.job.counts.seen == 0 {
            self.job
                .log("the source listed no record: deletions skipped");
            return Ok(());
        }
        let flag = flag_only(self.source)?;
        let mut batch = first;
        while !batch.is_empty() {
            if flag {
                self.flag(&batch).await?;
            } else {
                self.delete(&batch).await?;
            }
            self.store.forget_records(id, &batch, self.actor).await?;
            batch = self
                .store
                .unseen_records(id, self.job.id, DELETE_BATCH, self.actor)
                .await?;
        }
        Ok(())
    }

    /// Keeps records the source no longer lists as drafts (seen by their organisation's
    /// editors only); their provenance goes, so the next runs leave them, and one that
    /// comes back at the source is written again with the source's status.
    async fn flag(&mut self, ids: &[RecordId]) -> Result<()> {
        for id in ids {
            let Some(stored) = self.store.get(id, self.actor).await? else {
                continue;
            };
            let mut record = stored.record;
            record.catalogue.status = WorkflowStatus::Draft;
            let kept = NewRecord {
                record,
                original: stored.original,
            };
            match self.store.put(kept, self.actor).await {
                Ok(_) => self.job.counts.flagged += 1,
                Err(e) => self.job.log(format!("{id} not flagged: {e}")),
            }
        }
        Ok(())
    }

    async fn delete(&mut self, ids: &[RecordId]) -> Result<()> {
        let all = self
            .store
            .write_and_delete(Vec::new(), ids.to_vec(), self.actor)
            .await;
        if let Ok(summary) = all {
            self.job.counts.deleted += summary.deleted;
            return Ok(());
        }
        // One record refused (moved to another organisation since): the others go.
        for id in ids {
            match self.store.delete(id, self.actor).await {
                Ok(true) => self.job.counts.deleted += 1,
                Ok(false) => {}
                Err(e) => self.job.log(format!("{id} not deleted: {e}")),
            }
        }
        Ok(())
    }
}
