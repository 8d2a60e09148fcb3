//! One function per subcommand, called by `run` after the command line is parsed.

use std::path::Path;
use std::rc::Rc;
use std::time::Duration;

use rhai::Dynamic;

use crate::aws;
use crate::cli::{Cli, Command, Global};
use crate::exit;
use crate::host::cognito::{self, Cognito, Shared};
use crate::host::transcript::Transcript;
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::script::engine::{self, EngineSetup, PrintTo};
use crate::script::runner::{self, Runner};
use crate::script::sources::Sources;

/// Runs the parsed command.
pub fn dispatch(cli: Cli, interrupt: &Interrupt) -> i32 {
    let global = &cli.global;
    let model = match load_model(global) {
        Ok(model) => model,
        Err(code) => return code,
    };
    let Some(command) = &cli.command else {
        return crate::repl::run(global, model, interrupt);
    };
    match command {
        Command::Repl => crate::repl::run(global, model, interrupt),
        Command::Run { file, args } => run_script(global, model, interrupt, file, args, Mode::Run),
        Command::Check { file, args } => {
            run_script(global, model, interrupt, file, args, Mode::Check)
        }
        Command::Plan { file, args } => {
            run_script(global, model, interrupt, file, args, Mode::Plan)
        }
        Command::Eval { expr } => eval(global, model, interrupt, expr),
        Command::Ops { filter } => ops(model, filter.as_deref()),
        Command::Describe { operation } => describe(model, operation),
        Command::Port {
            file,
            out,
            lang,
            style,
        } => {
            crate::port::command::run(file, out.as_deref(), lang.as_deref(), *style, global.strict)
        }
    }
}

/// Whether a script runs for real or is only checked.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Run,
    Check,
    /// Reads sent, writes reported (`pooler plan`).
    Plan,
}

/// The embedded model, or the one `--model FILE` names (kept for the whole process).
fn load_model(global: &Global) -> Result<&'static Model, i32> {
    let Some(path) = &global.model else {
        return Ok(Model::embedded());
    };
    let text = std::fs::read_to_string(path).map_err(|e| {
        eprintln!("error: cannot read the model `{}`: {e}", path.display());
        exit::FAILURE
    })?;
    let model = Model::from_json(&text, Some(Model::embedded_paginators_json())).map_err(|e| {
        eprintln!(
            "error: `{}` is not a usable service model: {e}",
            path.display()
        );
        exit::USAGE
    })?;
    Ok(Box::leak(Box::new(model)))
}

fn settings(global: &Global, dry_run: bool) -> aws::Settings {
    aws::Settings {
        region: global.region.clone(),
        profile: global.profile.clone(),
        endpoint_url: global.endpoint_url.clone(),
        allow_http: global.allow_http,
        max_attempts: global.max_attempts,
        verbose: global.verbose,
        timeout: Some(Duration::from_secs_f64(global.timeout.max(0.001))),
        dry_run,
        ..aws::Settings::default()
    }
}

/// An engine with the whole host API, `cognito` and `args` in every scope.
pub fn runner(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    base: &Path,
    mode: Mode,
    args: &[String],
) -> Result<Runner, i32> {
    let sources = Sources::new();
    let print = if mode == Mode::Check {
        PrintTo::Nowhere
    } else {
        PrintTo::Stdout
    };
    let setup = EngineSetup {
        limits: &global.limits,
        interrupt,
        sources: &sources,
        base_dir: base.to_path_buf(),
        print,
    };
    let mut engine = engine::build(&setup);
    let transcript = match &global.transcript {
        Some(path) => Some(Transcript::create(path).map_err(|e| {
            eprintln!(
                "error: cannot create the transcript `{}`: {e}",
                path.display()
            );
            exit::FAILURE
        })?),
        None => None,
    };
    let color = runner::use_color(global.color);
    let dry_run = global.dry_run || mode == Mode::Check;
    let shared = Rc::new(Shared::new(
        model,
        dry_run,
        !global.no_validate,
        global.strict,
        global.verbose,
        transcript,
        interrupt.clone(),
        sources.clone(),
        color,
    ));
    if mode == Mode::Plan {
        shared.plan.enable();
    }
    let client = aws::Client::new(settings(global, dry_run), cognito::service_of(model));
    cognito::register(&mut engine, model);
    let args: rhai::Array = args.iter().cloned().map(Dynamic::from).collect();
    let cognito = Cognito::new(shared, client);
    crate::host::chilkat::register(&mut engine, cognito.clone(), global.region.is_some());
    let ambient = vec![
        ("cognito", Dynamic::from(cognito)),
        ("args", Dynamic::from_array(args)),
    ];
    runner::install_ambient(&mut engine, Rc::new(ambient));
    Ok(Runner {
        engine,
        sources,
        color,
    })
}

fn base_dir(file: &Path) -> &Path {
    file.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
}

fn run_script(
    global: &Global,
    model: &'static Model,
    interrupt: &Interrupt,
    file: &Path,
    args: &[String],
    mode: Mode,
) -> i32 {
    let code = match runner(global, model, interrupt, base_dir(file), mode, args) {
        Ok(r) => r.run_file(file),
        Err(code) => code,
    };
    // Only a real Ctrl-C/SIGTERM: a script's own `exit(130)` is no interruption.
    if interrupt.is_set() && (code == exit::INTERRUPTED || code == exit::TERMINATED) {
        eprintln!("{}", crate::host::progress::summary());
    }
    code
}

fn eval(global: &Global, model: &'static Model, interrupt: &Interrupt, expr: &str) -> i32 {
    let r = match runner(global, model, interrupt, Path::new("."), Mode::Run, &[]) {
        Ok(r) => r,
        Err(code) => return code,
    };
    let (code, value) = r.run_text("<eval>", expr);
    if let Some(value) = value.filter(|v| !v.is_unit()) {
        match crate::host::convert::to_json(&value) {
            Ok(json) => println!(
                "{}",
                serde_json::to_string_pretty(&json).unwrap_or_default()
            ),
            Err(_) => println!("{value}"),
        }
    }
    code
}

fn ops(model: &Model, filter: Option<&str>) -> i32 {
    if list_ops(model, filter.unwrap_or_default()) == 0 {
        return exit::FAILURE;
    }
    exit::SUCCESS
}

/// Prints the operations matching `filter` (snake_case and API names), or says none does;
/// returns how many were printed. `pooler ops` and the REPL's `:ops` share it.
pub fn list_ops(model: &Model, filter: &str) -> usize {
    let mut found = 0;
    for op in model.operations_matching(filter) {
        println!("{:<44} {}", op.snake_name, op.name);
        found += 1;
    }
    if found == 0 {
        eprintln!("no operation matches `{filter}`");
    }
    found
}

fn describe(model: &Model, name: &str) -> i32 {
    match model.operation(name) {
        Some(op) => {
            print!("{}", model.describe(op));
            exit::SUCCESS
        }
        None => {
            eprintln!("error: `{name}` is not a Cognito operation (`pooler ops` lists them)");
            exit::USAGE
        }
    }
}
