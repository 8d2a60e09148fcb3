//! Writing Rhai literals as source text, for every script pooler writes (`pooler port`,
//! `pooler export`): string literals, identifiers, map keys and JSON values.

pub mod keywords;

use serde_json::Value;

pub use keywords::is_reserved;

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

/// Whether `text` has an identifier's shape: ASCII letters, digits and `_`, not starting with
/// a digit, and not `_` alone. Whether Rhai reserves it is [`is_reserved`]'s question.
pub fn is_identifier(text: &str) -> bool {
    let mut chars = text.chars();
    chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        && text != "_"
}

/// Whether `text` can be written bare, as a variable, map key or property name.
pub fn is_bare_word(text: &str) -> bool {
    is_identifier(text) && !is_reserved(text)
}

/// A map key: bare when Rhai takes it bare, quoted otherwise.
pub fn key(text: &str) -> String {
    if is_bare_word(text) {
        text.to_string()
    } else {
        string(text)
    }
}

/// A JSON value as a Rhai literal, one member or item a line (members in the order they were
/// written), continuation lines indented by `indent` levels of four spaces.
pub fn json_value(v: &Value, indent: usize, out: &mut String) {
    let pad = "    ".repeat(indent + 1);
    let end_pad = "    ".repeat(indent);
    match v {
        Value::Null => out.push_str("()"),
        Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => {
            if n.is_i64() {
                out.push_str(&n.to_string());
            } else if let Some(f) = n.as_f64().filter(|_| n.is_f64()) {
                out.push_str(&format!("{f:?}"));
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
                json_value(item, indent + 1, out);
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
                json_value(item, indent + 1, out);
                out.push_str(",\n");
            }
            out.push_str(&end_pad);
            out.push('}');
        }
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

    #[test]
    fn json_values_one_member_a_line() {
        let v = serde_json::json!({"let": [1, 2.5], "A": {}, "b": null});
        let mut out = String::new();
        json_value(&v, 0, &mut out);
        assert_eq!(
            out,
            "#{\n    \"let\": [\n        1,\n        2.5,\n    ],\n    A: #{},\n    b: (),\n}"
        );
    }
}
