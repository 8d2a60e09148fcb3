//! What a run writes besides its output: the transcript survives several runs sharing it, a
//! transcript that cannot be written fails the run, and a bulk item is keyed by its `key`
//! member or its position, never by its whole input (which may hold a password).

use crate::support::Test;
use crate::support::server::{Reply, Server};

const PASSWORD: &str = "SNTLitemPASSWORD9!";

fn dry(script: &str, args: &[&str]) -> Test {
    Test::new()
        .env("AWS_REGION", "us-west-2")
        .script(script)
        .args(args.iter().copied())
}

#[test]
fn a_transcript_that_cannot_be_written_fails_the_run() {
    let out = dry(
        r#"cognito.describe_user_pool(#{ UserPoolId: "us-west-2_abc" }); print("after");"#,
        &[
            "run",
            "--dry-run",
            "--transcript",
            "/dev/full",
            "script.rhai",
        ],
    )
    .run();
    assert_eq!(out.code, 1, "{}", out.stderr);
    assert!(
        out.stderr.contains("cannot write the transcript"),
        "{}",
        out.stderr
    );
    assert!(
        !out.stdout.contains("after"),
        "the run stopped at the failed record"
    );
}

#[test]
fn runs_sharing_a_transcript_keep_every_line() {
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("shared.jsonl");
    let script =
        r#"for i in 0..200 { cognito.describe_user_pool(#{ UserPoolId: `us-west-2_p${i}` }); }"#;
    let runs: Vec<_> = (0..3)
        .map(|_| {
            let t = transcript.to_string_lossy().into_owned();
            let script = script.to_string();
            std::thread::spawn(move || {
                dry(
                    &script,
                    &["run", "--dry-run", "--transcript", &t, "script.rhai"],
                )
                .run()
            })
        })
        .collect();
    for r in runs {
        let out = r.join().unwrap();
        assert_eq!(out.code, 0, "{}", out.stderr);
    }
    let text = std::fs::read_to_string(&transcript).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 600, "every line of the three runs is kept");
    for line in lines {
        serde_json::from_str::<serde_json::Value>(line).expect("each line whole");
    }
}

#[test]
fn a_bulk_item_without_its_key_member_is_named_by_position() {
    let server = Server::start(vec![Reply::json(
        400,
        r#"{"__type":"NotAuthorizedException","message":"Incorrect username or password."}"#,
    )]);
    let script = format!(
        r#"let s = cognito.each("InitiateAuth", [#{{ AuthFlow: "USER_PASSWORD_AUTH", ClientId: "c",
    AuthParameters: #{{ USERNAME: "ann", PASSWORD: "{PASSWORD}" }} }}], #{{ progress: false, resume: "r.jsonl" }});
print(s.failed[0].key);"#
    );
    let t = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .script(&script);
    let dir = t.path().to_path_buf();
    let out = t
        .args(["run", "-v", "--endpoint-url", &server.url, "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "#0");
    let resume = std::fs::read_to_string(dir.join("r.jsonl")).unwrap_or_default();
    for (what, text) in [
        ("stdout", &out.stdout),
        ("stderr", &out.stderr),
        ("resume", &resume),
    ] {
        assert!(
            !text.contains(PASSWORD),
            "the password is in {what}:\n{text}"
        );
    }
}

#[test]
fn secrets_stay_out_of_messages_thrown_maps_and_eval() {
    // A password the model's pattern refuses: the detail line names the problem, not the value.
    let out = dry(
        &format!(
            r#"cognito.admin_create_user(#{{ UserPoolId: "us-west-2_abc", Username: "ann",
    TemporaryPassword: "{PASSWORD} with spaces" }});"#
        ),
        &["run", "--dry-run", "script.rhai"],
    )
    .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(out.stderr.contains("TemporaryPassword"), "{}", out.stderr);
    assert!(!out.stderr.contains(PASSWORD), "{}", out.stderr);

    let thrown = dry(
        &format!(r#"throw #{{ TemporaryPassword: "{PASSWORD}", note: "visible" }};"#),
        &["run", "script.rhai"],
    )
    .run();
    assert_eq!(thrown.code, 4, "{}", thrown.stderr);
    assert!(thrown.stderr.contains("visible"), "{}", thrown.stderr);
    assert!(!thrown.stderr.contains(PASSWORD), "{}", thrown.stderr);

    let eval = Test::new()
        .args([
            "eval",
            &format!(r#"#{{ Password: "{PASSWORD}", Username: "ann" }}"#),
        ])
        .run();
    assert_eq!(eval.code, 0, "{}", eval.stderr);
    assert!(eval.stdout.contains("ann"), "{}", eval.stdout);
    assert!(!eval.stdout.contains(PASSWORD), "{}", eval.stdout);
}
