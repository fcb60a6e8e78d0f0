//! Integration tests of `moisson-server`: configuration through the library, the
//! no-leak matrix of rights over every protocol (in process), and end-to-end runs of the
//! built `moisson` binary (import, export, serve, accounts).

mod cli_accounts;
mod cli_backup;
mod cli_config;
mod cli_db_copy;
mod cli_export;
mod cli_import;
mod config;
mod count_order;
mod editor_drafts;
mod harvest;
mod head;
mod http;
mod if_match;
mod import_strict;
mod lossless_edits;
mod lossless_harvest;
mod mef;
mod prefix;
mod proxies;
mod readme;
mod rights_fixture;
mod rights_http;
mod rights_matrix;
mod rights_matrix_write;
mod rights_protocols;
mod serve;
mod support;
mod tidy;
mod two_nodes;
