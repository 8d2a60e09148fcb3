//! How the REPL shows the value of an input: maps, arrays and `json()` documents as pretty
//! JSON (colored on a terminal, sensitive members redacted, timestamps as ISO 8601), a `cognito` client as its settings
//! (region, endpoint, credential source; never a key), strings as they are, `()` not at all.

use std::fmt::Write as _;

use rhai::Dynamic;
use serde_json::Value;

use crate::host::cognito::Cognito;
use crate::host::convert::to_json_shown;
use crate::json_doc::JsonDoc;
use crate::model::Model;
use crate::output::{Format, Shape};
use crate::secrets::Secrets;

const KEY: &str = "\x1b[34m";
const STRING: &str = "\x1b[32m";
const NUMBER: &str = "\x1b[36m";
const LITERAL: &str = "\x1b[33m";
const RESET: &str = "\x1b[0m";

/// The text shown for `value`, or `None` for `()`, after `--query` and `--output`, with the
/// run's model (timestamps) and secret policy.
pub fn show(
    value: &Dynamic,
    color: bool,
    shape: &Shape,
    model: &Model,
    secrets: &Secrets,
) -> Option<String> {
    if value.is_unit() {
        return None;
    }
    let structured = value.is_map() || value.is_array() || value.is::<JsonDoc>();
    let shaped = *shape != Shape::default();
    if (structured || (shaped && !value.is::<Cognito>()))
        && let Ok(json) = to_json_shown(value)
    {
        let shown = model.iso_timestamps(&super::redact::redact(secrets, &json));
        if !shaped {
            return Some(pretty(&shown, color));
        }
        return Some(match shape.render(&shown) {
            Ok(text) if shape.format == Format::Json && shape.query.is_some() => {
                // The selection, colored like any JSON echo.
                serde_json::from_str(&text)
                    .map(|v: Value| pretty(&v, color))
                    .unwrap_or(text)
            }
            Ok(text) => text,
            Err(message) => format!("error: {message}"),
        });
    }
    if let Some(cognito) = value.read_lock::<Cognito>() {
        return Some(cognito.describe());
    }
    Some(super::redact::redact_text(secrets, &value.to_string()))
}

/// Pretty JSON, two-space indent, optionally with ANSI colors.
pub fn pretty(value: &Value, color: bool) -> String {
    if !color {
        return serde_json::to_string_pretty(value).unwrap_or_default();
    }
    let mut out = String::new();
    write_value(&mut out, value, 0);
    out
}

fn paint(out: &mut String, color: &str, text: &str) {
    let _ = write!(out, "{color}{text}{RESET}");
}

fn write_value(out: &mut String, value: &Value, depth: usize) {
    let pad = "  ".repeat(depth + 1);
    let close = "  ".repeat(depth);
    match value {
        Value::Object(map) if !map.is_empty() => {
            out.push_str("{\n");
            for (i, (k, v)) in map.iter().enumerate() {
                out.push_str(&pad);
                paint(out, KEY, &Value::String(k.clone()).to_string());
                out.push_str(": ");
                write_value(out, v, depth + 1);
                out.push_str(if i + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&close);
            out.push('}');
        }
        Value::Array(items) if !items.is_empty() => {
            out.push_str("[\n");
            for (i, v) in items.iter().enumerate() {
                out.push_str(&pad);
                write_value(out, v, depth + 1);
                out.push_str(if i + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&close);
            out.push(']');
        }
        Value::String(_) => paint(out, STRING, &value.to_string()),
        Value::Number(_) => paint(out, NUMBER, &value.to_string()),
        Value::Bool(_) | Value::Null => paint(out, LITERAL, &value.to_string()),
        _ => out.push_str(&value.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_print_as_pretty_json_and_unit_as_nothing() {
        let mut map = rhai::Map::new();
        map.insert("a".into(), Dynamic::from_int(1));
        assert_eq!(
            show(
                &Dynamic::from_map(map),
                false,
                &Shape::default(),
                Model::embedded(),
                Secrets::embedded()
            )
            .unwrap(),
            "{\n  \"a\": 1\n}"
        );
        assert_eq!(
            show(
                &Dynamic::UNIT,
                false,
                &Shape::default(),
                Model::embedded(),
                Secrets::embedded()
            ),
            None
        );
        assert_eq!(
            show(
                &Dynamic::from("hi"),
                false,
                &Shape::default(),
                Model::embedded(),
                Secrets::embedded()
            )
            .unwrap(),
            "hi"
        );
    }

    #[test]
    fn colored_output_is_the_same_json_with_escapes() {
        let v: Value = serde_json::json!({"a": [1, "x", true, null], "b": {}});
        let colored = pretty(&v, true);
        let stripped: String = {
            let mut s = String::new();
            let mut skip = false;
            for c in colored.chars() {
                match (skip, c) {
                    (_, '\x1b') => skip = true,
                    (true, 'm') => skip = false,
                    (true, _) => {}
                    (false, c) => s.push(c),
                }
            }
            s
        };
        assert!(colored.contains(KEY));
        assert_eq!(stripped, serde_json::to_string_pretty(&v).unwrap());
    }

    #[test]
    fn timestamps_show_as_iso_8601() {
        let mut pool = rhai::Map::new();
        pool.insert(
            "CreationDate".into(),
            Dynamic::from_float(1_796_129_881.949),
        );
        pool.insert("Name".into(), Dynamic::from("p"));
        let shown = show(
            &Dynamic::from_map(pool),
            false,
            &Shape::default(),
            Model::embedded(),
            Secrets::embedded(),
        )
        .unwrap();
        assert!(
            shown.contains("\"CreationDate\": \"2026-12-01T12:58:01.949Z\""),
            "{shown}"
        );
    }
}
