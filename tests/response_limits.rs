//! Response bodies are decoded under the scripts' array, map and string limits
//! (`--max-array-size`, `--max-map-size`, `--max-string-size`): a body over one is an error
//! naming the limit and the operation (exit 6), refused while decoding.

use crate::support::Test;
use crate::support::server::{Reply, Server};

fn list_pools(body: String, limit: &[&str]) -> crate::support::Output {
    let server = Server::start(vec![Reply::json(200, &body)]);
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str()])
        .args(limit.iter().copied())
        .args([
            "eval",
            "cognito.list_user_pools(#{MaxResults: 60}).UserPools.len()",
        ])
        .run()
}

fn zeros(n: usize) -> String {
    let mut body = String::from("{\"UserPools\":[");
    body.push_str(&vec!["0"; n].join(","));
    body.push_str("]}");
    body
}

#[test]
fn an_array_over_the_limit_is_refused_naming_the_limit_and_operation() {
    let out = list_pools(zeros(20_001), &["--max-array-size", "20000"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains("ListUserPools"), "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "the response holds an array of more than 20000 elements (the --max-array-size limit)"
        ),
        "{}",
        out.stderr
    );
    // At the limit it is accepted.
    let out = list_pools(zeros(20_000), &["--max-array-size", "20000"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "20000");
}

#[test]
fn the_default_array_limit_holds_a_body_of_two_million_zeros() {
    let out = list_pools(zeros(2_000_000), &[]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("more than 1000000 elements"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_map_or_a_string_over_the_limit_is_refused() {
    let members: Vec<String> = (0..101).map(|i| format!("\"k{i}\":{i}")).collect();
    let body = format!("{{\"UserPools\":[],\"Extra\":{{{}}}}}", members.join(","));
    let out = list_pools(body, &["--max-map-size", "100"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a map of more than 100 members (the --max-map-size limit)"),
        "{}",
        out.stderr
    );
    let body = format!("{{\"UserPools\":[{{\"Name\":\"{}\"}}]}}", "x".repeat(5000));
    let out = list_pools(body, &["--max-string-size", "4096"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("a string longer than 4096 bytes (the --max-string-size limit)"),
        "{}",
        out.stderr
    );
}
