//! Warnings for the known Cognito traps, printed before anything is written: `custom:` in a
//! schema name, MFA with no factor, an UpdateUserPool call that would reset settings the pool has.

use crate::support::server::{Reply, Server};
use crate::support::{Test, run_script};

#[test]
fn custom_prefix_and_mfa_without_factor_are_warned_about() {
    let out = Test::new()
        .script(
            r#"cognito.create_user_pool(#{
    PoolName: "p",
    MfaConfiguration: "ON",
    Schema: [#{ Name: "custom:team", AttributeDataType: "String" }],
});"#,
        )
        .args(["run", "--dry-run", "script.rhai"])
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains("CreateUserPool: a known Cognito trap"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("Schema[0].Name: write `team`, not `custom:team`"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("MfaConfiguration: ON with no MFA factor configured"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("script.rhai:1:"),
        "names the call site: {}",
        out.stderr
    );
}

#[test]
fn a_clean_request_gets_no_trap_warning() {
    let out = Test::new()
        .script(r#"cognito.create_user_pool(#{ PoolName: "p", MfaConfiguration: "OFF" });"#)
        .args(["run", "--dry-run", "script.rhai"])
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(!out.stderr.contains("trap"), "{}", out.stderr);
}

#[test]
fn update_user_pool_that_leaves_out_settings_the_pool_has_is_warned_about() {
    let describe = r#"{"UserPool": {"Id": "us-west-2_abc", "Name": "p", "MfaConfiguration": "OFF",
        "Policies": {"PasswordPolicy": {"MinimumLength": 12}},
        "AutoVerifiedAttributes": ["email"]}}"#;
    let server = Server::start(vec![Reply::json(200, describe), Reply::json(200, "{}")]);
    let out = Test::new()
        .script(
            r#"cognito.update_user_pool(#{ UserPoolId: "us-west-2_abc", MfaConfiguration: "OFF" });"#,
        )
        .args(["run", "--endpoint-url", &server.url, "script.rhai"])
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .env("AWS_REGION", "us-west-2")
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stderr.contains(
            "this call leaves out Policies, AutoVerifiedAttributes that the pool has; \
             cognito.ensure_user_pool(…) keeps them"
        ) || out
            .stderr
            .contains("this call leaves out AutoVerifiedAttributes, Policies that the pool has"),
        "{}",
        out.stderr
    );
    let seen = server.requests();
    assert_eq!(seen.len(), 2);
    assert!(
        seen[0]
            .header("x-amz-target")
            .unwrap()
            .ends_with("DescribeUserPool")
    );
    assert!(
        seen[1]
            .header("x-amz-target")
            .unwrap()
            .ends_with("UpdateUserPool")
    );
}

#[test]
fn ensure_needs_its_naming_member() {
    let out = run_script(r#"cognito.ensure_group(#{ UserPoolId: "us-west-2_abc" });"#);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("ensure_group: `GroupName` is required"),
        "{}",
        out.stderr
    );
}
