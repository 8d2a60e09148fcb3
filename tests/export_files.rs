//! The files of `pooler export` through the binary: `-o` and `--users` refuse an existing file
//! unless `--force` and create theirs 0600; Ctrl-C during a ListUsers call leaves the resume
//! file, and the same command continues from it.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Test;
use crate::support::server::{Reply, Server};

const HEADER: &str =
    r#"{"CSVHeader":["email","email_verified","cognito:mfa_enabled","cognito:username"]}"#;

fn page(names: &[&str], token: Option<&str>) -> Reply {
    let users: Vec<String> = names
        .iter()
        .map(|n| {
            format!(
                r#"{{"Username":"{n}","Enabled":true,"Attributes":[{{"Name":"email","Value":"{n}@x.io"}},{{"Name":"email_verified","Value":"true"}}]}}"#
            )
        })
        .collect();
    let token = token
        .map(|t| format!(r#","PaginationToken":"{t}""#))
        .unwrap_or_default();
    Reply::json(200, &format!(r#"{{"Users":[{}]{token}}}"#, users.join(",")))
}

fn keys(t: Test) -> Test {
    t.env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "export-files-secret")
        .env("AWS_REGION", "us-west-2")
}

#[cfg(unix)]
fn mode(path: &std::path::Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

#[test]
fn an_existing_output_file_is_refused_without_force() {
    for (flag, name) in [("-o", "setup.rhai"), ("--users", "users.csv")] {
        let server = Server::start(vec![Reply::json(500, "{}")]);
        let t = keys(Test::new()).file(name, "keep me").args([
            "--endpoint-url",
            server.url.as_str(),
            "export",
            "us-west-2_p",
            flag,
            name,
        ]);
        let dir = t.path().to_path_buf();
        let out = t.run();
        assert_eq!(out.code, 1, "{flag}: {}", out.stderr);
        assert!(
            out.stderr.contains(&format!(
                "{name} already exists; not overwritten (use --force"
            )),
            "{flag}: {}",
            out.stderr
        );
        assert_eq!(std::fs::read_to_string(dir.join(name)).unwrap(), "keep me");
        assert!(server.requests().is_empty(), "{flag}: a call was sent");
    }
}

#[test]
fn users_files_are_0600_and_force_replaces_them() {
    let server = Server::start(vec![
        Reply::json(200, HEADER),
        page(&["ann", "ben"], None),
        Reply::json(200, r#"{"Groups":[{"GroupName":"g"}]}"#),
        Reply::json(200, r#"{"Users":[{"Username":"ben"}]}"#),
    ]);
    let t = keys(Test::new()).file("users.csv", "old").args([
        "--endpoint-url",
        server.url.as_str(),
        "export",
        "us-west-2_p",
        "--users",
        "users.csv",
        "--force",
    ]);
    let dir = t.path().to_path_buf();
    let out = t.run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let csv = std::fs::read_to_string(dir.join("users.csv")).unwrap();
    assert_eq!(
        csv,
        "email,email_verified,cognito:mfa_enabled,cognito:username\n\
         ann@x.io,true,false,ann\nben@x.io,true,false,ben\n"
    );
    let state = std::fs::read_to_string(dir.join("users.csv.state.jsonl")).unwrap();
    assert_eq!(state, "{\"user\":\"ben\",\"group\":\"g\"}\n");
    #[cfg(unix)]
    for f in ["users.csv", "users.csv.state.jsonl"] {
        assert_eq!(mode(&dir.join(f)), 0o600, "{f}");
    }
}

#[test]
fn ctrl_c_during_list_users_leaves_the_resume_file_and_a_rerun_continues() {
    let server = Server::start(vec![
        Reply::json(200, HEADER),
        page(&["ann", "ben"], Some("page-2")),
        page(&["cid"], None).delayed(8_000),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let nowhere = dir.path().join("none");
    let spawn = |url: &str| {
        Command::new(env!("CARGO_BIN_EXE_pooler"))
            .args([
                "--endpoint-url",
                url,
                "export",
                "us-west-2_p",
                "--users",
                "users.csv",
            ])
            .current_dir(dir.path())
            .env_clear()
            .env("AWS_CONFIG_FILE", &nowhere)
            .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "export-files-secret")
            .env("AWS_REGION", "us-west-2")
            .env("NO_COLOR", "1")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap()
    };
    let mut child = spawn(&server.url);
    let started = Instant::now();
    // The third request (the second ListUsers page) is being answered slowly.
    while server.requests().len() < 2 {
        assert!(
            started.elapsed() < Duration::from_secs(20),
            "no second call"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(300));
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
    assert!(
        err.contains("run the same command again to continue"),
        "{err}"
    );
    let resume = std::fs::read_to_string(dir.path().join("users.csv.resume")).unwrap();
    assert!(resume.contains(r#""token":"page-2""#), "{resume}");
    #[cfg(unix)]
    assert_eq!(mode(&dir.path().join("users.csv.resume")), 0o600);

    let rest = Server::start(vec![
        Reply::json(200, HEADER),
        page(&["cid"], None),
        Reply::json(200, r#"{"Groups":[]}"#),
    ]);
    let out = spawn(&rest.url).wait_with_output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(err.contains("3 users in users.csv"), "{err}");
    assert!(err.contains("resumed"), "{err}");
    let list = &rest.requests()[1];
    assert!(
        list.body.contains(r#""PaginationToken":"page-2""#),
        "{}",
        list.body
    );
    let csv = std::fs::read_to_string(dir.path().join("users.csv")).unwrap();
    assert_eq!(
        csv,
        "email,email_verified,cognito:mfa_enabled,cognito:username\n\
         ann@x.io,true,false,ann\nben@x.io,true,false,ben\ncid@x.io,true,false,cid\n"
    );
    assert!(!dir.path().join("users.csv.resume").exists());
}

/// The settings moto lacks, against the stand-in: the export holds the client's own UI
/// customization and risk configuration (through `ensure_setting` with its ClientId), email
/// MFA and WebAuthn, the domain's ManagedLoginVersion, log delivery,
/// branding and terms; `plan` of that export reports every item unchanged and writes nothing.
#[test]
fn export_and_plan_see_per_client_settings_terms_and_mfa_factors() {
    use crate::support::pool_server::{POOL, PoolServer};
    let server = PoolServer::start();
    let t = keys(Test::new()).args([
        "--endpoint-url",
        server.url.as_str(),
        "export",
        POOL,
        "-o",
        "setup.rhai",
    ]);
    let dir = t.path().to_path_buf();
    let out = t.run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let script = std::fs::read_to_string(dir.join("setup.rhai")).unwrap();
    for want in [
        "EmailMfaConfiguration: #{",
        "Subject: \"Sign-in code\"",
        "WebAuthnConfiguration: #{",
        "UserVerification: \"required\"",
        "ManagedLoginVersion: 2",
        "cognito.ensure_setting(\"GetUICustomization\", \"SetUICustomization\", #{\n    UserPoolId: pool.id,\n    ClientId: clients[\"web\"].id,\n    CSS:",
        "cognito.ensure_setting(\"DescribeRiskConfiguration\", \"SetRiskConfiguration\", #{\n    UserPoolId: pool.id,\n    ClientId: clients[\"web\"].id,\n    CompromisedCredentialsRiskConfiguration:",
        "cognito.ensure_setting(\"GetLogDeliveryConfiguration\", \"SetLogDeliveryConfiguration\"",
        "cognito.ensure_managed_login_branding(#{\n    UserPoolId: pool.id,\n    ClientId: clients[\"web\"].id,\n    UseCognitoProvidedValues: true,",
        "cognito.ensure_terms(#{\n    UserPoolId: pool.id,\n    ClientId: clients[\"web\"].id,",
        "TermsName: \"terms-of-use\"",
        "\"cognito:default\": \"https://example.com/terms\"",
        "// Everything the API reads back was exported.",
    ] {
        assert!(script.contains(want), "missing {want}:\n{script}");
    }
    assert!(
        !script.contains("ClientId: \"ALL\""),
        "the pool-level answer was taken for the client's:\n{script}"
    );
    let before = server.operations().len();
    let plan = keys(Test::new())
        .file("setup.rhai", &script)
        .args([
            "--endpoint-url",
            server.url.as_str(),
            "plan",
            "--detailed-exitcode",
            "setup.rhai",
        ])
        .run();
    assert_eq!(plan.code, 0, "{}\n{}", plan.stdout, plan.stderr);
    let lines: Vec<&str> = plan
        .stdout
        .lines()
        .filter(|l| l.starts_with("plan:"))
        .collect();
    for want in [
        "SetUICustomization: unchanged",
        "SetRiskConfiguration: unchanged",
        "SetLogDeliveryConfiguration: unchanged",
    ] {
        assert!(
            lines.iter().any(|l| l.ends_with(want)),
            "no `{want}`:\n{}",
            plan.stdout
        );
    }
    for line in &lines {
        assert!(line.ends_with(": unchanged"), "{line}\n{}", plan.stdout);
    }
    let writes: Vec<String> = server.operations()[before..]
        .iter()
        .filter(|o| !o.starts_with("Describe") && !o.starts_with("Get") && !o.starts_with("List"))
        .cloned()
        .collect();
    assert!(writes.is_empty(), "the plan wrote: {writes:?}");
}
