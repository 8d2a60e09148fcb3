//! Writing Rhai source text: string literals and map keys, shared by `pooler port` and
//! `pooler export` (which both write scripts). Text only: no Rhai engine here.

/// Words a bare map key or variable name must not be: Rhai's keywords, reserved words and
/// the built-in functions that parse like keywords.
pub const KEYWORDS: &[&str] = &[
    "as",
    "break",
    "call",
    "catch",
    "const",
    "continue",
    "curry",
    "do",
    "else",
    "eval",
    "export",
    "false",
    "fn",
    "for",
    "global",
    "if",
    "import",
    "in",
    "is_def_fn",
    "is_def_var",
    "is_shared",
    "let",
    "loop",
    "print",
    "private",
    "return",
    "switch",
    "this",
    "throw",
    "true",
    "try",
    "type_of",
    "until",
    "while",
    "debug",
    "Fn",
    "static",
    "var",
    "shared",
    "sync",
    "async",
    "await",
    "yield",
    "with",
    "go",
    "spawn",
    "thread",
    "package",
    "super",
    "match",
    "case",
    "public",
    "protected",
    "new",
    "use",
    "module",
    "exit",
    "default",
    "void",
    "null",
    "nil",
];

/// `text` as a double-quoted Rhai string literal.
pub fn string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whether `text` can be written bare: an ASCII identifier other than `_`.
pub fn is_ident(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
}

/// A map key: bare when it is an identifier that is not a keyword, quoted otherwise.
pub fn key(text: &str) -> String {
    if is_ident(text) && !KEYWORDS.contains(&text) {
        text.to_string()
    } else {
        string(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_and_keys() {
        assert_eq!(string("a\"b\\c\n"), r#""a\"b\\c\n""#);
        assert_eq!(string("\u{1}"), r#""\u0001""#);
        assert_eq!(key("PoolName"), "PoolName");
        assert_eq!(key("custom:team"), r#""custom:team""#);
        assert_eq!(key("fn"), r#""fn""#);
        assert_eq!(key("_"), r#""_""#);
    }
}
