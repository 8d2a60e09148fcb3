//! Ports per second on the seeds in `../shared/seeds/` and on the published-shape programs in
//! `tests/fixtures/port/shape_*` (prints, branches, loops; std only, no timing assertions):
//! each is ported in both styles in a loop for two seconds.
//! Run with `cargo bench --bench port` (or `--profile dev` for a debug build).

use std::hint::black_box;
use std::time::{Duration, Instant};

use pooler::port::{Style, port};

fn main() {
    // `cargo test --all-targets` runs this binary too; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("port benchmark: skipped (run it with `cargo bench --bench port`)");
        return;
    }
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    let seeds = root.join("../shared/seeds");
    match std::fs::read_dir(&seeds) {
        Ok(entries) => files.extend(entries.flatten().map(|e| e.path())),
        Err(_) => println!("no seeds at {}", seeds.display()),
    }
    if let Ok(entries) = std::fs::read_dir(root.join("tests/fixtures/port")) {
        let mut shapes: Vec<_> = entries
            .flatten()
            .map(|e| e.path())
            .filter(|p| {
                p.file_name()
                    .is_some_and(|n| n.to_string_lossy().starts_with("shape_"))
            })
            .collect();
        shapes.sort();
        files.extend(shapes);
    }
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        for (style, label) in [(Style::Idiomatic, "idiomatic"), (Style::Chilkat, "chilkat")] {
            let start = Instant::now();
            let mut n = 0u64;
            while start.elapsed() < Duration::from_secs(2) {
                let ported = port(black_box(&text), &name, None, style);
                black_box(ported.map(|p| p.script.len()).unwrap_or(0));
                n += 1;
            }
            let secs = start.elapsed().as_secs_f64();
            println!(
                "{name} ({} bytes) {label:<9} {:>9.0} ports/s  ({n} ports in {secs:.2} s)",
                text.len(),
                n as f64 / secs
            );
        }
    }
}
