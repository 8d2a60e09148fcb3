//! End to end against moto (a real Cognito emulator with SigV4 checking on): the example
//! scripts create pools whose every setting comes back from DescribeUserPool, a wrong secret key
//! is refused without being shown, and a dry run needs no credentials. `bash tests/run.sh`
//! starts moto and sets POOLER_TEST_ENDPOINT and friends; without them the moto tests skip
//! (and fail when CI is set).

use std::net::TcpListener;
use std::process::{Command, Stdio};

use serde_json::{Value, json};

use crate::support::moto::{Moto, moto};
use crate::support::repo_root;

/// What a finished `pooler` run left behind.
struct Run {
    ok: bool,
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn assert_ok(&self, what: &str) {
        let (code, out, err) = (self.code, &self.stdout, &self.stderr);
        assert!(self.ok, "{what} failed (exit {code:?}):\n{out}\n{err}");
    }
}

fn pooler_bin() -> &'static str {
    option_env!("CARGO_BIN_EXE_pooler")
        .unwrap_or(concat!(env!("CARGO_MANIFEST_DIR"), "/target/debug/pooler"))
}

/// `pooler ARGS` in the repository root with no AWS_* or POOLER_* setting of the developer's,
/// no AWS config files and no instance metadata; credentials from `moto` when given.
fn pooler(args: &[&str], moto: Option<&Moto>) -> Command {
    let mut cmd = Command::new(pooler_bin());
    cmd.args(args).current_dir(repo_root()).stdin(Stdio::null());
    for (name, _) in std::env::vars_os() {
        let text = name.to_string_lossy();
        if text.starts_with("AWS_") || text.starts_with("POOLER_") {
            cmd.env_remove(&name);
        }
    }
    let nowhere = std::env::temp_dir().join("pooler-e2e-no-such-dir");
    cmd.env("AWS_CONFIG_FILE", nowhere.join("config"))
        .env("AWS_SHARED_CREDENTIALS_FILE", nowhere.join("credentials"))
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env(
            "AWS_REGION",
            moto.map_or("us-west-2", |m| m.region.as_str()),
        )
        .env("NO_COLOR", "1");
    if let Some(m) = moto {
        cmd.env("AWS_ACCESS_KEY_ID", &m.key_id)
            .env("AWS_SECRET_ACCESS_KEY", &m.secret);
    }
    cmd
}

/// Runs `cmd`; whatever happened, no output may contain the harness's secret key.
fn run(mut cmd: Command, moto: Option<&Moto>) -> Run {
    let out = cmd.output().expect("start the pooler binary");
    let run = Run {
        ok: out.status.success(),
        code: out.status.code(),
        stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
        stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
    };
    if let Some(m) = moto {
        assert!(
            !run.stdout.contains(&m.secret) && !run.stderr.contains(&m.secret),
            "the secret access key appeared in pooler's output"
        );
    }
    run
}

/// Runs a script against moto; the id from its `created user pool <id>` line.
fn create_pool(m: &Moto, script: &str, script_args: &[&str]) -> String {
    let mut args = vec!["run", "--endpoint-url", m.endpoint.as_str(), script, "--"];
    args.extend_from_slice(script_args);
    let r = run(pooler(&args, Some(m)), Some(m));
    r.assert_ok(script);
    let id = created_id(&r.stdout)
        .unwrap_or_else(|| panic!("no `created user pool <id>` line in:\n{}", r.stdout));
    let suffix = id
        .strip_prefix(&format!("{}_", m.region))
        .unwrap_or_default();
    assert!(
        !suffix.is_empty() && suffix.chars().all(|c| c.is_alphanumeric() || c == '_'),
        "not a {} user pool id: {id:?}",
        m.region
    );
    id
}

fn created_id(stdout: &str) -> Option<String> {
    stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("created user pool "))
        .map(|id| id.trim().to_string())
}

/// DescribeUserPool through `pooler eval` (which prints the value as JSON): the `UserPool`.
fn describe(m: &Moto, id: &str) -> Value {
    let expr = format!(r#"cognito.describe_user_pool(#{{UserPoolId: "{id}"}})"#);
    let args = ["eval", "--endpoint-url", m.endpoint.as_str(), &expr];
    let r = run(pooler(&args, Some(m)), Some(m));
    r.assert_ok("pooler eval");
    let value: Value = serde_json::from_str(r.stdout.trim())
        .unwrap_or_else(|e| panic!("eval did not print JSON ({e}):\n{}", r.stdout));
    value["UserPool"].clone()
}

/// Every member of `expected` is in `actual` with the same value (objects may have more
/// members; arrays match element by element).
fn assert_contains(expected: &Value, actual: &Value, path: &str) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (key, value) in e {
                let here = format!("{path}.{key}");
                let got = a
                    .get(key)
                    .unwrap_or_else(|| panic!("{here} is missing: {actual}"));
                assert_contains(value, got, &here);
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            assert_eq!(e.len(), a.len(), "{path}: {expected} vs {actual}");
            for (i, (x, y)) in e.iter().zip(a).enumerate() {
                assert_contains(x, y, &format!("{path}[{i}]"));
            }
        }
        _ => assert_eq!(expected, actual, "{path}"),
    }
}

