//! Every door to Cognito goes through the one call pipeline: `cognito.<op>()`, `cognito.call`,
//! `each`, `ensure_*` and the Chilkat layer's `CkRest` give the same validation warnings,
//! dry-run response and transcript line for the same request; a secret inside a free-form map
//! (`ProviderDetails.client_secret`) is shown by none of them in any mode; and `plan` sends only
//! what the explicit read-only list allows.

use serde_json::Value;

use crate::support::server::{Reply, Server};
use crate::support::{Output, Test};

const SECRET: &str = "SNTLclientSECRET0123SNTL";

/// The request every door sends: a Google identity provider with a sentinel client secret and
/// one unknown member (sent by a lenient client, so every door has a warning to tell; refused
/// by every door otherwise).
fn request() -> String {
    format!(
        r#"#{{ UserPoolId: "us-west-2_abc", ProviderName: "Google", ProviderType: "Google",
    ProviderDetails: #{{ client_id: "cid", client_secret: "{SECRET}", authorize_scopes: "email" }},
    AttributeMapping: #{{ email: "email" }}, Bogus: 1 }}"#
    )
}

/// One script per door; each prints the response it got (when the door returns one).
fn doors() -> Vec<(&'static str, String)> {
    let req = request();
    vec![
        (
            "method",
            format!(
                "let r = cognito.create_identity_provider({req});\nprint(r.IdentityProvider.ProviderName);"
            ),
        ),
        (
            "call",
            format!(
                "let r = cognito.call(\"CreateIdentityProvider\", {req});\nprint(r.IdentityProvider.ProviderName);"
            ),
        ),
        (
            "each",
            format!(
                "let s = cognito.each(\"CreateIdentityProvider\", [{req}], #{{ progress: false }});\nprint(s.done);"
            ),
        ),
        (
            "ensure",
            format!("let o = cognito.ensure_identity_provider({req});\nprint(o.action);"),
        ),
        (
            "ckrest",
            format!(
                r#"let body = json({req}).emit_compact();
let rest = CkRest();
rest.Connect("cognito-idp.us-west-2.amazonaws.com", 443, true, true);
rest.AddHeader("X-Amz-Target", "AWSCognitoIdentityProviderService.CreateIdentityProvider");
let out = rest.FullRequestString("POST", "/", body);
print(json(out).string_of("IdentityProvider.ProviderName"));"#
            ),
        ),
    ]
}

fn base(script: &str) -> Test {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .script(script)
}

/// Runs `script` with `args` (a transcript and `--lenient` are added) and returns the output
/// and its lines.
fn run(script: &str, args: &[&str]) -> (Output, Vec<Value>) {
    run_as(script, args, true)
}

fn run_as(script: &str, args: &[&str], lenient: bool) -> (Output, Vec<Value>) {
    let t = base(script);
    let transcript = t.path().join("calls.jsonl");
    let mut all: Vec<String> = vec![
        args[0].to_string(),
        "--transcript".into(),
        transcript.to_string_lossy().into_owned(),
    ];
    if lenient {
        all.push("--lenient".into());
    }
    all.extend(args[1..].iter().map(|s| s.to_string()));
    all.push("script.rhai".into());
    let out = t.args(all).run();
    let lines = std::fs::read_to_string(&transcript)
        .unwrap_or_default()
        .lines()
        .map(|l| serde_json::from_str(l).expect("a transcript line is JSON"))
        .collect();
    (out, lines)
}

/// A transcript line without what differs from run to run (clock, timings, the dates a dry
/// run makes up).
fn stable(mut line: Value) -> Value {
    fn strip(v: &mut Value) {
        match v {
            Value::Object(map) => {
                map.retain(|k, _| {
                    !matches!(k.as_str(), "time" | "ms" | "attempts_detail") && !k.ends_with("Date")
                });
                map.values_mut().for_each(strip);
            }
            Value::Array(items) => items.iter_mut().for_each(strip),
            _ => {}
        }
    }
    strip(&mut line);
    line
}

