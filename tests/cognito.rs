//! The `cognito` object through the binary: dry runs, validation, service errors, pagination,
//! retries, transcripts and verbose logs, against in-process servers.

use crate::support::server::{Reply, Server};
use crate::support::{Test, run_script};

const SECRET: &str = "SENTINELsecretKEY0123456789abcdefSENTINEL";
const TOKEN: &str = "SENTINELsessionTOKENxyzSENTINEL";

/// A test pointed at `server` with credentials whose secret parts are sentinels.
fn against(server: &Server) -> Test {
    Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .args(["--endpoint-url", server.url.as_str()])
}

fn assert_no_secret(texts: &[&str]) {
    for text in texts {
        assert!(!text.contains(SECRET), "secret key leaked:\n{text}");
        assert!(!text.contains(TOKEN), "session token leaked:\n{text}");
    }
}

#[test]
fn dry_run_of_the_main_script_prints_a_synthesized_id() {
    let out = Test::new()
        .in_repo()
        .args([
            "run",
            "--dry-run",
            "--region",
            "us-west-2",
            "scripts/create_pool.rhai",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("us-west-2_"), "{}", out.stdout);
}

#[test]
fn check_passes_the_main_scripts_silently() {
    for script in ["scripts/create_pool.rhai", "scripts/json_stepwise.rhai"] {
        let out = Test::new().in_repo().args(["check", script]).run();
        assert_eq!(out.code, 0, "{script}: {}", out.stderr);
        assert_eq!(out.stdout, "", "{script}");
        assert_eq!(out.stderr, "", "{script}");
    }
}

#[test]
fn validation_reports_every_problem_at_once_and_sends_nothing() {
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let out = against(&server)
        .script(
            r#"cognito.create_user_pool(#{
                Policies: #{ PasswordPolicy: #{ MinimumLength: 2 } },
                MfaConfiguration: "SOMETIMES",
                Schema: [#{ Name: "team", StringAttributeConstraints: #{ MaxLength: 2048 } }],
            });"#,
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert!(server.requests().is_empty(), "a request was sent");
    for needle in [
        "CreateUserPool: the request is invalid",
        "PoolName",
        "Policies.PasswordPolicy.MinimumLength",
        "MfaConfiguration",
        "Schema[0].StringAttributeConstraints.MaxLength",
        "--> script.rhai:1:",
    ] {
        assert!(
            out.stderr.contains(needle),
            "missing {needle:?} in\n{}",
            out.stderr
        );
    }
}

#[test]
fn validation_error_is_catchable_with_its_paths() {
    let out = run_script(
        r#"try {
            cognito.create_user_pool(#{ PoolName: "" });
        } catch (e) {
            print(e.type);
            print(e.operation);
            print(e.errors[0].path);
        }"#,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ValidationError\nCreateUserPool\nPoolName\n");
}

#[test]
fn unknown_member_is_refused_lenient_warns_and_strict_refuses_again() {
    let script =
        "cognito.create_user_pool(#{ PoolName: \"p\", MfaConfig: \"OFF\" });\nprint(\"done\");\n";
    let run = |extra: &[&str]| {
        Test::new()
            .script(script)
            .args(["run", "--dry-run"])
            .args(extra.iter().copied())
            .args(["script.rhai"])
            .run()
    };
    let out = run(&[]);
    assert_eq!(out.code, 5, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(out.stderr.starts_with("error:"), "{}", out.stderr);
    assert!(out.stderr.contains("MfaConfiguration"), "{}", out.stderr);
    let lenient = run(&["--lenient"]);
    assert_eq!(lenient.code, 0, "{}", lenient.stderr);
    assert_eq!(lenient.stdout, "done\n");
    assert!(lenient.stderr.starts_with("warning:"), "{}", lenient.stderr);
    assert!(
        lenient.stderr.contains("MfaConfiguration"),
        "{}",
        lenient.stderr
    );
    let strict = run(&["--lenient", "--strict"]);
    assert_eq!(strict.code, 5, "{}", strict.stderr);
    assert_eq!(strict.stdout, "");
}

#[test]
fn no_validate_lets_an_invalid_request_through() {
    let out = Test::new()
        .script(
            "cognito.create_user_pool(#{ MfaConfiguration: \"SOMETIMES\" });\nprint(\"sent\");\n",
        )
        .args(["run", "--dry-run", "--no-validate", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "sent\n");
}

#[test]
fn service_error_is_a_catchable_map() {
    let server = Server::start(vec![Reply {
        status: 400,
        headers: vec![("x-amzn-RequestId".into(), "req-123".into())],
        delay_ms: 0,
        body: r#"{"__type":"com.amazonaws#ResourceNotFoundException","message":"User pool us-west-2_x does not exist."}"#.into(),
    }]);
    let out = against(&server)
        .script(
            r#"try {
                cognito.describe_user_pool(#{ UserPoolId: "us-west-2_x" });
            } catch (e) {
                print(`${e.type}|${e.status}|${e.operation}|${e.retryable}|${e.request_id}`);
                print(e.message);
            }"#,
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "ResourceNotFoundException|400|DescribeUserPool|false|req-123\nUser pool us-west-2_x does not exist.\n"
    );
    let seen = server.requests();
    assert_eq!(seen.len(), 1);
    assert_eq!(
        seen[0].header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.DescribeUserPool")
    );
    assert_eq!(
        seen[0].header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    assert!(
        seen[0]
            .header("authorization")
            .is_some_and(|a| a.contains("/us-west-2/cognito-idp/aws4_request"))
    );
    assert_eq!(seen[0].body, r#"{"UserPoolId":"us-west-2_x"}"#);
}

#[test]
fn uncaught_service_error_exits_6_and_names_the_operation() {
    let server = Server::start(vec![Reply::json(
        400,
        r#"{"__type":"ResourceNotFoundException","message":"nope"}"#,
    )]);
    let out = against(&server)
        .script("let pool = cognito.describe_user_pool(#{ UserPoolId: \"us-west-2_x\" });\n")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("DescribeUserPool failed: ResourceNotFoundException: nope"),
        "{}",
        out.stderr
    );
    assert!(out.stderr.contains("--> script.rhai:1:"), "{}", out.stderr);
}

#[test]
fn unreachable_endpoint_exits_7() {
    let out = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("POOLER_RETRY_BASE_MS", "1")
        .script("cognito.list_user_pools(#{ MaxResults: 1 });\n")
        .args([
            "run",
            "--region",
            "us-west-2",
            "--endpoint-url",
            "http://127.0.0.1:9",
            "script.rhai",
        ])
        .run();
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("ListUserPools failed"),
        "{}",
        out.stderr
    );
    assert_no_secret(&[&out.stdout, &out.stderr]);
}

#[test]
fn throttling_then_success_is_retried() {
    let server = Server::start(vec![
        Reply::json(
            400,
            r#"{"__type":"TooManyRequestsException","message":"slow down"}"#,
        ),
        Reply::json(503, "{}"),
        Reply::json(200, r#"{"UserPools": []}"#),
    ]);
    let t = against(&server);
    let transcript = t.path().join("calls.jsonl");
    let out = t
        .script("print(cognito.list_user_pools(#{ MaxResults: 5 }).UserPools.len());\n")
        .args([
            "run",
            "--transcript",
            transcript.to_str().unwrap(),
            "script.rhai",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "0\n");
    assert_eq!(server.requests().len(), 3);
    let line: serde_json::Value =
        serde_json::from_str(std::fs::read_to_string(&transcript).unwrap().trim()).unwrap();
    assert_eq!(line["attempts"], 3);
    assert_eq!(line["status"], 200);
    assert_eq!(line["operation"], "ListUserPools");
    assert_eq!(line["dry_run"], false);
}

#[test]
fn paginate_follows_the_token_across_pages() {
    let server = Server::start(vec![
        Reply::json(
            200,
            r#"{"Users": [{"Username": "a"}, {"Username": "b"}], "PaginationToken": "t1"}"#,
        ),
        Reply::json(200, r#"{"Users": [{"Username": "c"}]}"#),
    ]);
    let out = against(&server)
        .script(
            "let users = cognito.paginate(\"ListUsers\", #{ UserPoolId: \"us-west-2_abc\" });\nprint(users.map(|u| u.Username));\n",
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "[\n  \"a\",\n  \"b\",\n  \"c\"\n]\n");
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[1].body.contains(r#""PaginationToken":"t1""#),
        "{}",
        seen[1].body
    );
}

#[test]
fn paginate_items_have_their_timestamps_as_dates_on_every_page() {
    let server = Server::start(vec![
        Reply::json(
            200,
            r#"{"Users": [{"Username": "a", "UserCreateDate": 1700000000}], "PaginationToken": "t1"}"#,
        ),
        Reply::json(
            200,
            r#"{"Users": [{"Username": "b", "UserCreateDate": 1700000000.5}]}"#,
        ),
    ]);
    let out = against(&server)
        .script(
            "let users = cognito.paginate(\"ListUsers\", #{ UserPoolId: \"us-west-2_abc\" });\n\
             for u in users { print(`${u.Username} ${type_of(u.UserCreateDate)} ${u.UserCreateDate}`); }\n",
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "a date 2023-11-14T22:13:20Z\nb date 2023-11-14T22:13:20.500Z\n"
    );
    assert_eq!(out.stderr, "");
}

#[test]
fn call_by_name_matches_the_method() {
    let server = Server::start(vec![Reply::json(200, r#"{"Groups": []}"#)]);
    let out = against(&server)
        .script("print(cognito.call(\"ListGroups\", #{ UserPoolId: \"us-west-2_abc\" }).Groups.len());\ncognito.call(\"NoSuchThing\", #{});\n")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.stdout, "0\n");
    // An unknown operation is a usage mistake (docs/cli.md: exit code 2).
    assert_eq!(out.code, 2);
    assert!(
        out.stderr
            .contains("`NoSuchThing` is not a Cognito operation"),
        "{}",
        out.stderr
    );
}

#[test]
fn with_makes_a_client_for_another_region_and_cognito_is_visible_in_functions() {
    let out = Test::new()
        .script(
            "fn region_of(c) { c.create_user_pool(#{ PoolName: \"p\" }).UserPool.Id }\nfn direct() { cognito.create_user_pool(#{ PoolName: \"q\" }).UserPool.Id }\nprint(region_of(cognito.with(#{ region: \"eu-west-1\" })));\nprint(direct());\n",
        )
        .args(["run", "--dry-run", "--region", "us-west-2", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let lines: Vec<&str> = out.stdout.lines().collect();
    assert!(lines[0].starts_with("eu-west-1_"), "{}", out.stdout);
    assert!(lines[1].starts_with("us-west-2_"), "{}", out.stdout);
}

#[test]
fn map_and_json_document_send_the_same_body() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"UserPool": {"Id": "us-west-2_a"}}"#,
    )]);
    let out = against(&server)
        .script(
            r#"cognito.create_user_pool(#{ PoolName: "P", Policies: #{ PasswordPolicy: #{ MinimumLength: 8 } } });
            let req = json();
            req.update_string("PoolName", "P");
            req.update_int("Policies.PasswordPolicy.MinimumLength", 8);
            cognito.create_user_pool(req);"#,
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    let a: serde_json::Value = serde_json::from_str(&seen[0].body).unwrap();
    let b: serde_json::Value = serde_json::from_str(&seen[1].body).unwrap();
    assert_eq!(a, b);
}

#[test]
fn secrets_never_appear_in_output_logs_or_transcripts() {
    let server = Server::start(vec![
        Reply::json(200, r#"{"User": {"Username": "ann"}}"#),
        Reply::json(
            400,
            r#"{"__type":"InvalidParameterException","message":"bad"}"#,
        ),
    ]);
    let t = against(&server);
    let transcript = t.path().join("t.jsonl");
    let out = t
        .script(
            r#"cognito.admin_create_user(#{ UserPoolId: "us-west-2_abc", Username: "ann", TemporaryPassword: "SENTINELtempPASSWORD1!" });
            try { cognito.admin_create_user(#{ UserPoolId: "us-west-2_abc", Username: "bob", TemporaryPassword: "SENTINELtempPASSWORD1!" }); } catch (e) { print(e); }
            cognito.create_user_pool(#{ PoolName: "" });"#,
        )
        .args(["run", "-v", "--transcript", transcript.to_str().unwrap(), "script.rhai"])
        .run();
    assert_eq!(out.code, 5, "{}", out.stderr);
    let written = std::fs::read_to_string(&transcript).unwrap();
    assert_eq!(written.lines().count(), 2);
    assert!(
        written.contains("\"operation\":\"AdminCreateUser\""),
        "{written}"
    );
    assert!(written.contains(pooler::model::REDACTED), "{written}");
    assert_no_secret(&[&out.stdout, &out.stderr, &written]);
    for text in [&out.stdout, &out.stderr, &written] {
        assert!(
            !text.contains("SENTINELtempPASSWORD1!"),
            "sensitive member leaked:\n{text}"
        );
    }
    // the request itself did carry the password
    assert!(server.requests()[0].body.contains("SENTINELtempPASSWORD1!"));
    let dry = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", SECRET)
        .env("AWS_SESSION_TOKEN", TOKEN)
        .script("cognito.list_user_pools(#{ MaxResults: 1 });\nprint(cognito);\n")
        .args(["run", "--dry-run", "-v", "script.rhai"])
        .run();
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stderr
            .contains("authorization: AWS4-HMAC-SHA256 Credential=AKIDTESTPOOLER/"),
        "{}",
        dry.stderr
    );
    assert_no_secret(&[&dry.stdout, &dry.stderr]);
}
