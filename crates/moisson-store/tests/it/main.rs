//! The one integration test binary of moisson-store: the backend conformance suite
//! and the backends that run it.

mod builder;
mod conformance;
mod durability;
mod harvest;
mod pg;
mod sqlite;
mod thesauri;
