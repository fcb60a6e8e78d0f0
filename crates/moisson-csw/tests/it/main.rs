//! Integration tests of the CSW endpoint: in-process actix over a real SQLite store loaded
//! with `tests/data`, every response validated with xmllint against `tests/data/xsd`.

mod dcat;
mod get_domain;
mod harvest;
mod inspire;
mod iso19115_3;
mod operations;
mod paging;
mod support;
mod transaction;
