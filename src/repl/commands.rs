//! The REPL's own commands, the inputs that start with `:`.

use std::fmt::Write as _;
use std::path::Path;

use super::print;
use super::session::{Failure, Session};
use crate::cli::Global;
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::script::setup::{self, Mode};

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
    /// Whether a value longer than the terminal goes through the pager (`:pager on|off`).
    pub pager: bool,
}

const HELP: &str = "\
Type Rhai statements or expressions; the value of an expression is printed.
Variables, constants, functions and imported modules stay for the whole session.
`ans` holds the last value shown (`ans.UserPools[0].Id`).
An unfinished input (open bracket or string) stays one block: Enter adds an indented line,
the block runs when it is complete, and Up recalls it whole.
Tab completes functions, variables, the keys of map values (`pools.`), module members
(`attrs::`), `cognito.` operations, json() methods, the members of the map passed to a cognito
method and their enum values; the hint shows required members.

  :help [NAME]        this text, or one script function or operation
  :ops [FILTER]       list the operations whose name contains FILTER
  :describe NAME [--response]
                      an operation's input (or output), or a shape: members, types, limits
  :vars               the variables in the session and their types
  :load FILE          run a script file into the session
  :save FILE          write the inputs that ran without error as a script for `pooler run`
  :save! FILE         the same, replacing FILE if it exists
  :history            the inputs kept in the history, oldest first
  :dry-run on|off     sign and validate calls but send nothing (on), or send them (off)
  :redact [strict|credentials]
                      what printed values hide: credentials only (the default: passwords,
                      tokens, keys, secrets), or also what the model marks sensitive (user names,
                      attribute values), as transcripts and -v do
  :pager [on|off]     whether a value longer than the terminal goes through $PAGER
                      (less -FRX when unset; on by default, never when output is no terminal)
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
        ":help" | ":h" | ":?" if arg.is_empty() => println!("{HELP}\n\n{}", functions()),
        ":help" | ":h" | ":?" => help_on(ctx.model, arg),
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
        ":load" => return load(session, arg, ctx.color, &ctx.global.shape()),
        ":save" => save(session, arg, false),
        ":save!" => save(session, arg, true),
        ":dry-run" => dry_run(session, ctx, arg),
        ":redact" => redact(arg),
        ":pager" => pager(ctx, arg),
        ":clear" => {
            session.clear();
            println!("session cleared");
        }
        _ => eprintln!("error: unknown command `{name}` (:help lists the commands)"),
    }
    Control::Continue
}

/// `:redact`, `:redact strict`, `:redact credentials`.
fn redact(arg: &str) {
    use crate::secrets::Level;
    let level = match arg {
        "" => super::redact::level(),
        "strict" => Level::Strict,
        "credentials" => Level::Credentials,
        other => {
            eprintln!("error: :redact takes `strict` or `credentials`, not `{other}`");
            return;
        }
    };
    super::redact::set_level(level);
    match level {
        Level::Strict => println!("redact: strict (credentials and every sensitive member)"),
        Level::Credentials => println!("redact: credentials (your own data is shown)"),
    }
}

/// `:pager`, `:pager on`, `:pager off`.
fn pager(ctx: &mut Context<'_>, arg: &str) {
    match arg {
        "" => {}
        "on" => ctx.pager = true,
        "off" => ctx.pager = false,
        other => {
            eprintln!("error: :pager takes `on` or `off`, not `{other}`");
            return;
        }
    }
    if ctx.pager {
        println!("pager: on (values longer than the terminal go through $PAGER)");
    } else {
        println!("pager: off");
    }
}

fn describe(model: &Model, arg: &str) {
    let output = arg
        .split_whitespace()
        .any(|w| w == "--output" || w == "--response");
    let name = arg
        .split_whitespace()
        .find(|w| *w != "--output" && *w != "--response")
        .unwrap_or_default();
    if name.is_empty() {
        eprintln!("error: :describe needs an operation, e.g. `:describe CreateUserPool`");
        return;
    }
    match model.describe_named(name, output) {
        Ok(text) => print!("{text}"),
        Err(message) => eprintln!("error: {message} (`:ops` lists the operations)"),
    }
}

