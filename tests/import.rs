//! `pooler import` and `cognito.import_users` against the in-process import-job server: a good
//! file, a bad header (nothing uploaded), a file split into several jobs, a failed job, Ctrl-C
//! (the job is stopped, exit 130) and `--dry-run` (no job created).

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Test;
use crate::support::import_server::{Ending, ImportServer};

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoImport";
const POOL: &str = "us-west-2_import";

fn users(n: usize) -> String {
    let mut text =
        String::from("cognito:username,email,email_verified,cognito:mfa_enabled,custom:team\n");
    for i in 1..=n {
        text.push_str(&format!("user{i},user{i}@example.com,true,false,blue\n"));
    }
    text
}

fn against(server: &ImportServer) -> Test {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "import-test-secret")
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .args(["--endpoint-url", server.url.as_str()])
}

fn import_args(file: &str) -> Vec<String> {
    [
        "import",
        POOL,
        file,
        "--role-arn",
        ROLE,
        "--poll-seconds",
        "0.01",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect()
}

#[test]
fn a_good_file_is_uploaded_with_the_encryption_header_and_imported() {
    let server = ImportServer::start(Ending::Succeed);
    let text = users(3);
    let out = against(&server)
        .file("users.csv", &text)
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(
        server.operations(),
        [
            "GetCSVHeader",
            "CreateUserImportJob",
            "PUT",
            "StartUserImportJob",
            "DescribeUserImportJob",
            "DescribeUserImportJob"
        ]
    );
    let put = &server.requests()[2];
    assert_eq!(put.header("x-amz-server-side-encryption"), Some("aws:kms"));
    assert_eq!(server.uploads(), [text]);
    let create = &server.requests()[1];
    assert!(create.body.contains(ROLE), "{}", create.body);
    assert!(
        out.stdout
            .contains("Succeeded: 3 imported, 0 skipped, 0 failed (1 job(s))"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains("InProgress"),
        "no progress line: {}",
        out.stderr
    );
    assert!(!out.stderr.contains("presigned-secret") && !out.stdout.contains("presigned-secret"));
}

#[test]
fn a_bad_header_names_the_column_and_uploads_nothing() {
    let server = ImportServer::start(Ending::Succeed);
    let out = against(&server)
        .file(
            "users.csv",
            "cognito:username,emial,email_verified,cognito:mfa_enabled\na,a@x.io,true,false\n",
        )
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("row 1, column 2 `emial`"),
        "{}",
        out.stderr
    );
    assert_eq!(server.operations(), ["GetCSVHeader"]);
}

#[test]
fn a_bad_row_is_named_and_nothing_is_created() {
    let server = ImportServer::start(Ending::Succeed);
    let text = format!("{}user9,user9@example.com,maybe,false,red\n", users(2));
    let out = against(&server)
        .file("users.csv", &text)
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr.contains("row 4, column `email_verified`"),
        "{}",
        out.stderr
    );
    assert_eq!(server.operations(), ["GetCSVHeader"]);
}

