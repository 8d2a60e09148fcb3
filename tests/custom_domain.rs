//! A custom domain with its certificate, end to end against the stand-in (moto's
//! DescribeUserPoolDomain answers neither CustomDomainConfig nor ManagedLoginVersion):
//! `ensure_user_pool_domain` creates it, a plan of the same script says unchanged, a changed
//! certificate ARN is a `~` drift that `run` applies with UpdateUserPoolDomain, and `export`
//! writes the domain back with its certificate.

use serde_json::json;

use crate::support::pool_server::{POOL, PoolServer, State};
use crate::support::{Output, Test};

const OLD_CERT: &str =
    "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-0000-4000-8000-000000000001";
const NEW_CERT: &str =
    "arn:aws:acm:us-east-1:123456789012:certificate/1a2b3c4d-0000-4000-8000-000000000002";

fn pooler(server: &PoolServer, script: Option<&str>, args: &[&str]) -> Output {
    let mut t = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "custom-domain-secret")
        .env("AWS_REGION", "us-west-2")
        .args(["--endpoint-url", server.url.as_str()])
        .args(args.iter().copied());
    if let Some(script) = script {
        t = t.file("domain.rhai", script).args(["domain.rhai"]);
    }
    t.run()
}

fn domain(cert: &str) -> String {
    format!(
        r#"let d = cognito.ensure_user_pool_domain(#{{ UserPoolId: "{POOL}", Domain: "auth.example.com",
    CustomDomainConfig: #{{ CertificateArn: "{cert}" }}, ManagedLoginVersion: 2 }});
if !d.reported {{ print(`${{d.action}} ${{d.id}}`); }}"#
    )
}

#[test]
fn a_custom_domain_is_created_planned_updated_and_exported_with_its_certificate() {
    let server = PoolServer::writable(State::default());
    let created = pooler(&server, Some(&domain(OLD_CERT)), &["run"]);
    assert_eq!(created.stdout, "created auth.example.com\n");
    assert_eq!(created.stderr, "");
    assert_eq!(created.code, 0);
    let create = json!({"UserPoolId": POOL, "Domain": "auth.example.com",
        "CustomDomainConfig": {"CertificateArn": OLD_CERT}, "ManagedLoginVersion": 2});
    assert_eq!(
        server.writes(),
        [("CreateUserPoolDomain".to_string(), create.clone())]
    );

    let same = pooler(
        &server,
        Some(&domain(OLD_CERT)),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(
        same.stdout,
        "plan: ensure_user_pool_domain `auth.example.com`: unchanged\n"
    );
    assert_eq!(same.stderr, "");
    assert_eq!(same.code, 0);

    let drift = pooler(
        &server,
        Some(&domain(NEW_CERT)),
        &["plan", "--detailed-exitcode"],
    );
    assert_eq!(
        drift.stdout,
        format!(
            "plan: ensure_user_pool_domain `auth.example.com`: would update\n  \
             ~ CustomDomainConfig.CertificateArn: \"{OLD_CERT}\" -> \"{NEW_CERT}\"\n"
        )
    );
    assert_eq!(drift.stderr, "");
    assert_eq!(drift.code, 2, "changes");
    assert_eq!(server.writes().len(), 1, "the plan wrote");

    let updated = pooler(&server, Some(&domain(NEW_CERT)), &["run"]);
    assert_eq!(updated.stdout, "updated auth.example.com\n");
    assert_eq!(updated.stderr, "");
    assert_eq!(updated.code, 0);
    assert_eq!(
        server.writes(),
        [
            ("CreateUserPoolDomain".to_string(), create),
            (
                "UpdateUserPoolDomain".to_string(),
                json!({"UserPoolId": POOL, "Domain": "auth.example.com",
                    "CustomDomainConfig": {"CertificateArn": NEW_CERT}, "ManagedLoginVersion": 2})
            ),
        ]
    );

    let export = pooler(&server, None, &["export", POOL]);
    assert_eq!(export.stderr, "");
    assert_eq!(export.code, 0);
    let want = "let r = cognito.ensure_user_pool_domain(#{\n    UserPoolId: pool.id,\n    \
                CustomDomainConfig: #{\n        CertificateArn: \
                `arn:aws:acm:us-east-1:${account}:certificate/1a2b3c4d-0000-4000-8000-000000000002`,\n    \
                },\n    Domain: \"auth.example.com\",\n    ManagedLoginVersion: 2,\n});\n\
                show(\"domain auth.example.com\", r);\n";
    assert!(
        export.stdout.contains(want),
        "no\n{want}\nin\n{}",
        export.stdout
    );

    // The exported script plans the custom domain as unchanged.
    let plan = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "custom-domain-secret")
        .env("AWS_REGION", "us-west-2")
        .file("setup.rhai", &export.stdout)
        .args(["--endpoint-url", server.url.as_str(), "plan", "setup.rhai"])
        .run();
    assert_eq!(plan.stderr, "");
    assert_eq!(plan.code, 0);
    assert!(
        plan.stdout
            .contains("plan: ensure_user_pool_domain `auth.example.com`: unchanged\n"),
        "{}",
        plan.stdout
    );
    for line in plan.stdout.lines().filter(|l| l.starts_with("plan:")) {
        assert!(line.ends_with(": unchanged"), "{line}\n{}", plan.stdout);
    }
    assert_eq!(server.writes().len(), 2, "the plan of the export wrote");
}
