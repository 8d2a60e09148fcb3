//! What scripts can call, one file per area, each with its own `register`.

pub mod bulk;
pub mod bulk_opts;
pub mod bulk_pace;
pub mod bulk_resume;
pub mod chilkat;
pub mod cognito;
pub mod cognito_call;
pub mod convert;
pub mod ensure;
pub mod ensure_diff;
pub mod ensure_find;
pub mod ensure_kinds;
pub mod ensure_pool;
pub mod import;
pub mod json;
pub mod json_doc;
pub mod lint;
pub mod path;
pub mod plan;
pub mod progress;
pub mod transcript;
pub mod util;

use rhai::Engine;

use crate::interrupt::Interrupt;

/// Registers every host area that needs no AWS configuration.
pub fn register_base(engine: &mut Engine, interrupt: &Interrupt) {
    json::register(engine);
    util::register(engine, interrupt);
}
