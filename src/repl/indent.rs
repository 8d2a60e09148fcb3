//! Block editing keys: Enter in an unfinished input (open bracket or string) adds a new line
//! to the same buffer, indented four spaces per open bracket (Backspace takes a level back);
//! a closing bracket typed first on such a line takes it back one level. The whole block is one
//! history entry.

use rustyline::{
    Cmd, ConditionalEventHandler, Event, EventContext, EventHandler, KeyCode, KeyEvent, Modifiers,
    RepeatCount,
};

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};

use super::scan;

/// Spaces per open bracket.
pub const STEP: usize = 4;

/// What Enter inserts at the end of `text`: `None` when the input is complete (run it), else a
/// newline and the indentation for the next line.
pub fn on_enter(text: &str) -> Option<String> {
    if text.trim_start().starts_with(':') {
        return None;
    }
    let state = scan::scan(text);
    if !state.is_incomplete() {
        return None;
    }
    if state.string.is_some() || state.comment {
        return Some("\n".to_string());
    }
    Some(format!("\n{}", " ".repeat(STEP * state.stack.len())))
}

/// How a closing bracket `c` typed after `before` (the input up to the cursor) is written when
/// it is the first thing on a continuation line, outside strings and comments: the byte where
/// that line starts and the line, one level less indented, with `c`.
pub fn dedent(before: &str, c: char) -> Option<(usize, String)> {
    let (head, line) = before.rsplit_once('\n')?;
    if line.len() < STEP || line.bytes().any(|b| b != b' ') {
        return None;
    }
    let state = scan::scan(head);
    if state.string.is_some() || state.comment {
        return None;
    }
    Some((
        before.len() - line.len(),
        format!("{}{c}", " ".repeat(line.len() - STEP)),
    ))
}

/// A closing bracket waiting to be written by the completer. rustyline has no command that
/// deletes and then leaves the cursor after inserted text, but a completion does both: the key
/// handler notes the bracket and asks for a completion, and the helper's completer returns the
/// dedented line ([`dedent`]) as the one candidate.
#[derive(Clone, Default)]
pub struct Closing(Arc<AtomicU32>);

impl Closing {
    /// The bracket noted since the last call, if any.
    pub fn take(&self) -> Option<char> {
        char::from_u32(self.0.swap(0, Ordering::SeqCst)).filter(|c| *c != '\0')
    }
}

/// A closing bracket: dedents through the completer, else inserts itself as usual.
struct Close(char, Closing);

impl ConditionalEventHandler for Close {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        dedent(&ctx.line()[..ctx.pos()], self.0)?;
        self.1.0.store(self.0 as u32, Ordering::SeqCst);
        Some(Cmd::Complete)
    }
}

struct Enter;

impl ConditionalEventHandler for Enter {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if ctx.pos() != ctx.line().len() {
            return None;
        }
        on_enter(ctx.line()).map(|text| Cmd::Insert(1, text))
    }
}

/// Binds Enter and the closing brackets on `editor`; `closing` is shared with its completer.
pub fn bind<H: rustyline::Helper, I: rustyline::history::History>(
    editor: &mut rustyline::Editor<H, I>,
    closing: &Closing,
) {
    editor.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        EventHandler::Conditional(Box::new(Enter)),
    );
    for c in ['}', ']', ')'] {
        editor.bind_sequence(
            KeyEvent(KeyCode::Char(c), Modifiers::NONE),
            EventHandler::Conditional(Box::new(Close(c, closing.clone()))),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn enter_indents_by_open_brackets_and_runs_complete_input() {
        assert_eq!(on_enter("let m = #{").as_deref(), Some("\n    "));
        assert_eq!(
            on_enter("cognito.create_user_pool(#{\n    Policies: #{").as_deref(),
            Some("\n            ")
        );
        assert_eq!(on_enter("let s = `a").as_deref(), Some("\n"));
        assert_eq!(on_enter("let a = 1;"), None);
        assert_eq!(on_enter(":describe CreateUserPool"), None);
    }

    #[test]
    fn a_closing_bracket_first_on_a_continuation_line_dedents() {
        assert_eq!(dedent("fn f() {\n    1\n    ", '}'), Some((15, "}".into())));
        assert_eq!(
            dedent("let m = #{\n    a: [\n        ", ']'),
            Some((20, "    ]".into()))
        );
        assert_eq!(dedent("let m = #{\n    a: 1", '}'), None);
        assert_eq!(dedent("let m = #{", '}'), None);
        assert_eq!(dedent("let m = #{\n  ", '}'), None);
        assert_eq!(dedent("let s = `a\n    ", ')'), None);
    }
}
