//! One function per subcommand, called by `run` after the command line is parsed.

use std::path::Path;

use crate::cli::{Cli, Command, Global};
use crate::exit;
use crate::interrupt::Interrupt;
use crate::script::engine::{self, EngineSetup, PrintTo};
use crate::script::runner::{self, Runner};
use crate::script::sources::Sources;

/// Runs the parsed command.
pub fn dispatch(cli: Cli, interrupt: &Interrupt) -> i32 {
    let global = &cli.global;
    match &cli.command {
        Command::Run { file, args } => run_script(global, interrupt, file, args, PrintTo::Stdout),
        Command::Check { file, args } => check_script(global, interrupt, file, args),
        Command::Eval { expr } => eval(global, interrupt, expr),
        Command::Ops { .. } | Command::Describe { .. } => {
            eprintln!("error: not available yet");
            exit::FAILURE
        }
    }
}

fn runner(global: &Global, interrupt: &Interrupt, base: &Path, print: PrintTo, args: &[String]) -> Runner {
    let sources = Sources::new();
    let setup = EngineSetup {
        limits: &global.limits,
        interrupt,
        sources: &sources,
        base_dir: base.to_path_buf(),
        print,
    };
    let mut engine = engine::build(&setup);
    let args: rhai::Array = args.iter().cloned().map(rhai::Dynamic::from).collect();
    runner::install_ambient(&mut engine, std::rc::Rc::new(vec![("args", rhai::Dynamic::from_array(args))]));
    Runner { engine, sources, color: runner::use_color(global.color) }
}

fn base_dir(file: &Path) -> &Path {
    file.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."))
}

fn run_script(global: &Global, interrupt: &Interrupt, file: &Path, args: &[String], print: PrintTo) -> i32 {
    runner(global, interrupt, base_dir(file), print, args).run_file(file)
}

fn check_script(global: &Global, interrupt: &Interrupt, file: &Path, args: &[String]) -> i32 {
    let r = runner(global, interrupt, base_dir(file), PrintTo::Nowhere, args);
    r.compile_file(file)
}

fn eval(global: &Global, interrupt: &Interrupt, expr: &str) -> i32 {
    let r = runner(global, interrupt, Path::new("."), PrintTo::Stdout, &[]);
    let (code, value) = r.run_text("<eval>", expr);
    if let Some(value) = value.filter(|v| !v.is_unit()) {
        match crate::host::convert::to_json(&value) {
            Ok(json) => println!("{}", serde_json::to_string_pretty(&json).unwrap_or_default()),
            Err(_) => println!("{value}"),
        }
    }
    code
}
