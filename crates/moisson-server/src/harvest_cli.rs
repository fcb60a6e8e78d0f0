//! The harvest commands (`moisson harvest add | run | list | log`), run as
//! `Viewer::Admin` against the configured database. `run` draws a progress line on a
//! terminal and prints the job's summary; its exit code says whether the run succeeded.

use std::process::ExitCode;

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use moisson_model::Viewer;
use moisson_model::harvest::{HarvestJob, JobState, NewSource};

use crate::cli::harvest::HarvestCommand;
use crate::config::Config;

const ADMIN: Viewer = Viewer::Admin;

pub async fn harvest(config: &Config, command: HarvestCommand) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    match command {
        HarvestCommand::Add {
            kind,
            url,
            org,
            visibility,
            status,
            schedule,
            name,
            options,
            ..
        } => {
            let options = match options {
                Some(text) => match serde_json::from_str(&text).context("--options")? {
                    serde_json::Value::Object(map) => map,
                    _ => bail!("--options must be a JSON object"),
                },
                None => serde_json::Map::new(),
            };
            let name = name.unwrap_or_else(|| host_of(&url));
            let new = NewSource {
                name,
                kind,
                url,
                options,
                owner_org: org,
                visibility: visibility.unwrap_or_default(),
                status: status.unwrap_or_default(),
                schedule,
                enabled: true,
            };
            let source = store.create_source(new, &ADMIN).await?;
            println!("{}", source.id);
            Ok(ExitCode::SUCCESS)
        }
        HarvestCommand::Run { id, full, .. } => {
            let bar = job_bar();
            let show = |job: &HarvestJob| bar.set_message(counts_line(job));
            let job = moisson_harvest::run(store.as_ref(), &id, full, &ADMIN, &show).await?;
            bar.finish_and_clear();
            print_job(&job);
            Ok(if job.state == JobState::Succeeded {
                ExitCode::SUCCESS
            } else {
                ExitCode::FAILURE
            })
        }
        HarvestCommand::List { .. } => {
            for s in store.sources(&ADMIN).await? {
                let n = &s.source;
                println!(
                    "{}\t{}\t{}\t{}\t{}\t{}\t{}",
                    s.id,
                    n.kind.as_str(),
                    if n.enabled { "enabled" } else { "disabled" },
                    n.schedule.as_deref().unwrap_or("manual"),
                    n.owner_org,
                    n.url,
                    n.name
                );
            }
            Ok(ExitCode::SUCCESS)
        }
        HarvestCommand::Log { id, runs, .. } => {
            if store.source(&id, &ADMIN).await?.is_none() {
                bail!("no harvest source {id}");
            }
            let jobs = store.jobs(&id, runs.max(1), &ADMIN).await?;
            if jobs.is_empty() {
                println!("source {id} has not run yet");
            }
            for job in jobs.iter().rev() {
                print_job(job);
            }
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// A source's default name: its URL's host.
fn host_of(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    rest.split(['/', '?', '#'])
        .next()
        .unwrap_or(rest)
        .to_owned()
}

fn counts_line(job: &HarvestJob) -> String {
    let c = &job.counts;
    format!(
        "{} seen, {} created, {} updated, {} unchanged, {} deleted, {} failed",
        c.seen, c.created, c.updated, c.unchanged, c.deleted, c.failed
    )
}

/// A job as `harvest run` and `harvest log` print it: a header, its per-record errors,
/// its log.
fn print_job(job: &HarvestJob) {
    println!(
        "job {} of {}: {} ({}), started {}{}",
        job.id,
        job.source_id,
        job.state.as_str(),
        if job.full { "full" } else { "incremental" },
        job.started.to_rfc3339(),
        job.ended
            .map(|e| format!(", ended {}", e.to_rfc3339()))
            .unwrap_or_default()
    );
    println!("  {}", counts_line(job));
    for e in &job.errors {
        println!(
            "  error {}: {}",
            e.remote_id.as_deref().unwrap_or("(no id)"),
            e.reason
        );
    }
    for line in &job.log {
        println!("  log: {line}");
    }
}

/// A spinner with the running counts, on stderr when it is a terminal.
fn job_bar() -> ProgressBar {
    use std::io::IsTerminal;
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::with_draw_target(None, ProgressDrawTarget::stderr());
    let style = ProgressStyle::with_template("{spinner} harvesting: {msg} ({elapsed})")
        .unwrap_or_else(|_| ProgressStyle::default_spinner());
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    bar
}
