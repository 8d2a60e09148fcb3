//! Rhai-free services: exporting a live pool as a script, importing users through import jobs.

pub mod export;
pub mod import;
