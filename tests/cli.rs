//! The commands and the script helpers, driven through the binary.

use crate::support::{Test, run_script};

#[test]
fn help_and_version() {
    let help = Test::new().args(["--help"]).run();
    assert_eq!(help.code, 0);
    for command in ["run", "check", "eval", "ops", "describe"] {
        assert!(
            help.stdout.contains(command),
            "{command} missing from --help"
        );
    }
    let version = Test::new().args(["--version"]).run();
    assert_eq!(version.code, 0);
    assert_eq!(
        version.stdout.trim(),
        format!("pooler {}", env!("CARGO_PKG_VERSION"))
    );
}

#[test]
fn args_after_double_dash_still_reach_the_script() {
    let out = Test::new()
        .script("print(args.len());\nfor a in args { print(a); }\n")
        .args(["run", "script.rhai", "--", "first", "--second"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "2\nfirst\n--second\n");
}

#[test]
fn print_goes_to_stdout_and_debug_to_stderr() {
    let out = run_script("print(\"to out\");\ndebug(\"to err\");\n");
    assert_eq!(out.stdout, "to out\n");
    assert!(
        out.stderr.contains("debug: script.rhai:2: \"to err\""),
        "{}",
        out.stderr
    );
}

#[test]
fn env_with_and_without_default() {
    let out = Test::new()
        .script("print(env(\"POOLER_T_SET\"));\nprint(env(\"POOLER_T_UNSET\") == ());\nprint(env(\"POOLER_T_UNSET\", \"fallback\"));\n")
        .env("POOLER_T_SET", "value")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.stdout, "value\ntrue\nfallback\n", "{}", out.stderr);
}

#[test]
fn read_file_json_and_csv() {
    let out = Test::new()
        .file("notes.txt", "hello\n")
        .file("cfg.json", r#"{"PoolName": "FromFile", "Min": 8}"#)
        .file(
            "users.csv",
            "username,email\nann,ann@example.com\nbob,\"bob@example.com\"\n",
        )
        .script(
            r#"
            let notes = read_file("notes.txt");
            notes.trim();
            print(notes);
            let cfg = read_json("cfg.json");
            print(cfg.PoolName + " " + cfg.Min);
            let users = read_csv("users.csv");
            print(users.len());
            for u in users { print(u.username + "=" + u.email); }
            "#,
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "hello\nFromFile 8\n2\nann=ann@example.com\nbob=bob@example.com\n"
    );
}

#[test]
fn read_file_of_a_missing_file_names_it() {
    let out = run_script("read_file(\"absent.txt\");\n");
    assert_eq!(out.code, 4);
    assert!(
        out.stderr.contains("cannot read `absent.txt`"),
        "{}",
        out.stderr
    );
}

#[test]
fn exit_sets_the_process_exit_code() {
    let out = run_script("print(\"before\");\nexit(17);\nprint(\"after\");\n");
    assert_eq!(out.code, 17);
    assert_eq!(out.stdout, "before\n");
    assert_eq!(out.stderr, "");
}

#[test]
fn sleep_accepts_integers_and_fractions() {
    let out = run_script("sleep(0);\nsleep(0.01);\nprint(\"slept\");\n");
    assert_eq!(out.stdout, "slept\n", "{}", out.stderr);
    let bad = run_script("sleep(-1);\n");
    assert_eq!(bad.code, 4);
    assert!(bad.stderr.contains("non-negative"), "{}", bad.stderr);
}

#[test]
fn local_modules_import_relative_to_the_script() {
    let out = Test::new()
        .file(
            "lib/helpers.rhai",
            "fn twice(x) { x * 2 }\nexport const NAME = \"helpers\";\n",
        )
        .script("import \"lib/helpers\" as h;\nprint(h::twice(21));\nprint(h::NAME);\n")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "42\nhelpers\n");
}