fn no_secret(name: &str, out: &Output, lines: &[Value]) {
    for (what, text) in [
        ("stdout", out.stdout.clone()),
        ("stderr", out.stderr.clone()),
        ("transcript", format!("{lines:?}")),
    ] {
        assert!(
            !text.contains(SECRET),
            "{name}: the secret is in {what}:\n{text}"
        );
    }
}

#[test]
fn every_door_gives_the_same_warnings_response_and_transcript_line() {
    let mut first: Option<(String, Value, String)> = None;
    for (door, script) in doors() {
        let (out, lines) = run(&script, &["run", "--dry-run"]);
        assert_eq!(out.code, 0, "{door}: {}", out.stderr);
        assert_eq!(lines.len(), 1, "{door}: one call: {lines:?}");
        let line = stable(lines[0].clone());
        assert_eq!(line["operation"], "CreateIdentityProvider", "{door}");
        assert_eq!(line["dry_run"], true, "{door}");
        let warning: String = out
            .stderr
            .lines()
            .filter(|l| l.starts_with("warning:") || l.contains("= - "))
            .collect::<Vec<_>>()
            .join("\n");
        assert!(
            warning.contains("CreateIdentityProvider: check the request")
                && warning.contains("Bogus"),
            "{door}: no validation warning:\n{}",
            out.stderr
        );
        no_secret(door, &out, &lines);
        // (CkRest sends a JSON text, so its frame stays at the call.)
        assert!(
            door == "ckrest"
                || out
                    .stderr
                    .contains(" |     AttributeMapping: #{ email: \"email\" }, Bogus: 1 }"),
            "{door}: the frame shows the member's line:\n{}",
            out.stderr
        );
        let printed = out.stdout.trim().to_string();
        match &first {
            None => first = Some((warning, line, printed)),
            Some((w, l, p)) => {
                assert_eq!(&warning, w, "{door}: warnings differ from the method's");
                assert_eq!(
                    &line, l,
                    "{door}: transcript line differs from the method's"
                );
                if matches!(door, "call" | "ckrest") {
                    assert_eq!(&printed, p, "{door}: the response differs");
                }
            }
        }
    }
}

#[test]
fn every_door_refuses_the_unknown_member_unless_lenient() {
    for (door, script) in doors() {
        let server = Server::start(vec![]);
        let (out, lines) = run_as(&script, &["run", "--endpoint-url", &server.url], false);
        assert_eq!(out.code, 5, "{door}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{door}");
        assert!(
            out.stderr.contains(
                "error: CreateIdentityProvider: the request is invalid, nothing was sent"
            ) && out
                .stderr
                .contains("Bogus: unknown member `Bogus` in CreateIdentityProviderRequest"),
            "{door}:\n{}",
            out.stderr
        );
        assert_eq!(server.requests().len(), 0, "{door}: something was sent");
        assert!(lines.is_empty(), "{door}: {lines:?}");
        no_secret(door, &out, &lines);
    }
}

#[test]
fn a_provider_secret_is_shown_nowhere_in_any_mode() {
    let created = r#"{"IdentityProvider": {"UserPoolId": "us-west-2_abc", "ProviderName": "Google",
        "ProviderType": "Google", "ProviderDetails": {"client_id": "cid",
        "client_secret": "SNTLclientSECRET0123SNTL"}}}"#;
    for (door, script) in doors() {
        // Sent, answered with the secret echoed back (as the service does).
        let server = Server::start(vec![Reply::json(200, created)]);
        for mode in [
            vec!["run", "-v", "--endpoint-url", &server.url],
            vec!["run", "--dry-run", "-v"],
            vec!["check"],
            vec!["plan", "--endpoint-url", &server.url],
        ] {
            let (out, lines) = run(&script, &mode);
            no_secret(&format!("{door} {mode:?}"), &out, &lines);
        }
        // Refused by the service: the error path.
        let refusing = Server::start(vec![Reply::json(
            400,
            r#"{"__type":"InvalidParameterException","message":"bad provider"}"#,
        )]);
        let (out, lines) = run(&script, &["run", "-v", "--endpoint-url", &refusing.url]);
        if door == "each" {
            // A bulk run reports failed items in its summary instead of stopping.
            assert_eq!(out.stdout.trim(), "0", "{door}: {}", out.stderr);
        } else if door == "ckrest" {
            // As in Chilkat, a 400 is an answer: the program reads its status and body.
            assert_eq!(out.code, 0, "{door}: {}", out.stderr);
        } else {
            assert_ne!(out.code, 0, "{door}: {}", out.stderr);
        }
        no_secret(&format!("{door} refused"), &out, &lines);
    }
}

