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
    (
        "2",
        "`pooler plan --detailed-exitcode` only: the plan has changes to make, or an ensured pool holds objects the script does not declare",
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

#[cfg(test)]
mod tests {
    /// Every code this module (and `stdout::BROKEN_PIPE`) defines has a row of its own in the
    /// table: two constants of one value (`USAGE`, `PLAN_CHANGES`) need two rows of that code.
    #[test]
    fn every_exit_code_has_a_row_of_its_own() {
        let source = include_str!("exit.rs").to_string() + include_str!("stdout.rs");
        let rows = |value: &str| {
            super::TABLE
                .iter()
                .filter(|(code, _)| code.split(" / ").any(|c| c == value))
                .count()
        };
        let mut constants: Vec<(&str, &str)> = Vec::new();
        for line in source.lines() {
            let Some(rest) = line.strip_prefix("pub const ") else {
                continue;
            };
            if let Some((name, value)) = rest.split_once(": i32 = ") {
                constants.push((name, value.trim_end_matches(';')));
            }
        }
        assert!(
            constants.len() >= 12,
            "only {} codes found",
            constants.len()
        );
        for (name, value) in &constants {
            let same: Vec<&str> = constants
                .iter()
                .filter(|(_, v)| v == value)
                .map(|(n, _)| *n)
                .collect();
            assert!(
                rows(value) >= same.len(),
                "{name} ({value}): {} row(s) for {same:?}",
                rows(value)
            );
        }
    }
}
