//! The command line: `moisson serve | import | export | migrate | db copy | config check`,
//! and the account commands `users | orgs | members | apikeys` ([`accounts`]).
//!
//! Every flag that has a configuration key also reads its fixed environment variable
//! (clap `env`), and flags win over the file and the environment.

pub mod accounts;
pub mod harvest;
pub mod thesaurus;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};
use moisson_model::{Visibility, WorkflowStatus};

use accounts::{ApiKeysCommand, MembersCommand, OrgsCommand, UsersCommand};

use crate::config::{Config, ProcessEnv, Sources};
use crate::export::ExportFormat;

#[derive(Debug, Parser)]
#[command(name = "moisson", version, about = "Moisson metadata catalogue server")]
pub struct Cli {
    /// Configuration file (default: ./moisson.toml when it exists).
    #[arg(long, global = true, env = "MOISSON_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Run the HTTP server.
    Serve(ServeArgs),
    /// Import ISO 19139 / Dublin Core files and folders (recursively, *.xml).
    Import(ImportArgs),
    /// Write every record to a folder, one file per record, or the DCAT catalogue to a file.
    Export(ExportArgs),
    /// Create or upgrade the database schema.
    Migrate(DatabaseArgs),
    /// Database maintenance (`moisson db copy`).
    #[command(subcommand)]
    Db(DbCommand),
    /// Inspect the configuration.
    #[command(subcommand)]
    Config(ConfigCommand),
    /// Local user accounts.
    #[command(subcommand)]
    Users(UsersCommand),
    /// Organisations and groups.
    #[command(subcommand)]
    Orgs(OrgsCommand),
    /// Memberships: a user's role in an organisation or group.
    #[command(subcommand)]
    Members(MembersCommand),
    /// API keys for scripts and harvest pushes.
    #[command(subcommand)]
    Apikeys(ApiKeysCommand),
    /// Harvest other catalogues: sources, runs and their logs.
    #[command(subcommand)]
    Harvest(harvest::HarvestCommand),
    /// SKOS thesauri: import (or replace) one, list them.
    #[command(subcommand)]
    Thesaurus(thesaurus::ThesaurusCommand),
    /// Write a consistent copy of a SQLite database to a file while it serves
    /// (PostgreSQL: pg_dump, see docs/deploy.md).
    Backup(BackupArgs),
}

#[derive(Debug, Args)]
pub struct BackupArgs {
    /// The backup file to write; it must not exist yet.
    #[arg(long, value_name = "FILE")]
    pub to: PathBuf,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct DatabaseArgs {
    /// Database URL: sqlite://PATH or postgres://USER:PASSWORD@HOST/DB.
    #[arg(
        long,
        env = "MOISSON_DATABASE_URL",
        hide_env_values = true,
        value_name = "URL"
    )]
    pub database: Option<String>,
}

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Address to bind, HOST:PORT (use 0.0.0.0:8080 in a container).
    #[arg(long, env = "MOISSON_LISTEN", value_name = "ADDR")]
    pub listen: Option<String>,
    /// Public base URL used in links (default: http:// plus the listen address).
    #[arg(long, env = "MOISSON_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    /// Load the demo records (server.demo_dir) when the database is empty.
    #[arg(long, env = "MOISSON_DEMO")]
    pub demo: bool,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// Files or folders to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// Records written per transaction.
    #[arg(long, default_value_t = crate::import::DEFAULT_BATCH_SIZE)]
    pub batch_size: usize,
    /// Owner organisation of imported records that name none.
    #[arg(long, value_name = "ID")]
    pub org: Option<String>,
    /// Visibility of the imported records: public, internal or restricted (files carry
    /// none; default public).
    #[arg(long, value_parser = crate::import::parse_visibility)]
    pub visibility: Option<Visibility>,
    /// Workflow status of the imported records: draft, submitted or published (default
    /// published).
    #[arg(long, value_parser = crate::import::parse_status)]
    pub status: Option<WorkflowStatus>,
    /// GeoNetwork group → organisation mapping for MEF files (`*.mef`, `*.zip`): lines
    /// `group = "org"` (TOML) or `group,org` (CSV). A record whose owner group is not
    /// mapped has no owner (a warning says so).
    #[arg(long, value_name = "FILE")]
    pub mef_groups: Option<PathBuf>,
    /// Refuse the records an ISO schema would refuse (no title, abstract, identifier,
    /// metadata contact, date stamp …) instead of importing them with a warning.
    #[arg(long)]
    pub strict: bool,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// Output format. `dcat-*`: the whole DCAT-AP 3 catalogue in one file.
    #[arg(long, value_enum, default_value_t = ExportFormat::Iso19139)]
    pub format: ExportFormat,
    /// Output folder (created if missing); a file for the `dcat-*` formats.
    #[arg(long, value_name = "DIR|FILE")]
    pub out: PathBuf,
    /// Export every record, not only those an anonymous harvester sees (published and
    /// public), which is the default of every format.
    #[arg(long)]
    pub all: bool,
    /// `dcat-*` formats: public base URL of minted IRIs (default: server.public_url).
    #[arg(long, env = "MOISSON_PUBLIC_URL", value_name = "URL")]
    pub public_url: Option<String>,
    #[command(flatten)]
    pub db: DatabaseArgs,
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Copy every record, with its original document, version and timestamps, to
    /// another database (SQLite → PostgreSQL or back), then check the counts.
    Copy(CopyArgs),
}

