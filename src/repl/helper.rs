//! The rustyline helper: completion and hints from the session's names and the Cognito model,
//! with the earlier lines of an unfinished input taken into account.

use std::borrow::Cow;
use std::cell::RefCell;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::Validator;
use rustyline::{Context, Helper};

use super::complete::{self, Names};
use crate::model::Model;

/// Completer, hinter and highlighter for the REPL's editor.
pub struct ReplHelper {
    model: &'static Model,
    /// The session's functions and variables, refreshed after every input.
    pub names: RefCell<Names>,
    /// The lines of the input typed so far when a continuation line is being edited.
    pub pending: RefCell<String>,
    color: bool,
}

impl ReplHelper {
    pub fn new(model: &'static Model, color: bool) -> Self {
        Self {
            model,
            names: RefCell::new(Names::default()),
            pending: RefCell::new(String::new()),
            color,
        }
    }

    fn text(&self, line: &str, pos: usize) -> (String, usize) {
        let pending = self.pending.borrow();
        (format!("{pending}{}", &line[..pos]), pending.len())
    }
}

impl Completer for ReplHelper {
    type Candidate = Pair;

    fn complete(
        &self,
        line: &str,
        pos: usize,
        _ctx: &Context<'_>,
    ) -> rustyline::Result<(usize, Vec<Pair>)> {
        let (text, offset) = self.text(line, pos);
        let (start, choices) = complete::complete(&text, self.model, &self.names.borrow());
        if start < offset {
            return Ok((pos, Vec::new()));
        }
        let pairs = choices
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((start - offset, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() {
            return None;
        }
        let (text, _) = self.text(line, pos);
        complete::hint(&text, self.model)
    }
}

impl Highlighter for ReplHelper {
    fn highlight_hint<'h>(&self, hint: &'h str) -> Cow<'h, str> {
        if self.color {
            Cow::Owned(format!("\x1b[2m{hint}\x1b[0m"))
        } else {
            Cow::Borrowed(hint)
        }
    }
}

/// Multi-line input is gathered by the REPL loop (it shows a continuation prompt), so every
/// line the editor returns is accepted here.
impl Validator for ReplHelper {}

impl Helper for ReplHelper {}

#[cfg(test)]
mod tests {
    use super::*;
    use rustyline::history::DefaultHistory;

    fn helper() -> ReplHelper {
        ReplHelper::new(Model::embedded(), false)
    }

    #[test]
    fn completes_through_rustyline_with_offsets() {
        let h = helper();
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        let line = "let p = cognito.create_user_p";
        let (start, pairs) = h.complete(line, line.len(), &ctx).unwrap();
        assert_eq!(&line[start..], "create_user_p");
        assert!(pairs.iter().any(|p| p.replacement == "create_user_pool"));
    }

    #[test]
    fn earlier_lines_of_an_input_give_the_context() {
        let h = helper();
        *h.pending.borrow_mut() = "cognito.create_user_pool(#{\n".to_string();
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        let line = "    MfaConfiguration: \"OP";
        let (start, pairs) = h.complete(line, line.len(), &ctx).unwrap();
        assert_eq!(&line[start..], "OP");
        let found: Vec<&str> = pairs.iter().map(|p| p.replacement.as_str()).collect();
        assert_eq!(found, vec!["OPTIONAL"]);
        assert_eq!(
            h.hint(line, line.len(), &ctx),
            None,
            "no hint inside a string"
        );
        assert_eq!(
            h.hint("  ", 2, &ctx).as_deref(),
            Some("  // required: PoolName")
        );
    }
}