#[test]
fn a_secret_the_script_prints_itself_is_printed() {
    let (out, _) = run(
        &format!(
            "let req = {};\nprint(req.ProviderDetails.client_secret);",
            request()
        ),
        &["run", "--dry-run"],
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout.trim(),
        SECRET,
        "print shows what the script asks for"
    );
}

#[test]
fn plan_sends_reads_only() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"UserPool": {"Id": "us-west-2_abc"}}"#,
    )]);
    let script = r#"
cognito.get_user_attribute_verification_code(#{ AccessToken: "tok", AttributeName: "email" });
cognito.get_tokens_from_refresh_token(#{ RefreshToken: "tok", ClientId: "c" });
let p = cognito.describe_user_pool(#{ UserPoolId: "us-west-2_abc" });
print(p.UserPool.Id);
"#;
    let (out, _) = run(script, &["plan", "--endpoint-url", &server.url]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let targets: Vec<String> = server
        .requests()
        .iter()
        .filter_map(|r| r.header("x-amz-target").map(str::to_string))
        .collect();
    assert_eq!(
        targets,
        ["AWSCognitoIdentityProviderService.DescribeUserPool"],
        "only the read is sent"
    );
    for op in [
        "GetUserAttributeVerificationCode",
        "GetTokensFromRefreshToken",
    ] {
        assert!(
            out.stdout.contains(&format!("plan: would call {op}")),
            "{}",
            out.stdout
        );
    }
}

#[test]
fn plan_exits_non_zero_on_a_refusal_and_two_on_changes_when_asked() {
    let pools = r#"{"UserPools": [{"Id": "us-west-2_abc", "Name": "P"}]}"#;
    let pool = r#"{"UserPool": {"Id": "us-west-2_abc", "Name": "P", "MfaConfiguration": "OFF",
        "UsernameAttributes": ["email"]}}"#;
    let refused = Server::start(vec![Reply::json(200, pools), Reply::json(200, pool)]);
    let (out, _) = run(
        r#"cognito.ensure_user_pool(#{ PoolName: "P", UsernameAttributes: ["phone_number"] });"#,
        &["plan", "--endpoint-url", &refused.url],
    );
    assert_eq!(out.code, 6, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("refused"), "{}", out.stdout);

    let changed = Server::start(vec![Reply::json(200, pools), Reply::json(200, pool)]);
    let (out, _) = run(
        r#"cognito.ensure_user_pool(#{ PoolName: "P", MfaConfiguration: "OPTIONAL" });"#,
        &[
            "plan",
            "--detailed-exitcode",
            "--endpoint-url",
            &changed.url,
        ],
    );
    assert_eq!(out.code, 2, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("would update"), "{}", out.stdout);

    let same = Server::start(vec![Reply::json(200, pools), Reply::json(200, pool)]);
    let (out, _) = run(
        r#"cognito.ensure_user_pool(#{ PoolName: "P", MfaConfiguration: "OFF" });"#,
        &["plan", "--detailed-exitcode", "--endpoint-url", &same.url],
    );
    assert_eq!(out.code, 0, "{}\n{}", out.stdout, out.stderr);
    assert!(out.stdout.contains("unchanged"), "{}", out.stdout);
}
