//! Block editing keys: Enter in an unfinished input (open bracket or string) adds a new line
//! to the same buffer, indented four spaces per open bracket (Backspace takes a level back).
//! The whole block is one history entry.

use rustyline::{
    Cmd, ConditionalEventHandler, Event, EventContext, EventHandler, KeyCode, KeyEvent, Modifiers,
    RepeatCount,
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

struct Enter;

impl ConditionalEventHandler for Enter {
    fn handle(&self, _: &Event, _: RepeatCount, _: bool, ctx: &EventContext) -> Option<Cmd> {
        if ctx.pos() != ctx.line().len() {
            return None;
        }
        on_enter(ctx.line()).map(|text| Cmd::Insert(1, text))
    }
}

/// Binds Enter on `editor`.
pub fn bind<H: rustyline::Helper, I: rustyline::history::History>(
    editor: &mut rustyline::Editor<H, I>,
) {
    editor.bind_sequence(
        KeyEvent(KeyCode::Enter, Modifiers::NONE),
        EventHandler::Conditional(Box::new(Enter)),
    );
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
}
