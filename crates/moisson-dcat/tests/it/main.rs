//! Integration tests of moisson-dcat: mapping coverage, round trips, paging over a store,
//! the HTTP layer, the SEMIC reference outputs and the shared DCAT samples.

mod fixtures;
#[cfg(feature = "http")]
mod http;
#[cfg(feature = "http")]
mod kept;
mod mapping;
mod roundtrip;
mod samples;
mod semic;
mod stream;
mod translations;
