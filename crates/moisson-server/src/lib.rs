//! The `moisson` binary as a library: configuration, HTTP wiring and commands.
#![doc = include_str!("../README.md")]

pub mod accounts;
pub mod api_docs;
pub mod app;
pub mod cli;
pub mod commands;
pub mod config;
pub mod database;
pub mod export;
pub mod harvest_cli;
pub mod head;
pub mod http;
pub mod import;
pub mod logging;
pub mod overviews;
pub mod progress;
pub mod serve;
pub mod thesauri;
