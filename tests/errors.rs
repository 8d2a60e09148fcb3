//! Error output: golden files for each kind of script failure, and their exit codes.

use crate::support::{Test, assert_golden};

fn run_fixture(name: &str, extra: &[&str]) -> crate::support::Output {
    Test::new()
        .in_repo()
        .args(["run"])
        .args(extra.iter().copied())
        .args([format!("tests/fixtures/errors/{name}.rhai")])
        .run()
}

#[test]
fn syntax_error_shows_a_code_frame_and_exits_3() {
    let out = run_fixture("syntax", &[]);
    assert_eq!(out.code, 3);
    assert_golden("syntax.err", &out.stderr);
}

#[test]
fn runtime_error_inside_a_stdlib_function_shows_the_call_chain() {
    let out = run_fixture("stdlib_runtime", &[]);
    assert_eq!(out.code, 4);
    assert_golden("stdlib_runtime.err", &out.stderr);
}

#[test]
fn runaway_loop_stops_at_the_operation_limit() {
    let out = run_fixture("limit", &["--max-operations", "10000"]);
    assert_eq!(out.code, 4);
    assert_golden("limit.err", &out.stderr);
}

#[test]
fn error_in_nested_functions_lists_each_call() {
    let out = run_fixture("nested_call", &[]);
    assert_eq!(out.code, 4);
    assert_golden("nested_call.err", &out.stderr);
}

#[test]
fn check_reports_a_syntax_error_without_running() {
    let out = Test::new()
        .in_repo()
        .args(["check", "tests/fixtures/errors/syntax.rhai"])
        .run();
    assert_eq!(out.code, 3);
    assert_eq!(out.stdout, "");
    assert!(
        out.stderr.contains("tests/fixtures/errors/syntax.rhai:4:"),
        "{}",
        out.stderr
    );
}

#[test]
fn deep_recursion_hits_the_call_depth_limit() {
    let out = Test::new()
        .script("fn f(n) { f(n + 1) }\nf(0);\n")
        .args(["run", "--max-call-depth", "20", "script.rhai"])
        .run();
    assert_eq!(out.code, 4);
    assert!(out.stderr.contains("--max-call-depth"), "{}", out.stderr);
}

#[test]
fn string_size_limit_is_enforced() {
    let out = Test::new()
        .script("let s = \"x\";\nloop { s += s; }\n")
        .args(["run", "--max-string-size", "1000", "script.rhai"])
        .run();
    assert_eq!(out.code, 4);
    assert!(out.stderr.contains("--max-string-size"), "{}", out.stderr);
}

#[test]
fn uncaught_throw_exits_4_with_the_thrown_text() {
    let out = Test::new()
        .script("throw \"no pool for you\";\n")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 4);
    assert!(
        out.stderr.starts_with("error: no pool for you\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn missing_script_file_is_a_clear_error() {
    let out = Test::new().args(["run", "nope.rhai"]).run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr.contains("cannot read `nope.rhai`"),
        "{}",
        out.stderr
    );
}

#[test]
fn unknown_flag_is_a_usage_error() {
    let out = Test::new().args(["run", "--no-such-flag", "x.rhai"]).run();
    assert_eq!(out.code, 2);
}

#[test]
fn missing_module_is_a_compile_class_error() {
    let out = Test::new()
        .script("import \"nowhere/at_all\" as x;\n")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 3);
    assert!(
        out.stderr.contains("module `nowhere/at_all` not found"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_validation_error_points_at_the_member_that_is_wrong() {
    let out = Test::new()
        .in_repo()
        .env("AWS_REGION", "us-west-2")
        .args([
            "run",
            "--dry-run",
            "tests/fixtures/errors/member_caret.rhai",
        ])
        .run();
    assert_eq!(out.code, 5);
    assert_golden("member_caret.err", &out.stderr);
}

#[test]
fn check_reports_every_invalid_request_and_exits_5() {
    let out = Test::new()
        .in_repo()
        .env("AWS_REGION", "us-west-2")
        .args(["check", "tests/fixtures/errors/check_every_problem.rhai"])
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "check prints nothing but problems");
    assert_golden("check_every_problem.err", &out.stderr);
}

/// `catch (e) { throw e; }` reports the original error: its message, class and exit code, the
/// caret on the member where the call failed, and a note naming the rethrow.
#[test]
fn a_rethrown_error_is_reported_where_it_first_happened() {
    let out = Test::new()
        .in_repo()
        .env("AWS_REGION", "us-west-2")
        .args(["run", "--dry-run", "tests/fixtures/errors/rethrow.rhai"])
        .run();
    assert_eq!((out.code, out.stdout.as_str()), (5, ""));
    assert_golden("rethrow.err", &out.stderr);
}

/// The same for an error of the script itself (Rhai hands `catch` a map of it): its message
/// at its place, the rethrow named, exit 4; not the map as JSON.
#[test]
fn a_rethrown_script_error_is_reported_where_it_first_happened() {
    let out = Test::new()
        .in_repo()
        .args(["run", "tests/fixtures/errors/rethrow_rhai.rhai"])
        .run();
    assert_eq!((out.code, out.stdout.as_str()), (4, ""));
    assert_golden("rethrow_rhai.err", &out.stderr);
}
