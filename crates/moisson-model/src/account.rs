//! Accounts: users, organisations and groups (units), API keys and the audit log.
//! Plain data; the store keeps them and `moisson-auth` turns credentials into a `Viewer`.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::viewer::{Membership, Role};

/// A local user account. The password hash (argon2, PHC string) never leaves the store
/// except to the authenticator, through `UserCredentials`.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct User {
    /// Login name; unique.
    pub username: String,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub superadmin: bool,
    /// A disabled user cannot sign in and its tokens stop working.
    #[serde(default)]
    pub disabled: bool,
    #[serde(default)]
    pub memberships: Vec<Membership>,
    #[serde(default)]
    pub created: Option<DateTime<Utc>>,
}

/// What the authenticator needs to check a password.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserCredentials {
    pub user: User,
    /// argon2 PHC string; `None` for accounts that only sign in through OpenID Connect.
    pub password_hash: Option<String>,
}

/// Organisations own records; groups (projects) span organisations. Both hold
/// memberships and may be listed in a record's `shared_with`; their identifiers share
/// one namespace.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum UnitKind {
    Organisation,
    Group,
}

impl UnitKind {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Organisation => "organisation",
            Self::Group => "group",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "organisation" => Some(Self::Organisation),
            "group" => Some(Self::Group),
            _ => None,
        }
    }
}

/// An organisation or a group.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Unit {
    /// Short stable identifier (e.g. a commune's INSEE code or a slug); unique across
    /// organisations and groups.
    pub id: String,
    pub kind: UnitKind,
    pub name: String,
}

/// An API key as stored: only the hash of its secret is kept.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ApiKey {
    /// Public part of the key, shown in lists and written in the audit log.
    pub id: String,
    /// The unit the key acts for, and with which role.
    pub unit: String,
    pub role: Role,
    pub label: Option<String>,
    /// Who created it.
    pub created_by: String,
    pub created: Option<DateTime<Utc>>,
    pub revoked: bool,
    /// Hex SHA-256 of the secret part; never serialised.
    #[serde(skip)]
    pub secret_hash: String,
}

/// What a write did to a record.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum AuditAction {
    Create,
    Update,
    Delete,
}

impl AuditAction {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Create => "create",
            Self::Update => "update",
            Self::Delete => "delete",
        }
    }

    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "create" => Some(Self::Create),
            "update" => Some(Self::Update),
            "delete" => Some(Self::Delete),
            _ => None,
        }
    }
}

/// One line of the audit log: written in the same transaction as the record write.
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    /// Increasing sequence number.
    pub seq: i64,
    pub at: DateTime<Utc>,
    /// `Viewer::subject` of the writer.
    pub actor: String,
    pub action: AuditAction,
    pub record_id: String,
    /// The record's workflow status after the write (`None` for a delete).
    pub status: Option<String>,
}

/// Which audit lines to read, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct AuditQuery {
    pub record_id: Option<String>,
    pub actor: Option<String>,
    pub limit: u32,
    pub offset: u64,
}
