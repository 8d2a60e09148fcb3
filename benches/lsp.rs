//! Language-server latency: diagnostics of a whole document (what each change costs) and
//! completion inside a request map, on the seed-size script (scripts/create_pool.rhai) and on
//! a 2,000-line script; std only, no timing assertions. Run with `cargo bench --bench lsp`
//! (or `--profile dev` on a busy machine); each line prints the median of repeated runs.

use std::hint::black_box;

use lsp_types::Position;
use pooler::lsp;
use pooler::model::Model;

#[path = "common/timing.rs"]
mod timing;
use timing::median_of;

/// `seed` repeated until the text has at least `lines` lines, then a request to complete in.
fn long_script(seed: &str, lines: usize) -> String {
    let mut text = String::new();
    let mut n = 0;
    while text.lines().count() < lines {
        // Each copy in its own block so its `let`s do not clash; fns are renamed.
        text.push_str(&format!(
            "{{\n{}\n}}\n",
            seed.replace("fn ", &format!("fn copy{n}_"))
        ));
        n += 1;
    }
    text
}

fn main() {
    if !std::env::args().any(|a| a == "--bench") {
        println!("lsp benchmarks: skipped (run them with `cargo bench --bench lsp`)");
        return;
    }
    let model = Model::embedded();
    let root = env!("CARGO_MANIFEST_DIR");
    let seed = std::fs::read_to_string(format!("{root}/scripts/create_pool.rhai")).expect("seed");
    let tail = "\ncognito.create_user_pool(#{\n    PoolName: \"p\",\n    Policies: #{ PasswordPolicy: #{ Min\n";
    for (label, body) in [
        ("seed script", seed.clone()),
        ("2,000-line script", long_script(&seed, 2000)),
    ] {
        let text = format!("{body}{tail}");
        let lines = text.lines().count() as u32;
        let closed = format!(
            "{body}{}",
            tail.replace("Min\n", "MinimumLength: 8 } },\n});\n")
        );
        assert!(
            !lsp::diagnostics(&closed, model)
                .iter()
                .any(|d| d.message.starts_with("Unexpected") || d.message.contains("Expecting")),
            "the benchmark script parses"
        );
        let runs = 51;
        let d = median_of(runs, || {
            black_box(lsp::diagnostics(black_box(&closed), model));
        });
        println!(
            "diagnostics {label:<20} {lines:>5} lines  median {:>8.2} ms  ({runs} runs)",
            d.as_secs_f64() * 1e3
        );
        let at = Position {
            line: lines - 1,
            character: 36,
        };
        let items = lsp::completion_at(&text, at, None, model);
        assert_eq!(
            items.first().map(|i| i.label.as_str()),
            Some("MinimumLength")
        );
        let d = median_of(runs, || {
            black_box(lsp::completion_at(black_box(&text), at, None, model));
        });
        println!(
            "completion  {label:<20} {lines:>5} lines  median {:>8.2} ms  ({runs} runs)",
            d.as_secs_f64() * 1e3
        );
    }
}
