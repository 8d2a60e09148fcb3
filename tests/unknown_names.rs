//! Names the model does not know: an unknown request member is refused before anything is
//! sent (exit 5, "did you mean", where it belongs) unless the client is lenient (`--lenient`,
//! `POOLER_LENIENT`, `cognito.with(#{ lenient: true })`); a mistyped `cognito.<operation>` is a
//! usage mistake (exit 2) with the nearest name, in `run`, `check` and `eval`.

use crate::support::server::{Reply, Server};
use crate::support::{Output, Test, assert_golden};

const UNKNOWN: &str = "tests/fixtures/errors/unknown_member.rhai";
const TYPO: &str = "tests/fixtures/errors/operation_typo.rhai";

/// `args` against an in-process server that answers `replies`; the requests it saw.
fn against(replies: Vec<Reply>, args: &[&str]) -> (Output, usize) {
    let server = Server::start(replies);
    let out = Test::new()
        .in_repo()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["run", "--endpoint-url", &server.url])
        .args(args.iter().copied())
        .run();
    (out, server.requests().len())
}

fn created() -> Vec<Reply> {
    vec![Reply::json(
        200,
        r#"{"UserPool": {"Id": "us-west-2_abc", "Name": "p"}}"#,
    )]
}

#[test]
fn an_unknown_member_is_refused_with_did_you_mean_and_where_it_belongs() {
    let (out, sent) = against(vec![], &[UNKNOWN]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(sent, 0, "nothing may be sent");
    assert_golden("unknown_member.err", &out.stderr);
}

#[test]
fn check_and_dry_run_refuse_it_too() {
    for mode in ["check", "run --dry-run"] {
        let out = Test::new()
            .in_repo()
            .args(mode.split(' '))
            .args([UNKNOWN])
            .run();
        assert_eq!(out.code, 5, "{mode}: {}", out.stderr);
        assert!(
            out.stderr.contains(
                "MfaConfig: unknown member `MfaConfig` in CreateUserPoolRequest: did you mean \
                 `MfaConfiguration`?"
            ),
            "{mode}: {}",
            out.stderr
        );
    }
}

#[test]
fn lenient_sends_unknown_members_with_a_warning() {
    let (out, sent) = against(created(), &["--lenient", UNKNOWN]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "sent\n");
    assert_eq!(sent, 1);
    assert_golden("unknown_member_lenient.err", &out.stderr);
}

#[test]
fn pooler_lenient_in_the_environment_is_the_flag() {
    for (value, code, sent) in [("1", 0, 1), ("true", 0, 1), ("0", 5, 0)] {
        let server = Server::start(created());
        let out = Test::new()
            .in_repo()
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
            .env("AWS_REGION", "us-west-2")
            .env("POOLER_LENIENT", value)
            .args(["run", "--endpoint-url", &server.url, UNKNOWN])
            .run();
        assert_eq!(out.code, code, "POOLER_LENIENT={value}: {}", out.stderr);
        assert_eq!(server.requests().len(), sent, "POOLER_LENIENT={value}");
    }
}

#[test]
fn strict_makes_a_lenient_warning_an_error_again() {
    let (out, sent) = against(created(), &["--lenient", "--strict", UNKNOWN]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(sent, 0);
}

#[test]
fn no_validate_sends_without_a_word() {
    let (out, sent) = against(created(), &["--no-validate", UNKNOWN]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("sent\n", ""));
    assert_eq!(sent, 1);
}

#[test]
fn a_lenient_client_is_lenient_alone() {
    let script = "let lenient = cognito.with(#{ lenient: true });\n\
                  lenient.create_user_pool(#{ PoolName: \"p\", MfaConfig: \"ON\" });\n\
                  print(\"lenient sent\");\n\
                  cognito.create_user_pool(#{ PoolName: \"p\", MfaConfig: \"ON\" });\n\
                  print(\"strict sent\");\n";
    let out = Test::new()
        .script(script)
        .args(["run", "--dry-run", "script.rhai"])
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(out.stdout, "lenient sent\n");
    let warning = out
        .stderr
        .find("warning: CreateUserPool: check the request");
    let error = out
        .stderr
        .find("error: CreateUserPool: the request is invalid, nothing was sent");
    assert!(
        matches!((warning, error), (Some(w), Some(e)) if w < e),
        "{}",
        out.stderr
    );
    // And back: a client made from a lenient one can be strict again.
    let out = Test::new()
        .script(
            "let c = cognito.with(#{ lenient: true }).with(#{ lenient: false });\n\
             c.create_user_pool(#{ PoolName: \"p\", MfaConfig: \"ON\" });\n",
        )
        .args(["run", "--dry-run", "script.rhai"])
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
}

#[test]
fn lenient_must_be_a_boolean() {
    let out = Test::new()
        .script("cognito.with(#{ lenient: \"yes\" });\n")
        .args(["run", "--dry-run", "script.rhai"])
        .run();
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: cognito.with: `lenient` must be true or false, not string\n"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_mistyped_operation_names_the_nearest_one_and_exits_2() {
    let out = Test::new().in_repo().args(["run", "--dry-run", TYPO]).run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_golden("operation_typo.err", &out.stderr);
    let check = Test::new().in_repo().args(["check", TYPO]).run();
    assert_eq!(check.code, 2, "{}", check.stderr);
    assert_eq!(check.stderr, out.stderr);
}

#[test]
fn eval_names_the_nearest_operation_or_helper() {
    for (expr, want) in [
        (
            "cognito.list_user_pool(#{ MaxResults: 10 })",
            "error: `cognito.list_user_pool` is no operation or helper; did you mean \
             `list_user_pools`?\n --> <eval>:1:9\n  |\n1 | cognito.list_user_pool(#{ MaxResults: 10 })\n  \
             |         ^^^^^^^^^^^^^^\n",
        ),
        (
            "cognito.ensure_user_pol(#{})",
            "error: `cognito.ensure_user_pol` is no operation or helper; did you mean \
             `ensure_user_pool`?\n --> <eval>:1:9\n  |\n1 | cognito.ensure_user_pol(#{})\n  \
             |         ^^^^^^^^^^^^^^^\n",
        ),
    ] {
        let out = Test::new().args(["--dry-run", "eval", expr]).run();
        assert_eq!(out.code, 2, "{expr}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{expr}");
        assert_eq!(out.stderr, want, "{expr}");
    }
}

#[test]
fn wrong_arguments_to_a_real_operation_are_not_called_a_typo() {
    let out = Test::new()
        .args(["--dry-run", "eval", "cognito.list_user_pools(1, 2)"])
        .run();
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .starts_with("error: Function not found: list_user_pools (cognito, i64, i64)\n"),
        "{}",
        out.stderr
    );
}
