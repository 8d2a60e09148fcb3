//! Files pooler creates that can hold user data or typed secrets are 0600: the transcript and
//! a bulk run's resume file (created or tightened); a resume `key` naming a secret is refused.
//! (`:save` is in `repl/features.rs`.)

use std::os::unix::fs::PermissionsExt;

use crate::support::Test;
use crate::support::throttle::ThrottledServer;

fn mode(path: &std::path::Path) -> u32 {
    std::fs::metadata(path)
        .expect("the file exists")
        .permissions()
        .mode()
        & 0o777
}

#[test]
fn the_transcript_is_created_0600_and_an_existing_one_tightened() {
    let t = Test::new();
    let transcript = t.path().join("t.jsonl");
    let out = t
        .args([
            "--dry-run",
            "--transcript",
            transcript.to_str().unwrap(),
            "eval",
        ])
        .args(["cognito.list_user_pools(#{MaxResults: 1})"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(&transcript), 0o600);

    let t = Test::new();
    let transcript = t.path().join("t.jsonl");
    std::fs::write(&transcript, "").unwrap();
    std::fs::set_permissions(&transcript, std::fs::Permissions::from_mode(0o644)).unwrap();
    let out = t
        .args([
            "--dry-run",
            "--transcript",
            transcript.to_str().unwrap(),
            "eval",
        ])
        .args(["cognito.list_user_pools(#{MaxResults: 1})"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(mode(&transcript), 0o600);
}

fn bulk(server: &ThrottledServer, opts: &str) -> (crate::support::Output, std::path::PathBuf) {
    let script = format!(
        r#"let users = [#{{ Username: "u1", TemporaryPassword: "Sentinel-Pw-1!", MessageAction: "SUPPRESS" }}];
let s = cognito.admin_create_users("us-west-2_abc", users, {opts});
print(`done=${{s.done}}`);"#
    );
    let t = Test::new().script(&script);
    let dir = t.path().to_path_buf();
    let out = t
        .args(["run", "--endpoint-url", &server.url, "script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run();
    (out, dir)
}

#[test]
fn a_resume_file_is_created_0600() {
    let server = ThrottledServer::start(1000.0, &[]);
    let (out, dir) = bulk(&server, r#"#{progress: false, resume: "resume.jsonl"}"#);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "done=1");
    assert_eq!(mode(&dir.join("resume.jsonl")), 0o600);
}

#[test]
fn a_resume_key_naming_a_secret_is_refused_before_anything_is_sent() {
    let server = ThrottledServer::start(1000.0, &[]);
    let (out, dir) = bulk(
        &server,
        r#"#{progress: false, resume: "resume.jsonl", key: "TemporaryPassword"}"#,
    );
    // A bad bulk option, like the others: a runtime error.
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`key: \"TemporaryPassword\"` names a secret"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("Sentinel-Pw-1!"), "{}", out.stderr);
    assert!(server.created().is_empty(), "nothing sent");
    assert!(!dir.join("resume.jsonl").exists(), "no resume file");
}
