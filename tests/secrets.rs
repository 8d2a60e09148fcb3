//! No secret ever shown: every command and mode (run, dry run, check, plan, eval, verbose,
//! transcript, each error path, port) runs with a sentinel secret key, session token and
//! TemporaryPassword, and none of them may appear in stdout, stderr or a transcript.

use crate::support::server::{Reply, Server};
use crate::support::{Output, Test};

pub const SECRET: &str = "SNTLsecretKEY0123456789abcdefghijSNTL";
pub const TOKEN: &str = "SNTLsessionTOKENxyzSNTL";
pub const PASSWORD: &str = "SNTLtempPASSWORD1!";

/// A test with sentinel credentials; the password reaches the script through `PASSWORD`
/// in a separate line, the way setup scripts read it (from a file or the environment).
fn sentinel(script: &str) -> Test {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .file("password.txt", PASSWORD)
        .script(&format!(
            "let password = read_file(\"password.txt\");\n{script}"
        ))
}

const CREATE_USER: &str = "cognito.admin_create_user(#{ UserPoolId: \"us-west-2_abc\", \
                           Username: \"ann\", TemporaryPassword: password });\n";

/// Runs `t` with a transcript in its directory; checks stdout, stderr and the transcript.
fn assert_clean(name: &str, t: Test, args: &[&str], code: i32) -> Output {
    let transcript = t.path().join("calls.jsonl");
    let mut all: Vec<String> = args.iter().map(|s| s.to_string()).collect();
    if matches!(args[0], "run" | "check" | "plan" | "eval") {
        all.insert(1, "--transcript".into());
        all.insert(2, transcript.to_string_lossy().into_owned());
    }
    let out = t.args(all).run();
    assert_eq!(out.code, code, "{name}: {}", out.stderr);
    let written = std::fs::read_to_string(&transcript).unwrap_or_default();
    for (what, text) in [
        ("stdout", &out.stdout),
        ("stderr", &out.stderr),
        ("transcript", &written),
    ] {
        for sentinel in [SECRET, TOKEN, PASSWORD] {
            assert!(
                !text.contains(sentinel),
                "{name}: {sentinel} in {what}:\n{text}"
            );
        }
    }
    out
}

fn ok_server() -> Server {
    Server::start(vec![Reply::json(
        200,
        r#"{"User": {"Username": "ann", "UserStatus": "FORCE_CHANGE_PASSWORD"}}"#,
    )])
}

#[test]
fn run_verbose_and_transcript_show_no_secret() {
    let s = ok_server();
    let script = format!("{CREATE_USER}print(cognito);\nprint(password.len());\n");
    let out = assert_clean(
        "run -v",
        sentinel(&script),
        &["run", "-v", "--endpoint-url", &s.url, "script.rhai"],
        0,
    );
    assert!(out.stderr.contains("AdminCreateUser"), "{}", out.stderr);
    assert!(
        s.requests()[0].body.contains(PASSWORD),
        "the password was sent"
    );
}

#[test]
fn dry_run_check_and_eval_show_no_secret() {
    let script = format!("{CREATE_USER}print(cognito);\n");
    assert_clean(
        "dry run",
        sentinel(&script),
        &["run", "--dry-run", "-v", "script.rhai"],
        0,
    );
    assert_clean(
        "check",
        sentinel(&script),
        &["check", "-v", "script.rhai"],
        0,
    );
    assert_clean("eval cognito", sentinel(""), &["eval", "-v", "cognito"], 0);
    let expr = format!(
        "cognito.admin_create_user(#{{ UserPoolId: \"us-west-2_abc\", Username: \"a\", \
         TemporaryPassword: \"{PASSWORD}\" }})"
    );
    let out = assert_clean(
        "eval dry run",
        sentinel(""),
        &["eval", "--dry-run", "-v", &expr],
        0,
    );
    assert!(out.stdout.contains("Username"), "{}", out.stdout);
}

