//! The `pooler` binary: parse the command line, run, exit with the code `run` chose.

fn main() {
    let code = pooler::run(std::env::args_os());
    std::process::exit(code);
}