/// The settings of the seed request (a Chilkat CreateUserPool program, ported as
/// scripts/create_pool.rhai) as DescribeUserPool returns them. Not here: `PoolName`, which moto
/// returns as `Name` (checked apart), `Schema`, which it returns as `SchemaAttributes` (see
/// [`seed_schema`]), and the seed's `AdminCreateUserConfig.TemporaryPasswordValidityDays`, which
/// is no member of the API (the scripts leave it out; moto would drop it).
fn seed_settings() -> Value {
    json!({
        "AccountRecoverySetting": {
            "RecoveryMechanisms": [
                { "Name": "verified_phone_number", "Priority": 1 },
                { "Name": "verified_email", "Priority": 2 },
            ],
        },
        "AdminCreateUserConfig": {
            "AllowAdminCreateUserOnly": false,
            "InviteMessageTemplate": {
                "EmailMessage": "Your username is {username} and temporary password is {####}. ",
                "EmailSubject": "Your temporary password",
                "SMSMessage": "Your username is {username} and temporary password is {####}. ",
            },
        },
        "AutoVerifiedAttributes": ["email", "phone_number"],
        "EmailConfiguration": {
            "EmailSendingAccount": "DEVELOPER",
            "From": "joe@example.com",
            "ReplyToEmailAddress": "joe@example.com",
            "SourceArn": "arn:aws:ses:us-west-2:954491834127:identity/joe@example.com",
        },
        "EmailVerificationMessage": "Your verification code is {####}. ",
        "EmailVerificationSubject": "Your verification code",
        "LambdaConfig": {},
        "MfaConfiguration": "OFF",
        "Policies": {
            "PasswordPolicy": {
                "MinimumLength": 8,
                "RequireLowercase": true,
                "RequireNumbers": true,
                "RequireSymbols": true,
                "RequireUppercase": true,
                "TemporaryPasswordValidityDays": 7,
            },
        },
        "SmsAuthenticationMessage": "Your verification code is {####}. ",
        "SmsConfiguration": {
            "ExternalId": "94b17737-216b-4cf7-a29e-17e990e91300",
            "SnsCallerArn": "arn:aws:iam::954491834127:role/service-role/chilkat-SMS-Role",
        },
        "SmsVerificationMessage": "Your verification code is {####}. ",
        "UsernameConfiguration": { "CaseSensitive": false },
        "VerificationMessageTemplate": {
            "DefaultEmailOption": "CONFIRM_WITH_CODE",
            "EmailMessage": "Your verification code is {####}. ",
            "EmailSubject": "Your verification code",
            "SmsMessage": "Your verification code is {####}. ",
        },
    })
}

/// The seed's Schema entries, in its order; moto may list more attributes.
fn seed_schema() -> Vec<Value> {
    let text = |name: &str, mutable: bool, required: bool, min: &str, max: &str| {
        json!({
            "Name": name, "AttributeDataType": "String", "DeveloperOnlyAttribute": false,
            "Mutable": mutable, "Required": required,
            "StringAttributeConstraints": { "MinLength": min, "MaxLength": max },
        })
    };
    vec![
        text("sub", false, true, "1", "2048"),
        text("name", true, false, "0", "2048"),
        text("given_name", true, false, "0", "2048"),
        text("family_name", true, false, "0", "2048"),
        text("middle_name", true, false, "0", "2048"),
        text("nickname", true, false, "0", "2048"),
        text("preferred_username", true, false, "0", "2048"),
        text("profile", true, false, "0", "2048"),
        text("picture", true, false, "0", "2048"),
        text("website", true, false, "0", "2048"),
        text("email", true, true, "0", "2048"),
        json!({
            "Name": "email_verified", "AttributeDataType": "Boolean", "DeveloperOnlyAttribute": false,
            "Mutable": true, "Required": false,
        }),
        text("gender", true, false, "0", "2048"),
        text("birthdate", true, false, "10", "10"),
        text("zoneinfo", true, false, "0", "2048"),
        text("locale", true, false, "0", "2048"),
        text("phone_number", true, false, "0", "2048"),
        text("address", true, false, "0", "2048"),
        json!({
            "Name": "updated_at", "AttributeDataType": "Number", "DeveloperOnlyAttribute": false,
            "Mutable": true, "Required": false,
            "NumberAttributeConstraints": { "MinValue": "0" },
        }),
    ]
}