/// Every script function of the registry, grouped by receiver, one line each.
fn functions() -> String {
    let mut out = String::from("Script functions (:help NAME for one):\n");
    for e in crate::host::registry::entries() {
        let _ = writeln!(out, "  {:<44} {}", e.signature, e.summary);
    }
    out.push_str("  cognito.<operation>(input)                   one method per operation (:ops)");
    out
}

/// `:help NAME`: a script function (`each` or `cognito.each`), else an operation.
fn help_on(model: &Model, name: &str) {
    let (receiver, bare) = match name.rsplit_once('.') {
        Some((r, n)) => (Some(r), n),
        None => (None, name),
    };
    let found: Vec<_> = crate::host::registry::entries()
        .into_iter()
        .filter(|e| e.name == bare && (receiver.is_none() || e.receiver == receiver))
        .collect();
    for e in &found {
        println!("{}\n  {}", e.signature, e.summary);
        if !e.options.is_empty() {
            println!("  options:");
            let width = e.options.iter().map(|o| o.name.len()).max().unwrap_or(0);
            for o in e.options {
                println!("    {:<width$}  {}", o.name, o.about);
            }
        }
    }
    if !found.is_empty() {
        return;
    }
    if let Some(op) = model.operation(bare) {
        println!("cognito.{}(input)", op.snake_name);
        let summary = model.operation_summary(op);
        if !summary.is_empty() {
            println!("  {summary}");
        }
        println!(
            "  calls {}; `:describe {}` shows its input, `--output` its output",
            op.name, op.name
        );
        return;
    }
    let names = crate::host::registry::entries();
    let near = crate::model::closest_name(bare, names.iter().map(|e| e.name))
        .map(str::to_string)
        .or_else(|| {
            model
                .suggest_operation(bare)
                .map(|o| o.snake_name.to_string())
        });
    match near {
        Some(near) => {
            eprintln!("error: no script function or operation `{name}`; did you mean `{near}`?")
        }
        None => eprintln!("error: no script function or operation `{name}` (:help lists them)"),
    }
}

/// `:save FILE`: the inputs that ran without an error, as a script, written 0600 (typed
/// inputs may hold secrets); an existing file is kept unless `:save! FILE`.
fn save(session: &Session, file: &str, force: bool) {
    if file.is_empty() {
        eprintln!("error: :save needs a file, e.g. `:save setup.rhai`");
        return;
    }
    let (text, variables) =
        super::save::script_text(session.succeeded(), session.runner.calls.secrets);
    let path = std::path::Path::new(file);
    let written = crate::private_file::create(path, force)
        .and_then(|mut out| std::io::Write::write_all(&mut out, text.as_bytes()));
    match written {
        Ok(()) => {
            let count = super::save::written(session.succeeded());
            println!("saved {count} input(s) to {file}");
            if !variables.is_empty() {
                println!(
                    "secret values were not saved: set {} before running it",
                    variables.join(", ")
                );
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => eprintln!(
            "error: {}",
            crate::private_file::exists_message(path, &format!(":save! {file}"))
        ),
        Err(e) => eprintln!("error: cannot write `{file}`: {e}"),
    }
}

/// `:history`: the entries of the line editor's history, numbered, oldest first; a block is
/// shown with its lines indented under its number.
pub fn history<'a>(entries: impl Iterator<Item = &'a str>) {
    let mut any = false;
    for (i, entry) in entries.enumerate() {
        any = true;
        let shown = entry.replace('\n', "\n      ");
        println!("{:>4}  {shown}", i + 1);
    }
    if !any {
        println!("the history is empty");
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

fn load(session: &mut Session, file: &str, color: bool, shape: &crate::output::Shape) -> Control {
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
            if let Some(shown) = print::show(
                &value,
                color,
                shape,
                session.runner.calls.model,
                session.runner.calls.secrets,
            ) {
                crate::stdout::line(&shown);
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
