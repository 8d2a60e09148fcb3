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

/// What `:help` says before the commands.
const INTRO: &str = "\
Type Rhai statements or expressions; the value of an expression is printed.
Variables, constants, functions and imported modules stay for the whole session.
`ans` holds the last value shown (`ans.UserPools[0].Id`).
An unfinished input (open bracket or string) stays one block: Enter adds an indented line,
the block runs when it is complete, and Up recalls it whole.
Tab completes functions, variables, the keys of map values (`pools.`), module members
(`attrs::`), `cognito.` operations, json() methods, the members of the map passed to a cognito
method and their enum values; the hint shows required members.";

/// What `:help` says after them.
const OUTRO: &str =
    "Ctrl-C stops a running input and keeps the session; at the prompt it clears the line.";

/// What a command gets: its argument (trimmed), the session, the context and the line
/// editor's history (oldest first).
pub struct Call<'c, 'a> {
    pub arg: &'c str,
    pub session: &'c mut Session,
    pub ctx: &'c mut Context<'a>,
    pub history: &'c [String],
}

/// One REPL command: its names (the first is listed and completed, the others are short
/// forms), the arguments `:help` shows, its help (lines after the first are continued under
/// it) and what it does.
pub struct Command {
    pub names: &'static [&'static str],
    pub args: &'static str,
    pub help: &'static str,
    /// What Tab completes after the name.
    pub completes: Completes,
    run: fn(&mut Call<'_, '_>) -> Control,
}

/// What a command's argument completes to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Completes {
    Nothing,
    /// Operations (CamelCase or snake_case) and shapes.
    OperationOrShape,
    /// The registry's script functions.
    Function,
    /// File paths.
    Path,
    /// One of these words.
    Words(&'static [&'static str]),
}

impl Command {
    /// The name `:help` lists and completion offers.
    pub fn name(&self) -> &'static str {
        self.names[0]
    }
}

/// Every REPL command, in the order `:help` lists them: dispatch, `:help` and completion all
/// read this table.
pub const COMMANDS: &[Command] = &[
    Command {
        names: &[":help", ":h", ":?"],
        args: "[NAME]",
        help: "this text, or one script function or operation",
        completes: Completes::Function,
        run: |c| {
            if c.arg.is_empty() {
                println!("{}\n\n{}", help_text(), functions());
            } else {
                help_on(c.ctx.model, c.arg);
            }
            Control::Continue
        },
    },
    Command {
        names: &[":ops"],
        args: "[FILTER]",
        help: "list the operations whose name contains FILTER",
        completes: Completes::Nothing,
        run: |c| {
            let lines = c.ctx.model.ops_listing(c.arg);
            if lines.is_empty() {
                eprintln!("no operation matches `{}`", c.arg);
            }
            for line in lines {
                println!("{line}");
            }
            Control::Continue
        },
    },
    Command {
        names: &[":describe"],
        args: "NAME [--response]",
        help: "an operation's input (or output), or a shape: members, types, limits",
        completes: Completes::OperationOrShape,
        run: |c| {
            describe(c.ctx.model, c.arg);
            Control::Continue
        },
    },
    Command {
        names: &[":vars"],
        args: "",
        help: "the variables in the session and their types",
        completes: Completes::Nothing,
        run: |c| {
            vars(c.session);
            Control::Continue
        },
    },
    Command {
        names: &[":load"],
        args: "FILE",
        help: "run a script file into the session",
        completes: Completes::Path,
        run: |c| load(c.session, c.arg, c.ctx.color, &c.ctx.global.shape()),
    },
    Command {
        names: &[":save"],
        args: "FILE",
        help: "write the inputs that ran without error as a script for `pooler run`",
        completes: Completes::Path,
        run: |c| {
            save(c.session, c.arg, false);
            Control::Continue
        },
    },
    Command {
        names: &[":save!"],
        args: "FILE",
        help: "the same, replacing FILE if it exists",
        completes: Completes::Path,
        run: |c| {
            save(c.session, c.arg, true);
            Control::Continue
        },
    },
    Command {
        names: &[":history"],
        args: "",
        help: "the inputs kept in the history, oldest first",
        completes: Completes::Nothing,
        run: |c| {
            history(c.history.iter().map(String::as_str));
            Control::Continue
        },
    },
    Command {
        names: &[":dry-run"],
        args: "on|off",
        help: "sign and validate calls but send nothing (on), or send them (off)",
        completes: Completes::Words(&["on", "off"]),
        run: |c| {
            dry_run(c.session, c.ctx, c.arg);
            Control::Continue
        },
    },
    Command {
        names: &[":redact"],
        args: "[strict|credentials]",
        help: "what printed values hide: credentials only (the default: passwords,
tokens, keys, secrets), or also what the model marks sensitive (user names,
attribute values), as transcripts and -v do",
        completes: Completes::Words(&["strict", "credentials"]),
        run: |c| {
            redact(c.arg);
            Control::Continue
        },
    },
    Command {
        names: &[":pager"],
        args: "[on|off]",
        help: "whether a value longer than the terminal goes through $PAGER
(less -FRX when unset; on by default, never when output is no terminal)",
        completes: Completes::Words(&["on", "off"]),
        run: |c| {
            pager(c.ctx, c.arg);
            Control::Continue
        },
    },
    Command {
        names: &[":clear"],
        args: "",
        help: "forget every variable, function and imported module",
        completes: Completes::Nothing,
        run: |c| {
            c.session.clear();
            println!("session cleared");
            Control::Continue
        },
    },
    Command {
        names: &[":quit", ":q", ":exit"],
        args: "",
        help: "leave (Ctrl-D on an empty line does too)",
        completes: Completes::Nothing,
        run: |_| Control::Quit(crate::exit::SUCCESS),
    },
];

