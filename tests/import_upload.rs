//! The import upload goes through the pipeline's HTTP client: a redirect is an error (nothing
//! sent to where it points), plain http and hosts that are neither S3 nor the endpoint's are
//! refused, `file://` gets a clear message, Ctrl-C ends a hung upload at once, and the upload is
//! in `-v` and the transcript with the presigned URL's query values starred (the path kept),
//! as everywhere else the URL is shown.

use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::Test;
use crate::support::import_server::{Ending, ImportServer, UploadAnswer};
use crate::support::server::{Reply, Server};

const ROLE: &str = "arn:aws:iam::123456789012:role/CognitoImport";
const POOL: &str = "us-west-2_import";
const CSV: &str = "cognito:username,email,email_verified,cognito:mfa_enabled,custom:team\n\
                   user1,user1@example.com,true,false,blue\n";
const SECRETS: &[&str] = &["presigned-secret", "presigned-token", "AKIDPRESIGNED"];

fn import(server: &ImportServer, extra: &[&str]) -> crate::support::Output {
    import_command(server, extra).run()
}

/// `pooler import` of a one-user CSV against `server`, with `extra` global flags, not yet run.
pub(crate) fn import_command(server: &ImportServer, extra: &[&str]) -> Test {
    Test::new()
        .file("users.csv", CSV)
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "import-test-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str()])
        .args(extra.iter().copied())
        .args([
            "import",
            POOL,
            "users.csv",
            "--role-arn",
            ROLE,
            "--poll-seconds",
            "0.01",
        ])
}

fn assert_no_secret(text: &str) {
    for s in SECRETS {
        assert!(!text.contains(s), "{s} shown: {text}");
    }
}

#[test]
fn a_redirect_is_an_error_and_nothing_is_sent_where_it_points() {
    let elsewhere = Server::start(vec![Reply::json(200, "{}")]);
    let to = format!("{}/elsewhere?X-Amz-Signature=other-secret", elsewhere.url);
    let server = ImportServer::start_with(Ending::Succeed, UploadAnswer::Redirect(to), None);
    let out = import(&server, &[]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr.contains(&format!(
            "HTTP 307): the upload was answered with a redirect to {}/elsewhere?X-Amz-Signature=***",
            elsewhere.url
        )),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("other-secret"), "{}", out.stderr);
    assert!(elsewhere.requests().is_empty(), "the redirect was followed");
    assert!(
        !server
            .operations()
            .contains(&"StartUserImportJob".to_string())
    );
    assert_eq!(
        server.operations().iter().filter(|o| *o == "PUT").count(),
        1
    );
    let put = server
        .requests()
        .into_iter()
        .find(|s| s.operation == "PUT")
        .unwrap();
    assert_eq!(put.header("referer"), None);
    assert_no_secret(&out.stderr);
}

#[test]
fn plain_http_and_foreign_hosts_are_refused_before_anything_is_sent() {
    for (base, why) in [
        (
            "http://10.1.2.3:9",
            "plain http would send the users' data unencrypted",
        ),
        ("https://203.0.113.7", "`203.0.113.7` is not an S3 host"),
        (
            "http://bucket.s3.us-west-2.amazonaws.com",
            "plain http would send the users' data unencrypted",
        ),
        ("file://", "the scheme `file` is not https"),
    ] {
        let server =
            ImportServer::start_with(Ending::Succeed, UploadAnswer::Accept, Some(base.into()));
        let out = import(&server, &[]);
        assert_eq!(out.code, 6, "{base}: {}", out.stderr);
        assert!(
            out.stderr.contains("refusing to upload to "),
            "{base}: {}",
            out.stderr
        );
        assert!(out.stderr.contains(why), "{base}: {}", out.stderr);
        assert!(!out.stderr.contains("builder error"), "{}", out.stderr);
        assert!(!server.operations().contains(&"PUT".to_string()));
        assert!(
            !server
                .operations()
                .contains(&"StartUserImportJob".to_string())
        );
        assert_no_secret(&out.stderr);
    }
}

#[test]
fn the_upload_is_in_verbose_and_the_transcript_with_its_query_starred() {
    let server = ImportServer::start(Ending::Succeed);
    let t = Test::new();
    let transcript = t.path().join("t.jsonl");
    let out = t
        .file("users.csv", CSV)
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "import-test-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str(), "-v", "--transcript"])
        .args([transcript.display().to_string()])
        .args([
            "import",
            POOL,
            "users.csv",
            "--role-arn",
            ROLE,
            "--poll-seconds",
            "0.01",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let starred = format!(
        "{}/upload/import-0001?X-Amz-Algorithm=***&X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Signature=***",
        server.url
    );
    assert!(
        out.stderr.contains(&format!("> PUT {starred} (")),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains(&format!("< 200 PUT {starred} in ")),
        "{}",
        out.stderr
    );
    // The PreSignedUrl in CreateUserImportJob's, StartUserImportJob's and DescribeUserImportJob's answers.
    assert!(out.stderr.matches(&starred).count() >= 4, "{}", out.stderr);
    assert_no_secret(&out.stderr);
    let text = std::fs::read_to_string(&transcript).expect("transcript");
    assert_no_secret(&text);
    let upload = text
        .lines()
        .find(|l| l.contains("\"UploadUserImportFile\""))
        .expect("the upload is in the transcript");
    let line: serde_json::Value = serde_json::from_str(upload).unwrap();
    assert_eq!(line["request"]["url"], starred.as_str());
    assert_eq!(line["request"]["bytes"], CSV.len());
    assert_eq!(line["status"], 200);
}

#[test]
fn the_presigned_url_is_starred_in_the_echo_of_eval() {
    let server = ImportServer::start(Ending::Succeed);
    let out = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "import-test-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str(), "eval"])
        .args([format!(
            r#"cognito.create_user_import_job(#{{UserPoolId: "{POOL}", JobName: "j", CloudWatchLogsRoleArn: "{ROLE}"}})"#
        )])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("/upload/import-0001?X-Amz-Algorithm=***"),
        "{}",
        out.stdout
    );
    assert_no_secret(&out.stdout);
}

#[test]
fn ctrl_c_ends_a_hung_upload_within_half_a_second() {
    let server = ImportServer::start_with(Ending::Succeed, UploadAnswer::Hang, None);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("users.csv"), CSV).unwrap();
    let nowhere = dir.path().join("none");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["--endpoint-url", server.url.as_str()])
        .args(["import", POOL, "users.csv", "--role-arn", ROLE])
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
    while !server.operations().iter().any(|o| o == "PUT") {
        assert!(started.elapsed() < Duration::from_secs(20), "no upload");
        std::thread::sleep(Duration::from_millis(10));
    }
    std::thread::sleep(Duration::from_millis(100));
    let sent = Instant::now();
    let status = Command::new("kill")
        .args(["-s", "INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let code = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s.code();
        }
        if sent.elapsed() > Duration::from_secs(5) {
            let _ = child.kill();
            panic!("pooler did not stop after SIGINT during the upload");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    let took = sent.elapsed();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(code, Some(130), "{err}");
    assert!(took < Duration::from_millis(500), "took {took:?}");
    assert!(
        !server
            .operations()
            .contains(&"StartUserImportJob".to_string())
    );
}
