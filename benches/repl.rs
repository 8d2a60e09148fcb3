//! REPL completion latency with the whole embedded model (153 operations) loaded, std only,
//! no timing assertions. Run with `cargo bench --bench repl` (or `--profile dev` on a busy
//! machine); each line prints the median of repeated runs.

use std::hint::black_box;

use pooler::model::Model;
use pooler::repl::complete::{self, Names};

#[path = "common/timing.rs"]
mod timing;
use timing::median_of;

fn main() {
    // `cargo test --all-targets` runs this binary too; measure only under `cargo bench`.
    if !std::env::args().any(|a| a == "--bench") {
        println!("repl benchmarks: skipped (run them with `cargo bench --bench repl`)");
        return;
    }
    let model = Model::embedded();
    println!("operations loaded: {}", model.operations().len());
    let names = Names {
        functions: ["json", "print", "read_json", "env", "sleep"]
            .map(String::from)
            .to_vec(),
        variables: vec![("req".into(), true), ("pool".into(), false)],
        ..Names::default()
    };
    let inputs = [
        ("cognito.<Tab> (all operations)", "cognito."),
        ("cognito.create_user_p<Tab>", "cognito.create_user_p"),
        (
            "members in create_user_pool(#{",
            "cognito.create_user_pool(#{ ",
        ),
        (
            "nested members (Policies.PasswordPolicy)",
            "cognito.create_user_pool(#{ PoolName: \"p\",\n Policies: #{ PasswordPolicy: #{ Min",
        ),
        (
            "enum values after MfaConfiguration: \"",
            "cognito.create_user_pool(#{ MfaConfiguration: \"",
        ),
        ("globals and variables", "re"),
    ];
    let runs = 2001;
    for (label, text) in inputs {
        let d = median_of(runs, || {
            black_box(complete::complete(black_box(text), model, &names));
        });
        println!(
            "complete {label:<44} median {:>8.1} µs  ({runs} runs)",
            d.as_secs_f64() * 1e6
        );
    }
    let d = median_of(runs, || {
        black_box(complete::hint(
            black_box("cognito.admin_create_user(#{ UserPoolId: \"x\", "),
            model,
        ));
    });
    println!(
        "hint     {:<44} median {:>8.1} µs  ({runs} runs)",
        "required members of admin_create_user",
        d.as_secs_f64() * 1e6
    );
}
