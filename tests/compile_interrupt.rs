//! Ctrl-C and SIGTERM while pooler compiles a huge script (`check`, `run --dry-run`, an
//! imported module): the parse stops at the next token, and Rhai's optimizer pass after it
//! stops within a few statements (vendor/rhai/PATCHES.md); exit 130 / 143, nothing run.

use std::io::Read;
use std::process::Child;
use std::time::{Duration, Instant};

use crate::interrupt::{signal, spawn_pooler, wait_with_deadline};
use crate::support::assert_golden;

/// Statements in the generated scripts: several seconds of parsing in a debug build.
const STATEMENTS: usize = 500_000;

/// Blocks in the script whose optimization is slow: parsed in a few hundredths of a second,
/// then Rhai's optimizer flattens them one at a time, moving every statement each time (about
/// 6 s in a debug build).
const BLOCKS: usize = 10_000;

/// CPU time after which the blocks script is surely past its parse and in the optimizer.
const PAST_THE_PARSE: Duration = Duration::from_secs(1);

/// What is compiled, and when the signal is sent.
#[derive(Clone, Copy)]
enum Huge {
    /// `STATEMENTS` statements, signalled once pooler has read them: during the parse.
    Statements,
    /// `BLOCKS` blocks, signalled once pooler has used `PAST_THE_PARSE` of CPU: during the
    /// optimizer pass.
    Blocks,
}

/// A ported-program-like script of `STATEMENTS` statements, or one of `BLOCKS` blocks; returns
/// its size in bytes.
fn write_huge(path: &std::path::Path, huge: Huge) -> u64 {
    let mut text = String::from("let x = 0;\n");
    match huge {
        Huge::Statements => {
            (0..STATEMENTS).for_each(|n| text.push_str(&format!("x += {};\n", n % 7)))
        }
        Huge::Blocks => {
            (0..BLOCKS).for_each(|n| text.push_str(&format!("{{ x += {}; }}\n", n % 7)))
        }
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

/// The CPU time `child` has used (user + system, from /proc; Linux counts it in 1/100 s).
fn cpu_time(child: &Child) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{}/stat", child.id())).unwrap_or_default();
    // The fields after the command's name: state is the first, utime the 12th, stime the 13th.
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or("", |(_, rest)| rest)
        .split_whitespace()
        .collect();
    let ticks: u64 = [11, 12]
        .iter()
        .filter_map(|&i| fields.get(i)?.parse::<u64>().ok())
        .sum();
    Duration::from_millis(ticks * 10)
}

/// Waits until `child` has used `spent` of CPU.
fn wait_until_spent(child: &Child, spent: Duration) {
    let started = Instant::now();
    while cpu_time(child) < spent {
        assert!(
            started.elapsed() < Duration::from_secs(60),
            "pooler used no CPU for 60 s"
        );
        std::thread::sleep(Duration::from_millis(5));
    }
}

/// Starts `pooler ARGS` on a huge `big.rhai` (next to `main` when given), sends `sig` at the
/// point `huge` names, and returns the exit code, stderr (stdout is empty: nothing ran) and
/// how long pooler took to end after the signal.
fn interrupt_compiling(
    args: &[&str],
    main: Option<&str>,
    huge: Huge,
    sig: &str,
) -> (i32, String, Duration) {
    let dir = tempfile::tempdir().unwrap();
    let bytes = write_huge(&dir.path().join("big.rhai"), huge);
    if let Some(text) = main {
        std::fs::write(dir.path().join("main.rhai"), text).unwrap();
    }
    let mut child = spawn_pooler(dir.path(), args);
    let mut stdout = child.stdout.take().unwrap();
    wait_until_read(&child, bytes);
    if let Huge::Blocks = huge {
        wait_until_spent(&child, PAST_THE_PARSE);
    }
    signal(&child, sig);
    let sent = Instant::now();
    let (code, stderr) = wait_with_deadline(child, Duration::from_secs(20));
    let took = sent.elapsed();
    let mut out = String::new();
    stdout.read_to_string(&mut out).unwrap();
    assert_eq!(out, "", "stderr: {stderr}");
    (code, stderr, took)
}

/// The bound on how long an interrupt may wait during compilation.
const HALF_A_SECOND: Duration = Duration::from_millis(500);

#[test]
fn sigterm_while_check_compiles_a_huge_script_exits_143() {
    let (code, stderr, _) =
        interrupt_compiling(&["check", "big.rhai"], None, Huge::Statements, "TERM");
    assert_eq!(code, 143, "{stderr}");
    assert_golden("compile_interrupt_check.err", &stderr);
}

#[test]
fn sigint_while_run_dry_run_compiles_a_huge_script_exits_130() {
    let (code, stderr, _) = interrupt_compiling(
        &["--dry-run", "run", "big.rhai"],
        None,
        Huge::Statements,
        "INT",
    );
    assert_eq!(code, 130, "{stderr}");
    assert_golden("compile_interrupt_dry_run.err", &stderr);
}

#[test]
fn sigterm_while_a_huge_module_compiles_exits_143_at_the_import() {
    let main = "import \"big\" as big;\nprint(\"not reached\");\n";
    let (code, stderr, _) = interrupt_compiling(
        &["check", "main.rhai"],
        Some(main),
        Huge::Statements,
        "TERM",
    );
    assert_eq!(code, 143, "{stderr}");
    assert_golden("compile_interrupt_module.err", &stderr);
}

#[test]
fn sigterm_while_check_optimizes_a_huge_script_exits_143_within_half_a_second() {
    let (code, stderr, took) =
        interrupt_compiling(&["check", "big.rhai"], None, Huge::Blocks, "TERM");
    assert_eq!(code, 143, "{stderr}");
    assert_golden("compile_interrupt_check.err", &stderr);
    assert!(took < HALF_A_SECOND, "took {took:?}");
}

#[test]
fn sigint_while_run_dry_run_optimizes_a_huge_script_exits_130_within_half_a_second() {
    let (code, stderr, took) =
        interrupt_compiling(&["--dry-run", "run", "big.rhai"], None, Huge::Blocks, "INT");
    assert_eq!(code, 130, "{stderr}");
    assert_golden("compile_interrupt_dry_run.err", &stderr);
    assert!(took < HALF_A_SECOND, "took {took:?}");
}

#[test]
fn sigterm_while_a_huge_module_is_optimized_exits_143_at_the_import_within_half_a_second() {
    let main = "import \"big\" as big;\nprint(\"not reached\");\n";
    let (code, stderr, took) =
        interrupt_compiling(&["check", "main.rhai"], Some(main), Huge::Blocks, "TERM");
    assert_eq!(code, 143, "{stderr}");
    assert_golden("compile_interrupt_module.err", &stderr);
    assert!(took < HALF_A_SECOND, "took {took:?}");
}
