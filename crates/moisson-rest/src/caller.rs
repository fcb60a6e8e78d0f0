//! Who calls: the `Authorization` header, verified by the server's `Authenticator`
//! (`moisson_http::caller`). The store checks what the caller may see and do.

use actix_web::HttpRequest;
use moisson_model::Viewer;

use crate::error::{Error, Result};

/// The caller; a credential that does not verify is a 401, never anonymous.
pub async fn caller(req: &HttpRequest) -> Result<Viewer> {
    Ok(moisson_http::caller(req).await?)
}

/// The caller of an operation that needs signing in (writes, accounts): an anonymous
/// caller gets 401 asking for a bearer token; the store decides the rest (403).
pub async fn signed_in(req: &HttpRequest) -> Result<Viewer> {
    let viewer = caller(req).await?;
    if viewer.is_signed_in() {
        Ok(viewer)
    } else {
        Err(Error::Unauthorized)
    }
}
