//! Compile and dry-run time of huge scripts (std only, no timing assertions): map literals of
//! 10,000 and 50,000 members (linear since the parser's duplicate check looks names up,
//! vendor/rhai/PATCHES.md) and a 500,000-statement program, as `pooler check` handles them.
//! Run with `cargo bench --bench compile` (or `--profile dev` for the debug build's figures).

use std::hint::black_box;

#[path = "common/timing.rs"]
mod timing;
use timing::median_of;

/// `let m = #{k0: 0, …}; m.len()` with `members` members.
fn map_literal(members: usize) -> String {
    let body: Vec<String> = (0..members).map(|n| format!("k{n}: {n}")).collect();
    format!("let m = #{{{}}};\nm.len()\n", body.join(", "))
}

/// `x += n;` `statements` times.
fn program(statements: usize) -> String {
    let mut text = String::from("let x = 0;\n");
    for n in 0..statements {
        text.push_str(&format!("x += {};\n", n % 7));
    }
    text
}

fn main() {
    // `cargo test --all-targets` runs this binary too; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("compile benchmarks: skipped (run them with `cargo bench --bench compile`)");
        return;
    }
    for (name, script, runs) in [
        ("map literal, 10,000 members", map_literal(10_000), 5),
        ("map literal, 50,000 members", map_literal(50_000), 5),
        ("program of 500,000 statements", program(500_000), 3),
    ] {
        let d = median_of(runs, || {
            assert_eq!(black_box(pooler::bench_support::dry_run_script(&script)), 0);
        });
        println!(
            "compile + dry-run, {name:<32} median {:>9.3} s  ({runs} runs, {} KB of script)",
            d.as_secs_f64(),
            script.len() / 1024
        );
    }
}
