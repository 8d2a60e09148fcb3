//! Copies of requests and responses with every `sensitive` value replaced, for logs,
//! transcripts, errors and REPL echo.

use serde_json::{Map, Value};

use super::shapes::{Kind, ShapeId};
use super::{MAX_DEPTH, Model, Operation};

/// What a sensitive value is replaced with.
pub const REDACTED: &str = "***redacted***";

impl Model {
    /// `v` (an input of `op`) with sensitive values replaced by `"***redacted***"`.
    pub fn redact_input(&self, op: &Operation, v: &Value) -> Value {
        match self.input_id(op) {
            Some(id) => self.redact(id, v, 0),
            None => v.clone(),
        }
    }

    /// `v` (an output of `op`) with sensitive values replaced by `"***redacted***"`.
    pub fn redact_output(&self, op: &Operation, v: &Value) -> Value {
        match self.output_id(op) {
            Some(id) => self.redact(id, v, 0),
            None => v.clone(),
        }
    }

    fn redact(&self, id: ShapeId, v: &Value, depth: usize) -> Value {
        let shape = self.shape(id);
        if v.is_null() {
            return Value::Null;
        }
        if shape.sensitive || depth > MAX_DEPTH {
            // Too deep to follow is treated as secret: never leak by giving up.
            return Value::String(REDACTED.to_string());
        }
        match (&shape.kind, v) {
            (Kind::Structure(_), Value::Object(map)) => {
                let mut out = Map::with_capacity(map.len());
                for (k, val) in map {
                    let red = match shape.member(k) {
                        Some(m) if m.sensitive && !val.is_null() => {
                            Value::String(REDACTED.to_string())
                        }
                        Some(m) => self.redact(m.shape, val, depth + 1),
                        None => val.clone(),
                    };
                    out.insert(k.clone(), red);
                }
                Value::Object(out)
            }
            (Kind::List(item), Value::Array(items)) => Value::Array(
                items
                    .iter()
                    .map(|x| self.redact(*item, x, depth + 1))
                    .collect(),
            ),
            (Kind::Map { value, .. }, Value::Object(map)) => Value::Object(
                map.iter()
                    .map(|(k, x)| (k.clone(), self.redact(*value, x, depth + 1)))
                    .collect(),
            ),
            _ => v.clone(),
        }
    }
}
