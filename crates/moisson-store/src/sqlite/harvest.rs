//! `HarvestStore` for SQLite: sources, jobs and provenance rows (JSON as text). Every call
//! checks its actor against the source's owner organisation before anything else.

use async_trait::async_trait;
use moisson_model::harvest::{
    HarvestJob, HarvestSource, JobCounts, JobState, NewSource, Provenance, SourceKind,
};
use moisson_model::{RecordId, Viewer, rights};
use rusqlite::{Connection, OptionalExtension, Row, TransactionBehavior, params};

use super::SqliteStore;
use crate::harvest::{
    check_manage_source, corrupt, from_text, new_source_id, now, parse_enum, status, to_text,
    visibility,
};
use crate::{Error, HarvestStore, Result};

fn sql_err(what: &'static str) -> impl Fn(rusqlite::Error) -> Error {
    move |e| Error::Sqlite(e, what)
}

const SOURCE_COLUMNS: &str = "id, name, kind, url, options, owner_org, visibility, status, \
     schedule, enabled, created";

/// A source row as stored, before its names are parsed.
struct RawSource {
    id: String,
    name: String,
    kind: String,
    url: String,
    options: String,
    owner_org: String,
    visibility: String,
    status: String,
    schedule: Option<String>,
    enabled: bool,
    created: String,
}

fn raw_source(row: &Row<'_>) -> rusqlite::Result<RawSource> {
    Ok(RawSource {
        id: row.get(0)?,
        name: row.get(1)?,
        kind: row.get(2)?,
        url: row.get(3)?,
        options: row.get(4)?,
        owner_org: row.get(5)?,
        visibility: row.get(6)?,
        status: row.get(7)?,
        schedule: row.get(8)?,
        enabled: row.get(9)?,
        created: row.get(10)?,
    })
}

fn decode_source(raw: RawSource) -> Result<HarvestSource> {
    Ok(HarvestSource {
        id: raw.id,
        source: NewSource {
            name: raw.name,
            kind: parse_enum(&raw.kind, SourceKind::parse)?,
            url: raw.url,
            options: serde_json::from_str(&raw.options).map_err(corrupt)?,
            owner_org: raw.owner_org,
            visibility: visibility(&raw.visibility)?,
            status: status(&raw.status)?,
            schedule: raw.schedule,
            enabled: raw.enabled,
        },
        created: from_text(&raw.created)?,
    })
}

fn load_source(conn: &Connection, id: &str) -> Result<Option<HarvestSource>> {
    conn.prepare_cached(&format!(
        "SELECT {SOURCE_COLUMNS} FROM harvest_sources WHERE id = ?1"
    ))
    .and_then(|mut s| s.query_row([id], raw_source).optional())
    .map_err(sql_err("reading a harvest source"))?
    .map(decode_source)
    .transpose()
}

fn insert_source(conn: &Connection, s: &HarvestSource) -> Result<()> {
    let n = &s.source;
    if !conn
        .prepare_cached("SELECT 1 FROM units WHERE id = ?1")
        .and_then(|mut st| st.exists([&n.owner_org]))
        .map_err(sql_err("looking up an organisation"))?
    {
        return Err(Error::Invalid(format!(
            "unknown organisation {}",
            n.owner_org
        )));
    }
    conn.execute(
        &format!("INSERT INTO harvest_sources ({SOURCE_COLUMNS}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"),
        params![
            s.id,
            n.name,
            n.kind.as_str(),
            n.url,
            serde_json::Value::Object(n.options.clone()).to_string(),
            n.owner_org,
            n.visibility.as_str(),
            n.status.as_str(),
            n.schedule,
            n.enabled,
            to_text(s.created)
        ],
    )
    .map_err(sql_err("creating a harvest source"))?;
    Ok(())
}

fn update_source_row(conn: &Connection, s: &HarvestSource) -> Result<bool> {
    let n = &s.source;
    conn.execute(
        "UPDATE harvest_sources SET name = ?2, kind = ?3, url = ?4, options = ?5, owner_org = ?6,
             visibility = ?7, status = ?8, schedule = ?9, enabled = ?10 WHERE id = ?1",
        params![
            s.id,
            n.name,
            n.kind.as_str(),
            n.url,
            serde_json::Value::Object(n.options.clone()).to_string(),
            n.owner_org,
            n.visibility.as_str(),
            n.status.as_str(),
            n.schedule,
            n.enabled
        ],
    )
    .map(|n| n > 0)
    .map_err(sql_err("updating a harvest source"))
}

