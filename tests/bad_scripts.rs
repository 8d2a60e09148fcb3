//! Bad scripts through the binary: every malformed kind of `json()` path, wrong argument types
//! to host functions, and limit hits each give a clear message, a code frame at the right place
//! and the documented exit code (4, a runtime error), never a panic.

use crate::support::run_script;

/// Asserts a runtime error (exit 4) with `message` and a frame pointing at line `line`.
fn assert_frame(script: &str, message: &str, line: usize) {
    let out = run_script(script);
    assert_eq!(out.code, 4, "{script}\n{}", out.stderr);
    assert!(out.stderr.contains(message), "{script}\n{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("--> script.rhai:{line}:")),
        "{script}\n{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn every_malformed_json_path_kind_is_a_clear_error_with_a_frame() {
    let cases = [
        ("a[0", "`[` is never closed"),
        ("a[i", "`[` is never closed"),
        ("a..b", "empty member name"),
        (".a", "empty member name"),
        ("a.", "empty member name after the last delimiter"),
        ("a[x]", "`[x]` is not an index"),
        ("a[-1]", "`[-1]` is not an index"),
        ("a[]", "`[]` is not an index"),
        ("a[ 1 ]", "`[ 1 ]` is not an index"),
        ("a]", "`]` without a matching `[`"),
        ("a[0]]", "`]` without a matching `[`"),
        ("", "the path is empty"),
        ("a[99999999999999999999999]", "is too large an index"),
    ];
    for (path, message) in cases {
        for method in [
            "update_int(\"{p}\", 1)",
            "string_of(\"{p}\")",
            "delete(\"{p}\")",
        ] {
            let call = method.replace("{p}", path);
            let script = format!("let d = json();\nd.{call};\n");
            assert_frame(&script, message, 2);
            assert_frame(&script, "malformed path", 2);
        }
    }
}

#[test]
fn wrong_argument_types_to_host_functions_name_the_function() {
    assert_frame(
        "let x = 1;\ncognito.list_user_pools(42);\n",
        "list_user_pools",
        2,
    );
    assert_frame(
        "let d = json();\nd.update_string(\"a\", 5);\n",
        "update_string(path, value) takes a string",
        2,
    );
    assert_frame("\nlet t = read_file(42);\n", "read_file", 2);
}

#[test]
fn limit_hits_exit_4_with_a_frame() {
    assert_frame(
        "fn f(n) { f(n + 1) }\nf(0);\n",
        "functions nest too deeply",
        2,
    );
    assert_frame("let s = \"x\";\nloop { s += s; }\n", "string", 2);
}

// ---------------------------------------------------------------------------------------------
// Hardening: no abort on deep input, per-value size limits, reads, exit codes, BOM.

use crate::support::Test;

/// Asserts that the run did not abort (134 is SIGABRT, a stack overflow).
fn assert_no_abort(out: &crate::support::Output) {
    assert_ne!(out.code, 134, "aborted:\n{}", out.stderr);
    assert!(
        !out.stderr.contains("overflowed its stack"),
        "{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn a_json_path_of_100000_segments_is_a_clear_error_not_an_abort() {
    let path = vec!["a"; 100_000].join(".");
    let out = run_script(&format!(
        "let d = json();\nd.update_string(\"{path}\", \"x\");\n"
    ));
    assert_no_abort(&out);
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("more than 10000 steps"),
        "{}",
        out.stderr
    );
}

#[test]
fn recursion_5000_deep_works_once_the_call_depth_is_raised() {
    let out = Test::new()
        .script("fn f(n) { if n == 0 { 0 } else { 1 + f(n - 1) } }\nprint(f(5000));\n")
        .args(["run", "--max-call-depth", "6000", "script.rhai"])
        .run();
    assert_no_abort(&out);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "5000");
}

#[test]
fn a_call_depth_beyond_any_stack_is_a_usage_error() {
    let out = Test::new()
        .script("print(1);\n")
        .args(["run", "--max-call-depth", "100000000000000", "script.rhai"])
        .run();
    assert_eq!(out.code, 2, "{}", out.stderr);
    assert!(out.stderr.contains("--max-call-depth"), "{}", out.stderr);
}

#[test]
fn deep_brackets_with_no_expression_limit_end_in_a_compile_error() {
    let n = 200_000;
    let script = format!("let x = {}1{};\n", "(".repeat(n), ")".repeat(n));
    let out = Test::new()
        .script(&script)
        .args(["run", "--max-expr-depth", "0", "script.rhai"])
        .run();
    assert_no_abort(&out);
    assert_eq!(
        out.code,
        3,
        "{}",
        out.stderr.chars().take(500).collect::<String>()
    );
}

