//! Bulk calls against an in-process server that throttles above a set rate: 1,000 creations
//! with a quota set above what the server allows finish with no failure (throttling cuts the
//! pace, which recovers) and never faster than the server allows; existing users are skipped
//! (or failed with `on_exists: "fail"`); a resume file makes a second run skip finished items.

use crate::support::Test;
use crate::support::server::{Reply, Server};
use crate::support::throttle::ThrottledServer;

/// A script creating `count` users (user0, user1, …) with these bulk options.
fn script(count: usize, opts: &str) -> String {
    format!(
        r#"
let users = [];
for i in 0..{count} {{ users.push(#{{ Username: `user${{i}}`, MessageAction: "SUPPRESS" }}); }}
let s = cognito.admin_create_users("us-west-2_abc", users, {opts});
print(`done=${{s.done}} skipped=${{s.skipped}} failed=${{s.failed.len()}} resumed=${{s.resumed}} throttled=${{s.throttled}}`);
for f in s.failed {{ print(`failed ${{f.key}} ${{f.type}}`); }}
"#
    )
}

fn run(server: &ThrottledServer, test: Test) -> crate::support::Output {
    run_with(server, test, &[])
}

/// [`run`] with more options before the script (`--quota …`).
fn run_with(server: &ThrottledServer, test: Test, extra: &[&str]) -> crate::support::Output {
    test.args(["run", "--endpoint-url", &server.url])
        .args(extra.iter().copied())
        .args(["script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run()
}

#[test]
fn a_thousand_creations_converge_on_the_allowed_rate_without_failures() {
    let allowed = 200.0;
    let server = ThrottledServer::start(allowed, &[]);
    // The quota is set above what the server allows, as when another client shares the
    // account: throttling must cut the pace without failing a call.
    let out = run_with(
        &server,
        Test::new().script(&script(1000, "#{progress: false}")),
        // (The lookups before each creation count against UserRead: raised too.)
        &["--quota", "UserCreation=400", "--quota", "UserRead=2000"],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .starts_with("done=1000 skipped=0 failed=0 resumed=0"),
        "{}",
        out.stdout
    );
    assert_eq!(server.created().len(), 1000, "each user created once");
    assert!(
        server.throttled() > 0,
        "the run never reached the limit ({:.1}/s): {}",
        server.achieved_rate(),
        out.stdout
    );
    let rate = server.achieved_rate();
    eprintln!(
        "bulk: {rate:.1} creations/s against {allowed} allowed ({:.0}%), {} throttled answers",
        100.0 * rate / allowed,
        server.throttled()
    );
    // How close to the allowed rate the run gets is a speed figure, measured by the quota
    // benchmark (benches/), not asserted here: under a loaded machine it would be flaky.
    assert!(
        rate <= allowed * 1.15,
        "faster than the server allows: {rate}"
    );
}

#[test]
fn existing_users_are_skipped_by_default_and_failed_on_request() {
    let server = ThrottledServer::start(1000.0, &["user1", "user3"]);
    let out = run(
        &server,
        Test::new().script(&script(5, "#{progress: false}")),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("done=3 skipped=2 failed=0"),
        "{}",
        out.stdout
    );

    let server = ThrottledServer::start(1000.0, &["user1"]);
    let opts = r#"#{progress: false, on_exists: "fail"}"#;
    let out = run(&server, Test::new().script(&script(3, opts)));
    assert!(
        out.stdout.starts_with("done=2 skipped=0 failed=1"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("failed user1 UsernameExistsException"),
        "{}",
        out.stdout
    );
}

#[test]
fn a_resume_file_skips_what_an_earlier_run_finished() {
    let server = ThrottledServer::start(1000.0, &[]);
    let done: String = (0..4)
        .map(|i| format!("{{\"key\":\"user{i}\",\"result\":\"done\"}}\n"))
        .collect();
    let opts = r#"#{progress: false, resume: "resume.jsonl"}"#;
    let test = Test::new()
        .script(&script(10, opts))
        .file("resume.jsonl", &done);
    let dir = test.path().to_path_buf();
    let out = run(&server, test);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("done=6 skipped=0 failed=0 resumed=4"),
        "{}",
        out.stdout
    );
    let names: Vec<String> = server.created().into_iter().map(|(_, n)| n).collect();
    assert!(
        !names.contains(&"user0".to_string()),
        "a finished item was sent again"
    );
    assert_eq!(names.len(), 6);
    let log = std::fs::read_to_string(dir.join("resume.jsonl")).unwrap();
    assert_eq!(
        log.lines().count(),
        10,
        "each finished item is appended:\n{log}"
    );
}

#[test]
fn a_bad_input_stops_the_run_before_anything_is_sent() {
    let server = ThrottledServer::start(1000.0, &[]);
    let text = r#"
let users = [#{ Username: "ok" }, #{ MessageAction: "SUPPRESS" }];
cognito.admin_create_users("us-west-2_abc", users);
"#;
    let out = run(&server, Test::new().script(text));
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("[1].Username: missing required member"),
        "{}",
        out.stderr
    );
    assert!(server.created().is_empty());
}

#[test]
fn plan_reports_bulk_work_without_sending() {
    let server = ThrottledServer::start(1000.0, &[]);
    let test = Test::new().script(&script(3, "#{}"));
    let out = test
        .args(["plan", "--endpoint-url", &server.url, "script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "plan: AdminCreateUser for 3 input(s): would call 3 time(s), 0 exist already"
        ),
        "{}",
        out.stdout
    );
    assert!(server.created().is_empty());
}

#[test]
fn each_call_goes_into_the_transcript_with_passwords_redacted() {
    let server = ThrottledServer::start(1000.0, &[]);
    let text = r#"
let users = [];
for i in 0..3 { users.push(#{ Username: `u${i}`, TemporaryPassword: "Sup3r-Secret-Pw!" }); }
let s = cognito.admin_create_users("us-west-2_abc", users, #{ progress: false });
print(`done=${s.done}`);
"#;
    let test = Test::new().script(text);
    let dir = test.path().to_path_buf();
    let out = test
        .args([
            "run",
            "-v",
            "--transcript",
            "t.jsonl",
            "--endpoint-url",
            &server.url,
            "script.rhai",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("done=3"), "{}", out.stdout);
    let transcript = std::fs::read_to_string(dir.join("t.jsonl")).unwrap();
    let creations = transcript
        .lines()
        .filter(|l| l.contains(r#""operation":"AdminCreateUser""#))
        .count();
    assert_eq!(creations, 3, "{transcript}");
    let lookups = transcript
        .lines()
        .filter(|l| l.contains(r#""operation":"AdminGetUser""#))
        .count();
    assert_eq!(lookups, 3, "each user is looked up first: {transcript}");
    assert!(!transcript.contains("Sup3r-Secret-Pw!"), "{transcript}");
    assert!(!out.stderr.contains("Sup3r-Secret-Pw!"), "{}", out.stderr);
    assert!(
        out.stderr.contains("< 200 AdminCreateUser from"),
        "{}",
        out.stderr
    );
}

#[test]
fn an_interrupted_run_continues_where_it_stopped() {
    use std::process::{Command, Stdio};
    let server = ThrottledServer::start(1000.0, &[]);
    let dir = tempfile::tempdir().unwrap();
    let slow = script(300, r#"#{progress: false, resume: "r.jsonl"}"#);
    std::fs::write(dir.path().join("script.rhai"), &slow).unwrap();
    let nowhere = dir.path().join("none");
    let command = |file: &str, quota: &str| {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pooler"));
        cmd.args(["run", "--endpoint-url", &server.url, "--quota", quota, file])
            .current_dir(dir.path())
            .env("AWS_CONFIG_FILE", &nowhere)
            .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
            .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
            .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
            .env("AWS_REGION", "us-west-2")
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        cmd
    };
    let child = command("script.rhai", "UserCreation=20").spawn().unwrap();
    let log = dir.path().join("r.jsonl");
    let lines = || {
        std::fs::read_to_string(&log)
            .map(|t| t.lines().count())
            .unwrap_or(0)
    };
    for _ in 0..500 {
        if lines() >= 10 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert!(lines() >= 10, "the run did not start");
    let status = Command::new("kill")
        .args(["-s", "INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    // The summary counts the lookups that found no user (before each create) as probes, not
    // as failures.
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("AdminGetUser ") && stderr.contains(" looked up, not there yet"),
        "{stderr}"
    );
    assert!(
        !stderr
            .split("AdminGetUser ")
            .nth(1)
            .unwrap_or_default()
            .split(';')
            .next()
            .unwrap_or_default()
            .contains("failed"),
        "{stderr}"
    );
    let recorded = lines();
    let created = server.created().len();
    assert!(recorded < 300, "the run was not interrupted");
    assert!(
        recorded <= created && created - recorded <= 16,
        "recorded {recorded}, created {created}"
    );

    let fast = script(300, r#"#{progress: false, resume: "r.jsonl"}"#);
    std::fs::write(dir.path().join("again.rhai"), fast).unwrap();
    let out = command("again.rhai", "UserCreation=1000").output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{stdout}");
    let expected = format!(
        "done={} skipped={} failed=0 resumed={recorded}",
        300 - created,
        created - recorded
    );
    assert!(
        stdout.starts_with(&expected),
        "{stdout} (expected {expected})"
    );
    assert_eq!(server.created().len(), 300, "every user exactly once");
    assert_eq!(lines(), 300);
}

#[test]
fn the_progress_line_ends_with_the_final_counts() {
    let server = ThrottledServer::start(1000.0, &["user2"]);
    let out = run(&server, Test::new().script(&script(4, "#{progress: true}")));
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("\rAdminCreateUser 4/4: 3 done, 1 skipped, 0 failed, "),
        "{:?}",
        out.stderr
    );
    let quiet = run(&server, Test::new().script(&script(2, "#{}")));
    assert!(
        !quiet.stderr.contains("AdminCreateUser"),
        "no progress line off a terminal: {:?}",
        quiet.stderr
    );
}

/// `max_retries` is a budget for each item of the run alone: the run's client (and its
/// `--max-attempts`) serves the calls after it unchanged.
#[test]
fn max_retries_bounds_each_item_and_leaves_the_runs_attempts() {
    let server = Server::start(vec![Reply::json(
        500,
        r#"{"__type":"InternalErrorException","message":"boom"}"#,
    )]);
    let script = r#"
let s = cognito.each("AdminDeleteUser", [#{ UserPoolId: "us-west-2_abc", Username: "a" }],
    #{ max_retries: 1, progress: false });
print(`failed=${s.failed.len()} ${s.failed[0].type} retried=${s.retried}`);
try { cognito.admin_delete_user(#{ UserPoolId: "us-west-2_abc", Username: "b" }); }
catch (e) { print(`then ${e.type}`); }
"#;
    let out = Test::new()
        .script(script)
        .args(["--endpoint-url", &server.url, "--max-attempts", "3"])
        .args(["run", "script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .run();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (
            0,
            "failed=1 InternalErrorException retried=1\nthen InternalErrorException\n",
            ""
        )
    );
    // Two attempts for the item (1 + max_retries), three for the call after it.
    assert_eq!(server.requests().len(), 5);
}
