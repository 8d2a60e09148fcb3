//! The engine's safety limits, every one set explicitly (Rhai's defaults differ between debug and
//! release builds), with values from the command line or the environment, and the stack they
//! need: the binary runs on a thread sized by [`stack_for`], and depth limits never exceed what
//! that stack holds, so a deep script ends with a limit error, never with an abort.

use std::sync::atomic::{AtomicUsize, Ordering};

use rhai::Engine;

use crate::cli::LimitArgs;

/// Stack kept for everything but script nesting: host calls, deep documents and their walks.
pub const RESERVE: usize = 256 << 20;
/// Stack one level of function calls may use (measured about 40 KiB in debug builds).
pub const PER_CALL: usize = 48 << 10;
/// Stack one level of expression nesting may use, to parse and to run it (about 18 KiB).
pub const PER_EXPR: usize = 24 << 10;
/// Extra stack when a depth limit is 0 ("as deep as the stack allows").
pub const UNLIMITED_EXTRA: usize = 768 << 20;

/// The stack of the thread scripts run on, once the binary has set it (0: unknown).
static STACK: AtomicUsize = AtomicUsize::new(0);

/// The stack a run with these limits needs; `None` when it does not fit in the address space.
pub fn stack_for(limits: &LimitArgs) -> Option<usize> {
    let calls = limits.max_call_depth.checked_mul(PER_CALL)?;
    let exprs = limits.max_expr_depth.checked_mul(PER_EXPR)?;
    let unlimited = limits.max_call_depth == 0 || limits.max_expr_depth == 0;
    let extra = if unlimited { UNLIMITED_EXTRA } else { 0 };
    RESERVE
        .checked_add(calls)?
        .checked_add(exprs)?
        .checked_add(extra)
}

/// Records the stack of the thread scripts run on (the binary calls it before running).
pub fn set_stack(bytes: usize) {
    STACK.store(bytes, Ordering::SeqCst);
}

/// Call and expression depths to give the engine: the configured ones, with 0 ("no limit")
/// replaced by what the known stack holds. Unknown stack (a library caller): as configured.
pub fn depths(limits: &LimitArgs) -> (usize, usize) {
    depths_in(STACK.load(Ordering::SeqCst), limits)
}

/// [`depths`] for a given stack size.
fn depths_in(stack: usize, limits: &LimitArgs) -> (usize, usize) {
    let (calls, exprs) = (limits.max_call_depth, limits.max_expr_depth);
    if stack == 0 || (calls != 0 && exprs != 0) {
        return (calls, exprs);
    }
    let budget = stack.saturating_sub(RESERVE);
    match (calls, exprs) {
        (0, 0) => (
            (budget / 2 / PER_CALL).max(1),
            (budget / 2 / PER_EXPR).max(1),
        ),
        (0, e) => (
            (budget.saturating_sub(e.saturating_mul(PER_EXPR)) / PER_CALL).max(1),
            e,
        ),
        (c, _) => (
            c,
            (budget.saturating_sub(c.saturating_mul(PER_CALL)) / PER_EXPR).max(1),
        ),
    }
}

/// Applies every limit to `engine`. Depth limits of 0 become what the stack holds; the size
/// limits apply to each array, map and string on its own (see [`super::size_limits`]).
pub fn apply(engine: &mut Engine, limits: &LimitArgs) {
    engine.set_max_operations(limits.max_operations);
    let (calls, depth) = depths(limits);
    engine.set_max_call_levels(calls);
    engine.set_max_expr_depths(depth, (depth / 2).max(1));
    super::size_limits::apply(engine, limits);
    engine.set_max_modules(1_000);
    engine.set_max_variables(100_000);
    engine.set_max_functions(100_000);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn limits(calls: usize, exprs: usize) -> LimitArgs {
        LimitArgs {
            max_operations: 1,
            max_call_depth: calls,
            max_expr_depth: exprs,
            max_string_size: 1,
            max_array_size: 1,
            max_map_size: 1,
        }
    }

    #[test]
    fn the_stack_grows_with_the_depth_limits() {
        let small = stack_for(&limits(64, 64)).expect("fits");
        let deep = stack_for(&limits(5_000, 64)).expect("fits");
        assert!(deep >= small + 4_936 * PER_CALL);
        assert!(stack_for(&limits(usize::MAX / 2, 64)).is_none());
        assert_eq!(
            stack_for(&limits(0, 64)).expect("fits"),
            small - 64 * PER_CALL + UNLIMITED_EXTRA
        );
    }

    #[test]
    fn a_zero_depth_becomes_what_the_stack_holds() {
        let l = limits(100, 0);
        let stack = stack_for(&l).expect("fits");
        let (calls, exprs) = depths_in(stack, &l);
        assert_eq!(calls, 100);
        assert_eq!(exprs, UNLIMITED_EXTRA / PER_EXPR);
        assert_eq!(depths_in(0, &l), (100, 0));
        assert_eq!(depths_in(stack, &limits(7, 9)), (7, 9));
    }
}