const JOB_COLUMNS: &str = "id, source_id, full_run, started, ended, state, counts, errors, log";

fn decode_job(row: &Row<'_>) -> rusqlite::Result<Result<HarvestJob>> {
    let (id, source_id, full): (i64, String, bool) = (row.get(0)?, row.get(1)?, row.get(2)?);
    let (started, ended, state): (String, Option<String>, String) =
        (row.get(3)?, row.get(4)?, row.get(5)?);
    let (counts, errors, log): (String, String, String) = (row.get(6)?, row.get(7)?, row.get(8)?);
    Ok((|| {
        Ok(HarvestJob {
            id,
            source_id,
            full,
            started: from_text(&started)?,
            ended: ended.as_deref().map(from_text).transpose()?,
            state: parse_enum(&state, JobState::parse)?,
            counts: serde_json::from_str::<JobCounts>(&counts).map_err(corrupt)?,
            errors: serde_json::from_str(&errors).map_err(corrupt)?,
            log: serde_json::from_str(&log).map_err(corrupt)?,
        })
    })())
}

fn jobs_where(
    conn: &Connection,
    clause: &str,
    value: &dyn rusqlite::ToSql,
    limit: u32,
) -> Result<Vec<HarvestJob>> {
    let sql =
        format!("SELECT {JOB_COLUMNS} FROM harvest_jobs WHERE {clause} ORDER BY id DESC LIMIT ?2");
    let mut stmt = conn
        .prepare_cached(&sql)
        .map_err(sql_err("reading harvest jobs"))?;
    let rows = stmt
        .query_map(params![value, limit], decode_job)
        .map_err(sql_err("reading harvest jobs"))?;
    rows.map(|r| r.map_err(sql_err("reading harvest jobs"))?)
        .collect()
}

/// The owner organisation of a source, `None` when absent.
fn owner_of(conn: &Connection, source_id: &str) -> Result<Option<String>> {
    conn.prepare_cached("SELECT owner_org FROM harvest_sources WHERE id = ?1")
        .and_then(|mut s| s.query_row([source_id], |r| r.get(0)).optional())
        .map_err(sql_err("reading a harvest source"))
}

/// The owner of `source_id` when `actor` manages it.
fn managed_owner(conn: &Connection, source_id: &str, actor: &Viewer) -> Result<Option<String>> {
    Ok(owner_of(conn, source_id)?.filter(|o| rights::can_manage_source(actor, o)))
}

fn save_job_row(conn: &Connection, job: &HarvestJob) -> Result<()> {
    let json = |v: serde_json::Result<String>| v.map_err(corrupt);
    conn.execute(
        "UPDATE harvest_jobs SET ended = ?2, state = ?3, counts = ?4, errors = ?5, log = ?6
         WHERE id = ?1",
        params![
            job.id,
            job.ended.map(to_text),
            job.state.as_str(),
            json(serde_json::to_string(&job.counts))?,
            json(serde_json::to_string(&job.errors))?,
            json(serde_json::to_string(&job.log))?
        ],
    )
    .map_err(sql_err("saving a harvest job"))?;
    Ok(())
}

fn provenance_rows(conn: &Connection, ids: &[RecordId], actor: &Viewer) -> Result<Vec<Provenance>> {
    let mut stmt = conn
        .prepare_cached(
            "SELECT p.record_id, p.source_id, p.remote_id, p.harvested_at, p.source_hash,
                    s.owner_org, p.seen_job
             FROM harvest_records p JOIN harvest_sources s ON s.id = p.source_id
             WHERE p.record_id = ?1",
        )
        .map_err(sql_err("reading provenance"))?;
    let mut out = Vec::new();
    for id in ids {
        let row = stmt
            .query_row([id.as_str()], |r| {
                Ok((
                    r.get::<_, String>(1)?,
                    r.get::<_, String>(2)?,
                    r.get::<_, String>(3)?,
                    r.get::<_, String>(4)?,
                    r.get::<_, String>(5)?,
                    r.get::<_, i64>(6)?,
                ))
            })
            .optional()
            .map_err(sql_err("reading provenance"))?;
        let Some((source_id, remote_id, at, hash, owner, job)) = row else {
            continue;
        };
        if rights::can_manage_source(actor, &owner) {
            out.push(Provenance {
                record_id: id.clone(),
                source_id,
                remote_id,
                harvested_at: from_text(&at)?,
                source_hash: hash,
                job_id: Some(job),
            });
        }
    }
    Ok(out)
}

