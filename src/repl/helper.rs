//! The rustyline helper: completion and hints from the session's names and the Cognito model,
//! with the earlier lines of an unfinished input taken into account.

use std::borrow::Cow;
use std::cell::RefCell;

use rustyline::completion::{Completer, Pair};
use rustyline::highlight::Highlighter;
use rustyline::hint::Hinter;
use rustyline::validate::{ValidationContext, ValidationResult, Validator};
use rustyline::{Context, Helper};

use super::complete::{self, Names};
use super::indent;
use crate::model::Model;

/// Completer, hinter and highlighter for the REPL's editor.
pub struct ReplHelper {
    model: &'static Model,
    /// The session's functions and variables, refreshed after every input.
    pub names: RefCell<Names>,
    color: bool,
    /// A closing bracket to write dedented (see [`indent::Closing`]).
    pub closing: indent::Closing,
}

impl ReplHelper {
    pub fn new(model: &'static Model, color: bool) -> Self {
        Self {
            model,
            names: RefCell::new(Names::default()),
            color,
            closing: indent::Closing::default(),
        }
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
        if let Some(c) = self.closing.take()
            && let Some((start, line)) = indent::dedent(&line[..pos], c)
        {
            let pair = Pair {
                display: line.clone(),
                replacement: line,
            };
            return Ok((start, vec![pair]));
        }
        let (start, choices) = complete::complete(&line[..pos], self.model, &self.names.borrow());
        let pairs = choices
            .into_iter()
            .map(|c| Pair {
                display: c.display,
                replacement: c.replacement,
            })
            .collect();
        Ok((start, pairs))
    }
}

impl Hinter for ReplHelper {
    type Hint = String;

    fn hint(&self, line: &str, pos: usize, _ctx: &Context<'_>) -> Option<String> {
        if pos < line.len() {
            return None;
        }
        complete::hint(&line[..pos], self.model)
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

/// An unfinished input (open bracket, string or comment) stays in the editor as one buffer:
/// Enter adds a line to it (see `indent`), and the whole block is accepted once complete.
impl Validator for ReplHelper {
    fn validate(&self, ctx: &mut ValidationContext<'_>) -> rustyline::Result<ValidationResult> {
        let input = ctx.input();
        if input.trim_start().starts_with(':') || !super::scan::scan(input).is_incomplete() {
            Ok(ValidationResult::Valid(None))
        } else {
            Ok(ValidationResult::Incomplete)
        }
    }
}

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
        let history = DefaultHistory::new();
        let ctx = Context::new(&history);
        let line = "cognito.create_user_pool(#{\n    MfaConfiguration: \"OP";
        let (start, pairs) = h.complete(line, line.len(), &ctx).unwrap();
        assert_eq!(&line[start..], "OP");
        let found: Vec<&str> = pairs.iter().map(|p| p.replacement.as_str()).collect();
        assert_eq!(found, vec!["OPTIONAL"]);
        assert_eq!(
            h.hint(line, line.len(), &ctx),
            None,
            "no hint inside a string"
        );
        let open = "cognito.create_user_pool(#{\n  ";
        assert_eq!(
            h.hint(open, open.len(), &ctx).as_deref(),
            Some("  // required: PoolName")
        );
    }
}