#[derive(Debug, Args)]
pub struct CopyArgs {
    /// Source database URL (default: the configured database).
    #[arg(long, value_name = "URL")]
    pub from: Option<String>,
    /// Target database URL: sqlite://PATH or postgres://USER:PASSWORD@HOST/DB; its
    /// schema is created or upgraded first.
    #[arg(long, value_name = "URL")]
    pub to: String,
    /// Records written per transaction.
    #[arg(long, default_value_t = 500)]
    pub batch_size: usize,
    /// Copy even if the target already holds records or accounts (rows with the same
    /// key are replaced, audit lines appended).
    #[arg(long)]
    pub into_non_empty: bool,
    /// Copy the records only, not the accounts, API keys and audit log (nobody can sign
    /// in on the copy until accounts are made there).
    #[arg(long)]
    pub records_only: bool,
}

#[derive(Debug, Subcommand)]
pub enum ConfigCommand {
    /// Validate the configuration and print the effective values (secrets redacted).
    Check {
        /// File to check (default: --config, MOISSON_CONFIG or ./moisson.toml).
        file: Option<PathBuf>,
    },
}

impl Cli {
    /// The configuration file and flags of this invocation, with the process environment.
    pub fn sources(&self) -> Sources<'static> {
        let mut flags = Vec::new();
        let mut push = |key: &str, value: Option<&String>| {
            if let Some(v) = value {
                flags.push((key.to_owned(), v.clone()));
            }
        };
        let mut file = self.config.clone();
        match &self.command {
            Command::Serve(a) => {
                push("server.listen", a.listen.as_ref());
                push("server.public_url", a.public_url.as_ref());
                push("database.url", a.db.database.as_ref());
                if a.demo {
                    flags.push(("server.demo".to_owned(), "true".to_owned()));
                }
            }
            Command::Export(a) => {
                push("server.public_url", a.public_url.as_ref());
                push("database.url", a.db.database.as_ref());
            }
            Command::Import(ImportArgs { db, .. })
            | Command::Migrate(db)
            | Command::Backup(BackupArgs { db, .. }) => {
                push("database.url", db.database.as_ref());
            }
            Command::Db(DbCommand::Copy(a)) => push("database.url", a.from.as_ref()),
            Command::Users(c) => push("database.url", c.db().database.as_ref()),
            Command::Orgs(c) => push("database.url", c.db().database.as_ref()),
            Command::Members(c) => push("database.url", c.db().database.as_ref()),
            Command::Apikeys(c) => push("database.url", c.db().database.as_ref()),
            Command::Harvest(c) => push("database.url", c.db().database.as_ref()),
            Command::Thesaurus(c) => push("database.url", c.db().database.as_ref()),
            Command::Config(ConfigCommand::Check { file: f }) => file = f.clone().or(file),
        }
        Sources {
            file,
            env: &ProcessEnv,
            flags,
        }
    }
}

/// Parses the command line, runs the command and turns errors into an exit code.
#[must_use]
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    let sources = cli.sources();
    let config = Config::load(&sources)?;
    if let Command::Config(ConfigCommand::Check { .. }) = cli.command {
        print!("{}", config.to_redacted_toml()?);
        match crate::config::config_file(&sources) {
            Some(file) => eprintln!("read {}", file.display()),
            None => eprintln!("no configuration file: defaults, MOISSON_* variables and flags"),
        }
        for warning in config.warnings() {
            eprintln!("warning: {warning}");
        }
        eprintln!("configuration is valid");
        return Ok(ExitCode::SUCCESS);
    }
    crate::logging::init(&config.logging);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(async move {
        match cli.command {
            Command::Serve(_) => crate::serve::serve(config)
                .await
                .map(|()| ExitCode::SUCCESS),
            Command::Import(args) => crate::commands::import(&config, args).await,
            Command::Export(args) => crate::commands::export(&config, &args).await,
            Command::Migrate(_) => crate::commands::migrate(&config).await,
            Command::Db(DbCommand::Copy(args)) => crate::commands::copy(&config, &args).await,
            Command::Config(_) => Ok(ExitCode::SUCCESS),
            Command::Users(c) => crate::accounts::users(&config, c).await,
            Command::Orgs(c) => crate::accounts::orgs(&config, c).await,
            Command::Members(c) => crate::accounts::members(&config, c).await,
            Command::Apikeys(c) => crate::accounts::api_keys(&config, c).await,
            Command::Harvest(c) => crate::harvest_cli::harvest(&config, c).await,
            Command::Thesaurus(c) => crate::thesauri::thesaurus(&config, c).await,
            Command::Backup(args) => crate::commands::backup(&config, &args.to).await,
        }
    })
}
