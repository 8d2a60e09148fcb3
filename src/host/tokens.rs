//! The one token mapper Rhai allows per engine: the keyword adjustments the `cognito` API needs,
//! and an interrupt check that ends a long compilation (Rhai's parser has no other hook), with
//! the one way to compile that reports an interrupt during Rhai's optimizer pass the same way.

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
            return Token::LexError(Box::new(stop(&interrupt)));
        }
        let (next, token) = adjust(token, seen.get());
        seen.set(next);
        token
    });
}

/// The error a compilation stopped by `interrupt` ends with (see [`interrupted`]).
fn stop(interrupt: &Interrupt) -> LexError {
    LexError::Runtime(format!("{INTERRUPTED}{}", interrupt.exit_code()))
}

/// Compiles `text` with `engine`, whose mapper [`install`] set up with `interrupt`. Ctrl-C or
/// SIGTERM during the parse stops it at the next token; during Rhai's optimizer pass, which
/// follows the parse, the engine's progress callback stops the pass (vendor/rhai/PATCHES.md)
/// and the compilation ends with the same error as in the parse, never with a half-optimized
/// script to run.
pub fn compile(
    engine: &rhai::Engine,
    text: &str,
    interrupt: &Interrupt,
) -> Result<rhai::AST, rhai::ParseError> {
    let ast = engine.compile(text)?;
    if interrupt.is_set() {
        return Err(stop(interrupt).into_err(rhai::Position::NONE));
    }
    Ok(ast)
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
