//! The REPL's own commands, the inputs that start with `:`.

use std::path::Path;

use super::print;
use super::session::{Failure, Session};
use crate::cli::Global;
use crate::script::setup::{self, Mode};
use crate::interrupt::Interrupt;
use crate::model::Model;

/// What the REPL loop does after a command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Control {
    Continue,
    Quit(i32),
}

/// What commands need besides the session.
pub struct Context<'a> {
    pub global: Global,
    pub model: &'static Model,
    pub interrupt: &'a Interrupt,
    pub color: bool,
}

const HELP: &str = "\
Type Rhai statements or expressions; the value of an expression is printed.
Variables, constants, functions and imported modules stay for the whole session.
An unfinished input (open bracket or string) continues on the next line.
Tab completes functions, variables, `cognito.` operations, json() methods, the members of
the map passed to a cognito method and their enum values; the hint shows required members.

  :help               this text
  :ops [FILTER]       list the operations whose name contains FILTER
  :describe OP        an operation's input: members, types, required markers, limits
  :vars               the variables in the session and their types
  :load FILE          run a script file into the session
  :dry-run on|off     sign and validate calls but send nothing (on), or send them (off)
  :clear              forget every variable, function and imported module
  :quit               leave (Ctrl-D on an empty line does too)

Ctrl-C stops a running input and keeps the session; at the prompt it clears the line.";

/// Runs the command `line` (which starts with `:`).
pub fn run(line: &str, session: &mut Session, ctx: &mut Context<'_>) -> Control {
    let line = line.trim();
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((name, arg)) => (name, arg.trim()),
        None => (line, ""),
    };
    match name {
        ":help" | ":h" | ":?" => println!("{HELP}"),
        ":quit" | ":q" | ":exit" => return Control::Quit(crate::exit::SUCCESS),
        ":ops" => {
            let lines = ctx.model.ops_listing(arg);
            if lines.is_empty() {
                eprintln!("no operation matches `{arg}`");
            }
            for line in lines {
                println!("{line}");
            }
        }
        ":describe" => describe(ctx.model, arg),
        ":vars" => vars(session),
        ":load" => return load(session, arg, ctx.color),
        ":dry-run" => dry_run(session, ctx, arg),
        ":clear" => {
            session.clear();
            println!("session cleared");
        }
        _ => eprintln!("error: unknown command `{name}` (:help lists the commands)"),
    }
    Control::Continue
}

fn describe(model: &Model, name: &str) {
    if name.is_empty() {
        eprintln!("error: :describe needs an operation, e.g. `:describe CreateUserPool`");
        return;
    }
    match model.operation(name) {
        Some(op) => print!("{}", model.describe(op)),
        None => eprintln!("error: `{name}` is not a Cognito operation (`:ops` lists them)"),
    }
}

fn vars(session: &Session) {
    let vars = session.variables();
    if vars.is_empty() {
        println!("no variables yet");
    }
    for (name, type_name, constant) in vars {
        let kind = if constant { "const" } else { "let" };
        println!("{kind} {name}: {type_name}");
    }
}

fn load(session: &mut Session, file: &str, color: bool) -> Control {
    if file.is_empty() {
        eprintln!("error: :load needs a file, e.g. `:load scripts/create_pool.rhai`");
        return Control::Continue;
    }
    let text = match std::fs::read_to_string(Path::new(file)) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("error: cannot read `{file}`: {e}");
            return Control::Continue;
        }
    };
    match session.eval(file, &text) {
        Ok(value) => {
            if let Some(shown) = print::show(&value, color) {
                println!("{shown}");
            }
        }
        Err(Failure::Interrupted(_)) => eprintln!("interrupted"),
        Err(Failure::Exit(code)) => return Control::Quit(code),
        Err(Failure::Error(_)) => {}
    }
    Control::Continue
}

fn dry_run(session: &mut Session, ctx: &mut Context<'_>, arg: &str) {
    let on = match arg {
        "on" => true,
        "off" => false,
        "" => {
            let state = if ctx.global.dry_run { "on" } else { "off" };
            println!("dry run is {state}");
            return;
        }
        _ => {
            eprintln!("error: `:dry-run` takes `on` or `off`, not `{arg}`");
            return;
        }
    };
    if on == ctx.global.dry_run {
        println!("dry run is already {arg}");
        return;
    }
    if ctx.global.transcript.is_some() {
        eprintln!(
            "error: the dry-run setting cannot change while --transcript is written; start the REPL with or without --dry-run"
        );
        return;
    }
    let mut global = ctx.global.clone();
    global.dry_run = on;
    match setup::runner(
        &global,
        ctx.model,
        ctx.interrupt,
        Path::new("."),
        Mode::Run,
        &[],
    ) {
        Ok(runner) => {
            session.replace_runner(runner);
            ctx.global = global;
            let what = if on {
                "on: nothing is sent"
            } else {
                "off: calls are sent"
            };
            println!("dry run {what}");
        }
        Err(_) => eprintln!("error: the dry-run setting was not changed"),
    }
}
