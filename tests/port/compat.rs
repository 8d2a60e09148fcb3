//! The Chilkat-compatible objects behave like Chilkat's: `FullRequestSb` answers false and
//! sets `LastErrorText` and `ConnectFailReason` when no answer comes (it does not throw), a
//! service error is a normal answer with its status, header and body, and the getters answer
//! in every spelling Chilkat ships.

use crate::support::Test;
use crate::support::server::{Reply, Server};

const SETUP: &str = r#"let rest = CkRest();
let auth = CkAuthAws();
auth.Region = "eu-west-1";
rest.SetAuthAws(auth);
rest.AddHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.ListUserPools");
let req = CkStringBuilder();
req.Append("{\"MaxResults\":5}");
let resp = CkStringBuilder();
let ok = rest.FullRequestSb("POST", "/", req, resp);
"#;

fn run(script: &str, url: &str) -> crate::support::Output {
    Test::new()
        .script(&format!("{SETUP}{script}"))
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .args([
            "run",
            "--max-attempts",
            "1",
            "--endpoint-url",
            url,
            "script.rhai",
        ])
        .run()
}

#[test]
fn no_answer_is_false_with_last_error_text_and_a_connect_fail_reason() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let out = run(
        "print(ok);\nprint(rest.ResponseStatusCode);\nprint(rest.ConnectFailReason);\nprint(rest.LastErrorText != \"\");\nprint(resp.GetAsString() == \"\");\n",
        &url,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    // 7: Chilkat's "connect rejected (or failed for some other reason)".
    assert_eq!(out.stdout, "false\n0\n7\ntrue\ntrue\n", "{}", out.stderr);
}

#[test]
fn a_name_that_does_not_resolve_is_connect_fail_reason_2() {
    // `.invalid` never resolves (RFC 2606); the reason comes from the failure's kind.
    let out = run(
        "print(ok);\nprint(rest.ConnectFailReason);\nprint(rest.LastErrorText.starts_with(\"NetworkError: DNS lookup failed (\"));\n",
        "https://pooler-test.invalid",
    );
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "false\n2\ntrue\n", "")
    );
}

#[test]
fn a_service_error_is_an_answer_with_its_status_header_and_body() {
    let body = r#"{"__type":"NotAuthorizedException","message":"denied"}"#;
    let mut reply = Reply::json(400, body);
    reply
        .headers
        .push(("x-amzn-RequestId".into(), "rid-77".into()));
    let server = Server::start(vec![reply]);
    let out = run(
        "print(ok);\nprint(rest.ResponseStatusCode);\nprint(rest.ResponseHeader.contains(\"rid-77\"));\nprint(resp.GetAsString());\nprint(rest.ConnectFailReason);\nprint(rest.LastErrorText);\n",
        &server.url,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, format!("true\n400\ntrue\n{body}\n0\n\n"));
}

#[test]
fn getters_answer_in_every_spelling() {
    let server = Server::start(vec![Reply::json(200, r#"{"UserPools":[{"Id":"p1"}]}"#)]);
    let out = run(
        r#"print(rest.get_ResponseStatusCode());
print(rest.ResponseStatusCode());
print(rest.responseStatusCode());
print(rest.lastErrorText() == rest.LastErrorText);
print(rest.get_ConnectFailReason());
print(rest.responseHeader() == rest.ResponseHeader);
print(resp.getAsString() == resp.GetAsString());
let j = CkJsonObject();
j.LoadSb(resp);
print(j.stringOf("UserPools[0].Id") + j.StringOf("UserPools[0].Id"));
print(j.sizeOfArray("UserPools"));
print(j.emit() == j.Emit());
"#,
        &server.url,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "200\n200\n200\ntrue\n0\ntrue\ntrue\np1p1\n1\ntrue\n"
    );
}
