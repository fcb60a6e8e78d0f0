//! `HarvestStore` for PostgreSQL: sources, jobs and provenance rows (JSON as jsonb). Every
//! call checks its actor against the source's owner organisation before anything else.

use async_trait::async_trait;
use deadpool_postgres::GenericClient;
use moisson_model::harvest::{
    HarvestJob, HarvestSource, JobCounts, JobState, NewSource, Provenance, SourceKind,
};
use moisson_model::{RecordId, Viewer, rights};
use serde_json::Value;
use tokio_postgres::Row;

use super::PgStore;
use super::accounts::refused;
use crate::harvest::{
    check_manage_source, corrupt, from_text, new_source_id, now, parse_enum, status, to_text,
    visibility,
};
use crate::{Error, HarvestStore, Result};

fn pg(what: &'static str) -> impl Fn(tokio_postgres::Error) -> Error {
    move |e| Error::Pg(e, what)
}

const SOURCE_COLUMNS: &str = "id, name, kind, url, options, owner_org, visibility, status, \
     schedule, enabled, created";

fn decode_source(row: &Row) -> Result<HarvestSource> {
    let options: Value = row.get(4);
    let Value::Object(options) = options else {
        return Err(Error::Corrupt(
            "harvest source options are not an object".to_owned(),
        ));
    };
    Ok(HarvestSource {
        id: row.get(0),
        source: NewSource {
            name: row.get(1),
            kind: parse_enum(row.get(2), SourceKind::parse)?,
            url: row.get(3),
            options,
            owner_org: row.get(5),
            visibility: visibility(row.get(6))?,
            status: status(row.get(7))?,
            schedule: row.get(8),
            enabled: row.get(9),
        },
        created: from_text(row.get(10))?,
    })
}

const JOB_COLUMNS: &str = "id, source_id, full_run, started, ended, state, counts, errors, log";

fn decode_job(row: &Row) -> Result<HarvestJob> {
    let ended: Option<&str> = row.get(4);
    Ok(HarvestJob {
        id: row.get(0),
        source_id: row.get(1),
        full: row.get(2),
        started: from_text(row.get(3))?,
        ended: ended.map(from_text).transpose()?,
        state: parse_enum(row.get(5), JobState::parse)?,
        counts: serde_json::from_value::<JobCounts>(row.get(6)).map_err(corrupt)?,
        errors: serde_json::from_value(row.get(7)).map_err(corrupt)?,
        log: serde_json::from_value(row.get(8)).map_err(corrupt)?,
    })
}

/// The owner organisation of a source, `None` when absent.
async fn owner_of(client: &impl GenericClient, source_id: &str) -> Result<Option<String>> {
    Ok(client
        .query_opt(
            "SELECT owner_org FROM harvest_sources WHERE id = $1",
            &[&source_id],
        )
        .await
        .map_err(pg("reading a harvest source"))?
        .map(|r| r.get(0)))
}

/// The owner of `source_id` when `actor` manages it.
async fn managed_owner(
    client: &impl GenericClient,
    source_id: &str,
    actor: &Viewer,
) -> Result<Option<String>> {
    Ok(owner_of(client, source_id)
        .await?
        .filter(|o| rights::can_manage_source(actor, o)))
}

/// A model value as a jsonb parameter (`serde_json::to_value` without naming serde).
macro_rules! json {
    ($v:expr) => {
        serde_json::to_value($v).map_err(corrupt)
    };
}

