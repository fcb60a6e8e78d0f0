//! Integration tests of `moisson-auth` against a real SQLite store and a real local
//! JWKS endpoint.

mod admin_token;
mod api_keys;
mod common;
mod jwks_server;
mod local_login;
mod oidc;
mod refresh;