#[test]
fn size_limits_hold_per_array_and_per_map() {
    // 300,000 maps of two members each: 600,000 members in all, far over the map limit,
    // but no one map is near it. Rhai's own check walked the whole array on every push.
    let out = run_script(
        "let rows = [];\nfor i in 0..300000 { rows.push(#{ Username: `u${i}`, email: \"e\" }); }\n\
         print(rows.len());\n",
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout.trim(), "300000");
    let over = Test::new()
        .script("let a = [];\nfor i in 0..11 { a.push(i); }\n")
        .args(["run", "--max-array-size", "10", "script.rhai"])
        .run();
    assert_eq!(over.code, 4, "{}", over.stderr);
    assert!(over.stderr.contains("Size of array"), "{}", over.stderr);
    let long = run_script("let s = \"ab\";\nfor i in 0..40 { s += s; }\n");
    assert_eq!(long.code, 4, "{}", long.stderr);
    assert!(long.stderr.contains("Length of string"), "{}", long.stderr);
    let map = Test::new()
        .script("let m = #{a: 1, b: 2};\nm += #{c: 3};\n")
        .args(["run", "--max-map-size", "2", "script.rhai"])
        .run();
    assert_eq!(map.code, 4, "{}", map.stderr);
    assert!(map.stderr.contains("Size of object map"), "{}", map.stderr);
    let blob = run_script("let b = blob(10);\nfor i in 0..40 { b += b; }\n");
    assert_eq!(blob.code, 4, "{}", blob.stderr);
    assert!(blob.stderr.contains("Size of array"), "{}", blob.stderr);
}

#[test]
fn read_csv_of_many_rows_is_not_held_to_one_map_limit() {
    let mut csv = String::from("Username,email\n");
    for i in 0..120_000 {
        csv.push_str(&format!("user{i},u{i}@example.com\n"));
    }
    let out = Test::new()
        .file("data/users.csv", &csv)
        .file(
            "data/count.rhai",
            "let rows = read_csv(\"users.csv\");\nprint(rows.len());\nprint(rows[119999].email);\n",
        )
        .args(["run", "data/count.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "120000\nu119999@example.com\n");
}

#[test]
fn reads_are_capped_and_relative_to_the_script() {
    let out = run_script("let t = read_file(\"/dev/zero\");\n");
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("256 MiB limit"), "{}", out.stderr);
    let rel = Test::new()
        .file("sub/data.json", "{\"a\": 7}")
        .file(
            "sub/s.rhai",
            "print(read_json(\"data.json\").a);\nprint(read_file(\"data.json\").len());\n",
        )
        .args(["run", "sub/s.rhai"])
        .run();
    assert_eq!(rel.code, 0, "{}", rel.stderr);
    assert_eq!(rel.stdout, "7\n8\n");
    // A path that names nothing beside the script but a file from the working directory
    // (as given on the command line) is that file.
    let cwd = Test::new()
        .file("top.csv", "a\n1\n")
        .file("sub/s.rhai", "print(read_csv(args[0])[0].a);\n")
        .args(["run", "sub/s.rhai", "--", "top.csv"])
        .run();
    assert_eq!(cwd.code, 0, "{}", cwd.stderr);
    assert_eq!(cwd.stdout, "1\n");
}

#[test]
fn exit_codes_outside_0_to_255_are_errors_and_exit_130_is_no_interruption() {
    let out = run_script("exit(-1);\n");
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(out.stderr.contains("0 to 255"), "{}", out.stderr);
    let out = run_script("exit(256);\n");
    assert_eq!(out.code, 4, "{}", out.stderr);
    let out = run_script("exit(130);\n");
    assert_eq!(out.code, 130);
    assert!(!out.stderr.contains("interrupted"), "{}", out.stderr);
}

#[test]
fn a_leading_bom_is_skipped() {
    let out = run_script("\u{feff}print(\"bom\");\n");
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "bom\n");
}

/// Starts `script` with stdin held open and empty; returns once it printed its first line.
fn start_blocked(dir: &std::path::Path, script: &str) -> std::process::Child {
    use std::io::Read;
    use std::process::{Command, Stdio};
    std::fs::write(dir.join("script.rhai"), script).unwrap();
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["run", "script.rhai"])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut byte = [0u8; 1];
    let _ = child.stdout.take().unwrap().read(&mut byte);
    child
}

/// Sends `signal` and returns the exit code, failing if the process outlives `limit`.
fn stop_with(mut child: std::process::Child, signal: &str) -> i32 {
    let sent = std::process::Command::new("kill")
        .args(["-s", signal, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(sent.success());
    let limit = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status.code().unwrap_or(-1);
        }
        if std::time::Instant::now() > limit {
            let _ = child.kill();
            panic!("a blocked read ignored {signal}");
        }
        std::thread::sleep(std::time::Duration::from_millis(10));
    }
}

