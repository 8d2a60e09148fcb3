//! End to end against moto: `scripts/full_setup.rhai` run twice leaves one pool and reports
//! `unchanged`; one changed setting updates only that; an immutable change is refused and nothing
//! changes; `pooler plan` writes nothing. Same harness variables and skip rules as e2e_moto.rs.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::moto::{Moto, Run, moto, ok};
use crate::support::repo_root;

/// `pooler ARGS` from the repository root against moto.
fn pooler(m: &Moto, args: &[&str]) -> Run {
    m.pooler(args, &[])
}

/// Runs (or plans) a setup script for pool `name`.
fn setup(m: &Moto, command: &str, script: &Path, name: &str) -> Run {
    let script = script.to_string_lossy();
    pooler(m, &[command, &script, "--", name, "scripts/users.csv"])
}

fn full_setup() -> PathBuf {
    repo_root().join("scripts/full_setup.rhai")
}

/// full_setup.rhai with one text replaced, in a temporary directory.
fn edited(dir: &Path, from: &str, to: &str) -> PathBuf {
    let text = std::fs::read_to_string(full_setup()).expect("read full_setup.rhai");
    assert!(text.contains(from), "full_setup.rhai has no `{from}`");
    let path = dir.join("edited.rhai");
    std::fs::write(&path, text.replace(from, to)).expect("write the edited script");
    path
}

fn eval(m: &Moto, expr: &str) -> Value {
    let r = pooler(m, &["eval", expr]);
    ok(&r, expr);
    serde_json::from_str(r.stdout.trim()).expect("eval prints JSON")
}

