//! The account commands (`moisson users | orgs | members | apikeys`), run as
//! `Viewer::Admin` against the configured database. Results go to stdout, one
//! tab-separated line per item for lists; errors make the exit code non-zero.

use std::io::Read;
use std::process::ExitCode;

use anyhow::{Context, bail};
use moisson_model::Viewer;
use moisson_model::account::{Unit, UnitKind, User};
use moisson_store::{NewUser, UserChanges};

use crate::cli::accounts::{
    ApiKeysCommand, MembersCommand, OrgsCommand, PasswordArgs, UsersCommand,
};
use crate::config::Config;

const ADMIN: Viewer = Viewer::Admin;

pub async fn users(config: &Config, command: UsersCommand) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    match command {
        UsersCommand::Add {
            username,
            password,
            superadmin,
            name,
            email,
            ..
        } => {
            let password_hash = match read_password(&password, false)? {
                Some(p) => Some(hash(&p)?),
                None => None,
            };
            let new = NewUser {
                username,
                name,
                email,
                password_hash,
                superadmin,
            };
            let user = store.create_user(new, &ADMIN).await?;
            println!("created user {}", user.username);
        }
        UsersCommand::List { .. } => {
            for user in store.list_users(&ADMIN).await? {
                println!("{}", user_line(&user));
            }
        }
        UsersCommand::Passwd {
            username, password, ..
        } => {
            let password = read_password(&password, true)?.context("no password given")?;
            let changes = UserChanges {
                password_hash: Some(hash(&password)?),
                ..UserChanges::default()
            };
            if !store.update_user(&username, changes, &ADMIN).await? {
                bail!("no user {username}");
            }
            println!("password of {username} changed");
        }
        UsersCommand::Delete { username, .. } => {
            if !store.delete_user(&username, &ADMIN).await? {
                bail!("no user {username}");
            }
            println!("deleted user {username}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn orgs(config: &Config, command: OrgsCommand) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    match command {
        OrgsCommand::Add {
            id, name, group, ..
        } => {
            let kind = if group {
                UnitKind::Group
            } else {
                UnitKind::Organisation
            };
            let unit = Unit { id, kind, name };
            store.create_unit(unit.clone(), &ADMIN).await?;
            println!("created {} {}", kind.as_str(), unit.id);
        }
        OrgsCommand::List { .. } => {
            for unit in store.list_units().await? {
                println!("{}\t{}\t{}", unit.id, unit.kind.as_str(), unit.name);
            }
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn members(config: &Config, command: MembersCommand) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    match command {
        MembersCommand::Set {
            username,
            unit,
            role,
            ..
        } => {
            store.set_membership(&username, &unit, role, &ADMIN).await?;
            println!("{username} is {} of {unit}", role.as_str());
        }
        MembersCommand::Remove { username, unit, .. } => {
            if !store.remove_membership(&username, &unit, &ADMIN).await? {
                bail!("{username} is not a member of {unit}");
            }
            println!("{username} removed from {unit}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

pub async fn api_keys(config: &Config, command: ApiKeysCommand) -> anyhow::Result<ExitCode> {
    let store = crate::database::open(&config.database.url).await?;
    match command {
        ApiKeysCommand::Create {
            unit, role, label, ..
        } => {
            let (key, secret) = moisson_auth::new_api_key(&unit, role, label, ADMIN.subject());
            store.create_api_key(key.clone(), &ADMIN).await?;
            eprintln!(
                "created API key {} for {unit} ({}); the secret below is shown this once",
                key.id,
                role.as_str()
            );
            println!("{secret}");
        }
        ApiKeysCommand::List { unit, .. } => {
            for key in store.list_api_keys(unit.as_deref(), &ADMIN).await? {
                let revoked = if key.revoked { "revoked" } else { "active" };
                let label = key.label.unwrap_or_default();
                let role = key.role.as_str();
                println!("{}\t{}\t{role}\t{revoked}\t{label}", key.id, key.unit);
            }
        }
        ApiKeysCommand::Revoke { id, .. } => {
            if !store.revoke_api_key(&id, &ADMIN).await? {
                bail!("no API key {id}");
            }
            println!("revoked API key {id}");
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `username  name  email  flags  unit:role,…`
fn user_line(user: &User) -> String {
    let mut flags = Vec::new();
    if user.superadmin {
        flags.push("superadmin");
    }
    if user.disabled {
        flags.push("disabled");
    }
    let memberships: Vec<String> = user
        .memberships
        .iter()
        .map(|m| format!("{}:{}", m.unit, m.role.as_str()))
        .collect();
    format!(
        "{}\t{}\t{}\t{}\t{}",
        user.username,
        user.name.as_deref().unwrap_or_default(),
        user.email.as_deref().unwrap_or_default(),
        flags.join(","),
        memberships.join(",")
    )
}

/// The password from `--password-env VAR` or standard input (`--password-stdin`, or
/// by default when `stdin_by_default`); `None` when neither applies.
fn read_password(args: &PasswordArgs, stdin_by_default: bool) -> anyhow::Result<Option<String>> {
    if let Some(var) = &args.password_env {
        let value =
            std::env::var(var).with_context(|| format!("environment variable {var} is not set"))?;
        return Ok(Some(value));
    }
    if !(args.password_stdin || stdin_by_default) {
        return Ok(None);
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .context("cannot read the password from standard input")?;
    let line = text.lines().next().unwrap_or_default();
    Ok(Some(line.to_owned()))
}

/// The argon2 hash of a password of at least 8 characters.
fn hash(password: &str) -> anyhow::Result<String> {
    if password.chars().count() < 8 {
        bail!("the password must have at least 8 characters");
    }
    Ok(moisson_auth::hash_password(password)?)
}
