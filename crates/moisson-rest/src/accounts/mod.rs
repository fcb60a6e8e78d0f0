//! Accounts over REST: sign-in (`/api/v1/auth/*`), users, organisations and groups,
//! memberships, API keys and the audit log. Handlers identify the caller and call the
//! store's `AccountStore` methods, which check the rights (403) themselves.

pub mod audit;
pub mod bodies;
pub mod keys;
pub mod session;
pub mod units;
pub mod users;

use actix_web::http::header;
use actix_web::{HttpRequest, web};
use serde::de::DeserializeOwned;

use crate::body::{self, BodyFormat};
use crate::error::{Error, Result};
use crate::http::{content_length, header as header_value, method_not_allowed};

/// Largest account request body (a login, a user…).
const MAX_BODY: usize = 64 * 1024;

/// Registers the account routes.
pub fn configure(cfg: &mut web::ServiceConfig) {
    let resource = |path: &str| web::resource(path).default_service(web::to(method_not_allowed));
    cfg.service(resource("/api/v1/auth/token").post(session::post_token))
        .service(resource("/api/v1/auth/refresh").post(session::post_refresh))
        .service(resource("/api/v1/auth/me").get(session::get_me))
        .service(
            resource("/api/v1/users")
                .get(users::get_users)
                .post(users::post_user),
        )
        .service(
            resource("/api/v1/users/{username}")
                .get(users::get_user)
                .patch(users::patch_user)
                .delete(users::delete_user),
        )
        .service(
            resource("/api/v1/organisations")
                .get(units::get_organisations)
                .post(units::post_organisation),
        )
        .service(
            resource("/api/v1/groups")
                .get(units::get_groups)
                .post(units::post_group),
        )
        .service(resource("/api/v1/units/{id}").delete(units::delete_unit))
        .service(
            resource("/api/v1/units/{id}/members/{username}")
                .put(units::put_member)
                .delete(units::delete_member),
        )
        .service(
            resource("/api/v1/api-keys")
                .get(keys::get_api_keys)
                .post(keys::post_api_key),
        )
        .service(resource("/api/v1/api-keys/{id}").delete(keys::delete_api_key))
        .service(resource("/api/v1/audit").get(audit::get_audit));
}

/// A JSON body (`Content-Type: application/json`) of at most [`MAX_BODY`] bytes.
pub(crate) async fn json_body<T: DeserializeOwned>(
    req: &HttpRequest,
    payload: web::Payload,
) -> Result<T> {
    let content_type = header_value(req.headers(), header::CONTENT_TYPE);
    if BodyFormat::from_content_type(content_type)? != BodyFormat::Json {
        return Err(Error::UnsupportedMediaType(
            content_type.unwrap_or_default().to_owned(),
        ));
    }
    let bytes = body::read(payload, content_length(req), MAX_BODY).await?;
    serde_json::from_slice(&bytes).map_err(Error::Json)
}

/// A path segment, percent-decoded.
pub(crate) fn segment(req: &HttpRequest, name: &str) -> Result<String> {
    moisson_http::path_id(req, name).map_err(|why| Error::invalid(name, why))
}

/// A user name or unit identifier: 1 to 64 letters, digits, `.`, `_`, `-` or `@`
/// (what fits in a path segment and an audit line without escaping).
pub(crate) fn check_name(field: &str, value: &str) -> Result<()> {
    let ok = !value.is_empty()
        && value.len() <= 64
        && value
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'));
    if ok {
        Ok(())
    } else {
        Err(Error::invalid(
            field,
            "1 to 64 letters, digits, '.', '_', '-' or '@'",
        ))
    }
}

/// The argon2 hash of a new password of at least 8 characters.
pub(crate) fn password_hash(password: &str) -> Result<String> {
    if password.chars().count() < 8 {
        return Err(Error::invalid("password", "at least 8 characters"));
    }
    Ok(moisson_auth::hash_password(password)?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_fit_in_a_path_segment() {
        for good in ["alice", "ddt-01", "a.b_c@d"] {
            assert!(check_name("username", good).is_ok(), "{good}");
        }
        for bad in ["", "a b", "a/b", "é", &"x".repeat(65)] {
            assert!(check_name("username", bad).is_err(), "{bad}");
        }
    }
}
