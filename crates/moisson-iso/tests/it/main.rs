//! moisson-iso integration tests: samples, round trips, schema validation, hardening.

mod coupling;
mod fgdc;
mod fields;
mod hardening;
mod i18n;
mod iso3;
mod merge;
mod merge_dc;
mod merge_iso3;
mod relations;
mod roundtrip;
mod samples;
mod schema;
