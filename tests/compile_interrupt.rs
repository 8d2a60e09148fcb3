//! Ctrl-C and SIGTERM while pooler compiles a huge script (`check`, `run --dry-run`, an
//! imported module): the parse stops at the next token, exit 130 / 143, nothing run.

use std::io::Read;
use std::process::Child;
use std::time::Duration;

use crate::interrupt::{signal, spawn_pooler, wait_with_deadline};
use crate::support::assert_golden;

/// Statements in the generated scripts: several seconds of parsing in a debug build.
const STATEMENTS: usize = 500_000;

/// A ported-program-like script of `STATEMENTS` statements; returns its size in bytes.
fn write_huge(path: &std::path::Path) -> u64 {
    let mut text = String::from("let x = 0;\n");
    for n in 0..STATEMENTS {
        text.push_str(&format!("x += {};\n", n % 7));
    }
    text.push_str("print(x);\n");
    std::fs::write(path, &text).unwrap();
    text.len() as u64
}

/// Waits until `child` has read `bytes` (its `rchar` in /proc): the script is read, so the
/// signal handler is in place and compilation is starting or under way.
fn wait_until_read(child: &Child, bytes: u64) {
    let io = format!("/proc/{}/io", child.id());
    for _ in 0..2_000 {
        let text = std::fs::read_to_string(&io).unwrap_or_default();
        let read = text
            .lines()
            .find_map(|l| l.strip_prefix("rchar: "))
            .and_then(|n| n.trim().parse::<u64>().ok())
            .unwrap_or(0);
        if read >= bytes {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("pooler did not read the script within 20 s");
}

/// Starts `pooler ARGS` on a huge `big.rhai` (next to `main` when given), sends `sig` once
/// the script is read, and returns the exit code and stderr (stdout is empty: nothing ran).
fn interrupt_compiling(args: &[&str], main: Option<&str>, sig: &str) -> (i32, String) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = write_huge(&dir.path().join("big.rhai"));
    if let Some(text) = main {
        std::fs::write(dir.path().join("main.rhai"), text).unwrap();
    }
    let mut child = spawn_pooler(dir.path(), args);
    let mut stdout = child.stdout.take().unwrap();
    wait_until_read(&child, bytes);
    signal(&child, sig);
    let (code, stderr) = wait_with_deadline(child, Duration::from_secs(20));
    let mut out = String::new();
    stdout.read_to_string(&mut out).unwrap();
    assert_eq!(out, "", "stderr: {stderr}");
    (code, stderr)
}

#[test]
fn sigterm_while_check_compiles_a_huge_script_exits_143() {
    let (code, stderr) = interrupt_compiling(&["check", "big.rhai"], None, "TERM");
    assert_eq!(code, 143, "{stderr}");
    assert_golden("compile_interrupt_check.err", &stderr);
}

#[test]
fn sigint_while_run_dry_run_compiles_a_huge_script_exits_130() {
    let (code, stderr) = interrupt_compiling(&["--dry-run", "run", "big.rhai"], None, "INT");
    assert_eq!(code, 130, "{stderr}");
    assert_golden("compile_interrupt_dry_run.err", &stderr);
}

#[test]
fn sigterm_while_a_huge_module_compiles_exits_143_at_the_import() {
    let main = "import \"big\" as big;\nprint(\"not reached\");\n";
    let (code, stderr) = interrupt_compiling(&["check", "main.rhai"], Some(main), "TERM");
    assert_eq!(code, 143, "{stderr}");
    assert_golden("compile_interrupt_module.err", &stderr);
}