#[test]
fn a_file_over_the_limits_is_split_into_several_jobs() {
    let server = ImportServer::start(Ending::Succeed);
    let script = format!(
        r#"let s = cognito.import_users("{POOL}", "users.csv", #{{
            CloudWatchLogsRoleArn: "{ROLE}", max_users_per_job: 2, poll_seconds: 0.01, job_name: "move" }});
        print(`${{s.status}} ${{s.imported}} ${{s.skipped}} ${{s.failed}} ${{s.jobs.len()}} ${{s.job_id}}`);"#
    );
    let out = against(&server)
        .file("users.csv", &users(5))
        .script(&script)
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert_eq!(out.stdout, "Succeeded 5 0 0 3 import-0003\n");
    let uploads = server.uploads();
    assert_eq!(uploads.len(), 3);
    let head = users(0);
    let rows: Vec<usize> = uploads
        .iter()
        .map(|u| {
            assert!(u.starts_with(&head), "every piece has the header: {u}");
            u.lines().count() - 1
        })
        .collect();
    assert_eq!(rows, [2, 2, 1]);
    let all: String = uploads
        .iter()
        .map(|u| u[head.len()..].to_string())
        .collect();
    assert_eq!(
        format!("{head}{all}"),
        users(5),
        "every user once, in order"
    );
    let names: Vec<String> = server
        .requests()
        .iter()
        .filter(|r| r.operation == "CreateUserImportJob")
        .map(|r| {
            serde_json::from_str::<serde_json::Value>(&r.body).unwrap()["JobName"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .collect();
    assert_eq!(names, ["move-1", "move-2", "move-3"]);
}

#[test]
fn the_byte_limit_splits_too() {
    let server = ImportServer::start(Ending::Succeed);
    let text = users(4);
    let row = text.lines().nth(1).unwrap().len() + 1;
    let max = users(0).len() + 2 * row; // two rows and the header fit
    let out = against(&server)
        .file("users.csv", &text)
        .args(import_args("users.csv"))
        .args(["--max-bytes-per-job", &max.to_string()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(server.uploads().len(), 2);
    assert!(server.uploads().iter().all(|u| u.len() <= max));
}

#[test]
fn a_failed_job_is_reported_with_its_message_and_exit_6() {
    let server = ImportServer::start(Ending::Fail);
    let out = against(&server)
        .file("users.csv", &users(2))
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 6, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("Failed: 0 imported, 0 skipped, 2 failed"),
        "{}",
        out.stdout
    );
    assert!(
        out.stderr.contains(
            "Import job failed:\\u{1b}]0;owned\\u{7}\\u{1b}[2J no CloudWatch Logs access."
        ),
        "{}",
        out.stderr
    );
    assert!(
        !out.stderr.contains('\u{1b}') && !out.stderr.contains('\u{7}'),
        "{:?}",
        out.stderr
    );
}

#[test]
fn dry_run_checks_the_file_and_the_calls_without_creating_a_job() {
    let server = ImportServer::start(Ending::Succeed);
    let out = against(&server)
        .file("users.csv", &users(3))
        .args(["--dry-run"])
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout, "DryRun: 0 imported, 0 skipped, 0 failed (1 job(s))\n",
        "the job the dry run checked is counted"
    );
    assert_eq!(
        out.stderr,
        "import: 3 users checked, 1 job(s)\n\
         dry run: requests are validated and signed, nothing is sent\n\
         import: dry run: the file and 1 CreateUserImportJob call(s) are valid; no job created\n"
    );
    assert!(
        server.requests().is_empty(),
        "a request was sent: {:?}",
        server.operations()
    );

    let out = against(&server)
        .file("users.csv", &users(3))
        .args(["--dry-run", "import", POOL, "users.csv"])
        .run();
    assert_eq!(
        out.code, 5,
        "no role ARN must fail validation: {}",
        out.stderr
    );
    assert!(
        out.stderr.contains("CloudWatchLogsRoleArn"),
        "{}",
        out.stderr
    );
    assert!(server.requests().is_empty());
}

#[test]
fn ctrl_c_stops_the_running_job_and_exits_130() {
    interrupt_with(&import_args("users.csv"));
}

#[test]
fn ctrl_c_in_a_script_stops_the_running_job_and_exits_130() {
    interrupt_with(&["run".to_string(), "script.rhai".to_string()]);
}

/// Runs pooler with `args` until the job runs, sends SIGINT, checks the job was stopped.
fn interrupt_with(args: &[String]) {
    let server = ImportServer::start(Ending::Hang);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("users.csv"), users(3)).unwrap();
    let script = format!(
        r#"cognito.import_users("{POOL}", "users.csv", #{{ CloudWatchLogsRoleArn: "{ROLE}", poll_seconds: 0.01 }});"#
    );
    std::fs::write(dir.path().join("script.rhai"), script).unwrap();
    let nowhere = dir.path().join("none");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["--endpoint-url", server.url.as_str()])
        .args(args)
        .current_dir(dir.path())
        .env_clear()
        .env("AWS_CONFIG_FILE", &nowhere)
        .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "import-test-secret")
        .env("AWS_REGION", "us-west-2")
        .env("NO_COLOR", "1")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    while !server
        .operations()
        .iter()
        .any(|o| o == "DescribeUserImportJob")
    {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "the job never started"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    let status = Command::new("kill")
        .args(["-s", "INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let deadline = Instant::now() + Duration::from_secs(10);
    let code = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code();
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            panic!("pooler did not stop after SIGINT");
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(code, Some(130), "{err}");
    assert_eq!(
        server.operations().last().map(String::as_str),
        Some("StopUserImportJob"),
        "{err}"
    );
    assert!(err.contains("stopped job import-0001"), "{err}");
}

#[test]
fn a_bad_sidecar_line_is_named_and_nothing_is_sent() {
    let server = ImportServer::start(Ending::Succeed);
    let out = against(&server)
        .file("users.csv", &users(1))
        .file(
            "users.csv.state.jsonl",
            "{\"user\":\"user1\",\"grup\":\"x\"}\n",
        )
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("users.csv.state.jsonl` line 1: unknown member `grup`"),
        "{}",
        out.stderr
    );
    assert!(server.operations().is_empty(), "{:?}", server.operations());
}

#[test]
fn after_a_job_the_sidecar_restores_groups_and_disabled_users() {
    let server = ImportServer::start(Ending::Succeed);
    let out = against(&server)
        .file("users.csv", &users(2))
        .file(
            "users.csv.state.jsonl",
            "{\"user\":\"user2\",\"enabled\":false}\n{\"user\":\"user1\",\"group\":\"staff\"}\n",
        )
        .args(import_args("users.csv"))
        .run();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    let ops = server.operations();
    let after: Vec<&str> = ops
        .iter()
        .skip_while(|o| *o != "DescribeUserImportJob")
        .skip_while(|o| *o == "DescribeUserImportJob")
        .map(String::as_str)
        .collect();
    assert_eq!(
        after,
        [
            "AdminListGroupsForUser",
            "AdminAddUserToGroup",
            "AdminDisableUser"
        ],
        "{ops:?}"
    );
    assert!(
        out.stdout
            .contains("groups: 1 added, 0 already, 0 failed; disabled users: 1 disabled"),
        "{}",
        out.stdout
    );
}

#[test]
fn admin_create_user_resumes_suppresses_the_invitation_and_needs_no_job() {
    let server = ImportServer::start(Ending::Succeed);
    let t = against(&server)
        .file("users.csv", &users(3))
        .file(
            "users.csv.done.jsonl",
            "{\"key\":\"user1\",\"result\":\"done\"}\n",
        )
        .args(["import", POOL, "users.csv", "--method", "admin-create-user"]);
    let dir = t.path().to_path_buf();
    let out = t.run();
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(
        out.stdout
            .contains("AdminCreateUser: 3 users: 2 created, 0 already there, 1 resumed, 0 failed"),
        "{}",
        out.stdout
    );
    let created: Vec<serde_json::Value> = server
        .requests()
        .into_iter()
        .filter(|r| r.operation == "AdminCreateUser")
        .map(|r| serde_json::from_str(&r.body).unwrap())
        .collect();
    let mut names: Vec<&str> = created
        .iter()
        .map(|c| c["Username"].as_str().unwrap())
        .collect();
    names.sort();
    assert_eq!(names, ["user2", "user3"]);
    for c in &created {
        assert_eq!(c["MessageAction"], "SUPPRESS", "{c}");
    }
    assert!(
        !server.operations().iter().any(|o| o.contains("ImportJob")),
        "{:?}",
        server.operations()
    );
    assert!(!dir.join("users.csv.done.jsonl").exists());
}

#[test]
fn send_invitation_without_admin_create_user_is_a_usage_error() {
    let out = Test::new()
        .file("users.csv", &users(1))
        .args(["import", POOL, "users.csv", "--send-invitation"])
        .run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("--send-invitation needs --method admin-create-user"),
        "{}",
        out.stderr
    );
}