#[async_trait]
impl HarvestStore for PgStore {
    async fn create_source(&self, source: NewSource, actor: &Viewer) -> Result<HarvestSource> {
        check_manage_source(actor, &source.owner_org)?;
        let stored = HarvestSource {
            id: new_source_id(&source.name),
            source,
            created: now(),
        };
        let n = &stored.source;
        let client = self.pool.get("creating a harvest source").await?;
        client
            .execute(
                &format!(
                    "INSERT INTO harvest_sources ({SOURCE_COLUMNS})
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)"
                ),
                &[
                    &stored.id,
                    &n.name,
                    &n.kind.as_str(),
                    &n.url,
                    &Value::Object(n.options.clone()),
                    &n.owner_org,
                    &n.visibility.as_str(),
                    &n.status.as_str(),
                    &n.schedule,
                    &n.enabled,
                    &to_text(stored.created),
                ],
            )
            .await
            .map_err(|e| {
                let taken = || format!("harvest source {} already exists", stored.id);
                let missing = |_: &str| format!("unknown organisation {}", n.owner_org);
                refused(e, "creating a harvest source", &taken, &missing)
            })?;
        Ok(stored)
    }

    async fn source(&self, id: &str, actor: &Viewer) -> Result<Option<HarvestSource>> {
        let client = self.pool.get("reading a harvest source").await?;
        let row = client
            .query_opt(
                &format!("SELECT {SOURCE_COLUMNS} FROM harvest_sources WHERE id = $1"),
                &[&id],
            )
            .await
            .map_err(pg("reading a harvest source"))?;
        Ok(row
            .as_ref()
            .map(decode_source)
            .transpose()?
            .filter(|s| rights::can_manage_source(actor, &s.source.owner_org)))
    }

    async fn sources(&self, actor: &Viewer) -> Result<Vec<HarvestSource>> {
        let client = self.pool.get("listing harvest sources").await?;
        let rows = client
            .query(
                &format!("SELECT {SOURCE_COLUMNS} FROM harvest_sources ORDER BY id"),
                &[],
            )
            .await
            .map_err(pg("listing harvest sources"))?;
        let all = rows.iter().map(decode_source).collect::<Result<Vec<_>>>()?;
        Ok(all
            .into_iter()
            .filter(|s| rights::can_manage_source(actor, &s.source.owner_org))
            .collect())
    }

    async fn update_source(&self, source: HarvestSource, actor: &Viewer) -> Result<bool> {
        check_manage_source(actor, &source.source.owner_org)?;
        let client = self.pool.get("updating a harvest source").await?;
        if managed_owner(&client, &source.id, actor).await?.is_none() {
            return Ok(false);
        }
        let n = &source.source;
        let changed = client
            .execute(
                "UPDATE harvest_sources SET name = $2, kind = $3, url = $4, options = $5,
                     owner_org = $6, visibility = $7, status = $8, schedule = $9, enabled = $10
                 WHERE id = $1",
                &[
                    &source.id,
                    &n.name,
                    &n.kind.as_str(),
                    &n.url,
                    &Value::Object(n.options.clone()),
                    &n.owner_org,
                    &n.visibility.as_str(),
                    &n.status.as_str(),
                    &n.schedule,
                    &n.enabled,
                ],
            )
            .await
            .map_err(|e| {
                let missing = |_: &str| format!("unknown organisation {}", n.owner_org);
                refused(e, "updating a harvest source", &String::new, &missing)
            })?;
        Ok(changed > 0)
    }

    async fn delete_source(&self, id: &str, actor: &Viewer) -> Result<bool> {
        let client = self.pool.get("deleting a harvest source").await?;
        if managed_owner(&client, id, actor).await?.is_none() {
            return Ok(false);
        }
        let n = client
            .execute("DELETE FROM harvest_sources WHERE id = $1", &[&id])
            .await
            .map_err(pg("deleting a harvest source"))?;
        Ok(n > 0)
    }

    async fn start_job(&self, source_id: &str, full: bool, actor: &Viewer) -> Result<HarvestJob> {
        let client = self.pool.get("starting a harvest job").await?;
        if managed_owner(&client, source_id, actor).await?.is_none() {
            return Err(Error::Invalid(format!("unknown source {source_id}")));
        }
        let started = now();
        let row = client
            .query_one(
                "INSERT INTO harvest_jobs (source_id, full_run, started, state, counts, errors, log)
                 VALUES ($1, $2, $3, 'running', $4, '[]', '[]') RETURNING id",
                &[
                    &source_id,
                    &full,
                    &to_text(started),
                    &json!(&JobCounts::default())?,
                ],
            )
            .await
            .map_err(pg("starting a harvest job"))?;
        Ok(HarvestJob {
            id: row.get(0),
            source_id: source_id.to_owned(),
            full,
            started,
            ended: None,
            state: JobState::Running,
            counts: JobCounts::default(),
            errors: Vec::new(),
            log: Vec::new(),
        })
    }

    async fn save_job(&self, job: &HarvestJob, actor: &Viewer) -> Result<()> {
        let client = self.pool.get("saving a harvest job").await?;
        let owner = owner_of(&client, &job.source_id)
            .await?
            .ok_or_else(|| Error::Invalid(format!("unknown source {}", job.source_id)))?;
        check_manage_source(actor, &owner)?;
        client
            .execute(
                "UPDATE harvest_jobs SET ended = $2, state = $3, counts = $4, errors = $5, log = $6
                 WHERE id = $1",
                &[
                    &job.id,
                    &job.ended.map(to_text),
                    &job.state.as_str(),
                    &json!(&job.counts)?,
                    &json!(&job.errors)?,
                    &json!(&job.log)?,
                ],
            )
            .await
            .map_err(pg("saving a harvest job"))?;
        Ok(())
    }

    async fn job(&self, id: i64, actor: &Viewer) -> Result<Option<HarvestJob>> {
        let client = self.pool.get("reading a harvest job").await?;
        let row = client
            .query_opt(
                &format!("SELECT {JOB_COLUMNS} FROM harvest_jobs WHERE id = $1"),
                &[&id],
            )
            .await
            .map_err(pg("reading a harvest job"))?;
        let Some(job) = row.as_ref().map(decode_job).transpose()? else {
            return Ok(None);
        };
        Ok(managed_owner(&client, &job.source_id, actor)
            .await?
            .map(|_| job))
    }

    async fn jobs(&self, source_id: &str, limit: u32, actor: &Viewer) -> Result<Vec<HarvestJob>> {
        let client = self.pool.get("reading harvest jobs").await?;
        if managed_owner(&client, source_id, actor).await?.is_none() {
            return Ok(Vec::new());
        }
        let rows = client
            .query(
                &format!(
                    "SELECT {JOB_COLUMNS} FROM harvest_jobs WHERE source_id = $1
                     ORDER BY id DESC LIMIT $2"
                ),
                &[&source_id, &i64::from(limit)],
            )
            .await
            .map_err(pg("reading harvest jobs"))?;
        rows.iter().map(decode_job).collect()
    }

    async fn provenance(&self, ids: &[RecordId], actor: &Viewer) -> Result<Vec<Provenance>> {
        let keys: Vec<&str> = ids.iter().map(RecordId::as_str).collect();
        let client = self.pool.get("reading provenance").await?;
        let rows = client
            .query(
                "SELECT p.record_id, p.source_id, p.remote_id, p.harvested_at, p.source_hash,
                        s.owner_org, p.seen_job
                 FROM harvest_records p JOIN harvest_sources s ON s.id = p.source_id
                 WHERE p.record_id = ANY($1)",
                &[&keys],
            )
            .await
            .map_err(pg("reading provenance"))?;
        rows.iter()
            .filter(|r| rights::can_manage_source(actor, r.get(5)))
            .map(|r| {
                Ok(Provenance {
                    record_id: RecordId::parse(r.get::<_, String>(0))?,
                    source_id: r.get(1),
                    remote_id: r.get(2),
                    harvested_at: from_text(r.get(3))?,
                    source_hash: r.get(4),
                    job_id: Some(r.get(6)),
                })
            })
            .collect()
    }

    async fn note_harvested(
        &self,
        rows: Vec<Provenance>,
        job_id: i64,
        actor: &Viewer,
    ) -> Result<()> {
        let mut client = self.pool.get("keeping provenance").await?;
        let tx = client
            .transaction()
            .await
            .map_err(pg("keeping provenance"))?;
        let mut checked: Vec<&str> = Vec::new();
        for row in &rows {
            if !checked.contains(&row.source_id.as_str()) {
                let owner = owner_of(&tx, &row.source_id)
                    .await?
                    .ok_or_else(|| Error::Invalid(format!("unknown source {}", row.source_id)))?;
                check_manage_source(actor, &owner)?;
                checked.push(&row.source_id);
            }
        }
        // One statement for the whole page: rows unnested from parallel arrays.
        let record_ids: Vec<&str> = rows.iter().map(|r| r.record_id.as_str()).collect();
        let sources: Vec<&str> = rows.iter().map(|r| r.source_id.as_str()).collect();
        let remotes: Vec<&str> = rows.iter().map(|r| r.remote_id.as_str()).collect();
        let times: Vec<String> = rows.iter().map(|r| to_text(r.harvested_at)).collect();
        let hashes: Vec<&str> = rows.iter().map(|r| r.source_hash.as_str()).collect();
        tx.execute(
            "INSERT INTO harvest_records (record_id, source_id, remote_id, harvested_at,
                 source_hash, seen_job)
             SELECT r, s, m, t, h, $6
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[]) AS u (r, s, m, t, h)
             ON CONFLICT (record_id) DO UPDATE SET source_id = excluded.source_id,
                 remote_id = excluded.remote_id, harvested_at = excluded.harvested_at,
                 source_hash = excluded.source_hash, seen_job = excluded.seen_job",
            &[&record_ids, &sources, &remotes, &times, &hashes, &job_id],
        )
        .await
        .map_err(pg("keeping provenance"))?;
        tx.commit().await.map_err(pg("keeping provenance"))
    }

    async fn unseen_records(
        &self,
        source_id: &str,
        job_id: i64,
        limit: u32,
        actor: &Viewer,
    ) -> Result<Vec<RecordId>> {
        let client = self.pool.get("listing unseen records").await?;
        if managed_owner(&client, source_id, actor).await?.is_none() {
            return Ok(Vec::new());
        }
        let rows = client
            .query(
                "SELECT record_id FROM harvest_records
                 WHERE source_id = $1 AND seen_job <> $2 ORDER BY record_id LIMIT $3",
                &[&source_id, &job_id, &i64::from(limit)],
            )
            .await
            .map_err(pg("listing unseen records"))?;
        rows.iter()
            .map(|r| RecordId::parse(r.get::<_, String>(0)).map_err(Error::from))
            .collect()
    }

    async fn forget_records(
        &self,
        source_id: &str,
        ids: &[RecordId],
        actor: &Viewer,
    ) -> Result<()> {
        let client = self.pool.get("forgetting provenance").await?;
        if managed_owner(&client, source_id, actor).await?.is_none() {
            return Ok(());
        }
        let keys: Vec<&str> = ids.iter().map(RecordId::as_str).collect();
        client
            .execute(
                "DELETE FROM harvest_records WHERE source_id = $1 AND record_id = ANY($2)",
                &[&source_id, &keys],
            )
            .await
            .map_err(pg("forgetting provenance"))?;
        Ok(())
    }
}
