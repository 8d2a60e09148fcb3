//! The documented exit codes, one per failure class.

/// Everything went well.
pub const SUCCESS: i32 = 0;
/// A file could not be read or written, or another failure outside the script.
pub const FAILURE: i32 = 1;
/// The command line was wrong (clap's own code).
pub const USAGE: i32 = 2;
/// `pooler plan --detailed-exitcode`: the plan found changes to make (like Terraform's 2).
pub const PLAN_CHANGES: i32 = 2;
/// The script did not compile (syntax error, bad import).
pub const COMPILE: i32 = 3;
/// The script failed while running: an uncaught `throw`, a type error, a limit hit.
pub const RUNTIME: i32 = 4;
/// A request failed validation against the API model, so it was not sent.
pub const VALIDATION: i32 = 5;
/// The service answered with an error that the script did not catch.
pub const SERVICE: i32 = 6;
/// No answer: network failure, timeout, bad endpoint, missing credentials or region.
pub const NETWORK: i32 = 7;
/// Stopped by Ctrl-C (SIGINT).
pub const INTERRUPTED: i32 = 130;
/// Stopped by SIGTERM.
pub const TERMINATED: i32 = 143;
