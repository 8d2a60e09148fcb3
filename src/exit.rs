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

/// The exit-code table as documented: the code(s), then what they mean. The man page's EXIT
/// STATUS is drawn from it, and docs/cli.md holds the same rows (a test compares them).
pub const TABLE: &[(&str, &str)] = &[
    ("0", "success"),
    (
        "1",
        "a file could not be read or written (standard output included)",
    ),
    (
        "2",
        "usage: bad command line, bad option value, unknown operation (`cognito.list_user_pool(…)`, `cognito.call(\"NoSuch\", …)`)",
    ),
    ("3", "compile error: syntax, missing module"),
    (
        "4",
        "runtime error: uncaught `throw`, type error, limit hit",
    ),
    (
        "5",
        "validation: a request broke the API model (a member it does not know included, unless `--lenient`), so nothing was sent",
    ),
    ("6", "service error the script did not catch"),
    (
        "7",
        "network, timeout, endpoint, credentials or region problem, a proxy that refused the tunnel; an import upload that got no answer",
    ),
    (
        "130 / 143",
        "interrupted by Ctrl-C / SIGTERM, also while a script or module is being compiled (`interrupted while compiling`)",
    ),
    ("141", "standard output was closed by its reader"),
];
