//! `moisson harvest add | run | list | log`: harvest sources from the command line, as
//! `Viewer::Admin` (whoever runs them already has the database).

use clap::Subcommand;
use moisson_model::harvest::SourceKind;
use moisson_model::{Visibility, WorkflowStatus};

use super::DatabaseArgs;

#[derive(Debug, Subcommand)]
pub enum HarvestCommand {
    /// Add a source; prints its id.
    Add {
        /// What the URL serves.
        #[arg(long, value_parser = parse_kind)]
        kind: SourceKind,
        /// csw: the endpoint; dcat: the catalogue's first page; udata: an organisation's
        /// datasets (`…/api/1/organizations/{id}/datasets/`); ckan: `…/api/3/action/package_search`;
        /// ogc: a WMS, WFS or WMTS GetCapabilities URL, or an OGC API landing page;
        /// document: one ISO 19139 or Dublin Core document.
        #[arg(long)]
        url: String,
        /// Owner organisation of the harvested records (its admins manage the source).
        #[arg(long, value_name = "ID")]
        org: String,
        /// Visibility of new records: public, internal or restricted (default public).
        #[arg(long, value_parser = crate::import::parse_visibility)]
        visibility: Option<Visibility>,
        /// Workflow status of new records: draft, submitted or published (default published).
        #[arg(long, value_parser = crate::import::parse_status)]
        status: Option<WorkflowStatus>,
        /// Cron schedule, in the server's time zone (default: run on demand only).
        #[arg(long, value_name = "CRON")]
        schedule: Option<String>,
        /// Display name (default: the URL's host).
        #[arg(long)]
        name: Option<String>,
        /// Kind-specific options as a JSON object, e.g. '{"page_size": 100, "delay_ms": 500}'.
        #[arg(long, value_name = "JSON")]
        options: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Run a source now, in the foreground; the exit code is non-zero when the run failed.
    Run {
        /// The source id `harvest add` printed.
        id: String,
        /// Rewrite every record, changed or not.
        #[arg(long)]
        full: bool,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List sources (tab-separated: id, kind, enabled, schedule, organisation, url, name).
    List {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Show a source's latest runs with their counts, errors and log.
    Log {
        /// The source id.
        id: String,
        /// How many runs, newest first.
        #[arg(long, default_value_t = 1)]
        runs: u32,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

impl HarvestCommand {
    pub fn db(&self) -> &DatabaseArgs {
        match self {
            Self::Add { db, .. }
            | Self::Run { db, .. }
            | Self::List { db }
            | Self::Log { db, .. } => db,
        }
    }
}

fn parse_kind(s: &str) -> Result<SourceKind, String> {
    SourceKind::parse(s)
        .ok_or_else(|| format!("{s:?} is not csw, dcat, udata, ckan, ogc or document"))
}
