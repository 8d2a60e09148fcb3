//! Writing Rhai source text: string literals, map keys, variable names and JSON values as
//! Rhai literals (members in the order they were written).

use serde_json::Value;

/// Names the ported script uses itself, so a program's variable must not take them.
const OWN_NAMES: &[&str] = &[
    "cognito", "args", "json", "resp", "item_i", "item_j", "item_k",
];

use crate::rhai_text::is_ident;
pub use crate::rhai_text::{key, string};

/// Whether `name` is reserved: a Rhai keyword or a name the ported script itself uses.
fn reserved(name: &str) -> bool {
    crate::rhai_text::KEYWORDS.contains(&name) || OWN_NAMES.contains(&name)
}

/// A property access on `base`: `base?.Name` or `base?["custom:x"]`.
pub fn member(base: &str, name: &str) -> String {
    if is_ident(name) && !reserved(name) {
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
    if is_ident(&cleaned) && !reserved(&cleaned) {
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