#[test]
fn stdlib_attributes_module_builds_schema_entries() {
    let out = run_script(
        r#"
        import "cognito/attributes" as attrs;
        let email = attrs::standard("email");
        print(email.Name + " " + email.AttributeDataType);
        let n = attrs::custom_number("age", 0, 150);
        print(n.NumberAttributeConstraints.MinValue + ".." + n.NumberAttributeConstraints.MaxValue);
        print(type_of(n.NumberAttributeConstraints.MaxValue));
        let s = attrs::custom_string("team", 1, 64);
        print(s.StringAttributeConstraints.MaxLength);
        "#,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "email String\n0..150\nstring\n64\n");
}

#[test]
fn stdlib_rejects_custom_prefix_in_names() {
    let out = run_script(
        "import \"cognito/attributes\" as attrs;\nattrs::custom_string(\"custom:team\", 1, 5);\n",
    );
    assert_eq!(out.code, 4);
    assert!(out.stderr.contains("custom:"), "{}", out.stderr);
}

#[test]
fn eval_prints_the_value_as_json() {
    let out = Test::new()
        .args(["eval", "#{b: 1, a: [1.5, true, ()]}"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "{\n  \"a\": [\n    1.5,\n    true,\n    null\n  ],\n  \"b\": 1\n}\n"
    );
}

#[test]
fn ops_lists_matching_operations() {
    let out = Test::new().args(["ops", "user_pool_client"]).run();
    assert_eq!(out.code, 0);
    let names: Vec<&str> = out
        .stdout
        .lines()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    assert!(names.contains(&"create_user_pool_client"), "{names:?}");
    assert!(names.contains(&"describe_user_pool_client"), "{names:?}");
    assert!(
        names.iter().all(|n| n.contains("user_pool_client")),
        "{names:?}"
    );
    let all = Test::new().args(["ops"]).run();
    assert_eq!(all.stdout.lines().count(), 153);
    assert_eq!(Test::new().args(["ops", "no_such_thing"]).run().code, 2);
}

#[test]
fn describe_shows_outputs_and_shapes_and_suggests_near_names() {
    let out = Test::new()
        .args(["describe", "create_user_pool", "--response"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .starts_with("CreateUserPool -> CreateUserPoolResponse\n  // The details of the created user pool.\n  UserPool: {\n"),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains("    CreationDate: timestamp"),
        "{}",
        out.stdout
    );
    let shape = Test::new().args(["describe", "UserPoolType"]).run();
    assert_eq!(shape.code, 0, "{}", shape.stderr);
    assert!(
        shape.stdout.starts_with("UserPoolType {\n"),
        "{}",
        shape.stdout
    );
    assert!(
        shape
            .stdout
            .contains("  MfaConfiguration: \"OFF\" | \"ON\" | \"OPTIONAL\"")
    );
    let near = Test::new().args(["describe", "CreatUserPool"]).run();
    assert_eq!(near.code, 2);
    assert!(
        near.stderr.contains("did you mean `CreateUserPool`?"),
        "{}",
        near.stderr
    );
    let snake = Test::new().args(["describe", "admin_create_usr"]).run();
    assert!(
        snake.stderr.contains("did you mean `admin_create_user`?"),
        "{}",
        snake.stderr
    );
}

#[test]
fn describe_shows_the_input_skeleton() {
    let out = Test::new().args(["describe", "create_user_pool"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(out.stdout.contains("PoolName"), "{}", out.stdout);
    assert!(out.stdout.contains("required"), "{}", out.stdout);
    assert!(out.stdout.contains("MfaConfiguration"), "{}", out.stdout);
    let bad = Test::new().args(["describe", "CreateUserPoolz"]).run();
    assert_eq!(bad.code, 2);
}

#[test]
fn describe_shows_each_members_first_sentence_and_one_member_whole() {
    let out = Test::new().args(["describe", "CreateUserPool"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.starts_with(
            "CreateUserPool(input: CreateUserPoolRequest)\n// Creates a new Amazon Cognito user pool.\n  // A friendly name for your user pool.\n  PoolName: string  required"
        ),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(
            "  // Sets multi-factor authentication (MFA) to be on, off, or optional.\n  MfaConfiguration: \"OFF\" | \"ON\" | \"OPTIONAL\"\n"
        ),
        "{}",
        out.stdout
    );
    let member = Test::new()
        .args([
            "describe",
            "CreateUserPool.Policies.PasswordPolicy.MinimumLength",
        ])
        .run();
    assert_eq!(member.code, 0, "{}", member.stderr);
    assert_eq!(
        member.stdout,
        "CreateUserPool.Policies.PasswordPolicy.MinimumLength  (member of PasswordPolicyType)\n\n  \
         The minimum length of the password in the policy that you have set. This value can't be less than\n  \
         6.\n\nMinimumLength: integer  6..99\n"
    );
    let mfa = Test::new()
        .args(["describe", "CreateUserPool.MfaConfiguration"])
        .run();
    assert_eq!(mfa.code, 0, "{}", mfa.stderr);
    assert!(
        mfa.stdout.contains("\n  - ON – Requires MFA for all users\n  - OPTIONAL – Makes MFA optional for each user\n"),
        "{}",
        mfa.stdout
    );
    assert!(
        mfa.stdout
            .ends_with("\nMfaConfiguration: \"OFF\" | \"ON\" | \"OPTIONAL\"\n")
    );
    let output = Test::new()
        .args(["describe", "CreateUserPool.UserPool.Id", "--response"])
        .run();
    assert_eq!(output.code, 0, "{}", output.stderr);
    assert!(
        output.stdout.contains("  The ID of the user pool.\n"),
        "{}",
        output.stdout
    );
    let typo = Test::new()
        .args(["describe", "CreateUserPool.Polices"])
        .run();
    assert_eq!(typo.code, 2);
    assert!(
        typo.stderr
            .contains("`CreateUserPool` has no member `Polices`; did you mean `Policies`?"),
        "{}",
        typo.stderr
    );
}

#[test]
fn describe_prints_a_repeated_long_pattern_once() {
    let out = Test::new().args(["describe", "CreateUserPool"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let arn = r"arn:[\w+=/,.@-]+:[\w+=/,.@-]+:([\w+=/,.@-]*)?:[0-9]+:[\w+=/,.@-]+(:[\w+=/,.@-]+)?(:[\w+=/,.@-]+)?";
    assert_eq!(
        out.stdout.matches(&format!("pattern {arn}")).count(),
        0,
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.contains(&format!("\npatterns:\n  <P1> {arn}\n")),
        "{}",
        out.stdout
    );
    assert!(
        out.stdout.matches("pattern <P1>").count() > 10,
        "{}",
        out.stdout
    );
}

/// Runs pooler with `args` and `input` on stdin, in `dir`.
fn with_stdin(dir: &std::path::Path, args: &[&str], input: &str) -> (i32, String, String) {
    use std::io::Write as _;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(input.as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn run_dash_reads_the_script_from_stdin_with_its_args() {
    let dir = tempfile::tempdir().unwrap();
    let (code, stdout, stderr) = with_stdin(
        dir.path(),
        &["run", "-", "one", "--two"],
        "print(args.len());\nfor a in args { print(a); }\n",
    );
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stdout, "2\none\n--two\n");
    let (code, _, stderr) = with_stdin(dir.path(), &["run", "-"], "let = ;\n");
    assert_eq!(code, 3);
    assert!(stderr.contains("<stdin>:1"), "{stderr}");
}

#[test]
fn script_args_follow_the_file_without_double_dash() {
    let out = Test::new()
        .script("print(args.len());\nfor a in args { print(a); }\n")
        .args(["run", "--dry-run", "script.rhai", "first", "--second", "-v"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "3\nfirst\n--second\n-v\n");
    let unknown = Test::new().args(["run", "--no-such-flag", "x.rhai"]).run();
    assert_eq!(
        unknown.code, 2,
        "an option before the file is still checked"
    );
}

#[test]
fn every_numeric_option_refuses_bad_numbers_with_exit_2() {
    let options = [
        "--timeout",
        "--max-attempts",
        "--max-operations",
        "--max-call-depth",
        "--max-expr-depth",
        "--max-string-size",
        "--max-array-size",
        "--max-map-size",
    ];
    for option in options {
        for bad in ["inf", "nan", "-1", "1e30"] {
            let out = Test::new().args([option, bad, "eval", "1"]).run();
            assert_eq!(out.code, 2, "{option} {bad}: {}", out.stderr);
            assert!(
                out.stderr
                    .contains(&format!("invalid value '{bad}' for '{option}")),
                "{option} {bad}: {}",
                out.stderr
            );
            assert!(out.stderr.contains("expected"), "{}", out.stderr);
            assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
        }
    }
    for zero in ["--timeout", "--max-attempts"] {
        let out = Test::new().args([zero, "0", "eval", "1"]).run();
        assert_eq!(out.code, 2, "{zero} 0: {}", out.stderr);
    }
    let env = Test::new()
        .env("POOLER_MAX_OPERATIONS", "inf")
        .args(["eval", "1"])
        .run();
    assert_eq!(env.code, 2, "{}", env.stderr);
    let fine = Test::new()
        .args([
            "--timeout",
            "2.5",
            "--max-attempts",
            "5",
            "--max-operations",
            "0",
            "eval",
            "6 * 7",
        ])
        .run();
    assert_eq!(
        (fine.code, fine.stdout.as_str()),
        (0, "42\n"),
        "{}",
        fine.stderr
    );
}

#[test]
fn an_empty_endpoint_url_is_an_error() {
    let out = Test::new().args(["--endpoint-url", "", "eval", "1"]).run();
    assert_eq!(out.code, 2);
    assert!(out.stderr.contains("--endpoint-url"), "{}", out.stderr);
}

#[test]
fn a_closed_stdout_ends_quietly() {
    let out = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("'{}' ops | head -1", env!("CARGO_BIN_EXE_pooler")))
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stdout.lines().count(), 1, "{stdout}");
    assert!(stdout.starts_with("add_custom_attributes"), "{stdout}");
    assert_eq!(stderr, "", "a broken pipe must not print anything");
    // The status itself: 141, as for a tool ended by SIGPIPE.
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_pooler"))
        .arg("ops")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(141));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_failed_stdout_write_is_an_error_not_exit_0() {
    // Linux always has /dev/full; a machine without it fails this test rather than skip it.
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .expect("/dev/full (a device that refuses every write) is needed by this test");
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("s.rhai"), "print(\"lost\");\n").unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["run", "s.rhai"])
        .current_dir(dir.path())
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "error: cannot write to standard output: No space left on device (os error 28)\n"
    );
}

#[test]
fn completions_for_each_shell_name_the_commands_and_options() {
    for shell in ["bash", "zsh", "fish", "powershell"] {
        let out = Test::new().args(["completions", shell]).run();
        assert_eq!(out.code, 0, "{shell}: {}", out.stderr);
        for word in ["describe", "dry-run", "max-attempts"] {
            assert!(out.stdout.contains(word), "{shell} lacks {word}");
        }
    }
    let bad = Test::new().args(["completions", "tcsh"]).run();
    assert_eq!(bad.code, 2);
}

#[test]
fn subcommand_help_is_short_with_examples_and_globals_have_a_heading() {
    let run = Test::new().args(["run", "--help"]).run();
    assert_eq!(run.code, 0);
    assert!(
        run.stdout
            .contains("Examples:\n  pooler run scripts/create_pool.rhai")
    );
    assert!(!run.stdout.contains("--max-map-size"), "{}", run.stdout);
    assert!(run.stdout.contains("see `pooler --help`"));
    assert!(run.stdout.lines().count() < 30, "{}", run.stdout);
    let top = Test::new().args(["--help"]).run();
    assert!(top.stdout.contains("\nGlobal options:\n"), "{}", top.stdout);
    assert!(top.stdout.contains("\nScript limits:\n"), "{}", top.stdout);
    assert!(top.stdout.contains("Examples:"));
}

#[test]
fn eval_prints_service_timestamps_as_iso_8601() {
    let out = Test::new()
        .args([
            "eval",
            "#{UserPool: #{CreationDate: 1796129881.949, MfaConfiguration: \"OFF\"}}",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout
            .contains("\"CreationDate\": \"2026-12-01T12:58:01.949Z\""),
        "{}",
        out.stdout
    );
}

#[test]
fn everything_after_the_script_file_reaches_the_script_even_pooler_s_own_options() {
    let out = Test::new()
        .script("print(args);\n")
        .args([
            "run",
            "script.rhai",
            "--region",
            "eu-west-1",
            "-v",
            "x",
            "--help",
        ])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let args: serde_json::Value = serde_json::from_str(&out.stdout).expect("print(args) is JSON");
    assert_eq!(
        args,
        serde_json::json!(["--region", "eu-west-1", "-v", "x", "--help"])
    );
    assert_eq!(out.stderr, "", "-v reached pooler");
}

#[test]
fn ops_matching_nothing_is_a_usage_error() {
    let out = Test::new().args(["ops", "nothinglikethis"]).run();
    assert_eq!(out.code, 2);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        "error: no operation matches `nothinglikethis` (`pooler ops` lists them all)\n"
    );
}

#[test]
fn a_dry_run_list_holds_one_item_so_indexing_checks_offline() {
    let out = Test::new()
        .script(
            "let pools = cognito.list_user_pools(#{MaxResults: 10});\n\
             let id = pools.UserPools[0].Id;\n\
             cognito.describe_user_pool(#{UserPoolId: id});\n",
        )
        .args(["check", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!((out.stdout.as_str(), out.stderr.as_str()), ("", ""));
}

/// `--max-call-depth 0` is documented as "as deep as the stack holds", and is accepted.
#[test]
fn max_call_depth_zero_is_accepted_as_the_help_says() {
    let help = Test::new().args(["--help"]).run();
    assert_eq!(help.code, 0);
    assert!(
        help.stdout
            .contains("Deepest function-call nesting (0: as deep as the stack holds)"),
        "{}",
        help.stdout
    );
    let out = Test::new()
        .args([
            "--max-call-depth",
            "0",
            "eval",
            "fn down(n) { if n == 0 { 0 } else { down(n - 1) } } down(200)",
        ])
        .run();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "0\n", "")
    );
}

#[test]
fn a_missing_region_is_a_region_error_not_a_credentials_error() {
    let test = Test::new();
    let home = test.path().to_path_buf();
    let out = test
        .env("HOME", home.to_str().unwrap())
        .env("AWS_ACCESS_KEY_ID", "AKIDEXAMPLE")
        .env("AWS_SECRET_ACCESS_KEY", "x")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .args(["eval", "cognito.list_user_pools(#{MaxResults: 1})"])
        .run();
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(
        out.stderr.contains("RegionError: no region"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("CredentialsError"), "{}", out.stderr);
}

#[test]
fn a_bad_profile_quota_names_the_config_file_that_was_read() {
    let t = Test::new().file(
        "elsewhere/config",
        "[default]\nregion = us-west-2\npooler_quotas = NoSuchCategory=5\n",
    );
    let config = t.path().join("elsewhere/config");
    let config = config.to_string_lossy().into_owned();
    let out = t
        .env("AWS_CONFIG_FILE", &config)
        .args(["--dry-run", "eval", "1"])
        .run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_eq!(
        out.stderr,
        format!(
            "error: pooler_quotas in {config}: unknown quota category `NoSuchCategory` \
             (categories: ClientAuthentication, UserAccountRecovery, UserAuthentication, \
             UserCreation, UserFederation, UserList, UserPoolClientRead, UserPoolClientUpdate, \
             UserPoolRead, UserPoolResourceRead, UserPoolResourceUpdate, UserPoolUpdate, \
             UserRead, UserResourceRead, UserResourceUpdate, UserToken, UserUpdate)\n"
        )
    );
}

/// The line of a bash completion script that follows `marker` (the `COMPREPLY=…` of an option,
/// or the `opts=…` of a subcommand).
fn bash_line_after<'a>(script: &'a str, marker: &str) -> &'a str {
    let mut lines = script.lines().skip_while(|l| l.trim() != marker);
    lines
        .next()
        .unwrap_or_else(|| panic!("no `{marker}` in the bash completion"));
    lines.next().unwrap_or_default()
}

#[test]
fn bash_completion_offers_operations_shapes_languages_and_quota_categories() {
    let out = Test::new().args(["completions", "bash"]).run();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    let words = |line: &str| -> Vec<String> {
        let inner = line.split('"').nth(1).unwrap_or_default();
        inner.split_whitespace().map(str::to_string).collect()
    };
    let lang = words(bash_line_after(&out.stdout, "--lang)"));
    assert_eq!(lang.first().map(String::as_str), Some("lianja"));
    assert!(
        lang.iter().any(|w| w == "csharp") && lang.iter().any(|w| w == "foxpro"),
        "{lang:?}"
    );
    let quota = words(bash_line_after(&out.stdout, "--quota)"));
    assert!(quota.iter().any(|w| w == "UserCreation"), "{quota:?}");
    assert_eq!(quota.last().map(String::as_str), Some("none"));
    // The describe subcommand's word list: its options, then every operation and shape name.
    let describe = out
        .stdout
        .lines()
        .find(|l| l.contains("opts=\"") && l.contains("--response"))
        .expect("the describe subcommand's opts line");
    let names = words(describe);
    for name in [
        "CreateUserPool",
        "ListUserPools",
        "UserPoolType",
        "SchemaAttributeType",
    ] {
        assert!(
            names.iter().any(|w| w == name),
            "{name} missing from describe's completion"
        );
    }
    // Offering names never narrows what describe accepts.
    let path = Test::new()
        .args([
            "describe",
            "CreateUserPool.Policies.PasswordPolicy.MinimumLength",
        ])
        .run();
    assert_eq!((path.code, path.stderr.as_str()), (0, ""));
}

/// README's `pooler port` example, run from the repository root exactly as README writes it.
#[test]
fn readme_port_example_runs_as_written() {
    let readme = std::fs::read_to_string(crate::support::repo_root().join("README.md")).unwrap();
    let line = readme
        .lines()
        .find(|l| l.starts_with("pooler port "))
        .expect("README has a `pooler port` example");
    let command = line.split('#').next().unwrap();
    let args: Vec<&str> = command.split_whitespace().skip(1).collect();
    assert_eq!(args, ["port", "tests/fixtures/port/foxpro.prg"]);
    let out = Test::new().in_repo().args(args).run();
    assert_eq!(out.code, 0, "stderr: {}", out.stderr);
    assert_eq!(out.stderr, "");
    crate::support::assert_golden("readme_port.out", &out.stdout);
}
