//! Runs a script file or an expression in a configured engine and turns the outcome into an
//! exit code, drawing any error with its code frame.

use std::io::IsTerminal as _;
use std::path::Path;
use std::rc::Rc;

use rhai::{Dynamic, Engine, Scope};

use super::diagnostics::{self, Class, Report};
use super::sources::Sources;
use crate::exit;

/// Names visible everywhere in a script, functions included (`cognito`, `args`).
pub type Ambient = Rc<Vec<(&'static str, Dynamic)>>;

/// An engine plus what is needed to report its errors.
pub struct Runner {
    pub engine: Engine,
    pub sources: Sources,
    pub color: bool,
    /// The call service's shared state for this run (plan tally, mode).
    pub calls: std::rc::Rc<crate::service::Context>,
}

/// Whether stderr gets ANSI colors.
pub fn use_color(choice: crate::cli::ColorChoice) -> bool {
    match choice {
        crate::cli::ColorChoice::Always => true,
        crate::cli::ColorChoice::Never => false,
        crate::cli::ColorChoice::Auto => {
            std::env::var_os("NO_COLOR").is_none() && std::io::stderr().is_terminal()
        }
    }
}

/// Makes `names` resolvable from anywhere, unless a script variable of the same name shadows it.
pub fn install_ambient(engine: &mut Engine, names: Ambient) {
    // Rhai marks `on_var` as volatile (its signature may change), not as going away.
    #[allow(deprecated)]
    engine.on_var(move |name, _, context| {
        if context.scope().contains(name) {
            return Ok(None);
        }
        Ok(names
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.clone()))
    });
}

/// The script text without a leading byte-order mark (editors on Windows add one).
pub fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

impl Runner {
    /// Prints a report to stderr and returns its exit code.
    pub fn report(&self, report: &Report) -> i32 {
        if !report.message.is_empty() || report.location.is_some() {
            eprint!(
                "{}",
                diagnostics::render(report, &self.sources, self.calls.secrets, self.color)
            );
        }
        report.exit_code()
    }

    /// Compiles `text`; an interrupt while compiling is an error (`host::tokens::compile`).
    fn compile(&self, text: &str) -> Result<rhai::AST, rhai::ParseError> {
        crate::host::tokens::compile(&self.engine, text, &self.calls.interrupt)
    }

    /// Compiles and runs the script at `file`.
    pub fn run_file(&self, file: &Path) -> i32 {
        let name = file.display().to_string();
        let text = match std::fs::read_to_string(file) {
            Ok(text) => without_bom(text),
            Err(e) => {
                eprintln!("error: cannot read `{name}`: {e}");
                return exit::FAILURE;
            }
        };
        self.run_text(&name, &text).0
    }

    /// Compiles only; reports a syntax error like `run` does.
    pub fn compile_file(&self, file: &Path) -> i32 {
        let name = file.display().to_string();
        match std::fs::read_to_string(file) {
            Ok(text) => {
                let text = without_bom(text);
                self.sources.insert(&name, &text);
                match self.compile(&text) {
                    Ok(_) => exit::SUCCESS,
                    Err(e) => self.report(&diagnostics::from_parse_error(&e, &name)),
                }
            }
            Err(e) => {
                eprintln!("error: cannot read `{name}`: {e}");
                exit::FAILURE
            }
        }
    }

    /// Compiles and runs `text` (shown as `name` in errors); returns the exit code and the value.
    pub fn run_text(&self, name: &str, text: &str) -> (i32, Option<Dynamic>) {
        self.sources.insert(name, text);
        let mut ast = match self.compile(text) {
            Ok(ast) => ast,
            Err(e) => return (self.report(&diagnostics::from_parse_error(&e, name)), None),
        };
        ast.set_source(name);
        let mut scope = Scope::new();
        let result = self.engine.eval_ast_with_scope::<Dynamic>(&mut scope, &ast);
        self.calls.tell_deferred_traps();
        match result {
            Ok(value) => (exit::SUCCESS, Some(value)),
            Err(err) => {
                let report = diagnostics::from_eval_error(&err, name, &self.calls);
                if matches!(report.class, Class::Exit(_)) && report.message.is_empty() {
                    return (report.exit_code(), None);
                }
                (self.report(&report), None)
            }
        }
    }
}
