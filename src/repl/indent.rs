//! Block editing keys: Enter in an unfinished input (open bracket or string) adds a new line
//! to the same buffer, indented four spaces per open bracket; a closing bracket typed on a
//! line of only indentation steps back one level. The whole block is one history entry.

use rustyline::{
    Cmd, ConditionalEventHandler, Event, EventContext, EventHandler, KeyCode, KeyEvent, Modifiers,
    Movement, RepeatCount,
};

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

/// What typing `closer` at the end of `text` replaces the current line's start with, when the
/// line so far is only indentation: one level less, then the bracket.
pub fn on_closer(text: &str, closer: char) -> Option<String> {
    let line = &text[text.rfind('\n').map_or(0, |i| i + 1)..];
    if line.is_empty() || !line.chars().all(|c| c == ' ') || !text.contains('\n') {
        return None;
    }
    let keep = line.len().saturating_sub(STEP);
    Some(format!("{}{closer}", " ".repeat(keep)))
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

struct Closer(char);

impl ConditionalEventHandler for Closer {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if ctx.pos() != ctx.line().len() {
            return None;
        }
        on_closer(ctx.line(), self.0)
            .map(|text| Cmd::Replace(Movement::BeginningOfLine, Some(text)))
    }
}

/// Binds Enter and the closing brackets on `editor`.
pub fn bind<H: rustyline::Helper, I: rustyline::history::History>(
    editor: &mut rustyline::Editor<H, I>,
) {
    editor.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        EventHandler::Conditional(Box::new(Enter)),
    );
    for closer in ['}', ']', ')'] {
        editor.bind_sequence(
            KeyEvent(KeyCode::Char(closer), Modifiers::NONE),
            EventHandler::Conditional(Box::new(Closer(closer))),
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
    fn a_closer_on_an_indented_line_steps_back() {
        assert_eq!(
            on_closer("let m = #{\n    a: 1,\n    ", '}').as_deref(),
            Some("}")
        );
        assert_eq!(on_closer("f(#{\n        ", ']').as_deref(), Some("    ]"));
        assert_eq!(on_closer("let m = #{ a", '}'), None);
        assert_eq!(
            on_closer("    ", '}'),
            None,
            "a single line keeps its spaces"
        );
    }
}
