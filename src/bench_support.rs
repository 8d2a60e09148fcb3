//! Entry points for `benches/`: build the same engine `pooler run` builds, without a process.

use std::path::Path;

use clap::Parser as _;

use crate::cli::Cli;
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::script::runner::Runner;
use crate::script::setup::{Mode, runner};

fn build(dry_run: bool) -> Runner {
    let mut argv = vec!["pooler", "--region", "us-west-2"];
    if dry_run {
        argv.push("--dry-run");
    }
    argv.extend(["eval", "()"]);
    let cli = Cli::try_parse_from(argv).expect("fixed arguments parse");
    runner(
        &cli.global,
        Model::embedded(),
        &Interrupt::new(),
        Path::new("."),
        Mode::Run,
        &[],
    )
    .unwrap_or_else(|code| panic!("runner failed with exit code {code}"))
}

/// An engine with json(), the helpers and `cognito` registered, as `pooler run` makes it.
pub fn engine_with_full_api() -> Runner {
    build(false)
}

/// Runs `text` in a fresh full engine; returns the exit code.
pub fn run_script(text: &str) -> i32 {
    build(false).run_text("<bench>", text).0
}

/// Runs `text` in a fresh full engine in dry-run mode; returns the exit code.
pub fn dry_run_script(text: &str) -> i32 {
    build(true).run_text("<bench>", text).0
}

/// Signs a CreateUserPool request carrying `body` for `url` with fixed test keys, as the client
/// does before each send; returns the number of headers (the signature itself stays inside).
pub fn sign_create_user_pool(url: &str, body: &[u8]) -> usize {
    let url = reqwest::Url::parse(url).expect("bench URL parses");
    let service = crate::service::service_of(Model::embedded());
    let credentials = aws_credential_types::Credentials::new(
        "AKIDBENCHMARK",
        "bench-secret-not-a-real-key",
        None,
        None,
        "bench",
    );
    crate::aws::signing_bench(&url, &service, body, &credentials)
}
