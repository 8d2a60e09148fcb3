//! Retry settings (`retry_mode`, `max_attempts`) from the environment and the profile are read
//! and checked by pooler: a bad value is a configuration error naming the key and its source
//! (exit 2 for the environment, 7 for a profile), never a panic inside aws-config.

use crate::support::Test;
use crate::support::server::{Reply, Server};
use crate::support::throttle::ThrottledServer;

const LIST: &str = "cognito.list_user_pools(#{MaxResults: 1})";

/// A config file with profile `p` (static keys, a region) and the given extra lines.
fn with_profile(extra: &str) -> Test {
    let t = Test::new();
    let config = t.path().join("config");
    std::fs::write(
        &config,
        format!(
            "[profile p]\nregion = us-east-1\naws_access_key_id = AKIDPROFILE\n\
             aws_secret_access_key = profile-secret\n{extra}"
        ),
    )
    .expect("write config");
    let path = config.display().to_string();
    t.env("AWS_CONFIG_FILE", &path)
}

fn assert_no_panic(stderr: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
}

#[test]
fn bad_profile_retry_settings_are_configuration_errors() {
    for (line, key, value) in [
        ("retry_mode = bogus", "retry_mode", "bogus"),
        ("max_attempts = abc", "max_attempts", "abc"),
        ("max_attempts = 0", "max_attempts", "0"),
        ("max_attempts = 101", "max_attempts", "101"),
    ] {
        let out = with_profile(&format!("{line}\n"))
            .args([
                "--profile",
                "p",
                "--endpoint-url",
                "http://127.0.0.1:9",
                "eval",
                LIST,
            ])
            .run();
        assert_no_panic(&out.stderr);
        assert_eq!(out.code, 7, "{line}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "configuration error: `{key}` of profile `p`: `{value}` is not"
            )),
            "{line}: {}",
            out.stderr
        );
        assert!(
            out.stderr.contains("config)"),
            "names the file: {}",
            out.stderr
        );
    }
}

#[test]
fn profile_legacy_mode_and_attempts_are_used() {
    let server = Server::start(vec![Reply::json(
        500,
        r#"{"__type":"InternalErrorException","message":"down"}"#,
    )]);
    let out = with_profile("retry_mode = legacy\nmax_attempts = 2\n")
        .env("POOLER_RETRY_BASE_MS", "1")
        .args([
            "--profile",
            "p",
            "--endpoint-url",
            &server.url,
            "eval",
            LIST,
        ])
        .run();
    assert_no_panic(&out.stderr);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(
        server.requests().len(),
        2,
        "max_attempts = 2 from the profile"
    );
}

#[test]
fn legacy_mode_from_the_environment_is_accepted() {
    // No keys in the environment: aws-config's chain is built (it used to panic here).
    let server = Server::start(vec![Reply::json(200, r#"{"UserPools":[]}"#)]);
    let out = with_profile("")
        .env("AWS_RETRY_MODE", "legacy")
        .args([
            "--profile",
            "p",
            "--endpoint-url",
            &server.url,
            "eval",
            LIST,
        ])
        .run();
    assert_no_panic(&out.stderr);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.requests().len(), 1);
}

#[test]
fn bad_environment_retry_settings_are_usage_errors() {
    for (name, value) in [
        ("AWS_RETRY_MODE", "bogus"),
        ("AWS_MAX_ATTEMPTS", "abc"),
        ("AWS_MAX_ATTEMPTS", "0"),
    ] {
        let server = Server::start(vec![Reply::json(200, r#"{"UserPools":[]}"#)]);
        let out = with_profile("")
            .env(name, value)
            .args([
                "--profile",
                "p",
                "--endpoint-url",
                &server.url,
                "eval",
                LIST,
            ])
            .run();
        assert_no_panic(&out.stderr);
        assert_eq!(out.code, 2, "{name}={value}: {}", out.stderr);
        assert!(
            out.stderr
                .contains(&format!("error: {name}: `{value}` is not")),
            "{name}={value}: {}",
            out.stderr
        );
        assert!(server.requests().is_empty(), "nothing sent");
    }
}

#[test]
fn the_environment_outranks_the_profile() {
    let server = Server::start(vec![Reply::json(
        500,
        r#"{"__type":"InternalErrorException","message":"down"}"#,
    )]);
    let out = with_profile("max_attempts = 5\n")
        .env("AWS_MAX_ATTEMPTS", "2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .args([
            "--profile",
            "p",
            "--endpoint-url",
            &server.url,
            "eval",
            LIST,
        ])
        .run();
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(server.requests().len(), 2);
    let server = Server::start(vec![Reply::json(
        500,
        r#"{"__type":"InternalErrorException","message":"down"}"#,
    )]);
    let out = with_profile("max_attempts = 5\n")
        .env("AWS_MAX_ATTEMPTS", "4")
        .env("POOLER_RETRY_BASE_MS", "1")
        .args([
            "--max-attempts",
            "1",
            "--profile",
            "p",
            "--endpoint-url",
            &server.url,
            "eval",
            LIST,
        ])
        .run();
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(server.requests().len(), 1, "the flag outranks both");
}

/// A script creating `a` (which takes the server's one token) then `b` (throttled).
const TWO_CREATIONS: &str = r#"
cognito.admin_create_user(#{ UserPoolId: "us-west-2_abc", Username: "a", MessageAction: "SUPPRESS" });
cognito.admin_create_user(#{ UserPoolId: "us-west-2_abc", Username: "b", MessageAction: "SUPPRESS" });
"#;

fn throttled_run(server: &ThrottledServer, extra: &[&str]) -> crate::support::Output {
    Test::new()
        .script(TWO_CREATIONS)
        .args([
            "run",
            "--endpoint-url",
            &server.url,
            "--quota",
            "UserCreation=1000",
        ])
        .args(extra.iter().copied())
        .args(["script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .run()
}

#[test]
fn max_attempts_bounds_paced_throttling_retries() {
    // One creation a thousand seconds: after `a`, every creation is throttled.
    let server = ThrottledServer::start(0.001, &[]);
    let out = throttled_run(&server, &["--max-attempts", "1"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains("TooManyRequestsException"),
        "{}",
        out.stderr
    );
    assert_eq!(server.created().len(), 1);
    assert_eq!(
        server.throttled(),
        1,
        "--max-attempts 1: one attempt, pacing on"
    );

    let server = ThrottledServer::start(0.001, &[]);
    let out = throttled_run(&server, &["--max-attempts", "2"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(server.throttled(), 2, "--max-attempts 2: two attempts");
}
