//! Signing in: `POST /api/v1/auth/token` (username and password → token pair),
//! `POST /api/v1/auth/refresh`, and `GET /api/v1/auth/me`.

use actix_web::{HttpRequest, HttpResponse, web};
use moisson_auth::{AuthError, Authenticator};

use super::bodies::{Caller, LoginRequest, RefreshRequest, TokenResponse};
use super::json_body;
use crate::caller;
use crate::error::{Error, Result};
use crate::problem::Problem;

/// The server's authenticator; without one nobody can sign in.
fn authenticator(req: &HttpRequest) -> Result<&Authenticator> {
    moisson_http::caller::authenticator(req).ok_or(Error::Auth(AuthError::Unauthenticated))
}

/// Sign in with a local account: a short-lived access token and a refresh token.
#[utoipa::path(post, path = "/api/v1/auth/token", tag = "auth",
    request_body(content = LoginRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "Signed in", body = TokenResponse),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "Wrong username or password (one message for every failure)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
        (status = 429, description = "Too many failed attempts; `Retry-After` says when to retry", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_token(req: HttpRequest, payload: web::Payload) -> Result<HttpResponse> {
    let login: LoginRequest = json_body(&req, payload).await?;
    // Behind a trusted proxy, the forwarded address; never a header from anyone else.
    let client = moisson_http::client::address(&req);
    let pair = authenticator(&req)?
        .login(&login.username, &login.password, &client)
        .await?;
    Ok(no_store(TokenResponse::from(pair)))
}

/// Trade a refresh token for a new token pair.
///
/// Each refresh token works once: using it consumes it, and the response carries the next
/// refresh token. A refresh token already used is refused like any other that does not
/// verify, and its reuse revokes every refresh token descended from the same sign-in (a
/// stolen token replayed after the client rotated it, or the reverse): sign in again.
#[utoipa::path(post, path = "/api/v1/auth/refresh", tag = "auth",
    request_body(content = RefreshRequest, content_type = "application/json"),
    responses(
        (status = 200, description = "A new pair; the refresh token sent is now used up", body = TokenResponse),
        (status = 400, description = "Malformed body", body = Problem, content_type = "application/problem+json"),
        (status = 401, description = "The refresh token does not verify or was already used (one message for every failure)", body = Problem, content_type = "application/problem+json"),
        (status = 415, description = "Not JSON", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn post_refresh(req: HttpRequest, payload: web::Payload) -> Result<HttpResponse> {
    let body: RefreshRequest = json_body(&req, payload).await?;
    let pair = authenticator(&req)?.refresh(&body.refresh_token).await?;
    Ok(no_store(TokenResponse::from(pair)))
}

/// Who the request's credentials name (anonymous without any).
#[utoipa::path(get, path = "/api/v1/auth/me", tag = "auth", security((), ("bearer" = [])),
    responses(
        (status = 200, description = "The caller", body = Caller),
        (status = 401, description = "Credentials that do not verify", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_me(req: HttpRequest) -> Result<HttpResponse> {
    let viewer = caller::caller(&req).await?;
    Ok(HttpResponse::Ok().json(Caller::from(&viewer)))
}

/// Tokens must not be cached (RFC 6749 §5.1).
fn no_store(tokens: TokenResponse) -> HttpResponse {
    HttpResponse::Ok()
        .insert_header(("cache-control", "no-store"))
        .json(tokens)
}
