//! The REPL's finding and keeping features on a terminal: completion of live keys, module
//! members, `:load` paths and `:describe` names; `:help NAME`; "did you mean"; `:history`;
//! `:save` writing a script that `pooler run` accepts.

use std::process::Command;

use super::Repl;

#[test]
fn tab_completes_the_keys_of_a_live_map() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line(
        "let pools = #{ UserPools: [#{ Id: \"us-west-2_A\", Name: \"one\" }], NextToken: () };",
    );
    pty.send("pools.Us\t");
    pty.expect("pools.UserPools");
    pty.send("[0].Na\t");
    pty.expect("pools.UserPools[0].Name");
    pty.send("\r");
    pty.expect("\none\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn tab_completes_module_members_after_the_alias() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("import \"cognito/attributes\" as attrs;");
    pty.send("attrs::stand\t");
    pty.expect("attrs::standard");
    pty.send("(\"email\").Name\r");
    pty.expect("\nemail\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn tab_completes_load_paths_and_describe_names() {
    let repl = Repl::new();
    std::fs::create_dir(repl.dir.path().join("lib")).unwrap();
    std::fs::write(
        repl.dir.path().join("lib/setup_pool.rhai"),
        "let from_file = 41;\n",
    )
    .unwrap();
    let mut pty = repl.start();
    pty.send(":load li\t");
    pty.expect(":load lib/");
    pty.send("se\t");
    pty.expect(":load lib/setup_pool.rhai");
    pty.send("\r");
    pty.settle();
    pty.send("from_file + 1\r");
    pty.expect("\n42\n");
    pty.send(":describe CreateUserPoolC\t");
    pty.expect(":describe CreateUserPoolClient");
    pty.send("\r");
    pty.expect("ClientName");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

/// What the REPL shows after `:help NAME` (the REPL exits 0 afterwards).
fn help_screen(name: &str) -> Option<String> {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line(&format!(":help {name}"));
    pty.settle();
    let screen = pty.screen();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let shown = screen.split_once(&format!("pooler[dry]> :help {name}\n"));
    shown.map(|(_, rest)| rest.to_string())
}

/// `:help NAME` shows the function's options from the registry.
#[test]
fn help_each_lists_its_options() {
    assert_eq!(
        help_screen("each").as_deref(),
        Some(
            "cognito.each(name, inputs) / cognito.each(name, inputs, opts)\n  \
             runs an operation once per input, paced, resumable; returns a summary\n  \
             options:\n    \
             concurrency  requests in flight at most, 1 to 256 (default: what the quota needs)\n    \
             on_exists    \"skip\" (default) or \"fail\" when the item already exists\n    \
             resume       a journal file: items done in an earlier run are not sent again\n    \
             key          the input member naming each item in the summary and journal (default Username)\n    \
             max_retries  retries per item beyond the first attempt, 0 to 100 (default: --max-attempts)\n    \
             progress     true or false: a progress line on stderr (default: when stderr is a terminal)\n\
             pooler[dry]> "
        ),
    );
}

#[test]
fn help_for_one_function_and_did_you_mean_for_operations() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send(":help\r");
    pty.expect("cognito.ensure_user_pool(desired)");
    pty.expect_prompt();
    pty.send(":describe CreatUserPool\r");
    pty.expect("did you mean `CreateUserPool`?");
    pty.expect_prompt();
    pty.send(":describe UserPoolType\r");
    pty.expect("UserPoolType {");
    pty.expect_prompt();
    pty.send(":describe CreateUserPool --output\r");
    pty.expect("CreateUserPool -> CreateUserPoolResponse");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn describe_and_help_show_the_documentation() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send(":describe CreateUserPool.MfaConfiguration\r");
    pty.expect("CreateUserPool.MfaConfiguration  (member of CreateUserPoolRequest)");
    pty.expect("  - ON – Requires MFA for all users");
    pty.expect("MfaConfiguration: \"OFF\" | \"ON\" | \"OPTIONAL\"");
    pty.expect_prompt();
    pty.send(":describe CreateGroup\r");
    pty.expect("  // A name for the group.");
    pty.expect_prompt();
    pty.send(":help create_user_pool\r");
    pty.expect("cognito.create_user_pool(input)");
    pty.expect("  Creates a new Amazon Cognito user pool.");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn history_keeps_a_multi_line_password_policy_input_and_lists_it() {
    let repl = Repl::new();
    let mut first = repl.start();
    first.send("let policy = #{\r");
    first.send("PasswordPolicy: #{ MinimumLength: 12 }\r");
    first.send("};\r");
    first.settle();
    first.send(":history\r");
    first.expect("   1  let policy = #{");
    first.expect("PasswordPolicy: #{ MinimumLength: 12 }");
    first.expect_prompt();
    first.eof();
    assert_eq!(first.wait(), 0);
    let mut second = repl.start();
    // The last entry is `:history`; the one before it is the whole block.
    second.send("\x1b[A");
    second.expect(":history");
    second.send("\x1b[A");
    second.expect("PasswordPolicy: #{ MinimumLength: 12 }");
    second.send("\r");
    second.settle();
    second.send("policy.PasswordPolicy.MinimumLength\r");
    second.expect("\n12\n");
    second.eof();
    assert_eq!(second.wait(), 0);
}

#[test]
fn save_writes_a_script_that_pooler_run_accepts() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let base = 40;");
    pty.send("fn twice(a) {\r");
    pty.send("a * 2\r");
    pty.send("}\r");
    pty.settle();
    pty.line("base + 2");
    pty.line("this_fails()");
    pty.line("print(`total ${twice(base) + 4}`)");
    pty.send(":save saved.rhai\r");
    pty.expect("saved 3 input(s) to saved.rhai");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let script = std::fs::read_to_string(repl.dir.path().join("saved.rhai")).unwrap();
    assert!(!script.contains("this_fails"), "{script}");
    let out = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["run", "saved.rhai"])
        .current_dir(repl.dir.path())
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        "total 84\n",
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn save_refuses_an_existing_file_unless_save_bang_and_writes_0600() {
    use std::os::unix::fs::PermissionsExt;
    let repl = Repl::new();
    let existing = repl.dir.path().join("kept.rhai");
    std::fs::write(&existing, "// mine\n").unwrap();
    let mut pty = repl.start();
    pty.line("let a = 1;");
    pty.send(":save kept.rhai\r");
    pty.expect("kept.rhai already exists; not overwritten (use :save! kept.rhai to replace it)");
    pty.expect_prompt();
    pty.send(":save new.rhai\r");
    pty.expect("saved 1 input(s) to new.rhai");
    pty.expect_prompt();
    pty.send(":save! kept.rhai\r");
    pty.expect("saved 1 input(s) to kept.rhai");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let mode = |name: &str| {
        std::fs::metadata(repl.dir.path().join(name))
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    };
    assert_eq!(mode("new.rhai"), 0o600);
    assert_eq!(mode("kept.rhai"), 0o600);
    assert!(
        std::fs::read_to_string(&existing)
            .unwrap()
            .contains("let a = 1")
    );
}