/// Ids of the pools named `name`.
fn pools_named(m: &Moto, name: &str) -> Vec<String> {
    let pools = eval(m, r#"cognito.paginate("ListUserPools", #{MaxResults: 60})"#);
    pools
        .as_array()
        .expect("a list")
        .iter()
        .filter(|p| p["Name"] == name)
        .map(|p| p["Id"].as_str().unwrap_or_default().to_string())
        .collect()
}

fn describe(m: &Moto, id: &str) -> Value {
    eval(
        m,
        &format!(r#"cognito.describe_user_pool(#{{UserPoolId: "{id}"}})"#),
    )["UserPool"]
        .clone()
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn full_setup_run_twice_changes_nothing_the_second_time() {
    let m = moto("full_setup_run_twice_changes_nothing_the_second_time");
    let name = "EnsureTwice";
    let first = setup(&m, "run", &full_setup(), name);
    ok(&first, "first run");
    assert!(first.stdout.contains(&format!("pool {name}: created")));
    assert!(
        first
            .stdout
            .contains("users: 6 created, 0 already there, 0 failed")
    );
    let second = setup(&m, "run", &full_setup(), name);
    ok(&second, "second run");
    for line in [
        format!("pool {name}: unchanged"),
        "client web: unchanged".into(),
        "domain: unchanged".into(),
        "group admins: unchanged".into(),
        "group readers: unchanged".into(),
        "users: 0 created, 6 already there, 0 failed".into(),
    ] {
        assert!(
            second.stdout.contains(&line),
            "no `{line}` in:\n{}",
            second.stdout
        );
    }
    assert_eq!(
        pools_named(&m, name).len(),
        1,
        "exactly one pool of that name"
    );
    let id = &pools_named(&m, name)[0];
    let users = eval(
        &m,
        &format!(
            r#"cognito.paginate("ListUsersInGroup", #{{UserPoolId: "{id}", GroupName: "admins"}})"#
        ),
    );
    assert_eq!(
        users.as_array().map(Vec::len),
        Some(2),
        "alice and dave are admins"
    );
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn one_changed_setting_updates_only_that_setting() {
    let m = moto("one_changed_setting_updates_only_that_setting");
    let name = "EnsureChange";
    ok(&setup(&m, "run", &full_setup(), name), "first run");
    let id = pools_named(&m, name).remove(0);
    let before = describe(&m, &id);
    let dir = tempfile::tempdir().unwrap();
    let script = edited(dir.path(), "MinimumLength: 8,", "MinimumLength: 10,");
    let r = setup(&m, "run", &script, name);
    ok(&r, "changed run");
    assert!(
        r.stdout.contains(&format!("pool {name}: updated")),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("  Policies.PasswordPolicy.MinimumLength: 8 -> 10"),
        "{}",
        r.stdout
    );
    let after = describe(&m, &id);
    assert_eq!(after["Policies"]["PasswordPolicy"]["MinimumLength"], 10);
    assert_eq!(after["Policies"]["PasswordPolicy"]["RequireSymbols"], true);
    // moto forgets the settings UpdateUserPool does not take (UsernameConfiguration and the
    // like), which the real service keeps; everything else must be as before.
    let skip = ["Policies", "LastModifiedDate", "UsernameConfiguration"];
    for (key, value) in before.as_object().unwrap() {
        if !skip.contains(&key.as_str()) {
            assert_eq!(&after[key], value, "`{key}` changed");
        }
    }
    assert_eq!(pools_named(&m, name).len(), 1);
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn an_immutable_change_is_refused_and_nothing_changes() {
    let m = moto("an_immutable_change_is_refused_and_nothing_changes");
    let name = "EnsureFixed";
    ok(&setup(&m, "run", &full_setup(), name), "first run");
    let id = pools_named(&m, name).remove(0);
    let before = describe(&m, &id);
    let dir = tempfile::tempdir().unwrap();
    let script = edited(dir.path(), "CaseSensitive: false", "CaseSensitive: true");
    let script = std::fs::read_to_string(&script)
        .unwrap()
        .replace("MinimumLength: 8,", "MinimumLength: 12,");
    let path = dir.path().join("both.rhai");
    std::fs::write(&path, script).unwrap();
    let r = setup(&m, "run", &path, name);
    assert_eq!(r.code, Some(6), "{}\n{}", r.stdout, r.stderr);
    assert!(
        r.stderr.contains(
            "UsernameConfiguration.CaseSensitive: false -> true (fixed when it was created)"
        ),
        "{}",
        r.stderr
    );
    assert!(r.stderr.contains("nothing was changed"), "{}", r.stderr);
    let after = describe(&m, &id);
    assert_eq!(after, before, "the refused run changed the pool");
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn plan_reports_without_writing() {
    let m = moto("plan_reports_without_writing");
    let r = setup(&m, "plan", &full_setup(), "EnsurePlanned");
    ok(&r, "plan of a new pool");
    for line in [
        "plan: ensure_user_pool `EnsurePlanned`: would create",
        "plan: ensure_group `admins`: would create",
        "plan: AdminCreateUser for 6 input(s): would call 6 time(s), 0 exist already",
    ] {
        assert!(r.stdout.contains(line), "no `{line}` in:\n{}", r.stdout);
    }
    // Other tests share moto and create pools meanwhile: only this plan's pool is looked for.
    assert!(
        pools_named(&m, "EnsurePlanned").is_empty(),
        "plan created the pool"
    );

    // On an existing pool, a changed setting is reported with its diff and not applied.
    let name = "EnsurePlanExisting";
    ok(&setup(&m, "run", &full_setup(), name), "setup");
    let id = pools_named(&m, name).remove(0);
    let before = describe(&m, &id);
    let dir = tempfile::tempdir().unwrap();
    let script = edited(dir.path(), "MinimumLength: 8,", "MinimumLength: 10,");
    let r = setup(&m, "plan", &script, name);
    ok(&r, "plan of a change");
    assert!(
        r.stdout.contains(&format!("plan: ensure_user_pool `{name}`: would update\n  ~ Policies.PasswordPolicy.MinimumLength: 8 -> 10")),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("plan: ensure_group `admins`: unchanged"));
    assert_eq!(describe(&m, &id), before, "plan changed the pool");
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn resource_server_identity_provider_and_mfa_converge_and_hide_secrets() {
    let m = moto("resource_server_identity_provider_and_mfa_converge_and_hide_secrets");
    let text = r#"
let pool = cognito.ensure_user_pool(#{ PoolName: "EnsureMore", MfaConfiguration: "OFF" });
let idp_settings = #{ UserPoolId: pool.id, ProviderName: "Google", ProviderType: "Google",
    ProviderDetails: #{ client_id: "cid", client_secret: "first-hidden-value", authorize_scopes: "email" },
    AttributeMapping: #{ email: "email" } };
for round in 0..2 {
    let rs = cognito.ensure_resource_server(#{ UserPoolId: pool.id, Identifier: "https://api.example.com",
        Name: "api", Scopes: [#{ ScopeName: "read", ScopeDescription: "Read" }] });
    let idp = cognito.ensure_identity_provider(idp_settings);
    let mfa = cognito.ensure_mfa_config(#{ UserPoolId: pool.id, MfaConfiguration: "OPTIONAL",
        SoftwareTokenMfaConfiguration: #{ Enabled: true } });
    print(`round ${round}: ${rs.action} ${idp.action} ${mfa.action}`);
}
idp_settings.ProviderDetails.client_secret = "second-hidden-value";
let idp = cognito.ensure_identity_provider(idp_settings);
print(`idp: ${idp.action} ${idp.changes.len()} ${idp.changes[0]}`);
let read = cognito.describe_identity_provider(#{ UserPoolId: pool.id, ProviderName: "Google" });
print(`attribute mapping kept: ${read.IdentityProvider.AttributeMapping.email}`);
"#;
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("more.rhai");
    std::fs::write(&path, text).unwrap();
    let r = pooler(&m, &["run", &path.to_string_lossy()]);
    ok(&r, "more.rhai");
    assert!(
        r.stdout.contains("round 0: created created updated"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("round 1: unchanged unchanged unchanged"),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(
            r#"idp: updated 1 {"from":"***","path":"ProviderDetails.client_secret","to":"***"}"#
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains("attribute mapping kept: email"),
        "{}",
        r.stdout
    );
    assert!(!r.stdout.contains("hidden-value") && !r.stderr.contains("hidden-value"));
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn a_second_run_sends_no_write_and_plan_tells_changes_by_exit_code() {
    let m = moto("a_second_run_sends_no_write_and_plan_tells_changes_by_exit_code");
    let name = "EnsureNoWrites";
    ok(&setup(&m, "run", &full_setup(), name), "first run");
    let dir = tempfile::tempdir().unwrap();
    let transcript = dir.path().join("second.jsonl");
    let script = full_setup();
    let second = pooler(
        &m,
        &[
            "run",
            "--transcript",
            &transcript.to_string_lossy(),
            &script.to_string_lossy(),
            "--",
            name,
            "scripts/users.csv",
        ],
    );
    ok(&second, "second run");
    let text = std::fs::read_to_string(&transcript).unwrap();
    let writes: Vec<String> = text
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["operation"]
                .as_str()
                .unwrap()
                .to_string()
        })
        .filter(|op| !pooler::service::access::READ_ONLY.contains(&op.as_str()))
        .collect();
    assert!(writes.is_empty(), "the second run wrote: {writes:?}");
    assert!(
        text.lines().count() > 10,
        "the second run read the setup: {text}"
    );

    let plan = |script: &Path| {
        let script = script.to_string_lossy();
        pooler(
            &m,
            &[
                "plan",
                "--detailed-exitcode",
                &script,
                "--",
                name,
                "scripts/users.csv",
            ],
        )
    };
    let same = plan(&full_setup());
    assert_eq!(same.code, Some(0), "{}\n{}", same.stdout, same.stderr);
    let changed = plan(&edited(
        dir.path(),
        "MinimumLength: 8,",
        "MinimumLength: 11,",
    ));
    assert_eq!(
        changed.code,
        Some(2),
        "{}\n{}",
        changed.stdout,
        changed.stderr
    );
    assert!(
        changed.stdout.contains("would update"),
        "{}",
        changed.stdout
    );
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn plan_lists_a_refused_change_with_every_other_difference() {
    let m = moto("plan_lists_a_refused_change_with_every_other_difference");
    let name = "EnsureRefusedDrift";
    ok(&setup(&m, "run", &full_setup(), name), "first run");
    let id = pools_named(&m, name).remove(0);
    let before = describe(&m, &id);
    let dir = tempfile::tempdir().unwrap();
    let script = edited(dir.path(), "CaseSensitive: false", "CaseSensitive: true");
    let script = std::fs::read_to_string(&script)
        .unwrap()
        .replace("MinimumLength: 8,", "MinimumLength: 12,")
        .replace("RequireSymbols: true,", "RequireSymbols: false,");
    let path = dir.path().join("drift.rhai");
    std::fs::write(&path, script).unwrap();
    for flags in [&[][..], &["--detailed-exitcode"][..]] {
        let mut args = vec!["plan"];
        args.extend_from_slice(flags);
        let path = path.to_string_lossy();
        args.extend([path.as_ref(), "--", name, "scripts/users.csv"]);
        let r = pooler(&m, &args);
        assert_eq!(r.code, Some(6), "{flags:?}: {}\n{}", r.stdout, r.stderr);
        let report = format!(
            "plan: ensure_user_pool `{name}`: refused\n  \
             ~ Policies.PasswordPolicy.MinimumLength: 8 -> 12\n  \
             ~ Policies.PasswordPolicy.RequireSymbols: true -> false\n  \
             ! UsernameConfiguration.CaseSensitive: false -> true (refused: fixed when it was created)"
        );
        assert!(
            r.stdout.contains(&report),
            "no\n{report}\nin:\n{}",
            r.stdout
        );
        assert!(
            r.stderr
                .contains("plan: 1 change(s) would be refused by the service"),
            "{}",
            r.stderr
        );
    }
    // `run` still refuses before writing anything.
    let r = setup(&m, "run", &path, name);
    assert_eq!(r.code, Some(6), "{}\n{}", r.stdout, r.stderr);
    assert_eq!(
        describe(&m, &id),
        before,
        "the refused run changed the pool"
    );
}
