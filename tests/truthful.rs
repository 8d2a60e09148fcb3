//! End to end against moto: what pooler reports is what happened. A dry run, `plan`, `check`,
//! `eval --dry-run` and the REPL in dry mode never write a bulk resume file (so the real run
//! after them still creates the users), and a plan tells what a resume would skip.

use std::path::Path;

use serde_json::Value;

use crate::support::moto::{Moto, Run, moto, ok};

fn eval(m: &Moto, expr: &str) -> Value {
    let r = m.pooler(&["eval", expr], &[]);
    ok(&r, expr);
    serde_json::from_str(r.stdout.trim()).expect("eval prints JSON")
}

/// A new pool named `name`; its id.
fn new_pool(m: &Moto, name: &str) -> String {
    let id = eval(
        m,
        &format!(r#"cognito.create_user_pool(#{{PoolName: "{name}"}}).UserPool.Id"#),
    );
    id.as_str().expect("an id").to_string()
}

fn usernames(m: &Moto, pool: &str) -> Vec<String> {
    let users = eval(
        m,
        &format!(r#"cognito.paginate("ListUsers", #{{UserPoolId: "{pool}"}})"#),
    );
    let mut names: Vec<String> = users
        .as_array()
        .expect("a list")
        .iter()
        .map(|u| u["Username"].as_str().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

/// The bulk call of the docs, with the users and the resume file given.
fn bulk_code(pool: &str, users: &[&str], resume: &Path) -> String {
    let users: Vec<String> = users
        .iter()
        .map(|u| format!(r#"#{{ Username: "{u}", MessageAction: "SUPPRESS" }}"#))
        .collect();
    format!(
        "let s = cognito.admin_create_users(\"{pool}\", [{}], #{{ resume: \"{}\", progress: false }});\n\
         print(`done=${{s.done}} skipped=${{s.skipped}} resumed=${{s.resumed}} planned=${{s.planned}}`);\n\
         s.done",
        users.join(", "),
        resume.display()
    )
}

/// Every door that is not a real run, each given the same bulk call; none may touch `resume`.
fn dry_doors(m: &Moto, dir: &Path, code: &str, resume: &Path) {
    let script = dir.join("bulk.rhai");
    std::fs::write(&script, code).expect("write the script");
    let script = script.to_string_lossy().to_string();
    let before = std::fs::read(resume).ok();
    let doors: Vec<(&str, Run)> = vec![
        (
            "run --dry-run",
            m.pooler(&["--dry-run", "run", &script], &[]),
        ),
        ("plan", m.pooler(&["plan", &script], &[])),
        ("check", m.pooler(&["check", &script], &[])),
        (
            "eval --dry-run",
            m.pooler(&["--dry-run", "eval", code], &[]),
        ),
        (
            "repl --dry-run",
            m.pooler_stdin(&["--dry-run", "repl"], &[], Some(code)),
        ),
    ];
    for (door, run) in doors {
        ok(&run, door);
        assert_eq!(
            std::fs::read(resume).ok(),
            before,
            "{door} changed the resume file\n{}\n{}",
            run.stdout,
            run.stderr
        );
    }
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn no_dry_door_writes_the_resume_file_so_the_real_run_creates_the_users() {
    let m = moto("no_dry_door_writes_the_resume_file_so_the_real_run_creates_the_users");
    let dir = tempfile::tempdir().unwrap();
    let pool = new_pool(&m, "TruthResume");
    let resume = dir.path().join("users.done.jsonl");

    // No resume file yet: none of the dry doors makes one.
    let code = bulk_code(&pool, &["alice"], &resume);
    dry_doors(&m, dir.path(), &code, &resume);
    assert!(!resume.exists(), "a dry door created the resume file");
    let real = m.pooler(&["eval", &code], &[]);
    ok(&real, "the real run");
    assert!(
        real.stdout.contains("done=1 skipped=0 resumed=0"),
        "{}\n{}",
        real.stdout,
        real.stderr
    );
    assert_eq!(usernames(&m, &pool), ["alice"]);

    // A resume file with alice in it: the dry doors leave it as it is, and the real run creates
    // bob and skips alice by the file.
    let code = bulk_code(&pool, &["alice", "bob"], &resume);
    dry_doors(&m, dir.path(), &code, &resume);
    let plan = m.pooler(
        &["plan", &dir.path().join("bulk.rhai").to_string_lossy()],
        &[],
    );
    ok(&plan, "plan");
    assert!(
        plan.stdout.contains(
            "plan: AdminCreateUser for 2 input(s): would call 1 time(s), 0 exist already, 1 done per the resume file"
        ),
        "{}",
        plan.stdout
    );
    let real = m.pooler(&["eval", &code], &[]);
    ok(&real, "the second real run");
    assert_eq!(usernames(&m, &pool), ["alice", "bob"]);
    let log = std::fs::read_to_string(&resume).unwrap();
    assert_eq!(log.lines().count(), 2, "{log}");
}

/// A pool with software-token MFA, a Google identity provider (with a client secret) and a
/// group, exported to `script`; its id.
fn exported_pool_with_a_secret(m: &Moto, name: &str, script: &Path) -> String {
    let pool = new_pool(m, name);
    let setup = format!(
        r#"cognito.set_user_pool_mfa_config(#{{UserPoolId: "{pool}", MfaConfiguration: "OPTIONAL",
               SoftwareTokenMfaConfiguration: #{{Enabled: true}}}});
           cognito.create_identity_provider(#{{UserPoolId: "{pool}", ProviderName: "Google",
               ProviderType: "Google", ProviderDetails: #{{client_id: "cid",
               client_secret: "the-google-secret", authorize_scopes: "email"}}}});
           cognito.create_group(#{{UserPoolId: "{pool}", GroupName: "zeta"}});"#
    );
    ok(&m.pooler(&["eval", &setup], &[]), "setup");
    let out = script.to_string_lossy();
    ok(&m.pooler(&["export", &pool, "-o", &out], &[]), "export");
    pool
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn a_plan_without_the_secret_variable_says_not_compared_and_goes_on() {
    let m = moto("a_plan_without_the_secret_variable_says_not_compared_and_goes_on");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("setup.rhai");
    exported_pool_with_a_secret(&m, "TruthSecret", &script);
    let path = script.to_string_lossy();
    let plan = m.pooler(&["plan", "--detailed-exitcode", &path], &[]);
    assert_eq!(plan.code, Some(0), "{}\n{}", plan.stdout, plan.stderr);
    assert!(
        plan.stdout.contains(
            "plan: ensure_identity_provider `Google`: unchanged\n  \
             ? ProviderDetails.client_secret: not compared (POOLER_SECRET_GOOGLE_CLIENT_SECRET is unset)"
        ),
        "{}",
        plan.stdout
    );
    // The items after the provider are planned too.
    assert!(
        plan.stdout.contains("plan: ensure_group `zeta`: unchanged"),
        "{}",
        plan.stdout
    );

    // A real run needs the secret: without it, it stops naming the variable.
    let run = m.pooler(&["run", &path], &[]);
    assert_eq!(run.code, Some(4), "{}\n{}", run.stdout, run.stderr);
    assert!(
        run.stderr
            .contains("the environment variable POOLER_SECRET_GOOGLE_CLIENT_SECRET is unset"),
        "{}",
        run.stderr
    );
    // With it, the run converges.
    let run = m.pooler(
        &["run", &path],
        &[("POOLER_SECRET_GOOGLE_CLIENT_SECRET", "the-google-secret")],
    );
    ok(&run, "run with the secret");
    assert!(
        run.stdout.contains("identity provider Google: unchanged"),
        "{}",
        run.stdout
    );
}

const OWNED_SETUP: &str = r#"
let pool = cognito.ensure_user_pool(#{ PoolName: args[0] });
cognito.ensure_group(#{ UserPoolId: pool.id, GroupName: "admins" });
if args.len() > 1 {
    let gone = cognito.prune(pool.id, ["groups"]);
    print(`pruned: ${gone}`);
}
"#;

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn a_plan_lists_what_the_script_does_not_declare_and_prune_deletes_it() {
    let m = moto("a_plan_lists_what_the_script_does_not_declare_and_prune_deletes_it");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("owned.rhai");
    std::fs::write(&script, OWNED_SETUP).unwrap();
    let path = script.to_string_lossy();
    let name = "TruthOwned";
    ok(&m.pooler(&["run", &path, "--", name], &[]), "setup");
    let plan = m.pooler(&["plan", "--detailed-exitcode", &path, "--", name], &[]);
    assert_eq!(
        plan.code,
        Some(0),
        "nothing undeclared yet: {}",
        plan.stdout
    );
    let pool = eval(
        &m,
        &format!(
            r#"cognito.paginate("ListUserPools", #{{MaxResults: 60}}).filter(|p| p.Name == "{name}")[0].Id"#
        ),
    );
    let pool = pool.as_str().unwrap();
    // Made by hand, not in the script.
    let by_hand = format!(
        r#"cognito.create_group(#{{UserPoolId: "{pool}", GroupName: "handmade"}});
           cognito.create_user_pool_client(#{{UserPoolId: "{pool}", ClientName: "manual"}});"#
    );
    ok(&m.pooler(&["eval", &by_hand], &[]), "by hand");

    let plan = m.pooler(&["plan", "--detailed-exitcode", &path, "--", name], &[]);
    assert_eq!(plan.code, Some(2), "{}\n{}", plan.stdout, plan.stderr);
    for line in [
        format!("plan: app client `manual` in pool `{name}`: not in the script"),
        format!("plan: group `handmade` in pool `{name}`: not in the script"),
    ] {
        assert!(
            plan.stdout.contains(&line),
            "no `{line}` in:\n{}",
            plan.stdout
        );
    }
    assert!(!plan.stdout.contains("`admins` in pool"), "{}", plan.stdout);

    // The script owns its groups: the plan says "would delete", the run deletes; the client,
    // not owned, stays and is still reported.
    let plan = m.pooler(&["plan", &path, "--", name, "prune"], &[]);
    ok(&plan, "plan with prune");
    assert!(
        plan.stdout.contains(&format!(
            "plan: group `handmade` in pool `{name}`: would delete"
        )),
        "{}",
        plan.stdout
    );
    assert!(
        plan.stdout.contains(&format!(
            "plan: app client `manual` in pool `{name}`: not in the script"
        )),
        "{}",
        plan.stdout
    );
    let groups = format!(
        r#"cognito.paginate("ListGroups", #{{UserPoolId: "{pool}"}}).map(|g| g.GroupName)"#
    );
    assert_eq!(eval(&m, &groups), serde_json::json!(["admins", "handmade"]));
    let run = m.pooler(&["run", &path, "--", name, "prune"], &[]);
    ok(&run, "run with prune");
    assert!(
        run.stdout.contains("pruned: [\"handmade\"]"),
        "{}",
        run.stdout
    );
    assert_eq!(eval(&m, &groups), serde_json::json!(["admins"]));
    let clients = format!(
        r#"cognito.paginate("ListUserPoolClients", #{{UserPoolId: "{pool}", MaxResults: 60}}).map(|c| c.ClientName)"#
    );
    assert_eq!(eval(&m, &clients), serde_json::json!(["manual"]));
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn plan_lines_name_the_item_of_each_write() {
    let m = moto("plan_lines_name_the_item_of_each_write");
    let dir = tempfile::tempdir().unwrap();
    let pool = new_pool(&m, "TruthNames");
    let script = dir.path().join("names.rhai");
    std::fs::write(
        &script,
        format!(
            r#"cognito.admin_create_users("{pool}", [#{{ Username: "alice" }}, #{{ Username: "bob" }}],
                   #{{ progress: false }});
               cognito.create_group(#{{ UserPoolId: "{pool}", GroupName: "admins" }});"#
        ),
    )
    .unwrap();
    let plan = m.pooler(&["plan", &script.to_string_lossy()], &[]);
    ok(&plan, "plan");
    for line in [
        "plan: would call AdminCreateUser (alice)\n",
        "plan: would call AdminCreateUser (bob)\n",
        "plan: would call CreateGroup (admins)\n",
    ] {
        assert!(
            plan.stdout.contains(line),
            "no `{line}` in:\n{}",
            plan.stdout
        );
    }
    assert!(usernames(&m, &pool).is_empty(), "the plan created users");
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn the_mfa_trap_reads_the_factors_an_existing_pool_has() {
    let m = moto("the_mfa_trap_reads_the_factors_an_existing_pool_has");
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("setup.rhai");
    exported_pool_with_a_secret(&m, "TruthTotp", &script);
    // The exported pool has software-token MFA: no trap warning, in a plan (the pool exists)
    // or a dry run (the pool would be created, and the script's ensure_mfa_config then sets
    // the factor).
    let plan = m.pooler(&["plan", &script.to_string_lossy()], &[]);
    ok(&plan, "plan");
    assert_eq!(plan.stderr, "", "plan");
    // A plan of the same script for a pool that does not exist yet: the pool and its MFA
    // configuration would be created, with the factor.
    let fresh = m.pooler(
        &["plan", &script.to_string_lossy(), "--", "TruthTotpFresh"],
        &[],
    );
    ok(&fresh, "plan of a new pool");
    assert!(
        fresh
            .stdout
            .contains("plan: ensure_user_pool `TruthTotpFresh`: would create\n"),
        "{}",
        fresh.stdout
    );
    assert_eq!(fresh.stderr, "", "plan of a new pool");
    let secret = [("POOLER_SECRET_GOOGLE_CLIENT_SECRET", "the-google-secret")];
    let dry = m.pooler(&["run", "--dry-run", &script.to_string_lossy()], &secret);
    ok(&dry, "dry run");
    assert_eq!(
        dry.stderr, "dry run: requests are validated and signed, nothing is sent\n",
        "dry run"
    );

    // A pool with OPTIONAL and no factor at all still gets it, named after ensure_user_pool
    // (nothing is created).
    eval(
        &m,
        r#"cognito.create_user_pool(#{PoolName: "TruthNoFactor", MfaConfiguration: "OPTIONAL"}).UserPool.Id"#,
    );
    let ensure = dir.path().join("ensure.rhai");
    std::fs::write(
        &ensure,
        r#"cognito.ensure_user_pool(#{ PoolName: "TruthNoFactor", MfaConfiguration: "OPTIONAL" });"#,
    )
    .unwrap();
    let plan = m.pooler(&["plan", &ensure.to_string_lossy()], &[]);
    ok(&plan, "plan of the bare pool");
    assert!(
        plan.stderr
            .contains("warning: ensure_user_pool: a known Cognito trap"),
        "{}",
        plan.stderr
    );
    assert!(
        plan.stderr
            .contains("MfaConfiguration: OPTIONAL with no MFA factor configured"),
        "{}",
        plan.stderr
    );
    assert!(!plan.stderr.contains("CreateUserPool"), "{}", plan.stderr);
}
