//! The Rhai side of pooler: engine set-up, limits, module resolution and diagnostics.

pub mod diagnostics;
pub mod engine;
pub mod limits;
pub mod locate;
pub mod observer;
pub mod resolver;
pub mod runner;
pub mod setup;
pub mod size_limits;
pub mod sources;
pub mod stdlib;