fn note_rows(
    conn: &mut Connection,
    rows: &[Provenance],
    job_id: i64,
    actor: &Viewer,
) -> Result<()> {
    let err = sql_err("keeping provenance");
    let tx = conn
        .transaction_with_behavior(TransactionBehavior::Immediate)
        .map_err(&err)?;
    let mut checked: Vec<&str> = Vec::new();
    for row in rows {
        if !checked.contains(&row.source_id.as_str()) {
            let owner = owner_of(&tx, &row.source_id)?
                .ok_or_else(|| Error::Invalid(format!("unknown source {}", row.source_id)))?;
            check_manage_source(actor, &owner)?;
            checked.push(&row.source_id);
        }
        tx.prepare_cached(
            "INSERT INTO harvest_records (record_id, source_id, remote_id, harvested_at,
                 source_hash, seen_job) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT (record_id) DO UPDATE SET source_id = excluded.source_id,
                 remote_id = excluded.remote_id, harvested_at = excluded.harvested_at,
                 source_hash = excluded.source_hash, seen_job = excluded.seen_job",
        )
        .and_then(|mut s| {
            s.execute(params![
                row.record_id.as_str(),
                row.source_id,
                row.remote_id,
                to_text(row.harvested_at),
                row.source_hash,
                job_id
            ])
        })
        .map_err(&err)?;
    }
    tx.commit().map_err(&err)
}

#[async_trait]
impl HarvestStore for SqliteStore {
    async fn create_source(&self, source: NewSource, actor: &Viewer) -> Result<HarvestSource> {
        check_manage_source(actor, &source.owner_org)?;
        let stored = HarvestSource {
            id: new_source_id(&source.name),
            source,
            created: now(),
        };
        self.pool
            .write(move |c| insert_source(c, &stored).map(|()| stored))
            .await
    }

    async fn source(&self, id: &str, actor: &Viewer) -> Result<Option<HarvestSource>> {
        let id = id.to_owned();
        let found = self.pool.read(move |c| load_source(c, &id)).await?;
        Ok(found.filter(|s| rights::can_manage_source(actor, &s.source.owner_org)))
    }

    async fn sources(&self, actor: &Viewer) -> Result<Vec<HarvestSource>> {
        let all = self
            .pool
            .read(|c| {
                let mut stmt = c
                    .prepare_cached(&format!(
                        "SELECT {SOURCE_COLUMNS} FROM harvest_sources ORDER BY id"
                    ))
                    .map_err(sql_err("listing harvest sources"))?;
                let raws = stmt
                    .query_map([], raw_source)
                    .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                    .map_err(sql_err("listing harvest sources"))?;
                raws.into_iter()
                    .map(decode_source)
                    .collect::<Result<Vec<_>>>()
            })
            .await?;
        Ok(all
            .into_iter()
            .filter(|s| rights::can_manage_source(actor, &s.source.owner_org))
            .collect())
    }

    async fn update_source(&self, source: HarvestSource, actor: &Viewer) -> Result<bool> {
        check_manage_source(actor, &source.source.owner_org)?;
        let actor = actor.clone();
        self.pool
            .write(move |c| {
                if managed_owner(c, &source.id, &actor)?.is_none() {
                    return Ok(false);
                }
                update_source_row(c, &source)
            })
            .await
    }

    async fn delete_source(&self, id: &str, actor: &Viewer) -> Result<bool> {
        let (id, actor) = (id.to_owned(), actor.clone());
        self.pool
            .write(move |c| {
                if managed_owner(c, &id, &actor)?.is_none() {
                    return Ok(false);
                }
                c.execute("DELETE FROM harvest_sources WHERE id = ?1", [&id])
                    .map(|n| n > 0)
                    .map_err(sql_err("deleting a harvest source"))
            })
            .await
    }

