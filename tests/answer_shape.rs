//! pooler's own readers (ensure, plan, export) rely on an answer's shape, so an answer that
//! breaks the operation's output shape (a number where the model has a structure, a page longer
//! than its limit allows) is refused before it is built, naming the place (exit 6); a script's
//! own call still gets whatever the service said (see `response_limits`).

use crate::support::server::{Reply, Server};
use crate::support::{Output, Test, assert_golden};

/// Runs `args` against a server answering `body` to every request; its port reads `PORT` in
/// stderr.
fn against(body: &str, script: Option<&str>, args: &[&str]) -> (Output, Vec<String>) {
    let server = Server::start(vec![Reply::json(200, body)]);
    let mut test = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str()])
        .args(args.iter().copied());
    if let Some(text) = script {
        test = test.script(text);
    }
    let out = test.run();
    let out = Output {
        stderr: out.stderr.replace(&server.url, "http://127.0.0.1:PORT"),
        ..out
    };
    let operations = server
        .requests()
        .iter()
        .map(|r| r.operation().to_string())
        .collect();
    (out, operations)
}

#[test]
fn ensure_refuses_a_pool_list_of_numbers_and_creates_nothing() {
    let (out, operations) = against(
        r#"{"UserPools":[0,0,0]}"#,
        None,
        &["eval", r#"cognito.ensure_user_pool(#{PoolName: "p"})"#],
    );
    assert_eq!((out.code, out.stdout.as_str()), (6, ""), "{}", out.stderr);
    assert_golden("answer_shape_ensure.err", &out.stderr);
    assert_eq!(operations, ["ListUserPools"], "nothing is created");
}

#[test]
fn a_plan_refuses_a_page_longer_than_its_limit_allows() {
    let items = vec![r#"{"Id":"us-west-2_x","Name":"other"}"#; 61].join(",");
    let (out, operations) = against(
        &format!(r#"{{"UserPools":[{items}]}}"#),
        Some("cognito.ensure_user_pool(#{ PoolName: \"p\" });\n"),
        &["plan", "script.rhai"],
    );
    assert_eq!((out.code, out.stdout.as_str()), (6, ""), "{}", out.stderr);
    assert_golden("answer_shape_plan.err", &out.stderr);
    assert_eq!(operations, ["ListUserPools"]);
}

#[test]
fn export_refuses_a_pool_whose_schema_is_not_a_list_of_attributes() {
    let (out, operations) = against(
        r#"{"UserPool":{"Id":"us-west-2_abc","Name":"p","SchemaAttributes":["sub"]}}"#,
        None,
        &["export", "us-west-2_abc"],
    );
    assert_eq!((out.code, out.stdout.as_str()), (6, ""), "{}", out.stderr);
    assert_golden("answer_shape_export.err", &out.stderr);
    assert_eq!(operations, ["DescribeUserPool"]);
}

#[test]
fn a_script_s_own_call_still_gets_what_the_service_said() {
    let (out, _) = against(
        r#"{"UserPools":[0,0,0]}"#,
        None,
        &[
            "eval",
            "cognito.list_user_pools(#{MaxResults: 60}).UserPools",
        ],
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "[\n  0,\n  0,\n  0\n]\n", "")
    );
}
