//! Micro-benchmarks of the hot paths (std only, no timing assertions): engine creation with the
//! full host API, model load, json() path updates, emit, validation, SigV4 signing and a dry-run
//! script.
//! Run with `cargo bench --bench runtime`; each line prints the median of repeated runs.

use std::hint::black_box;
use std::time::Duration;

use pooler::json_doc::JsonDoc;
use pooler::model::Model;

#[path = "common/timing.rs"]
mod timing;
use timing::median_of;

fn report(name: &str, runs: usize, d: Duration) {
    println!(
        "{name:<48} median {:>10.3} ms  ({runs} runs)",
        d.as_secs_f64() * 1e3
    );
}

fn seed_request() -> serde_json::Value {
    let text = std::fs::read_to_string("src/model/tests/seed_create_user_pool.json")
        .expect("seed request");
    serde_json::from_str(&text).expect("seed request JSON")
}

fn main() {
    // `cargo test --all-targets` runs this binary too; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("runtime benchmarks: skipped (run them with `cargo bench --bench runtime`)");
        return;
    }
    let service = include_str!("../model/cognito-idp/service-2.json");
    let pages = include_str!("../model/cognito-idp/paginators-1.json");
    let d = median_of(21, || {
        black_box(Model::from_json(service, Some(pages)).unwrap());
    });
    report("model load (parse + index)", 21, d);

    let d = median_of(21, || {
        black_box(pooler::bench_support::engine_with_full_api());
    });
    report("engine creation, full host API", 21, d);

    let d = median_of(11, || {
        let mut doc = JsonDoc::new();
        for n in 0..100_000 {
            doc.update(
                "Schema[0].StringAttributeConstraints.MaxLength",
                serde_json::json!(n.to_string()),
            )
            .unwrap();
        }
        black_box(doc);
    });
    report("100,000 update_string (Rust API, same path)", 11, d);

    let d = median_of(5, || {
        black_box(pooler::bench_support::run_script(
            "let d = json(); for n in 0..100000 { d.update_string(\"Schema[0].StringAttributeConstraints.MaxLength\", `${n}`); }",
        ));
    });
    report("100,000 update_string (from a script)", 5, d);

    let mut big = JsonDoc::new();
    for n in 0..20_000 {
        big.update(
            &format!("Users[{n}].Username"),
            serde_json::json!(format!("user{n}")),
        )
        .unwrap();
        big.update(
            &format!("Users[{n}].Attributes[0].Value"),
            serde_json::json!(n),
        )
        .unwrap();
    }
    let d = median_of(21, || {
        black_box(big.emit());
    });
    report("emit() of a 20,000-user document", 21, d);

    let model = Model::embedded();
    let op = model.operation("CreateUserPool").unwrap();
    let seed = seed_request();
    let d = median_of(101, || {
        black_box(model.validate(op, &seed));
    });
    report("validate the seed CreateUserPool request", 101, d);

    let body = serde_json::to_vec(&seed).expect("seed serializes");
    let d = median_of(1001, || {
        black_box(pooler::bench_support::sign_create_user_pool(
            "https://cognito-idp.us-west-2.amazonaws.com/",
            black_box(&body),
        ));
    });
    report("SigV4-sign the seed CreateUserPool request", 1001, d);

    let script = std::fs::read_to_string("scripts/create_pool.rhai").expect("create_pool.rhai");
    let d = median_of(21, || {
        black_box(pooler::bench_support::dry_run_script(&script));
    });
    report("compile + dry-run scripts/create_pool.rhai", 21, d);
}