    async fn start_job(&self, source_id: &str, full: bool, actor: &Viewer) -> Result<HarvestJob> {
        let (source_id, actor) = (source_id.to_owned(), actor.clone());
        self.pool
            .write(move |c| {
                if managed_owner(c, &source_id, &actor)?.is_none() {
                    return Err(Error::Invalid(format!("unknown source {source_id}")));
                }
                let started = now();
                c.execute(
                    "INSERT INTO harvest_jobs (source_id, full_run, started, state, counts, errors, log)
                     VALUES (?1, ?2, ?3, 'running', ?4, '[]', '[]')",
                    params![
                        source_id,
                        full,
                        to_text(started),
                        serde_json::to_string(&JobCounts::default()).map_err(corrupt)?
                    ],
                )
                .map_err(sql_err("starting a harvest job"))?;
                Ok(HarvestJob {
                    id: c.last_insert_rowid(),
                    source_id,
                    full,
                    started,
                    ended: None,
                    state: JobState::Running,
                    counts: JobCounts::default(),
                    errors: Vec::new(),
                    log: Vec::new(),
                })
            })
            .await
    }

    async fn save_job(&self, job: &HarvestJob, actor: &Viewer) -> Result<()> {
        let (job, actor) = (job.clone(), actor.clone());
        self.pool
            .write(move |c| {
                let owner = owner_of(c, &job.source_id)?
                    .ok_or_else(|| Error::Invalid(format!("unknown source {}", job.source_id)))?;
                check_manage_source(&actor, &owner)?;
                save_job_row(c, &job)
            })
            .await
    }

    async fn job(&self, id: i64, actor: &Viewer) -> Result<Option<HarvestJob>> {
        let actor = actor.clone();
        self.pool
            .read(move |c| {
                let Some(job) = jobs_where(c, "id = ?1", &id, 1)?.pop() else {
                    return Ok(None);
                };
                Ok(managed_owner(c, &job.source_id, &actor)?.map(|_| job))
            })
            .await
    }

    async fn jobs(&self, source_id: &str, limit: u32, actor: &Viewer) -> Result<Vec<HarvestJob>> {
        let (source_id, actor) = (source_id.to_owned(), actor.clone());
        self.pool
            .read(move |c| {
                if managed_owner(c, &source_id, &actor)?.is_none() {
                    return Ok(Vec::new());
                }
                jobs_where(c, "source_id = ?1", &source_id, limit)
            })
            .await
    }

    async fn provenance(&self, ids: &[RecordId], actor: &Viewer) -> Result<Vec<Provenance>> {
        let (ids, actor) = (ids.to_vec(), actor.clone());
        self.pool
            .read(move |c| provenance_rows(c, &ids, &actor))
            .await
    }

    async fn note_harvested(
        &self,
        rows: Vec<Provenance>,
        job_id: i64,
        actor: &Viewer,
    ) -> Result<()> {
        let actor = actor.clone();
        self.pool
            .write(move |c| note_rows(c, &rows, job_id, &actor))
            .await
    }

    async fn unseen_records(
        &self,
        source_id: &str,
        job_id: i64,
        limit: u32,
        actor: &Viewer,
    ) -> Result<Vec<RecordId>> {
        let (source_id, actor) = (source_id.to_owned(), actor.clone());
        self.pool
            .read(move |c| {
                if managed_owner(c, &source_id, &actor)?.is_none() {
                    return Ok(Vec::new());
                }
                let mut stmt = c
                    .prepare_cached(
                        "SELECT record_id FROM harvest_records
                         WHERE source_id = ?1 AND seen_job <> ?2 ORDER BY record_id LIMIT ?3",
                    )
                    .map_err(sql_err("listing unseen records"))?;
                let ids = stmt
                    .query_map(params![source_id, job_id, limit], |r| r.get::<_, String>(0))
                    .and_then(Iterator::collect::<rusqlite::Result<Vec<_>>>)
                    .map_err(sql_err("listing unseen records"))?;
                ids.into_iter()
                    .map(|id| RecordId::parse(id).map_err(Error::from))
                    .collect()
            })
            .await
    }

    async fn forget_records(
        &self,
        source_id: &str,
        ids: &[RecordId],
        actor: &Viewer,
    ) -> Result<()> {
        let (source_id, ids, actor) = (source_id.to_owned(), ids.to_vec(), actor.clone());
        self.pool
            .write(move |c| {
                if managed_owner(c, &source_id, &actor)?.is_none() {
                    return Ok(());
                }
                let tx = c
                    .transaction_with_behavior(TransactionBehavior::Immediate)
                    .map_err(sql_err("forgetting provenance"))?;
                for id in &ids {
                    tx.execute(
                        "DELETE FROM harvest_records WHERE source_id = ?1 AND record_id = ?2",
                        [&source_id, id.as_str()],
                    )
                    .map_err(sql_err("forgetting provenance"))?;
                }
                tx.commit().map_err(sql_err("forgetting provenance"))
            })
            .await
    }
}
