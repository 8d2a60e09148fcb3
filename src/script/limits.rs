//! The engine's safety limits, every one set explicitly (Rhai's defaults differ between debug and
//! release builds), with values from the command line or the environment.

use rhai::Engine;

use crate::cli::LimitArgs;

/// Applies every limit to `engine`; 0 means "no limit" where Rhai allows it.
pub fn apply(engine: &mut Engine, limits: &LimitArgs) {
    engine.set_max_operations(limits.max_operations);
    engine.set_max_call_levels(limits.max_call_depth);
    let depth = limits.max_expr_depth;
    engine.set_max_expr_depths(depth, (depth / 2).max(1));
    engine.set_max_string_size(limits.max_string_size);
    engine.set_max_array_size(limits.max_array_size);
    engine.set_max_map_size(limits.max_map_size);
    engine.set_max_modules(1_000);
    engine.set_max_variables(100_000);
    engine.set_max_functions(100_000);
}
