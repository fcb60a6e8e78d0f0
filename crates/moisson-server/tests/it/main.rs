//! Integration tests of `moisson-server`: configuration through the library, and
//! end-to-end runs of the built `moisson` binary (import, export, serve).

mod cli_config;
mod cli_db_copy;
mod cli_export;
mod cli_import;
mod config;
mod http;
mod serve;
mod support;
mod tidy;
