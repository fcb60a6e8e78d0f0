//! The account subcommands: `moisson users | orgs | members | apikeys …`. They act as
//! `Viewer::Admin`: whoever runs them already has the database.

use clap::{Args, Subcommand};
use moisson_model::Role;

use super::DatabaseArgs;

#[derive(Debug, Subcommand)]
pub enum UsersCommand {
    /// Create a local user (the password is hashed with argon2).
    Add {
        username: String,
        #[command(flatten)]
        password: PasswordArgs,
        /// Catalogue superadmin: sees and may do everything.
        #[arg(long)]
        superadmin: bool,
        /// Display name.
        #[arg(long)]
        name: Option<String>,
        #[arg(long)]
        email: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List users with their memberships (tab-separated).
    List {
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Set a user's password (read from stdin unless --password-env is given).
    Passwd {
        username: String,
        #[command(flatten)]
        password: PasswordArgs,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Delete a user and their memberships.
    Delete {
        username: String,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

/// Where a password comes from; never from the command line itself (it would show in
/// the process list and the shell history).
#[derive(Debug, Args)]
#[group(multiple = false)]
pub struct PasswordArgs {
    /// Read the password from standard input (one line).
    #[arg(long)]
    pub password_stdin: bool,
    /// Read the password from this environment variable.
    #[arg(long, value_name = "VAR")]
    pub password_env: Option<String>,
}

#[derive(Debug, Subcommand)]
pub enum OrgsCommand {
    /// Create an organisation (or, with --group, a group spanning organisations).
    Add {
        /// Short stable identifier (e.g. a commune's INSEE code).
        id: String,
        name: String,
        #[arg(long)]
        group: bool,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List organisations and groups (tab-separated: id, kind, name).
    List {
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum MembersCommand {
    /// Give a user a role in an organisation or group (replacing any role held there).
    Set {
        username: String,
        unit: String,
        /// reader, editor, reviewer or admin.
        #[arg(value_parser = parse_role)]
        role: Role,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Take a user out of an organisation or group.
    Remove {
        username: String,
        unit: String,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

#[derive(Debug, Subcommand)]
pub enum ApiKeysCommand {
    /// Create an API key for a unit and role; prints the secret (shown this once only).
    Create {
        unit: String,
        /// reader, editor, reviewer or admin.
        #[arg(value_parser = parse_role)]
        role: Role,
        #[arg(long)]
        label: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// List API keys (tab-separated: id, unit, role, revoked, label).
    List {
        /// Only the keys of this unit.
        #[arg(long)]
        unit: Option<String>,
        #[command(flatten)]
        db: DatabaseArgs,
    },
    /// Revoke an API key: it stops working at once.
    Revoke {
        id: String,
        #[command(flatten)]
        db: DatabaseArgs,
    },
}

fn parse_role(s: &str) -> Result<Role, String> {
    Role::parse(s).ok_or_else(|| "expected reader, editor, reviewer or admin".to_owned())
}

impl UsersCommand {
    pub fn db(&self) -> &DatabaseArgs {
        match self {
            Self::Add { db, .. }
            | Self::List { db }
            | Self::Passwd { db, .. }
            | Self::Delete { db, .. } => db,
        }
    }
}

impl OrgsCommand {
    pub fn db(&self) -> &DatabaseArgs {
        match self {
            Self::Add { db, .. } | Self::List { db } => db,
        }
    }
}

impl MembersCommand {
    pub fn db(&self) -> &DatabaseArgs {
        match self {
            Self::Set { db, .. } | Self::Remove { db, .. } => db,
        }
    }
}

impl ApiKeysCommand {
    pub fn db(&self) -> &DatabaseArgs {
        match self {
            Self::Create { db, .. } | Self::List { db, .. } | Self::Revoke { db, .. } => db,
        }
    }
}
