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

/// A plan reports `ensure_*` writes instead of making them; a planned SetUserPoolMfaConfig
/// with a factor answers the trap of a planned pool all the same.
#[test]
fn a_plan_of_a_new_pool_reads_the_factor_its_ensure_mfa_config_would_set() {
    use crate::support::pool_server::PoolServer;
    let server = PoolServer::start();
    let plan = |mfa: &str| {
        Test::new()
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "mfa-trap-secret")
            .env("AWS_REGION", "us-west-2")
            .script(&format!(
                r#"let pool = cognito.ensure_user_pool(#{{ PoolName: "fresh", MfaConfiguration: "OPTIONAL" }});
{mfa}"#
            ))
            .args(["--endpoint-url", server.url.as_str(), "plan", "script.rhai"])
            .run()
    };
    let answered = plan(
        r#"cognito.ensure_mfa_config(#{ UserPoolId: pool.id, MfaConfiguration: "OPTIONAL",
    SoftwareTokenMfaConfiguration: #{ Enabled: true } });"#,
    );
    assert_eq!(
        answered.stdout,
        "plan: ensure_user_pool `fresh`: would create\n\
         plan: ensure_mfa_config `planned_fresh`: would create\n"
    );
    assert_eq!(answered.stderr, "");
    assert_eq!(answered.code, 0);
    let bare = plan("");
    assert_eq!(
        bare.stdout,
        "plan: ensure_user_pool `fresh`: would create\n"
    );
    assert_golden("mfa_trap_planned.err", &bare.stderr);
    assert_eq!(bare.code, 0);
    assert_eq!(server.writes(), []);
}
