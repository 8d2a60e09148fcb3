//! What moto cannot produce, against an in-process server: an AliasExistsException from a bulk
//! AdminCreateUser is a failure, not "already there"; a repeated pagination token is an error
//! naming the operation.

use crate::support::server::{Reply, Server};
use crate::support::{Test, assert_golden};

fn against(server: &Server) -> Test {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .args(["--endpoint-url", server.url.as_str()])
}

#[test]
fn an_alias_owned_by_another_user_is_a_failure_not_already_there() {
    let server = Server::start(vec![
        // The probe: no such user yet.
        Reply::json(
            400,
            r#"{"__type":"UserNotFoundException","message":"User does not exist."}"#,
        ),
        // The write: the email belongs to someone else.
        Reply::json(
            400,
            r#"{"__type":"AliasExistsException","message":"An account with the email already exists."}"#,
        ),
    ]);
    let out = against(&server)
        .script(
            r#"let s = cognito.admin_create_users("us-west-2_abc",
                   [#{ Username: "alice", MessageAction: "SUPPRESS" }], #{ progress: false });
               print(`done=${s.done} skipped=${s.skipped} failed=${s.failed.len()}`);
               for f in s.failed { throw `${f.key}: ${f.type}: ${f.message}`; }"#,
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.stdout, "done=0 skipped=0 failed=1\n");
    assert_golden("alias_exists_failed.err", &out.stderr);
    assert_eq!(out.code, 4, "a runtime error");
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn a_repeated_pagination_token_is_an_error_naming_the_operation() {
    let page = r#"{"Groups":[{"GroupName":"g"}],"NextToken":"same"}"#;
    let server = Server::start(vec![Reply::json(200, page), Reply::json(200, page)]);
    let out = against(&server)
        .script(r#"print(cognito.paginate("ListGroups", #{ UserPoolId: "us-west-2_abc" }).len());"#)
        .args(["run", "script.rhai"])
        .run();
    assert_ne!(out.code, 0, "{}", out.stdout);
    assert!(
        out.stderr
            .contains("ListGroups: the service returned the same NextToken twice"),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len(), 2, "stopped at the repeat");
}
