//! Reading a member that is not there prints a one-line hint with the nearest names, in `run`
//! and in `check` (on its synthesized answers), once per place, and the value stays `()`.

use crate::support::{Test, assert_golden};

const SCRIPT: &str = "tests/fixtures/hints/misspelled.rhai";

#[test]
fn run_hints_at_each_misspelled_member_once_and_reads_unit() {
    let out = Test::new()
        .in_repo()
        .args(["run", "--dry-run", SCRIPT])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "no name\nno name\nno name\ntrue\ntrue\ntrue\ntrue\ntrue\ntrue\n1\ntrue\n"
    );
    assert_golden("member_hint_run.err", &out.stderr);
}

#[test]
fn check_hints_the_same_on_its_synthesized_answers() {
    let out = Test::new().in_repo().args(["check", SCRIPT]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_golden("member_hint_check.err", &out.stderr);
}

/// `AcrConfiguration` is a member of `UserPoolType` that an answer may leave out; its
/// neighbour `DcrConfiguration` is there. The answer's shape knows better than its keys.
#[test]
fn a_member_the_shape_has_is_read_without_a_hint_when_the_answer_leaves_it_out() {
    let out = Test::new()
        .script(
            "let pool = cognito.describe_user_pool(#{ UserPoolId: \"us-east-1_x\" }).UserPool;\n\
             pool.remove(\"AcrConfiguration\");\n\
             print(pool.DcrConfiguration != ());\n\
             print(pool.AcrConfiguration == ());\n",
        )
        .args(["run", "--dry-run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "true\ntrue\n");
    assert_eq!(
        out.stderr,
        "dry run: requests are validated and signed, nothing is sent\n"
    );
}