fn check_seed_pool(pool: &Value, name: &str) {
    assert_eq!(pool["Name"], json!(name), "Name");
    assert_contains(&seed_settings(), pool, "UserPool");
    let attrs = pool["SchemaAttributes"]
        .as_array()
        .unwrap_or_else(|| panic!("no SchemaAttributes in {pool}"));
    for want in seed_schema() {
        let got = attrs
            .iter()
            .find(|a| a["Name"] == want["Name"])
            .unwrap_or_else(|| panic!("schema attribute {} is missing", want["Name"]));
        assert_contains(&want, got, &format!("SchemaAttributes[{}]", want["Name"]));
    }
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn create_pool_script_sets_every_seed_setting() {
    let m = moto("create_pool_script_sets_every_seed_setting");
    let id = create_pool(&m, "scripts/create_pool.rhai", &["e2e-map-pool"]);
    let pool = describe(&m, &id);
    assert_eq!(pool["Id"], json!(id));
    check_seed_pool(&pool, "e2e-map-pool");
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn stepwise_script_creates_the_same_pool() {
    let m = moto("stepwise_script_creates_the_same_pool");
    let by_map = create_pool(&m, "scripts/create_pool.rhai", &["e2e-twin"]);
    let by_steps = create_pool(&m, "scripts/json_stepwise.rhai", &["--create", "e2e-twin"]);
    assert_ne!(by_map, by_steps);
    let mut pools = [describe(&m, &by_map), describe(&m, &by_steps)];
    check_seed_pool(&pools[1], "e2e-twin");
    for pool in &mut pools {
        let pool = pool.as_object_mut().expect("UserPool is an object");
        for key in ["Id", "Arn", "CreationDate", "LastModifiedDate", "Name"] {
            pool.remove(key);
        }
    }
    assert_eq!(
        pools[0], pools[1],
        "the map script and the step-by-step one made different pools"
    );
}

#[test]
#[ignore = "needs moto: bash tests/run.sh runs it"]
fn wrong_secret_key_is_refused_and_not_shown() {
    let m = moto("wrong_secret_key_is_refused_and_not_shown");
    let wrong = "e2eWrongSecret0123456789abcdefghijklmnop";
    let args = [
        "run",
        "--endpoint-url",
        m.endpoint.as_str(),
        "scripts/create_pool.rhai",
    ];
    let mut cmd = pooler(&args, Some(&m));
    cmd.env("AWS_SECRET_ACCESS_KEY", wrong);
    let r = run(cmd, Some(&m));
    assert!(!r.ok, "a wrong secret key was accepted:\n{}", r.stdout);
    assert!(created_id(&r.stdout).is_none(), "{}", r.stdout);
    assert!(
        r.stderr.contains("SignatureDoesNotMatch"),
        "stderr:\n{}",
        r.stderr
    );
    let hint = r.stderr.to_lowercase();
    assert!(
        hint.contains("secret access key"),
        "no hint to check the secret:\n{}",
        r.stderr
    );
    assert!(
        !r.stdout.contains(wrong) && !r.stderr.contains(wrong),
        "the wrong secret key appeared in the output"
    );
}

#[test]
fn dry_run_needs_no_credentials_and_sends_nothing() {
    // No credentials and no endpoint anywhere: nothing may be sent, the script still completes.
    let r = run(
        pooler(&["run", "--dry-run", "scripts/create_pool.rhai"], None),
        None,
    );
    r.assert_ok("the dry run");
    assert!(
        created_id(&r.stdout).is_some_and(|id| !id.is_empty()),
        "{}",
        r.stdout
    );

    // The same towards an endpoint that would notice a connection.
    let trap = TcpListener::bind("127.0.0.1:0").expect("bind a local port");
    trap.set_nonblocking(true).expect("a non-blocking listener");
    let url = format!(
        "http://{}",
        trap.local_addr().expect("the listener's address")
    );
    let args = [
        "run",
        "--dry-run",
        "--endpoint-url",
        &url,
        "scripts/create_pool.rhai",
    ];
    let r = run(pooler(&args, None), None);
    r.assert_ok("the dry run");
    assert!(created_id(&r.stdout).is_some(), "{}", r.stdout);
    assert!(
        trap.accept().is_err(),
        "the dry run connected to the endpoint"
    );
}
