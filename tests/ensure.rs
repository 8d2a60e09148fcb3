//! `ensure_*` against an in-process server with canned answers: the update carries the merged
//! configuration (nothing left out is reset, output-only members dropped), an immutable change is
//! refused with nothing written, and dry runs and `check` work offline.

use serde_json::Value;

use crate::support::Test;
use crate::support::server::{Reply, Server};

const LIST: &str = r#"{"UserPools": [{"Id": "us-west-2_other", "Name": "Other"},
                                    {"Id": "us-west-2_abc", "Name": "P"}]}"#;
const DESCRIBE: &str = r#"{"UserPool": {"Id": "us-west-2_abc", "Name": "P", "Arn": "arn:x",
    "CreationDate": 1.7e9, "Status": "Enabled", "MfaConfiguration": "OFF",
    "UsernameAttributes": ["email"],
    "Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": true}},
    "AutoVerifiedAttributes": ["email"],
    "SchemaAttributes": [{"Name": "email", "AttributeDataType": "String", "Required": true},
                         {"Name": "custom:team", "AttributeDataType": "String"}]}}"#;

fn run(server: &Server, script: &str) -> crate::support::Output {
    Test::new()
        .script(script)
        .args(["run", "--endpoint-url", &server.url, "script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run()
}

fn target(seen: &crate::support::server::Seen) -> String {
    seen.operation().to_string()
}

#[test]
fn an_update_sends_the_merged_configuration_and_adds_new_custom_attributes() {
    let server = Server::start(vec![
        Reply::json(200, LIST),
        Reply::json(200, DESCRIBE),
        Reply::json(200, "{}"),
        Reply::json(200, "{}"),
    ]);
    let out = run(
        &server,
        r#"let r = cognito.ensure_user_pool(#{ PoolName: "P",
    Policies: #{ PasswordPolicy: #{ MinimumLength: 10 } },
    Schema: [#{ Name: "email" }, #{ Name: "team" }, #{ Name: "level", AttributeDataType: "Number" }] });
print(`${r.action} ${r.id} ${r.changes.len()}`);
for c in r.changes { print(`${c.path}: ${c.from} -> ${c.to}`); }"#,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with("updated us-west-2_abc 2\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout
            .contains("Policies.PasswordPolicy.MinimumLength: 8 -> 10"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "Schema[2](custom:level):  -> {\"AttributeDataType\":\"Number\",\"Name\":\"level\"}"
        ),
        "{}",
        out.stdout
    );
    let seen = server.requests();
    let ops: Vec<String> = seen.iter().map(target).collect();
    assert_eq!(
        ops,
        [
            "ListUserPools",
            "DescribeUserPool",
            "UpdateUserPool",
            "AddCustomAttributes"
        ]
    );
    let update: Value = serde_json::from_str(&seen[2].body).unwrap();
    assert_eq!(update["UserPoolId"], "us-west-2_abc");
    assert_eq!(update["Policies"]["PasswordPolicy"]["MinimumLength"], 10);
    assert_eq!(
        update["Policies"]["PasswordPolicy"]["RequireSymbols"], true,
        "kept"
    );
    assert_eq!(update["AutoVerifiedAttributes"][0], "email", "kept");
    for gone in [
        "Arn",
        "CreationDate",
        "Status",
        "Name",
        "UsernameAttributes",
        "SchemaAttributes",
    ] {
        assert!(
            update.get(gone).is_none(),
            "`{gone}` is not an UpdateUserPool member"
        );
    }
    let add: Value = serde_json::from_str(&seen[3].body).unwrap();
    assert_eq!(add["CustomAttributes"][0]["Name"], "level");
    assert_eq!(add["CustomAttributes"].as_array().unwrap().len(), 1);
}

#[test]
fn an_immutable_change_is_refused_before_anything_is_written() {
    let server = Server::start(vec![Reply::json(200, LIST), Reply::json(200, DESCRIBE)]);
    let out = run(
        &server,
        r#"cognito.ensure_user_pool(#{ PoolName: "P", UsernameAttributes: ["phone_number"],
    Policies: #{ PasswordPolicy: #{ MinimumLength: 10 } },
    Schema: [#{ Name: "email", Required: false }] });"#,
    );
    assert_eq!(out.code, 6, "{}", out.stderr);
    for part in [
        "ensure_user_pool failed: ChangeRefused: `P`: the service cannot make these changes, so nothing was changed",
        r#"UsernameAttributes: ["email"] -> ["phone_number"] (fixed when it was created)"#,
        "Schema[0](email).Required: true -> false (a schema attribute cannot be changed after the pool is created)",
        r#"Schema(custom:team): {"#,
        "(a custom attribute cannot be removed)",
    ] {
        assert!(out.stderr.contains(part), "no `{part}` in:\n{}", out.stderr);
    }
    let ops: Vec<String> = server.requests().iter().map(target).collect();
    assert_eq!(
        ops,
        ["ListUserPools", "DescribeUserPool"],
        "nothing written"
    );
}

#[test]
fn a_refusal_can_be_caught() {
    let server = Server::start(vec![Reply::json(200, LIST), Reply::json(200, DESCRIBE)]);
    let out = run(
        &server,
        r#"try { cognito.ensure_user_pool(#{ PoolName: "P", UsernameAttributes: ["phone_number"] }) }
catch (e) { print(`${e.type} ${e.refused[0].path}`) }"#,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ChangeRefused UsernameAttributes\n");
}

/// scripts/full_setup.rhai finds its users.csv beside itself, whatever the working folder: here
/// a scratch folder with no `scripts/` in it. The whole dry run's output is the golden file.
#[test]
fn full_setup_dry_runs_from_any_folder() {
    let script = crate::support::repo_root().join("scripts/full_setup.rhai");
    let dry = Test::new()
        .args(["run", "--dry-run", script.to_str().unwrap()])
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(
        (dry.code, dry.stderr.as_str()),
        (
            0,
            "dry run: requests are validated and signed, nothing is sent\n"
        )
    );
    crate::support::assert_golden("full_setup_elsewhere.out", &dry.stdout);
}

#[test]
fn full_setup_checks_and_dry_runs_offline() {
    let check = Test::new()
        .in_repo()
        .args(["check", "scripts/full_setup.rhai"])
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(check.code, 0, "{}", check.stderr);
    assert_eq!(check.stderr, "");
    let dry = Test::new()
        .in_repo()
        .args(["run", "--dry-run", "scripts/full_setup.rhai"])
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(dry.code, 0, "{}", dry.stderr);
    assert!(
        dry.stdout.contains("group admins: created"),
        "{}",
        dry.stdout
    );
    assert!(dry.stdout.contains("users: 6 created"), "{}", dry.stdout);
    let mfa = Test::new()
        .script(r#"print(cognito.ensure_mfa_config(#{ UserPoolId: "us-west-2_abc", MfaConfiguration: "OFF" }).action)"#)
        .args(["run", "--dry-run", "script.rhai"])
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(mfa.stdout, "updated\n", "{}", mfa.stderr);
}

#[test]
fn the_pool_is_found_on_a_later_page_and_an_unchanged_pool_gets_no_write() {
    let server = Server::start(vec![
        Reply::json(
            200,
            r#"{"UserPools": [{"Id": "us-west-2_o", "Name": "Other"}], "NextToken": "t1"}"#,
        ),
        Reply::json(
            200,
            r#"{"UserPools": [{"Id": "us-west-2_abc", "Name": "P"}]}"#,
        ),
        Reply::json(200, DESCRIBE),
    ]);
    let out = run(
        &server,
        r#"let r = cognito.ensure_user_pool(#{ PoolName: "P", MfaConfiguration: "OFF",
    Policies: #{ PasswordPolicy: #{ MinimumLength: 8 } }, AutoVerifiedAttributes: ["email"] });
print(`${r.action} ${r.id}`);"#,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "unchanged us-west-2_abc\n");
    let seen = server.requests();
    assert_eq!(seen.len(), 3);
    let second: Value = serde_json::from_str(&seen[1].body).unwrap();
    assert_eq!(second["NextToken"], "t1");
}

#[test]
fn two_pools_with_the_name_are_an_error_naming_both() {
    let server = Server::start(vec![Reply::json(
        200,
        r#"{"UserPools": [{"Id": "us-west-2_a", "Name": "P"}, {"Id": "us-west-2_b", "Name": "P"}]}"#,
    )]);
    let out = run(&server, r#"cognito.ensure_user_pool(#{ PoolName: "P" });"#);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "ensure_user_pool: 2 pools are named `P` (us-west-2_a, us-west-2_b); rename or delete all but one"
        ),
        "{}",
        out.stderr
    );
    assert_eq!(server.requests().len(), 1);
}

/// A `--model FILE` without an operation `ensure_*` needs is a clear error, not a crash.
#[test]
fn a_model_without_an_operation_ensure_needs_is_a_clear_error() {
    let mut model: Value = serde_json::from_str(
        &std::fs::read_to_string(
            crate::support::repo_root().join("model/cognito-idp/service-2.json"),
        )
        .unwrap(),
    )
    .unwrap();
    model["operations"]
        .as_object_mut()
        .unwrap()
        .remove("ListUserPools");
    let server = Server::start(vec![Reply::json(200, "{}")]);
    let t = Test::new()
        .file("old-model.json", &model.to_string())
        .script(r#"cognito.ensure_user_pool(#{ PoolName: "P" });"#);
    let out = t
        .args([
            "run",
            "--model",
            "old-model.json",
            "--endpoint-url",
            &server.url,
            "script.rhai",
        ])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("ensure_user_pool needs the operation ListUserPools, which the model in use does not have"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

/// `ensure_setting`: a setting without an ensure_* of its own is read, compared member by
/// member, and written whole only when it differs; a plan writes nothing and says so.
#[test]
fn ensure_setting_writes_only_what_differs() {
    let ui = r#"{"UICustomization": {"UserPoolId": "us-west-2_abc", "ClientId": "ALL",
        "CSS": ".banner-customizable {background-color: black;}", "CSSVersion": "20261201"}}"#;
    let script = |css: &str| {
        format!(
            r#"let o = cognito.ensure_setting("GetUICustomization", "SetUICustomization",
    #{{ UserPoolId: "us-west-2_abc", CSS: "{css}" }});
print(o.action);"#
        )
    };
    let same = Server::start(vec![Reply::json(200, ui)]);
    let out = run(
        &same,
        &script(".banner-customizable {background-color: black;}"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "unchanged");
    assert_eq!(same.requests().len(), 1, "only the read");

    let differs = Server::start(vec![Reply::json(200, ui), Reply::json(200, ui)]);
    let out = run(
        &differs,
        &script(".banner-customizable {background-color: red;}"),
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "updated");
    let targets: Vec<String> = differs
        .requests()
        .iter()
        .filter_map(|r| r.header("x-amz-target").map(str::to_string))
        .collect();
    assert_eq!(
        targets,
        [
            "AWSCognitoIdentityProviderService.GetUICustomization",
            "AWSCognitoIdentityProviderService.SetUICustomization"
        ]
    );

    let planned = Server::start(vec![Reply::json(200, ui)]);
    let t = Test::new().script(&script(".x {color: red;}"));
    let out = t
        .args(["plan", "--endpoint-url", &planned.url, "script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("plan: ensure_setting SetUICustomization: would update\n  ~ CSS:"),
        "{}",
        out.stdout
    );
    assert_eq!(planned.requests().len(), 1, "a plan only reads");
}