#[test]
fn ans_holds_the_last_value_shown() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("#{ UserPools: [#{ Id: \"us-west-2_Ans\" }] }");
    pty.line("let unchanged = 1;");
    pty.send("ans.UserPools[0].Id + \"!\"\r");
    pty.expect("\nus-west-2_Ans!\n");
    pty.send("ans.len()\r");
    pty.expect("\n14\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn describe_completes_shape_names() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send(":describe UserPoolClientT\t");
    pty.expect(":describe UserPoolClientType");
    pty.send("\r");
    pty.expect("ClientSecret");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn the_echo_follows_output_and_query() {
    let repl = Repl::new();
    let mut pty = repl.start_with(&[
        "--dry-run",
        "--output",
        "text",
        "--query",
        "Pools[].Id",
        "repl",
    ]);
    pty.send("#{ Pools: [#{ Id: \"p-one\" }, #{ Id: \"p-two\" }] }\r");
    pty.expect("\np-one\tp-two\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

/// A closing bracket typed first on a continuation line goes back one level: the block is
/// kept as typed in the history, and it runs.
#[test]
fn closing_brackets_dedent() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("fn f() {\r");
    pty.send("let m = #{\r");
    pty.send("a: [\r");
    pty.send("1\r");
    pty.send("]\r");
    pty.send("};\r");
    pty.send("m.a[0] + 1\r");
    pty.send("}\r");
    pty.settle();
    pty.send("f()\r");
    pty.expect("\n2\n");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let history = repl.history();
    let entries: Vec<&str> = history.lines().skip(1).collect();
    assert_eq!(
        entries,
        [
            "fn f() {\\n    let m = #{\\n        a: [\\n            1\\n        ]\\n    };\\n    m.a[0] + 1\\n}",
            "f()"
        ],
        "{history}"
    );
}

/// A misspelled member of an answer is `()` as before, with a hint naming the nearest member.
#[test]
fn a_misspelled_answer_member_gets_a_hint() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let p = cognito.list_user_pools(#{ MaxResults: 5 });");
    pty.send("p.UserPools[0].Nmae == ()\r");
    pty.expect(
        "\nhint: <repl:2>:1:16: no member `Nmae` in `UserPoolDescriptionType`; \
         did you mean `Name`?\ntrue\n",
    );
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

/// A value longer than the terminal (50 rows here) goes through `$PAGER`; a short one, and
/// any after `:pager off`, is printed directly.
#[test]
fn long_values_go_through_the_pager_until_pager_off() {
    let repl = Repl::new();
    let pager = repl.dir.path().join("pager.sh");
    std::fs::write(&pager, "cat >> \"$0.log\"\necho PAGED BY TEST\n").unwrap();
    let command = format!("sh {}", pager.display());
    let mut pty = super::Pty::spawn_with_env(
        repl.dir.path(),
        repl.state.path(),
        &["--dry-run", "repl"],
        &[("PAGER", &command)],
    );
    pty.expect_prompt();
    pty.line("let a = []; for i in 0..60 { a.push(i) }");
    pty.send("a\r");
    pty.expect("\nPAGED BY TEST\n");
    pty.expect_prompt();
    pty.send("[1, 2]\r");
    pty.expect("\n[\n  1,\n  2\n]\n");
    pty.expect_prompt();
    pty.send(":pager off\r");
    pty.expect("\npager: off\n");
    pty.expect_prompt();
    pty.send("a\r");
    pty.expect("\n  58,\n  59\n]\n");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let numbers: Vec<String> = (0..60).map(|n| format!("  {n}")).collect();
    let paged = format!("[\n{}\n]\n", numbers.join(",\n"));
    let log = std::fs::read_to_string(repl.dir.path().join("pager.sh.log")).unwrap();
    assert_eq!(log, paged, "paged once, the whole value");
}

/// The Chilkat methods are in the registry: `:help UpdateString` shows one.
#[test]
fn help_shows_a_chilkat_method() {
    assert_eq!(
        help_screen("UpdateString").as_deref(),
        Some(
            "j.UpdateString(path, text)\n  \
             writes text at a path, creating what is missing; true\n\
             pooler[dry]> "
        ),
    );
}

#[test]
fn help_import_users_lists_its_options() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line(":help import_users");
    pty.settle();
    let screen = pty.screen();
    pty.eof();
    assert_eq!(pty.wait(), 0);
    let shown = screen
        .split_once("pooler[dry]> :help import_users\n")
        .map(|(_, rest)| rest)
        .unwrap_or_default();
    let options = shown.split_once("  options:\n").map(|(_, rest)| rest);
    assert_eq!(
        options,
        Some(
            "    CloudWatchLogsRoleArn  the role that lets Cognito write the job's CloudWatch Logs (import jobs)\n    \
             job_name               jobs are named NAME-1, NAME-2, … (default pooler-import)\n    \
             max_users_per_job      split the file into jobs of at most this many users (default 500,000)\n    \
             max_bytes_per_job      split the file into jobs of at most this many bytes (default 100 MB)\n    \
             poll_seconds           seconds between DescribeUserImportJob calls, 0.01 to 3600 (default 5)\n    \
             dry_run                true: check the file and validate the calls, create no job\n    \
             method                 \"job\" (default: Cognito's import jobs) or \"admin-create-user\" (one call per user)\n    \
             send_invitation        true or false: with admin-create-user, send Cognito's invitation (default false)\n\
             pooler[dry]> "
        ),
        "{screen}"
    );
}

/// With standard output in a file (not the terminal), a long value is written there whole and
/// the pager is never started.
#[test]
fn the_pager_is_never_used_when_stdout_is_no_terminal() {
    let repl = Repl::new();
    let pager = repl.dir.path().join("pager.sh");
    std::fs::write(&pager, "cat >> \"$0.log\"\n").unwrap();
    let command = format!("sh {}", pager.display());
    let out_path = repl.dir.path().join("stdout.txt");
    let out = std::fs::File::create(&out_path).unwrap();
    let mut pty = super::Pty::spawn_to(
        repl.dir.path(),
        repl.state.path(),
        &["--dry-run", "repl"],
        &[("PAGER", &command)],
        Some(out),
    );
    pty.send("let a = []; for i in 0..60 { a.push(i) } a\r");
    let start = std::time::Instant::now();
    while !std::fs::read_to_string(&out_path)
        .unwrap()
        .contains("  59\n]")
    {
        assert!(start.elapsed() < super::pty::WAIT, "the value never came");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    pty.send("\x04");
    assert_eq!(pty.wait(), 0);
    let written = std::fs::read_to_string(&out_path).unwrap();
    let numbers: Vec<String> = (0..60).map(|n| format!("  {n}")).collect();
    assert!(
        written.contains(&format!("[\n{}\n]\n", numbers.join(",\n"))),
        "{written}"
    );
    assert!(
        !repl.dir.path().join("pager.sh.log").exists(),
        "the pager ran"
    );
}