#[test]
fn plan_shows_no_secret() {
    let s = Server::start(vec![Reply::json(200, r#"{"UserPools": []}"#)]);
    let script = format!("cognito.list_user_pools(#{{ MaxResults: 5 }});\n{CREATE_USER}");
    assert_clean(
        "plan",
        sentinel(&script),
        &["plan", "-v", "--endpoint-url", &s.url, "script.rhai"],
        0,
    );
}

#[test]
fn error_paths_show_no_secret() {
    // validation: the request is shown with the password redacted
    let bad = "cognito.admin_create_user(#{ UserPoolId: \"\", Username: \"ann\", \
               TemporaryPassword: password, Bogus: 1 });\n";
    assert_clean(
        "validation",
        sentinel(bad),
        &["run", "-v", "--dry-run", "script.rhai"],
        5,
    );
    // service error
    let s = Server::start(vec![Reply::json(
        400,
        r#"{"__type":"InvalidPasswordException","message":"bad password"}"#,
    )]);
    assert_clean(
        "service error",
        sentinel(CREATE_USER),
        &["run", "-v", "--endpoint-url", &s.url, "script.rhai"],
        6,
    );
    // network error
    let refused = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    assert_clean(
        "network error",
        sentinel(CREATE_USER),
        &[
            "run",
            "-v",
            "--max-attempts",
            "1",
            "--endpoint-url",
            &refused,
            "script.rhai",
        ],
        7,
    );
    // signature mismatch
    let s = Server::start(vec![Reply::json(
        403,
        r#"{"__type":"InvalidSignatureException","message":"The request signature we calculated does not match the signature you provided."}"#,
    )]);
    assert_clean(
        "signature",
        sentinel(CREATE_USER),
        &["run", "-v", "--endpoint-url", &s.url, "script.rhai"],
        6,
    );
    // runtime error and an uncaught throw of the request map
    assert_clean(
        "runtime",
        sentinel("let m = #{ TemporaryPassword: password };\nm.x.y.z();\n"),
        &["run", "script.rhai"],
        4,
    );
    // compile error
    assert_clean(
        "compile",
        sentinel("let x = ;\n"),
        &["run", "script.rhai"],
        3,
    );
}

#[test]
fn code_frames_star_out_sensitive_literals() {
    let script = format!(
        "cognito.admin_create_user(#{{ UserPoolId: \"\", Username: \"a\", \
         TemporaryPassword: \"{PASSWORD}\" }});\n"
    );
    let out = assert_clean(
        "frame",
        sentinel(&script),
        &["run", "--dry-run", "script.rhai"],
        5,
    );
    let stars = "*".repeat(PASSWORD.len());
    assert!(
        out.stderr
            .contains(&format!("TemporaryPassword: \"{stars}\"")),
        "{}",
        out.stderr
    );
}

#[test]
fn port_leaves_the_secret_key_out_of_the_script() {
    let program =
        std::fs::read_to_string(crate::support::repo_root().join("tests/fixtures/port/csharp.cs"))
            .unwrap()
            .replace("AWS_SECRET_KEY", SECRET);
    for style in ["idiomatic", "chilkat"] {
        let t = sentinel("").file("legacy.cs", &program);
        let out = assert_clean("port", t, &["port", "--style", style, "legacy.cs"], 0);
        assert!(out.stdout.contains("fx_csharp"), "{}", out.stdout);
    }
}

/// A client secret the service returned, selected on its own (`c.UserPoolClient.ClientSecret`)
/// or put in a new string, map or `print`: `POOLER_REDACT=strict` knows the value itself is a
/// secret, wherever it went. At the default level a selected value is shown (it was asked for).
#[test]
fn strict_eval_hides_a_secret_however_it_was_reached() {
    const CLIENT_SECRET: &str = "SNTLclientSECRETfromTheService";
    let body = format!(
        r#"{{"UserPoolClient": {{"ClientId": "client-1", "ClientName": "web", "ClientSecret": "{CLIENT_SECRET}"}}}}"#
    );
    let create = "let c = cognito.create_user_pool_client(#{ UserPoolId: \"us-west-2_abc\", \
                  ClientName: \"web\", GenerateSecret: true });";
    let cases = [
        ("c.UserPoolClient.ClientSecret", "\"***redacted***\"\n"),
        (
            "print(`secret: ${c.UserPoolClient.ClientSecret}`); \"x-\" + c.UserPoolClient.ClientSecret",
            "secret: ***redacted***\n\"x-***redacted***\"\n",
        ),
        (
            "#{ kept: c.UserPoolClient.ClientSecret, name: c.UserPoolClient.ClientName }",
            "{\n  \"kept\": \"***redacted***\",\n  \"name\": \"web\"\n}\n",
        ),
    ];
    for (expr, want) in cases {
        let s = Server::start(vec![Reply::json(200, &body)]);
        let out = sentinel("")
            .env("POOLER_REDACT", "strict")
            .args([
                "eval",
                "--endpoint-url",
                &s.url,
                &format!("{create} {expr}"),
            ])
            .run();
        assert_eq!(
            (out.code, out.stdout.as_str(), out.stderr.as_str()),
            (0, want, ""),
            "{expr}"
        );
    }
    let s = Server::start(vec![Reply::json(200, &body)]);
    let out = sentinel("")
        .args([
            "eval",
            "--endpoint-url",
            &s.url,
            &format!("{create} c.UserPoolClient.ClientSecret"),
        ])
        .run();
    assert_eq!(
        (out.code, out.stdout, out.stderr),
        (0, format!("\"{CLIENT_SECRET}\"\n"), String::new())
    );
}

/// `--model FILE` decides what every output hides, not only the call records: with a model
/// that marks `PoolName` sensitive, the strict echo and the code frame hide a pool name the
/// embedded model would show.
#[test]
fn a_model_file_decides_what_echo_and_frames_hide() {
    const POOL: &str = "SNTLpoolNAME";
    let mut model: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            crate::support::repo_root().join("model/cognito-idp/service-2.json"),
        )
        .unwrap(),
    )
    .unwrap();
    model["shapes"]["UserPoolNameType"]["sensitive"] = serde_json::Value::Bool(true);
    let with_model = |script: &str| {
        sentinel(script)
            .file("pool-name-sensitive.json", &model.to_string())
            .env("POOLER_REDACT", "strict")
    };
    let echo = with_model("")
        .args([
            "eval",
            "--model",
            "pool-name-sensitive.json",
            &format!("#{{ PoolName: \"{POOL}\" }}"),
        ])
        .run();
    assert_eq!(
        (echo.code, echo.stdout.as_str(), echo.stderr.as_str()),
        (0, "{\n  \"PoolName\": \"***redacted***\"\n}\n", "")
    );
    let frame = with_model(&format!(
        "cognito.create_user_pool(#{{ PoolName: \"{POOL}\", Bogus: 1 }});\n"
    ))
    .args([
        "run",
        "--dry-run",
        "--model",
        "pool-name-sensitive.json",
        "script.rhai",
    ])
    .run();
    assert_eq!(
        (frame.code, frame.stdout.as_str()),
        (5, ""),
        "{}",
        frame.stderr
    );
    crate::support::assert_golden("model_file_frame.err", &frame.stderr);
}
