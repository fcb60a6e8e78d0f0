//! API keys: `GET/POST /api/v1/api-keys`, `DELETE /api/v1/api-keys/{id}` (revoke).
//! Superadmins and admins of the key's unit manage them; the secret is shown once.

use actix_web::{HttpRequest, HttpResponse, web};

use super::bodies::{ApiKeyList, CreatedApiKey, NewApiKeyRequest};
use super::{json_body, segment};
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::{RestState, caller};

/// API keys (never their secrets): of `unit`, or all that the caller manages.
#[utoipa::path(get, path = "/api/v1/api-keys", tag = "accounts", security(("bearer" = [])),
    params(("unit" = Option<String>, Query, description = "Only the keys of this organisation or group")),
    responses(
        (status = 200, description = "The keys", body = ApiKeyList),
        (status = 400, description = "Unknown parameter", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the unit", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_api_keys(
    req: HttpRequest,
    q: web::Query<Vec<(String, String)>>,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let mut unit = None;
    for (name, value) in q.iter() {
        match name.as_str() {
            "unit" if unit.is_none() => unit = Some(value.clone()),
            "unit" => return Err(Error::invalid("unit", "given more than once")),
            _ => return Err(Error::UnknownParameter(name.clone())),
        }
    }
    let items = state.store.list_api_keys(unit.as_deref(), &actor).await?;
    Ok(HttpResponse::Ok().json(ApiKeyList { items }))
}

/// Create an API key acting for a unit with a role (at most the creator's). The answer
/// holds the secret, which cannot be read again.
#[utoipa::path(post, path = "/api/v1/api-keys", tag = "accounts", security(("bearer" = [])),
    request_body(content = NewApiKeyRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Created; `secret` is shown this once", body = CreatedApiKey),
        (status = 400, description = "No such unit, or a malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the unit, or a role above the caller's", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_api_key(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let body: NewApiKeyRequest = json_body(&req, payload).await?;
    let (key, secret) =
        moisson_auth::new_api_key(&body.unit, body.role, body.label, actor.subject());
    state.store.create_api_key(key.clone(), &actor).await?;
    Ok(HttpResponse::Created()
        .insert_header(("cache-control", "no-store"))
        .json(CreatedApiKey { key, secret }))
}

/// Revoke an API key: it stops working at once.
#[utoipa::path(delete, path = "/api/v1/api-keys/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "The key's public identifier")),
    responses(
        (status = 204, description = "Revoked"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the key's unit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such key", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_api_key(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let id = segment(&req, "id")?;
    if state.store.revoke_api_key(&id, &actor).await? {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(Error::not_found("API key", id))
    }
}
