//! The `pooler` binary: parse the command line, run, exit with the code `run` chose.
//!
//! Everything runs on one thread whose stack is sized from the depth limits
//! (`pooler::script::limits::stack_for`): deep scripts, deep documents and their conversions
//! recurse, and a limit raised beyond what can be reserved is a clear error, never an abort.

use pooler::script::limits;

fn main() {
    // Parsed once, here: the depth limits size the stack, and the thread gets the result.
    let parsed = pooler::cli::Cli::parse_args(std::env::args_os());
    let stack = match &parsed {
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
            pooler::run_parsed(parsed)
        });
    let code = match worker {
        Ok(handle) => handle.join().unwrap_or(pooler::exit::FAILURE),
        Err(e) => match pooler::cli::Cli::parse_args(std::env::args_os()) {
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
