//! The Rhai side of pooler: engine set-up, limits, module resolution and diagnostics.

pub mod diagnostics;
pub mod engine;
pub mod frame_redact;
pub mod limits;
pub mod resolver;
pub mod runner;
pub mod size_limits;
pub mod sources;
pub mod stdlib;
