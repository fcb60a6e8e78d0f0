//! The scheduler of `moisson serve`: once a minute, the enabled sources whose schedule is
//! due (in the server's time zone) are started in the background. One node ticks at a
//! time (the `harvest:scheduler` job lock, an advisory lock on PostgreSQL), each source's
//! own lock keeps two runs of it apart, and a source whose last run started within the
//! current minute is not started again, so a minute is run once whichever node ticks.

use std::sync::Arc;
use std::time::Duration;

use chrono::{DateTime, Local, Timelike, Utc};
use moisson_model::Viewer;
use moisson_model::harvest::{HarvestJob, HarvestSource};
use moisson_store::Store;

use crate::cron::Cron;
use crate::error::Result;

/// Runs forever: ticks at the start of each minute.
pub async fn run_forever(store: Arc<dyn Store>) {
    loop {
        let now = Local::now();
        let to_next_minute = 60 - u64::from(now.second());
        tokio::time::sleep(Duration::from_secs(to_next_minute)).await;
        if let Err(e) = tick(&store, Local::now()).await {
            tracing::warn!("harvest scheduler: {e}");
        }
    }
}

/// Starts every source due at `now`; returns the jobs started (each finishes in the
/// background).
///
/// # Errors
/// When the store cannot list the sources.
pub async fn tick(store: &Arc<dyn Store>, now: DateTime<Local>) -> Result<Vec<HarvestJob>> {
    let Some(_ticking) = store.try_job_lock("harvest:scheduler").await? else {
        return Ok(Vec::new());
    };
    let minute = now
        .with_second(0)
        .and_then(|t| t.with_nanosecond(0))
        .unwrap_or(now);
    let mut started = Vec::new();
    for source in store.sources(&Viewer::Admin).await? {
        if !due(&source, minute) || ran_since(store, &source.id, minute.with_timezone(&Utc)).await?
        {
            continue;
        }
        match crate::start(store.as_ref(), &source.id, false, &Viewer::Admin).await {
            Ok(run) => {
                started.push(run.job().clone());
                let store = store.clone();
                tokio::spawn(async move {
                    let quiet = |_: &HarvestJob| {};
                    if let Err(e) = run.finish(store.as_ref(), &quiet).await {
                        tracing::error!("harvest job could not be recorded: {e}");
                    }
                });
            }
            Err(e) => tracing::info!(source = source.id, "scheduled run not started: {e}"),
        }
    }
    Ok(started)
}

fn due(source: &HarvestSource, minute: DateTime<Local>) -> bool {
    let settings = &source.source;
    let Some(schedule) = settings.schedule.as_deref().filter(|_| settings.enabled) else {
        return false;
    };
    match Cron::parse(schedule) {
        Ok(cron) => cron.matches(minute.naive_local()),
        Err(e) => {
            tracing::warn!(source = source.id, "schedule ignored: {e}");
            false
        }
    }
}

async fn ran_since(store: &Arc<dyn Store>, source_id: &str, since: DateTime<Utc>) -> Result<bool> {
    let last = store.jobs(source_id, 1, &Viewer::Admin).await?;
    Ok(last.first().is_some_and(|j| j.started >= since))
}
