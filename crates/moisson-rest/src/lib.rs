//! REST API v1 (contract; implementation in progress).

use std::sync::Arc;

use actix_web::web;
use moisson_store::Store;

/// What the REST handlers need; registered by the server as `web::Data<RestState>`.
#[derive(Clone)]
pub struct RestState {
    pub store: Arc<dyn Store>,
    /// Bearer token that may write (until the rights issue replaces it). `None`: writes refused.
    pub admin_token: Option<String>,
    /// Base URL for links the server writes about itself, without trailing slash.
    pub public_url: String,
}

/// Registers `/api/v1/...` routes. The caller registers `web::Data<RestState>`.
pub fn configure(_cfg: &mut web::ServiceConfig) {}
