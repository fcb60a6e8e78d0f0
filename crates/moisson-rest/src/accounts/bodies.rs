//! Request and response bodies of the account routes, with their OpenAPI schemas.

use moisson_model::account::{ApiKey, AuditEntry, Unit, User};
use moisson_model::{Membership, Role, Viewer};
use serde::{Deserialize, Deserializer, Serialize};
use utoipa::ToSchema;

/// `POST /api/v1/auth/token`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct LoginRequest {
    pub username: String,
    pub password: String,
}

/// `POST /api/v1/auth/refresh`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RefreshRequest {
    pub refresh_token: String,
}

/// A token pair (the OAuth 2 token response): send `Authorization: Bearer <access_token>`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct TokenResponse {
    /// Short-lived; sent as `Authorization: Bearer …`.
    pub access_token: String,
    /// Trades for a new pair at `POST /api/v1/auth/refresh`.
    pub refresh_token: String,
    #[schema(example = "Bearer")]
    pub token_type: String,
    /// Seconds until the access token expires.
    pub expires_in: u64,
}

impl From<moisson_auth::TokenPair> for TokenResponse {
    fn from(pair: moisson_auth::TokenPair) -> Self {
        Self {
            access_token: pair.access_token,
            refresh_token: pair.refresh_token,
            token_type: pair.token_type.to_owned(),
            expires_in: pair.expires_in,
        }
    }
}

/// `GET /api/v1/auth/me`: who the credentials of the request name.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Caller {
    /// `anonymous`, `admin` (the bootstrap token), `user:<name>`, `apikey:<id>` or
    /// `oidc:<issuer>#<subject>`.
    #[schema(example = "user:alice")]
    pub subject: String,
    /// Whether credentials were given (and verified).
    pub authenticated: bool,
    /// Sees and may do everything.
    pub superadmin: bool,
    pub memberships: Vec<Membership>,
}

impl From<&Viewer> for Caller {
    fn from(viewer: &Viewer) -> Self {
        Self {
            subject: viewer.subject().to_owned(),
            authenticated: viewer.is_signed_in(),
            superadmin: viewer.sees_all(),
            memberships: viewer.memberships().to_vec(),
        }
    }
}

/// `POST /api/v1/users`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUserRequest {
    #[schema(example = "alice")]
    pub username: String,
    /// At least 8 characters; stored as an argon2 hash. Without it the user can only
    /// sign in through OpenID Connect.
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub name: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
    #[serde(default)]
    pub superadmin: bool,
}

/// `PATCH /api/v1/users/{username}`: absent fields stay as they are; `null` clears
/// `name` or `email`.
#[derive(Debug, Clone, Default, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UserPatch {
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub name: Option<Option<String>>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    pub email: Option<Option<String>>,
    #[serde(default)]
    pub password: Option<String>,
    #[serde(default)]
    pub superadmin: Option<bool>,
    #[serde(default)]
    pub disabled: Option<bool>,
}

/// A field that is present (`Some`), possibly `null` (`Some(None)`).
fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<Option<String>>, D::Error> {
    Option::<String>::deserialize(d).map(Some)
}

/// `POST /api/v1/organisations`, `POST /api/v1/groups`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewUnitRequest {
    /// Short stable identifier, unique across organisations and groups.
    #[schema(example = "ddt-01")]
    pub id: String,
    #[schema(example = "DDT de l'Ain")]
    pub name: String,
}

/// `PUT /api/v1/units/{id}/members/{username}`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MembershipRequest {
    pub role: Role,
}

/// `POST /api/v1/api-keys`.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewApiKeyRequest {
    /// The organisation or group the key acts for.
    pub unit: String,
    /// At most the creator's own role in the unit.
    pub role: Role,
    #[serde(default)]
    pub label: Option<String>,
}

/// A new API key: its description and the secret, shown this once only.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct CreatedApiKey {
    #[serde(flatten)]
    pub key: ApiKey,
    /// `msk_<id>_<secret>`: send it as `Authorization: Bearer …`. Not retrievable later.
    pub secret: String,
}

/// `GET /api/v1/users`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UserList {
    pub items: Vec<User>,
}

/// `GET /api/v1/organisations`, `GET /api/v1/groups`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct UnitList {
    pub items: Vec<Unit>,
}

/// `GET /api/v1/api-keys`.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ApiKeyList {
    pub items: Vec<ApiKey>,
}

/// `GET /api/v1/audit`: newest first.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct AuditList {
    pub items: Vec<AuditEntry>,
    pub limit: u32,
    pub offset: u64,
}
