//! Who is calling: the `Authorization` header, verified by the one `Authenticator` the
//! server registers as `web::Data<moisson_auth::Authenticator>`. Every protocol crate
//! resolves its caller here, so none can forget a check or fall back to anonymous.

use actix_web::http::header;
use actix_web::{HttpRequest, web};
use moisson_auth::{AuthError, Authenticator};
use moisson_model::Viewer;

/// The caller of a request. No `Authorization` header: anonymous. A header that does
/// not verify — or any header when no authenticator is registered — is
/// `AuthError::Unauthenticated`, never a silent anonymous answer.
pub async fn caller(req: &HttpRequest) -> Result<Viewer, AuthError> {
    let Some(value) = req.headers().get(header::AUTHORIZATION) else {
        return Ok(Viewer::Anonymous);
    };
    let value = value.to_str().map_err(|_| AuthError::Unauthenticated)?;
    match authenticator(req) {
        Some(auth) => auth.viewer(Some(value)).await,
        None => Err(AuthError::Unauthenticated),
    }
}

/// The authenticator the server registered, if any.
#[must_use]
pub fn authenticator(req: &HttpRequest) -> Option<&Authenticator> {
    req.app_data::<web::Data<Authenticator>>()
        .map(web::Data::get_ref)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[actix_web::test]
    async fn no_header_is_anonymous_and_any_unverified_header_is_refused() {
        let req = actix_web::test::TestRequest::default().to_http_request();
        assert_eq!(caller(&req).await.ok(), Some(Viewer::Anonymous));
        let req = actix_web::test::TestRequest::default()
            .insert_header((header::AUTHORIZATION, "Bearer whatever"))
            .to_http_request();
        assert!(matches!(
            caller(&req).await,
            Err(AuthError::Unauthenticated)
        ));
    }
}
