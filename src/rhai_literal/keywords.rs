//! Which words Rhai reserves, asked of Rhai's own parser: the one answer to "can this word be
//! written bare" (a variable, a map key, a property), and the keywords completion offers.

use std::cell::RefCell;
use std::collections::HashMap;

/// The keywords a script types most, which completion offers (all of them reserved).
pub const KEYWORDS_TO_OFFER: &[&str] = &[
    "let", "const", "fn", "if", "else", "for", "in", "while", "loop", "break", "continue",
    "return", "throw", "try", "catch", "import", "export", "as", "true", "false", "switch",
];

thread_local! {
    /// A raw engine (no packages) that only parses, and the answers it gave on this thread.
    static PARSER: (rhai::Engine, RefCell<HashMap<String, bool>>) =
        (rhai::Engine::new_raw(), RefCell::new(HashMap::new()));
}

/// Whether Rhai refuses `word` as a variable name, a map key or a property name: a keyword, a
/// reserved word or a keyword function (`print`, `type_of`). `word` must be an ASCII
/// identifier ([`super::is_identifier`]); anything else is reported reserved.
pub fn is_reserved(word: &str) -> bool {
    if !super::is_identifier(word) {
        return true;
    }
    PARSER.with(|(engine, answers)| {
        if let Some(&known) = answers.borrow().get(word) {
            return known;
        }
        let probe = format!("let {word} = (); let m = #{{ {word}: () }}; m.{word}");
        let reserved = engine.compile(probe).is_err();
        answers.borrow_mut().insert(word.to_string(), reserved);
        reserved
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rhai_keywords_and_reserved_words_are_reserved() {
        for word in [
            "fn",
            "let",
            "const",
            "this",
            "true",
            "if",
            "switch",
            "import",
            "export",
            "print",
            "debug",
            "type_of",
            "eval",
            "Fn",
            "call",
            "curry",
            "is_def_var",
            "is_shared",
            "var",
            "static",
            "with",
            "match",
            "case",
            "null",
            "nil",
            "void",
            "goto",
            "module",
        ] {
            assert!(is_reserved(word), "{word} should be reserved");
        }
    }

    #[test]
    fn ordinary_words_and_functions_rhai_1_27_frees_are_not_reserved() {
        // `exit` and `global` are ordinary names to Rhai 1.27's parser.
        for word in ["PoolName", "cognito", "exit", "global", "name", "_private"] {
            assert!(!is_reserved(word), "{word} should not be reserved");
        }
    }

    #[test]
    fn the_offered_keywords_are_reserved() {
        for word in KEYWORDS_TO_OFFER {
            assert!(is_reserved(word), "{word}");
        }
    }

    #[test]
    fn non_identifiers_are_reserved() {
        assert!(is_reserved("custom:team"));
        assert!(is_reserved("_"));
        assert!(is_reserved(""));
    }
}
