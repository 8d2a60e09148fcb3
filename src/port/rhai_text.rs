//! Writing Rhai source text: string literals, map keys, variable names and JSON values as
//! Rhai literals (members in the order they were written).

use std::fmt::Write as _;

use serde_json::Value;

const KEYWORDS: &[&str] = &[
    "let",
    "const",
    "fn",
    "if",
    "else",
    "switch",
    "do",
    "while",
    "until",
    "loop",
    "for",
    "in",
    "break",
    "continue",
    "return",
    "throw",
    "try",
    "catch",
    "import",
    "export",
    "as",
    "private",
    "global",
    "this",
    "true",
    "false",
    "is_def_var",
    "is_def_fn",
    "is_shared",
    "type_of",
    "print",
    "debug",
    "eval",
    "call",
    "curry",
    "Fn",
    "var",
    "static",
    "new",
    "use",
    "with",
    "module",
    "package",
    "super",
    "thread",
    "spawn",
    "go",
    "await",
    "async",
    "sync",
    "yield",
    "default",
    "void",
    "null",
    "nil",
    "public",
    "protected",
    "match",
    "case",
    "public",
    "cognito",
    "args",
    "json",
    "resp",
    "item_i",
    "item_j",
    "item_k",
];

/// `text` as a Rhai string literal.
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
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn is_ident(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
}

/// A map key: bare when it is an identifier, quoted otherwise.
pub fn key(text: &str) -> String {
    if is_ident(text) && !KEYWORDS.contains(&text) {
        text.to_string()
    } else {
        string(text)
    }
}

/// A property access on `base`: `base?.Name` or `base?["custom:x"]`.
pub fn member(base: &str, name: &str) -> String {
    if is_ident(name) && !KEYWORDS.contains(&name) {
        format!("{base}?.{name}")
    } else {
        format!("{base}?[{}]", string(name))
    }
}

/// A usable variable name for `name` from the legacy program.
pub fn var(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '_'
            }
        })
        .collect();
    if is_ident(&cleaned) && !KEYWORDS.contains(&cleaned.as_str()) {
        cleaned
    } else {
        format!("v_{cleaned}")
    }
}

/// A JSON value as a Rhai literal, indented by `indent` levels of four spaces.
pub fn value(v: &Value, indent: usize, out: &mut String) {
    let pad = "    ".repeat(indent + 1);
    let end_pad = "    ".repeat(indent);
    match v {
        Value::Null => out.push_str("()"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if n.is_i64() {
                out.push_str(&n.to_string());
            } else if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                let text = format!("{f:?}");
                out.push_str(&text);
            } else {
                // Too large for Rhai's integers: the text, which the service also accepts.
                out.push_str(&string(&n.to_string()));
            }
        }
        Value::String(s) => out.push_str(&string(s)),
        Value::Array(items) if items.is_empty() => out.push_str("[]"),
        Value::Array(items) => {
            out.push_str("[\n");
            for item in items {
                out.push_str(&pad);
                value(item, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&end_pad);
            out.push(']');
        }
        Value::Object(map) if map.is_empty() => out.push_str("#{}"),
        Value::Object(map) => {
            out.push_str("#{\n");
            for (k, item) in map {
                out.push_str(&pad);
                out.push_str(&key(k));
                out.push_str(": ");
                value(item, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&end_pad);
            out.push('}');
        }
    }
}
