//! Integration tests: the OGC API in process (`actix_web::test`) over a real SQLite
//! store loaded with the fixtures of `tests/data` and `examples/records`.

mod conformance;
mod filter;
mod html;
mod http;
mod items;
mod queryables;
mod resources;
mod schemas;
mod support;
mod temporal;
mod themes;
