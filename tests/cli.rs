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
fn args_after_double_dash_reach_the_script() {
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
    assert_eq!(Test::new().args(["ops", "no_such_thing"]).run().code, 1);
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
