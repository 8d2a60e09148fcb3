//! `pooler repl` driven through a pseudo-terminal: persistence, multi-line input, completion,
//! Ctrl-C and Ctrl-D, history across sessions with credentials left out, piped stdin.

mod features;
mod pty;
mod secrets;

use std::io::Write as _;
use std::process::{Command, Stdio};
use std::time::Duration;

use pty::Pty;

use crate::support::server::{Reply, Server};

struct Repl {
    dir: tempfile::TempDir,
    state: tempfile::TempDir,
}

impl Repl {
    fn new() -> Self {
        Self {
            dir: tempfile::tempdir().unwrap(),
            state: tempfile::tempdir().unwrap(),
        }
    }

    /// A new session on a new terminal, in dry-run mode; waits for the first prompt.
    fn start(&self) -> Pty {
        self.start_with(&["--dry-run", "repl"])
    }

    fn start_with(&self, args: &[&str]) -> Pty {
        let mut pty = Pty::spawn(self.dir.path(), self.state.path(), args);
        pty.expect_prompt();
        pty
    }

    fn history(&self) -> String {
        std::fs::read_to_string(self.state.path().join("pooler/history")).unwrap_or_default()
    }
}

#[test]
fn variables_functions_and_modules_persist_across_inputs() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let base = 40;");
    pty.line("fn twice(a) { a * 2 }");
    pty.line("import \"cognito/attributes\" as attrs;");
    pty.send("twice(base) + 2\r");
    pty.expect("\n82\n");
    pty.send("attrs::standard(\"email\", #{}).Name\r");
    pty.expect("\nemail\n");
    pty.send(":vars\r");
    pty.expect("let base: i64");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn an_unfinished_input_is_one_indented_block() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("let m = #{\r");
    pty.expect("let m = #{\n    ");
    pty.send("a: [1,\r");
    pty.expect("a: [1,\n        ");
    pty.send("21]\r");
    pty.expect("21]\n    ");
    // Backspace takes the indentation back.
    pty.send("\x7f\x7f\x7f\x7f};\r");
    pty.settle();
    pty.send("m.a[1] * 2\r");
    pty.expect("\n42\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn up_inside_a_block_moves_within_it_instead_of_pulling_in_history() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let old = 99;");
    pty.send("let q = [\r");
    pty.expect("let q = [\n    ");
    pty.send("2,\r");
    pty.expect("2,\n    ");
    // Up goes to the line above, Down comes back: the block is edited as a whole.
    pty.send("\x1b[A");
    pty.send("\x1b[B");
    pty.send("3];\r");
    pty.settle();
    pty.send("q\r");
    pty.expect("[\n  2,\n  3\n]");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn a_recalled_block_runs_whole_and_the_prompt_shows_the_mode() {
    let repl = Repl::new();
    let mut pty = repl.start();
    assert_eq!(pty.prompt, "pooler[dry]> ");
    pty.line("let count = 0;");
    pty.send("for i in 0..3 {\r");
    pty.send("count += 1;\r");
    pty.send("}\r");
    pty.settle();
    // Up recalls the whole loop; Enter runs it again.
    pty.send("\x1b[A");
    pty.expect("count += 1;");
    pty.send("\r");
    pty.settle();
    pty.send("count\r");
    pty.expect("\n6\n");
    pty.send(":dry-run off\r");
    pty.expect("dry run off");
    pty.expect("\npooler> ");
    pty.send(":dry-run on\r");
    pty.expect("\npooler[dry]> ");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn maps_print_as_json_with_secrets_redacted_and_unit_prints_nothing() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("#{ b: 1 }\r");
    pty.expect("{\n  \"b\": 1\n}\n");
    pty.send("#{ Password: \"hunter2\", UserStatus: \"CONFIRMED\" }\r");
    pty.expect("\"Password\": \"***redacted***\",\n  \"UserStatus\": \"CONFIRMED\"");
    pty.send("let z = 1;\r");
    pty.expect("let z = 1;\npooler[dry]> ");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn tab_completes_operations_after_cognito_dot() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("cognito.create_user_p\t");
    pty.expect("cognito.create_user_pool");
    pty.send("\t");
    pty.expect("create_user_pool_client");
    // Ctrl-U clears what was typed, Ctrl-D on the empty line leaves.
    pty.send("\x15\x04");
    assert_eq!(pty.wait(), 0);
}

