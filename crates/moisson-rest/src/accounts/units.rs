//! Organisations and groups (units): `GET/POST /api/v1/organisations`,
//! `GET/POST /api/v1/groups`, `DELETE /api/v1/units/{id}`, and memberships
//! `PUT/DELETE /api/v1/units/{id}/members/{username}`.

use actix_web::{HttpRequest, HttpResponse, web};
use moisson_model::account::{Unit, UnitKind};

use super::bodies::{MembershipRequest, NewUnitRequest, UnitList};
use super::{check_name, json_body, segment};
use crate::error::{Error, Result};
use crate::problem::Problem;
use crate::{RestState, caller};

/// Every organisation (names are public).
#[utoipa::path(get, path = "/api/v1/organisations", tag = "accounts", security((), ("bearer" = [])),
    responses(
        (status = 200, description = "Organisations by id", body = UnitList),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_organisations(
    req: HttpRequest,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    list(&req, &state, UnitKind::Organisation).await
}

/// Every group (project spanning organisations).
#[utoipa::path(get, path = "/api/v1/groups", tag = "accounts", security((), ("bearer" = [])),
    responses(
        (status = 200, description = "Groups by id", body = UnitList),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_groups(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    list(&req, &state, UnitKind::Group).await
}

/// Create an organisation (superadmins only).
#[utoipa::path(post, path = "/api/v1/organisations", tag = "accounts", security(("bearer" = [])),
    request_body(content = NewUnitRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = Unit),
        (status = 400, description = "Bad identifier or malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The identifier is taken (by an organisation or a group)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_organisation(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    create(&req, payload, &state, UnitKind::Organisation).await
}

/// Create a group (superadmins only).
#[utoipa::path(post, path = "/api/v1/groups", tag = "accounts", security(("bearer" = [])),
    request_body(content = NewUnitRequest, content_type = "application/json"),
    responses(
        (status = 201, description = "Created", body = Unit),
        (status = 400, description = "Bad identifier or malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The identifier is taken (by an organisation or a group)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_group(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    create(&req, payload, &state, UnitKind::Group).await
}

/// Delete an organisation or group with its memberships and API keys (superadmins
/// only); refused while it owns records.
#[utoipa::path(delete, path = "/api/v1/units/{id}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation or group identifier")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a superadmin", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such unit", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The unit still owns records", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_unit(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let id = segment(&req, "id")?;
    if state.store.delete_unit(&id, &actor).await? {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(Error::not_found("unit", id))
    }
}

/// Give a user a role in a unit, replacing any role held there (superadmins and admins
/// of the unit).
#[utoipa::path(put, path = "/api/v1/units/{id}/members/{username}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation or group identifier"),
        ("username" = String, Path, description = "User name")),
    request_body(content = MembershipRequest, content_type = "application/json"),
    responses(
        (status = 204, description = "Set"),
        (status = 400, description = "No such user or unit, or a malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the unit", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn put_member(
    req: HttpRequest,
    payload: web::Payload,
    state: web::Data<RestState>,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let (unit, username) = (segment(&req, "id")?, segment(&req, "username")?);
    let body: MembershipRequest = json_body(&req, payload).await?;
    state
        .store
        .set_membership(&username, &unit, body.role, &actor)
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// Take a user out of a unit (superadmins and admins of the unit).
#[utoipa::path(delete, path = "/api/v1/units/{id}/members/{username}", tag = "accounts", security(("bearer" = [])),
    params(("id" = String, Path, description = "Organisation or group identifier"),
        ("username" = String, Path, description = "User name")),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No bearer token, or one that does not verify", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an admin of the unit", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The user is not a member", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_member(req: HttpRequest, state: web::Data<RestState>) -> Result<HttpResponse> {
    let actor = caller::signed_in(&req).await?;
    let (unit, username) = (segment(&req, "id")?, segment(&req, "username")?);
    if state
        .store
        .remove_membership(&username, &unit, &actor)
        .await?
    {
        Ok(HttpResponse::NoContent().finish())
    } else {
        Err(Error::not_found(
            "membership",
            format!("{username} in {unit}"),
        ))
    }
}

async fn list(req: &HttpRequest, state: &RestState, kind: UnitKind) -> Result<HttpResponse> {
    caller::caller(req).await?;
    let items = state
        .store
        .list_units()
        .await?
        .into_iter()
        .filter(|u| u.kind == kind)
        .collect();
    Ok(HttpResponse::Ok().json(UnitList { items }))
}

async fn create(
    req: &HttpRequest,
    payload: web::Payload,
    state: &RestState,
    kind: UnitKind,
) -> Result<HttpResponse> {
    let actor = caller::signed_in(req).await?;
    let body: NewUnitRequest = json_body(req, payload).await?;
    check_name("id", &body.id)?;
    if body.name.trim().is_empty() {
        return Err(Error::invalid("name", "must not be empty"));
    }
    let unit = Unit {
        id: body.id,
        kind,
        name: body.name.trim().to_owned(),
    };
    state.store.create_unit(unit.clone(), &actor).await?;
    Ok(HttpResponse::Created().json(unit))
}
