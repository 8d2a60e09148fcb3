//! pooler: script AWS Cognito user pool setups in Rhai: run them, check them offline, and see
//! clear errors. `run` is the whole program behind the thin binary, so tests can drive it.

pub mod aws;
#[doc(hidden)]
pub mod bench_support;
pub mod cli;
pub mod commands;
pub mod exit;
pub mod host;
pub mod interrupt;
pub mod json_doc;
pub mod lsp;
pub mod model;
pub mod output;
pub mod port;
pub mod printable;
pub mod private_file;
pub mod repl;
pub mod rhai_literal;
pub mod script;
pub mod secrets;
pub mod service;
pub mod stdout;

/// Parses `args` (program name first), runs the command and returns the process exit code.
pub fn run<I, T>(args: I) -> i32
where
    I: IntoIterator<Item = T>,
    T: Into<std::ffi::OsString> + Clone,
{
    run_parsed(cli::Cli::parse_args(args))
}

/// [`run`] with the command line already parsed (the binary parses it once, to size the
/// stack of the thread that runs it).
pub fn run_parsed(parsed: Result<cli::Cli, clap::Error>) -> i32 {
    let cli = match parsed {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                exit::USAGE
            } else {
                exit::SUCCESS
            };
        }
    };
    let interrupt = interrupt::Interrupt::new();
    interrupt.install_signal_handler();
    stdout::finish(commands::dispatch(cli, &interrupt))
}