#[test]
fn a_read_of_stdin_or_a_fifo_ends_on_a_signal() {
    let dir = tempfile::tempdir().unwrap();
    let child = start_blocked(dir.path(), "print(\"go\");\nread_file(\"/dev/stdin\");\n");
    assert_eq!(stop_with(child, "TERM"), 143);
    let fifo = dir.path().join("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let child = start_blocked(dir.path(), "print(\"go\");\nread_csv(\"fifo\");\n");
    assert_eq!(stop_with(child, "INT"), 130);
}

#[test]
fn a_document_as_deep_as_paths_allow_validates_and_converts_quickly() {
    // Converting a deep map used to copy everything under each level (quadratic).
    let path = vec!["Deep"; 9_999].join(".");
    let out = Test::new()
        .script(&format!(
            "let d = json();\nd.update_string(\"PoolName\", \"p\");\n\
             d.update_string(\"Tags.{path}\", \"x\");\nlet m = d.to_map();\n\
             cognito.create_user_pool(m);\nprint(\"sent\");\n"
        ))
        // (`Tags` is no member of CreateUserPool: sent leniently, with its warning.)
        .args(["run", "--dry-run", "--lenient", "script.rhai"])
        .run();
    assert_no_abort(&out);
    assert_eq!(
        out.code,
        0,
        "{}",
        out.stderr.chars().take(2000).collect::<String>()
    );
    assert_eq!(out.stdout, "sent\n");
    assert!(
        out.stderr.contains("unknown member `Tags`"),
        "{}",
        out.stderr.chars().take(2000).collect::<String>()
    );
}

#[test]
fn a_module_importing_itself_is_an_import_cycle_exit_3() {
    let out = crate::support::Test::new()
        .file("self.rhai", "import \"self\" as s;\nprint(\"never\");\n")
        .args(["run", "self.rhai"])
        .run();
    assert_no_abort(&out);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    crate::support::assert_golden("import_cycle_self.err", &out.stderr);
}

#[test]
fn two_modules_importing_each_other_report_the_chain_exit_3() {
    let out = crate::support::Test::new()
        .file("a.rhai", "import \"b\" as b;\nfn f() { 1 }\n")
        .file("b.rhai", "import \"a\" as a;\nfn g() { 2 }\n")
        .script("import \"a\" as a;\nprint(a::f());\n")
        .args(["run", "script.rhai"])
        .run();
    assert_no_abort(&out);
    assert_eq!(out.code, 3, "{}", out.stderr);
    crate::support::assert_golden("import_cycle_chain.err", &out.stderr);
    // `check` compiles the same imports.
    let out = crate::support::Test::new()
        .file("a.rhai", "import \"b\" as b;\n")
        .file("b.rhai", "import \"a\" as a;\n")
        .args(["check", "a.rhai"])
        .run();
    assert_no_abort(&out);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("import cycle: a.rhai imports b.rhai imports a.rhai"),
        "{}",
        out.stderr
    );
}

#[test]
fn a_frame_of_a_400_kb_line_is_cut_around_the_caret() {
    // Rhai's columns stop at 65535: the culprit sits before that, 340 KB follow it.
    let (before, after) = ("1, ".repeat(20_000), "1, ".repeat(113_000));
    let script = format!("let x = [{before}no_such_variable, {after}1];\n");
    assert!(script.len() > 390_000);
    let out = run_script(&script);
    assert_no_abort(&out);
    assert_eq!(out.code, 4, "{}", &out.stderr[..out.stderr.len().min(2000)]);
    assert!(
        out.stderr.len() < 1_500,
        "the frame printed {} bytes",
        out.stderr.len()
    );
    let lines: Vec<&str> = out.stderr.lines().collect();
    let source = lines
        .iter()
        .find(|l| l.starts_with("1 | "))
        .expect("the source line");
    let carets = lines.iter().find(|l| l.contains('^')).expect("the carets");
    assert!(
        source.starts_with("1 | …") && source.ends_with('…'),
        "{source}"
    );
    let at = source
        .find("no_such_variable")
        .expect("the culprit is shown");
    let column = source[..at].chars().count();
    assert_eq!(carets.find('^'), Some(column), "{source}\n{carets}");
    assert_eq!(carets.matches('^').count(), "no_such_variable".len());
}

#[test]
fn a_repeated_member_in_a_50000_member_map_literal_is_a_compile_error_at_the_repeat() {
    // Rhai's duplicate check is patched (vendor/rhai/PATCHES.md) to look names up; the error
    // and its place stay the same, also far into a huge literal.
    let members: Vec<String> = (0..50_000).map(|n| format!("k{n}: {n}")).collect();
    let script = format!(
        "let m = #{{\n{},\nk49999: 0 }};\nprint(m.len());\n",
        members.join(",\n")
    );
    let out = run_script(&script);
    assert_eq!(out.code, 3, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    crate::support::assert_golden("map_literal_repeated_member.err", &out.stderr);
}
