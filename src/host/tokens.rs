//! The one token mapper Rhai allows per engine: the keyword adjustments the `cognito` API needs,
//! and an interrupt check that ends a long compilation (Rhai's parser has no other hook).

use rhai::{LexError, Token};

use crate::interrupt::Interrupt;

/// What the token stream carries once the run is interrupted (then the exit code); the parser
/// stops at it.
const INTERRUPTED: &str = "pooler: interrupted while compiling, exit ";

/// Installs the mapper on `engine`: every token is checked against `interrupt` (one atomic
/// load), so Ctrl-C and SIGTERM end the parse of the largest script at the next token.
pub fn install(engine: &mut rhai::Engine, interrupt: &Interrupt) {
    let interrupt = interrupt.clone();
    // How far `cognito` `.` has been seen just before the current token.
    let seen = std::cell::Cell::new(0u8);
    // Rhai marks `on_parse_token` as volatile (its signature may change), not as going away.
    #[allow(deprecated)]
    engine.on_parse_token(move |token, _, _| {
        if interrupt.is_set() {
            let stop = format!("{INTERRUPTED}{}", interrupt.exit_code());
            return Token::LexError(Box::new(LexError::Runtime(stop)));
        }
        let (next, token) = adjust(token, seen.get());
        seen.set(next);
        token
    });
}

/// Two Rhai keywords stand in the way of DESIGN's names, so the token stream is adjusted:
/// `with` is reserved, so it is let through as a plain name (`cognito.with(…)`), and
/// `x.call(…)` means "call the function pointer given as the first argument", so
/// `cognito.call(…)` is turned into `cognito.invoke(…)`, the same method under a free name.
/// `step` is how far `cognito` `.` has been seen; returns the next step and the token.
fn adjust(token: Token, step: u8) -> (u8, Token) {
    match token {
        Token::Reserved(word) if word.as_str() == "with" => (0, Token::Identifier(word)),
        Token::Identifier(word) | Token::Reserved(word) if word.as_str() == "call" && step == 2 => {
            (0, Token::Identifier(Box::new("invoke".into())))
        }
        Token::Identifier(word) if word.as_str() == "cognito" => (1, Token::Identifier(word)),
        Token::Period if step == 1 => (2, Token::Period),
        other => (0, other),
    }
}

/// The exit code (130 or 143) when a compile error is the stop [`install`]'s mapper made for
/// an interrupt.
pub fn interrupted(error: &rhai::ParseErrorType) -> Option<i32> {
    match error {
        rhai::ParseErrorType::BadInput(LexError::Runtime(m)) => {
            m.strip_prefix(INTERRUPTED)?.parse().ok()
        }
        _ => None,
    }
}
