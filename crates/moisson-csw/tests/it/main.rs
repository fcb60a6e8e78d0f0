//! Integration tests of the CSW endpoint: in-process actix over a real SQLite store loaded
//! with `tests/data`, every response validated with xmllint against `tests/data/xsd`.

mod harvest;
mod operations;
mod paging;
mod support;
mod transaction;
