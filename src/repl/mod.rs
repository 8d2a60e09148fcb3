//! `pooler repl` (and bare `pooler` on a terminal): explore Cognito interactively, with
//! model-aware completion, persistent history and a session that survives errors and Ctrl-C.

pub mod commands;
pub mod complete;
pub mod file_completion;
pub mod helper;
pub mod history;
pub mod indent;
pub mod keys;
pub mod pager;
pub mod print;
pub mod redact;
pub mod save;
pub mod scan;
pub mod session;

use std::io::{IsTerminal as _, Read as _};
use std::path::{Path, PathBuf};

use rustyline::error::ReadlineError;
use rustyline::history::FileHistory;
use rustyline::{CompletionType, Config, Editor};

use self::commands::{Context, Control};
use self::helper::ReplHelper;
use self::session::{Failure, Session};
use crate::cli::{ColorChoice, Global};
use crate::exit;
use crate::interrupt::Interrupt;
use crate::model::Model;
use crate::script::setup::{self, Mode};

/// The prompt, and the one that shows a dry run (nothing is sent).
pub const PROMPT: &str = "pooler> ";
pub const PROMPT_DRY: &str = "pooler[dry]> ";

/// The prompt for the current mode.
pub fn prompt(dry_run: bool) -> &'static str {
    if dry_run { PROMPT_DRY } else { PROMPT }
}

/// Runs the REPL on a terminal, or stdin as one script when stdin is not a terminal.
pub fn run(global: &Global, model: &'static Model, interrupt: &Interrupt) -> i32 {
    crate::secrets::echo::keep_sightings();
    let runner = match setup::runner(global, model, interrupt, Path::new("."), Mode::Run, &[]) {
        Ok(runner) => runner,
        Err(code) => return code,
    };
    if !std::io::stdin().is_terminal() {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("error: cannot read standard input: {e}");
            return exit::FAILURE;
        }
        return runner.run_text("<stdin>", &text).0;
    }
    let color = match global.color {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stdout().is_terminal()
        }
    };
    let mut editor = match editor(model, color) {
        Ok(editor) => editor,
        Err(e) => {
            eprintln!("error: cannot start the line editor: {e}");
            return exit::FAILURE;
        }
    };
    let history = history::path();
    if let Some(path) = history.as_deref().filter(|p| p.exists())
        && let Err(e) = editor.load_history(path)
    {
        eprintln!("warning: cannot read the history `{}`: {e}", path.display());
    }
    let mut session = Session::new(runner);
    refresh_names(&mut editor, &session);
    let mut ctx = Context {
        global: global.clone(),
        model,
        interrupt,
        color,
        pager: true,
    };
    println!("pooler repl: :help for commands, Tab to complete, Ctrl-D to quit");
    let mut count = 0usize;
    loop {
        if interrupt.is_set() && interrupt.exit_code() == exit::TERMINATED {
            return exit::TERMINATED;
        }
        interrupt.set_idle(true);
        let input = read_input(&mut editor, prompt(ctx.global.dry_run));
        interrupt.set_idle(false);
        let text = match input {
            Input::Text(text) => text,
            Input::Cleared => continue,
            Input::End => return exit::SUCCESS,
        };
        if text.trim().is_empty() {
            continue;
        }
        remember(&mut editor, history.as_deref(), &text);
        if interrupt.is_set() && interrupt.exit_code() == exit::TERMINATED {
            return exit::TERMINATED;
        }
        interrupt.reset();
        if text.trim_start().starts_with(':') {
            let history: Vec<String> = editor.history().iter().cloned().collect();
            if let Control::Quit(code) = commands::run(&text, &mut session, &mut ctx, &history) {
                return code;
            }
        } else {
            count += 1;
            match session.eval(&format!("<repl:{count}>"), &text) {
                Ok(value) => {
                    if let Some(shown) = print::show(
                        &value,
                        color,
                        &ctx.global.shape(),
                        session.runner.calls.model,
                        session.runner.calls.secrets,
                    ) {
                        let rows = editor.dimensions().map(|(_, rows)| usize::from(rows));
                        pager::show(&shown, ctx.pager, rows);
                    }
                }
                Err(Failure::Interrupted(exit::TERMINATED)) => return exit::TERMINATED,
                Err(Failure::Interrupted(_)) => eprintln!("interrupted"),
                Err(Failure::Exit(code)) => return code,
                Err(Failure::Error(_)) => {}
            }
        }
        if interrupt.exit_code() != exit::TERMINATED {
            interrupt.reset();
        }
        refresh_names(&mut editor, &session);
    }
}

fn editor(
    model: &'static Model,
    color: bool,
) -> rustyline::Result<Editor<ReplHelper, FileHistory>> {
    let config = Config::builder()
        .completion_type(CompletionType::List)
        .auto_add_history(false)
        .history_ignore_dups(true)?
        .max_history_size(10_000)?
        .build();
    let mut editor = Editor::with_config(config)?;
    let helper = ReplHelper::new(model, color);
    let closing = helper.closing.clone();
    editor.set_helper(Some(helper));
    indent::bind(&mut editor, &closing);
    Ok(editor)
}

fn refresh_names(editor: &mut Editor<ReplHelper, FileHistory>, session: &Session) {
    if let Some(helper) = editor.helper_mut() {
        *helper.names.borrow_mut() = session.names();
    }
}

/// Adds `text` to the history and appends it to the file, unless it holds a credential.
fn remember(editor: &mut Editor<ReplHelper, FileHistory>, file: Option<&Path>, text: &str) {
    if history::has_secret(text) {
        let dim = std::io::IsTerminal::is_terminal(&std::io::stderr())
            && std::env::var_os("NO_COLOR").is_none();
        let (on, off) = if dim {
            ("\x1b[2m", "\x1b[0m")
        } else {
            ("", "")
        };
        eprintln!("{on}(not kept in the history: it holds a secret value){off}");
        return;
    }
    let _ = editor.add_history_entry(text);
    if let Some(file) = file
        && let Err(e) = append(editor, file)
    {
        eprintln!(
            "warning: cannot write the history `{}`: {e}",
            file.display()
        );
    }
}

fn append(editor: &mut Editor<ReplHelper, FileHistory>, file: &Path) -> Result<(), String> {
    if let Some(dir) = file.parent() {
        std::fs::create_dir_all(dir).map_err(|e| e.to_string())?;
    }
    editor
        .append_history(&PathBuf::from(file))
        .map_err(|e| e.to_string())
}

enum Input {
    Text(String),
    /// Ctrl-C: the line (and any unfinished input) is dropped.
    Cleared,
    /// Ctrl-D on an empty line, or the terminal went away.
    End,
}

/// Reads one input: a single line, or a block of several lines kept in one buffer while
/// brackets or strings are left open (the helper's validator and `indent` decide).
fn read_input(editor: &mut Editor<ReplHelper, FileHistory>, prompt: &str) -> Input {
    match editor.readline(prompt) {
        Ok(text) => Input::Text(text),
        Err(ReadlineError::Interrupted) => Input::Cleared,
        Err(ReadlineError::Eof) => Input::End,
        Err(e) => {
            eprintln!("error: {e}");
            Input::End
        }
    }
}
