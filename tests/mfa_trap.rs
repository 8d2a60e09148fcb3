//! The MFA trap (OPTIONAL or ON with no factor) reads the state the script itself sets later:
//! the warning is told at the end of the run, and not at all when a later SetUserPoolMfaConfig
//! for the same pool, through any door, enables a factor.

use crate::support::{Output, Test, assert_golden};

const DRY_RUN: &str = "dry run: requests are validated and signed, nothing is sent\n";

fn dry_run(script: &str) -> Output {
    Test::new()
        .script(script)
        .args(["run", "--dry-run", "script.rhai"])
        .env("AWS_REGION", "us-west-2")
        .run()
}

#[test]
fn a_later_software_token_factor_answers_the_mfa_trap_through_every_door() {
    let create = r#"let id = cognito.create_user_pool(#{ PoolName: "p", MfaConfiguration: "OPTIONAL" }).UserPool.Id;"#;
    let totp = r#"MfaConfiguration: "OPTIONAL", SoftwareTokenMfaConfiguration: #{ Enabled: true }"#;
    for later in [
        format!("cognito.set_user_pool_mfa_config(#{{ UserPoolId: id, {totp} }});"),
        format!(r#"cognito.call("SetUserPoolMfaConfig", #{{ UserPoolId: id, {totp} }});"#),
        format!("cognito.ensure_mfa_config(#{{ UserPoolId: id, {totp} }});"),
    ] {
        let out = dry_run(&format!("{create}\n{later}\nprint(\"end\");"));
        assert_eq!(out.stderr, DRY_RUN, "{later}");
        assert_eq!(out.stdout, "end\n", "{later}");
        assert_eq!(out.code, 0, "{later}");
    }
}

#[test]
fn without_a_later_factor_the_mfa_trap_is_told_at_the_end() {
    let out = dry_run(
        r#"let id = cognito.create_user_pool(#{ PoolName: "p", MfaConfiguration: "OPTIONAL" }).UserPool.Id;
print("end");"#,
    );
    assert_eq!(out.stdout, "end\n");
    assert_golden("mfa_trap_told.err", &out.stderr);
    assert_eq!(out.code, 0);
}

#[test]
fn a_factor_set_on_another_pool_does_not_answer_the_trap() {
    let out = dry_run(
        r#"let id = cognito.create_user_pool(#{ PoolName: "p", MfaConfiguration: "OPTIONAL" }).UserPool.Id;
cognito.set_user_pool_mfa_config(#{ UserPoolId: "us-west-2_other", MfaConfiguration: "OPTIONAL",
    SoftwareTokenMfaConfiguration: #{ Enabled: true } });
print("end");"#,
    );
    assert_eq!(out.stdout, "end\n");
    assert_golden("mfa_trap_told.err", &out.stderr);
    assert_eq!(out.code, 0);
}
