//! Users: `GET/POST /api/v1/users`, `GET/PATCH/DELETE /api/v1/users/{username}`.
//! Superadmins manage every user; a user reads and changes their own name, email and
//! password. Password hashes never leave the server.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::Viewer;
use moisson_model::account::User;
use moisson_store::{NewUser, UserChanges};

use super::bodies::{NewUserRequest, UserList, UserPatch};
use super::{check_name, json_body, password_hash, segment};
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::{RestState, caller};

/// Every user with their memberships (superadmins only).
#[utoipa::path(get, path = "/api/v1/users", tag = "accounts", security(("bearer" = [])),
    responses(
        (status = 200, description = "Users by name", body = UserList),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_users(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let items = state.store.list_users(&actor).await?;
    Ok(HttpResponse::Ok().json(UserList { items }))
}

/// Create a local user (superadmins only).
#[utoipa::path(post, path = "/api/v1/users", tag = "accounts", security(("bearer" = [])),
    request_body(content = NewUserRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Created; `Location` names it", body = User),
        (status = 400, description = "Bad name, short password or malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The name is taken", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_user(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let body: NewUserRequest = json_body(&req, payload).await?;
    check_name("username", &body.username)?;
    let password_hash = body.password.as_deref().map(password_hash).transpose()?;
    let new = NewUser {
        username: body.username,
        name: body.name,
        email: body.email,
        password_hash,
        superadmin: body.superadmin,
    };
    let user = state.store.create_user(new, &actor).await?;
    let location = format!(
        "{}/api/v1/users/{}",
        state.public_url,
        moisson_http::encode(&user.username)
    );
    Ok(HttpResponse::Created()
        .insert_header((header::LOCATION, location))
        .json(user))
}

/// One user (superadmins, or the user themselves).
#[utoipa::path(get, path = "/api/v1/users/{username}", tag = "accounts", security(("bearer" = [])),
    params(("username" = String, Path, description = "User name")),
    responses(
        (status = 200, description = "The user", body = User),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Neither a superadmin nor this user", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_user(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let username = segment(&req, "username")?;
    Ok(HttpResponse::Ok().json(read_user(&state, &username, &actor).await?))
}

/// Change a user: superadmins change anything; a user changes their own name, email
/// and password.
#[utoipa::path(patch, path = "/api/v1/users/{username}", tag = "accounts", security(("bearer" = [])),
    params(("username" = String, Path, description = "User name")),
    request_body(content = UserPatch, content_type = "application/json"),
    responses(
        (status = 200, description = "The changed user", body = User),
        (status = 400, description = "Short password or malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "The caller may not make this change", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn patch_user(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let username = segment(&req, "username")?;
    let patch: UserPatch = json_body(&req, payload).await?;
    let changes = UserChanges {
        name: patch.name,
        email: patch.email,
        password_hash: patch.password.as_deref().map(password_hash).transpose()?,
        superadmin: patch.superadmin,
        disabled: patch.disabled,
    };
    if !state.store.update_user(&username, changes, &actor).await? {
        return Err(Error::not_found("user", username));
    }
    Ok(HttpResponse::Ok().json(read_user(&state, &username, &actor).await?))
}

/// Delete a user and their memberships (superadmins only).
#[utoipa::path(delete, path = "/api/v1/users/{username}", tag = "accounts", security(("bearer" = [])),
    params(("username" = String, Path, description = "User name")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such user", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_user(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let username = segment(&req, "username")?;
    if state.store.delete_user(&username, &actor).await? {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(Error::not_found("user", username))
    }
}

/// A user as `actor` may read it: their own account, or any through the superadmin-only
/// list (so the store's check decides).
async fn read_user(state: &RestState, username: &str, actor: &Viewer) -> Result<User> {
    if actor.subject() == format!("user:{username}") && !actor.sees_all() {
        let found = state.store.user_credentials(username).await?;
        return found
            .map(|c| c.user)
            .ok_or_else(|| Error::not_found("user", username));
    }
    state
        .store
        .list_users(actor)
        .await?
        .into_iter()
        .find(|u| u.username == username)
        .ok_or_else(|| Error::not_found("user", username))
}