#[test]
fn tab_completes_members_and_enums_inside_a_cognito_call() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("cognito.create_user_pool(#{\r");
    pty.expect("(#{\n    ");
    pty.send("Mfa\t");
    pty.expect("MfaConfiguration");
    pty.send(": \"OP\t");
    pty.expect("OPTIONAL");
    pty.send("\x03");
    pty.expect_prompt();
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn ctrl_c_stops_a_running_loop_and_keeps_the_session() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let kept = 7;");
    pty.send("loop {}\r");
    pty.expect("\n");
    interrupt(&mut pty);
    pty.expect_prompt();
    pty.send("kept * 6\r");
    pty.expect("\n42\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

/// Types Ctrl-C until "interrupted" shows (the terminal leaves raw mode just after Enter).
fn interrupt(pty: &mut Pty) {
    for _ in 0..40 {
        pty.send("\x03");
        if pty.try_expect("interrupted", Duration::from_millis(500)) {
            return;
        }
    }
    panic!("the input did not stop; the screen:\n{}", pty.screen());
}

#[test]
fn ctrl_c_cancels_a_request_in_flight_and_keeps_the_session() {
    let server = Server::start(vec![
        Reply::json(200, "{\"UserPools\": [\"late\"]}").delayed(5_000),
    ]);
    let repl = Repl::new();
    let mut pty = repl.start_with(&["--endpoint-url", server.url.as_str(), "repl"]);
    pty.line("let kept = 3;");
    pty.send("cognito.list_user_pools(#{ MaxResults: 1 })\r");
    pty.expect("\n");
    std::thread::sleep(Duration::from_millis(300));
    interrupt(&mut pty);
    pty.expect_prompt();
    pty.send("kept + 1\r");
    pty.expect("\n4\n");
    assert!(
        !pty.screen().contains("late"),
        "the reply was awaited:\n{}",
        pty.screen()
    );
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn ctrl_c_at_the_prompt_clears_the_line() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("this is not rhai");
    pty.send("\x03");
    pty.expect_prompt();
    pty.send("1 + 1\r");
    pty.expect("\n2\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn errors_show_a_frame_in_the_input_and_the_session_goes_on() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let ok = 5;");
    pty.send("let bad = ;\r");
    pty.expect("--> <repl:2>:1:");
    pty.expect("let bad = ;");
    pty.expect_prompt();
    pty.send("ok + 1\r");
    pty.expect("\n6\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn history_is_kept_across_sessions_without_credentials() {
    let repl = Repl::new();
    let mut first = repl.start();
    first.line("let a = 1;");
    first.line("let secret_key = \"s3cr3t-value\";");
    first.line("let c = #{ SecretKey: \"other-s3cr3t\" };");
    first.send("fn g() {\r");
    first.expect("fn g() {\n    ");
    first.line("5 }");
    first.eof();
    assert_eq!(first.wait(), 0);

    let file = repl.history();
    assert!(file.contains("let a = 1;"), "{file}");
    assert!(
        !file.contains("s3cr3t"),
        "a credential reached the history:\n{file}"
    );
    assert!(!file.contains("SecretKey"), "{file}");

    let mut second = repl.start();
    // Up recalls the last entry: the two-line function, whole.
    second.send("\x1b[A");
    second.expect("fn g() {");
    second.expect("5 }");
    second.send("\r");
    second.settle();
    second.send("g() + a_missing_var_is_an_error\r");
    second.expect("error");
    second.send("g() * 2\r");
    second.expect("\n10\n");
    second.eof();
    assert_eq!(second.wait(), 0);
}

#[test]
fn piped_stdin_runs_as_a_script_without_prompts() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["--dry-run"])
        .current_dir(dir.path())
        .env("XDG_STATE_HOME", dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"let x = 20;\nfn f(a) {\n  a + 1\n}\nprint(f(x) * 2);\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(String::from_utf8_lossy(&out.stdout), "42\n");
    assert!(!String::from_utf8_lossy(&out.stdout).contains("pooler>"));
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn piped_stdin_with_an_error_exits_with_its_code() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["repl"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"let = ;\n").unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(String::from_utf8_lossy(&out.stderr).contains("<stdin>:1"));
}

#[test]
fn colon_commands_list_describe_load_toggle_and_clear() {
    let repl = Repl::new();
    std::fs::write(
        repl.dir.path().join("lib.rhai"),
        "fn triple(x) { x * 3 }\nlet loaded = 14;\n",
    )
    .unwrap();
    let mut pty = repl.start();
    pty.send(":help\r");
    pty.expect(":describe NAME");
    pty.send(":ops user_pool_cl\r");
    pty.expect("create_user_pool_client");
    pty.send(":describe CreateUserPool\r");
    pty.expect("PoolName");
    pty.expect_prompt();
    pty.line(":load lib.rhai");
    pty.send("triple(loaded)\r");
    pty.expect("\n42\n");
    pty.send(":dry-run\r");
    pty.expect("dry run is on");
    pty.send(":dry-run off\r");
    pty.expect("dry run off");
    pty.send("triple(1)\r");
    pty.expect("\n3\n");
    pty.send(":clear\r");
    pty.expect("session cleared");
    pty.send("loaded\r");
    pty.expect("Variable not found");
    pty.send(":nonsense\r");
    pty.expect("unknown command");
    pty.send(":quit\r");
    assert_eq!(pty.wait(), 0);
}

#[test]
fn bare_pooler_on_a_terminal_starts_the_repl() {
    let repl = Repl::new();
    let mut pty = repl.start_with(&["--dry-run"]);
    pty.send("6 * 7\r");
    pty.expect("\n42\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn exit_in_the_repl_leaves_with_its_code() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("exit(4)\r");
    assert_eq!(pty.wait(), 4);
}

fn terminate(pty: &Pty) {
    let status = Command::new("kill")
        .args(["-s", "TERM", &pty.pid().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn sigterm_at_the_prompt_ends_the_repl_with_143() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.line("let a = 1;");
    terminate(&pty);
    assert_eq!(pty.wait(), 143);
}

#[test]
fn sigterm_during_an_input_ends_the_repl_with_143() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("print(\"started\"); loop {}\r");
    pty.expect("started\n");
    terminate(&pty);
    assert_eq!(pty.wait(), 143);
}

#[test]
fn a_mistyped_operation_names_the_nearest_one_and_the_session_goes_on() {
    let repl = Repl::new();
    let mut pty = repl.start();
    pty.send("cognito.list_user_pool(#{ MaxResults: 10 })\r");
    pty.expect("error: `cognito.list_user_pool` is no operation or helper; did you mean `list_user_pools`?");
    pty.expect("--> <repl:1>:1:9");
    pty.expect_prompt();
    pty.send("1 + 1\r");
    pty.expect("\n2\n");
    pty.eof();
    assert_eq!(pty.wait(), 0);
}

#[test]
fn piped_stdin_with_a_mistyped_operation_exits_2() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["--dry-run", "repl"])
        .current_dir(dir.path())
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(b"cognito.list_user_pool(#{});\n")
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr)
            .starts_with("error: `cognito.list_user_pool` is no operation or helper; did you mean `list_user_pools`?\n"),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}