/// Where a command's help starts: the column after `  :name ARGS`, when that fits.
const HELP_COLUMN: usize = 22;

/// The text of `:help` without the script functions: the intro, one entry per command, the
/// outro.
pub fn help_text() -> String {
    let mut out = format!("{INTRO}\n\n");
    let indent = " ".repeat(HELP_COLUMN);
    for command in COMMANDS {
        let head = format!("  {} {}", command.name(), command.args);
        let head = head.trim_end();
        let mut lines = command.help.lines();
        let first = lines.next().unwrap_or_default();
        if head.len() < HELP_COLUMN {
            let _ = writeln!(out, "{head:<HELP_COLUMN$}{first}");
        } else {
            let _ = writeln!(out, "{head}\n{indent}{first}");
        }
        for line in lines {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
    let _ = write!(out, "\n{OUTRO}");
    out
}

/// Runs the command `line` (which starts with `:`); `history` is the line editor's, oldest
/// first.
pub fn run(
    line: &str,
    session: &mut Session,
    ctx: &mut Context<'_>,
    history: &[String],
) -> Control {
    let line = line.trim();
    let (name, arg) = match line.split_once(char::is_whitespace) {
        Some((name, arg)) => (name, arg.trim()),
        None => (line, ""),
    };
    let Some(command) = COMMANDS.iter().find(|c| c.names.contains(&name)) else {
        eprintln!("error: unknown command `{name}` (:help lists the commands)");
        return Control::Continue;
    };
    (command.run)(&mut Call {
        arg,
        session,
        ctx,
        history,
    })
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
fn history<'a>(entries: impl Iterator<Item = &'a str>) {
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

#[cfg(test)]
mod tests {
    use super::*;

    /// `:help`'s text, generated from the table, is the golden one.
    #[test]
    fn help_text_is_the_golden_one() {
        let golden = include_str!("../../tests/golden/repl_help.out");
        assert_eq!(format!("{}\n", help_text()), golden);
    }

    /// Every name and short form belongs to one command only.
    #[test]
    fn command_names_are_unique() {
        let mut names: Vec<&str> = COMMANDS
            .iter()
            .flat_map(|c| c.names.iter().copied())
            .collect();
        let count = names.len();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), count);
    }
}
