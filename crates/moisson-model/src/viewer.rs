//! Who is asking: every store read and write takes a `Viewer` so rights apply everywhere.

use serde::{Deserialize, Serialize};

/// A role in an organisation or a group (project). Ordered: each role can do what the
/// roles before it can (GeoNetwork's order: a reviewer also edits, an admin also reviews).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, Default,
)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Sees the unit's internal and restricted published records.
    #[default]
    Reader,
    /// Also sees the owner organisation's drafts and creates/edits/deletes its records
    /// (as draft or submitted).
    Editor,
    /// Also publishes.
    Reviewer,
    /// Also manages the unit's memberships and API keys.
    Admin,
}

impl Role {
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Reader => "reader",
            Self::Editor => "editor",
            Self::Reviewer => "reviewer",
            Self::Admin => "admin",
        }
    }

    /// Parses `reader`, `editor`, `reviewer` or `admin`.
    #[must_use]
    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "reader" => Some(Self::Reader),
            "editor" => Some(Self::Editor),
            "reviewer" => Some(Self::Reviewer),
            "admin" => Some(Self::Admin),
            _ => None,
        }
    }
}

/// A role held in one unit (an organisation or a group; their identifiers share one
/// namespace, see `crate::account::Unit`).
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Membership {
    pub unit: String,
    pub role: Role,
}

/// A signed-in caller: a local user, an API key or an external OpenID Connect subject.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Principal {
    /// Who, as written in the audit log: `user:<name>`, `apikey:<id>`, `oidc:<issuer>#<sub>`.
    pub subject: String,
    pub memberships: Vec<Membership>,
    /// Catalogue superadmin: sees and may do everything.
    pub superadmin: bool,
}

/// The caller of a read or write.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Default)]
#[non_exhaustive]
pub enum Viewer {
    /// No credentials: published public records only.
    #[default]
    Anonymous,
    /// A signed-in caller with memberships.
    Member(Principal),
    /// The bootstrap admin token holder (`MOISSON_ADMIN_TOKEN`) or a local process
    /// (CLI import): sees and may write everything.
    Admin,
}

impl Viewer {
    #[must_use]
    pub fn anonymous() -> Self {
        Self::Anonymous
    }

    /// A signed-in caller with these memberships.
    #[must_use]
    pub fn member(subject: impl Into<String>, memberships: Vec<Membership>) -> Self {
        Self::Member(Principal {
            subject: subject.into(),
            memberships,
            superadmin: false,
        })
    }

    /// Whether this viewer sees every record whatever its visibility and status, and may
    /// do everything (the admin token, a superadmin).
    #[must_use]
    pub fn sees_all(&self) -> bool {
        match self {
            Self::Admin => true,
            Self::Member(p) => p.superadmin,
            Self::Anonymous => false,
        }
    }

    /// Whether the caller is signed in (sees `internal` records).
    #[must_use]
    pub fn is_signed_in(&self) -> bool {
        !matches!(self, Self::Anonymous)
    }

    /// Whether this caller may write some record at all (editor somewhere, or all-seeing).
    /// The full rule for a given record is `crate::rights::check_write`.
    #[must_use]
    pub fn can_write(&self) -> bool {
        self.sees_all() || !self.units_with_role(Role::Editor).is_empty()
    }

    /// The highest role held in `unit`.
    #[must_use]
    pub fn role_in(&self, unit: &str) -> Option<Role> {
        self.memberships()
            .iter()
            .filter(|m| m.unit == unit)
            .map(|m| m.role)
            .max()
    }

    /// Units where the caller holds at least `min` (sorted, deduplicated).
    #[must_use]
    pub fn units_with_role(&self, min: Role) -> Vec<String> {
        let mut units: Vec<String> = self
            .memberships()
            .iter()
            .filter(|m| m.role >= min)
            .map(|m| m.unit.clone())
            .collect();
        units.sort();
        units.dedup();
        units
    }

    /// Every unit the caller belongs to, whatever the role (sorted, deduplicated).
    #[must_use]
    pub fn units(&self) -> Vec<String> {
        self.units_with_role(Role::Reader)
    }

    #[must_use]
    pub fn memberships(&self) -> &[Membership] {
        match self {
            Self::Member(p) => &p.memberships,
            _ => &[],
        }
    }

    /// Who, as the audit log writes it.
    #[must_use]
    pub fn subject(&self) -> &str {
        match self {
            Self::Anonymous => "anonymous",
            Self::Admin => "admin",
            Self::Member(p) => &p.subject,
        }
    }
}
