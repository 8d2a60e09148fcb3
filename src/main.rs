//! The `pooler` binary: parse the command line, run, exit with the code `run` chose.
//!
//! Everything runs on one thread whose stack is sized from the depth limits
//! (`pooler::script::limits::stack_for`): deep scripts, deep documents and their conversions
//! recurse, and a limit raised beyond what can be reserved is a clear error, never an abort.

use clap::Parser as _;

use pooler::script::limits;

fn main() {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let stack = match pooler::cli::Cli::try_parse_from(&args) {
        Ok(cli) => match limits::stack_for(&cli.global.limits) {
            Some(bytes) => bytes,
            None => too_deep(&cli.global.limits, "more than the address space"),
        },
        // `run` reports the usage error; a default stack is enough for that.
        Err(_) => limits::RESERVE,
    };
    let worker = std::thread::Builder::new()
        .name("pooler".into())
        .stack_size(stack)
        .spawn(move || {
            limits::set_stack(stack);
            pooler::run(args)
        });
    let code = match worker {
        Ok(handle) => handle.join().unwrap_or(pooler::exit::FAILURE),
        Err(e) => match pooler::cli::Cli::try_parse_from(std::env::args_os()) {
            Ok(cli) => too_deep(
                &cli.global.limits,
                &format!("{} MiB, which could not be reserved ({e})", stack >> 20),
            ),
            Err(_) => {
                eprintln!("error: cannot start the main thread: {e}");
                pooler::exit::FAILURE
            }
        },
    };
    std::process::exit(code);
}

/// The message and exit code for depth limits whose stack cannot be had.
fn too_deep(limits: &pooler::cli::LimitArgs, need: &str) -> ! {
    eprintln!(
        "error: --max-call-depth {} and --max-expr-depth {} need a stack of {need}: \
         lower them (each call level takes up to {} KiB, each expression level {} KiB)",
        limits.max_call_depth,
        limits.max_expr_depth,
        limits::PER_CALL >> 10,
        limits::PER_EXPR >> 10,
    );
    std::process::exit(pooler::exit::USAGE);
}
