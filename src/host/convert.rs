//! Conversion between Rhai values and JSON: the one place where the two meet.

use rhai::{Array, Dynamic, Map as RhaiMap};
use serde_json::{Map, Number, Value};

use super::date::Date;
use crate::json_doc::JsonDoc;

/// Why a Rhai value could not become JSON, with the JSON path of the offending member.
#[derive(Debug, Clone, PartialEq)]
pub struct ConvertError {
    pub path: String,
    pub message: String,
}

impl std::fmt::Display for ConvertError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.path.is_empty() {
            write!(f, "{}", self.message)
        } else {
            write!(f, "at `{}`: {}", self.path, self.message)
        }
    }
}

/// Rhai value to JSON. Maps, arrays, strings, numbers, booleans, `()` (null) and `json()`
/// documents convert; anything else is an error that names where it was found.
pub fn to_json(value: &Dynamic) -> Result<Value, ConvertError> {
    convert(value, &mut String::new(), false)
}

/// The same for people to read (`print`, `eval`, the REPL): dates as ISO 8601 text, not
/// epoch seconds.
pub fn to_json_shown(value: &Dynamic) -> Result<Value, ConvertError> {
    convert(value, &mut String::new(), true)
}

fn convert(value: &Dynamic, path: &mut String, shown: bool) -> Result<Value, ConvertError> {
    if value.is_unit() {
        return Ok(Value::Null);
    }
    // No clone of `value` here or below: cloning a map copies everything under it, which made
    // a deep value quadratic to convert.
    if let Ok(b) = value.as_bool() {
        return Ok(Value::Bool(b));
    }
    if let Ok(n) = value.as_int() {
        return Ok(Value::Number(n.into()));
    }
    if let Ok(f) = value.as_float() {
        return Number::from_f64(f)
            .map(Value::Number)
            .ok_or_else(|| ConvertError {
                path: path.clone(),
                message: format!("{f} is not a number JSON can hold"),
            });
    }
    if value.is_string() {
        return Ok(Value::String(
            value.clone().into_string().unwrap_or_default(),
        ));
    }
    if let Ok(c) = value.as_char() {
        return Ok(Value::String(c.to_string()));
    }
    if value.is_array() {
        let Some(items) = value.read_lock::<Array>() else {
            return Ok(Value::Array(Vec::new()));
        };
        let mut out = Vec::with_capacity(items.len());
        for (n, item) in items.iter().enumerate() {
            let len = path.len();
            path.push_str(&format!("[{n}]"));
            out.push(convert(item, path, shown)?);
            path.truncate(len);
        }
        return Ok(Value::Array(out));
    }
    if value.is_map() {
        let Some(map) = value.read_lock::<RhaiMap>() else {
            return Ok(Value::Object(Map::new()));
        };
        let mut out = Map::new();
        for (key, item) in map.iter() {
            let len = path.len();
            if !path.is_empty() {
                path.push('.');
            }
            path.push_str(key);
            out.insert(key.to_string(), convert(item, path, shown)?);
            path.truncate(len);
        }
        return Ok(Value::Object(out));
    }
    if let Some(doc) = value.read_lock::<JsonDoc>() {
        return Ok(doc.root.clone());
    }
    if let Some(date) = value.read_lock::<Date>() {
        return Ok(if shown {
            Value::String(date.iso())
        } else {
            epoch_number(date.secs)
        });
    }
    Err(ConvertError {
        path: path.clone(),
        message: format!(
            "a value of type `{}` cannot be sent as JSON",
            value.type_name()
        ),
    })
}

/// Builds the script's value straight from a response body, as [`to_dynamic`] converts (the
/// call service decodes into it, so a response is never held as a `Value` too); with the
/// model's timestamp member names, each number under one of them is a `date`.
pub struct ScriptValue<'a> {
    timestamps: Option<&'a [&'a str]>,
}

impl<'a> ScriptValue<'a> {
    /// Numbers stay numbers.
    pub const PLAIN: ScriptValue<'static> = ScriptValue { timestamps: None };

    /// Each number under a member named in `timestamps` becomes a `date`.
    pub fn dated(timestamps: &'a [&'a str]) -> Self {
        ScriptValue {
            timestamps: Some(timestamps),
        }
    }
}

impl crate::aws::Build for ScriptValue<'_> {
    type Value = Dynamic;
    type Array = Array;
    type Map = RhaiMap;

    fn null(&self) -> Dynamic {
        Dynamic::UNIT
    }
    fn bool(&self, v: bool) -> Dynamic {
        Dynamic::from_bool(v)
    }
    fn int(&self, v: i64) -> Dynamic {
        Dynamic::from_int(v)
    }
    fn uint(&self, v: u64) -> Dynamic {
        Dynamic::from_float(v as f64)
    }
    fn float(&self, v: f64) -> Dynamic {
        Dynamic::from_float(v)
    }
    fn string(&self, v: String) -> Dynamic {
        Dynamic::from(v)
    }
    fn array(&self) -> Array {
        Array::new()
    }
    fn push(&self, array: &mut Array, item: Dynamic) {
        array.push(item);
    }
    fn end_array(&self, mut array: Array) -> Dynamic {
        array.shrink_to_fit();
        Dynamic::from_array(array)
    }
    fn map(&self) -> RhaiMap {
        RhaiMap::new()
    }
    fn insert(&self, map: &mut RhaiMap, key: String, value: Dynamic) -> usize {
        let value = match self.timestamps {
            Some(names) if names.binary_search(&key.as_str()).is_ok() => match value.as_float() {
                Ok(secs) => Dynamic::from(Date { secs }),
                Err(_) => match value.as_int() {
                    Ok(secs) => Dynamic::from(Date { secs: secs as f64 }),
                    Err(_) => value,
                },
            },
            _ => value,
        };
        map.insert(key.into(), value);
        map.len()
    }
    fn end_map(&self, map: RhaiMap) -> Dynamic {
        Dynamic::from_map(map)
    }
}

impl crate::service::Pages for ScriptValue<'_> {
    fn split(&self, page: Dynamic, items: &str, token: &str) -> (Vec<Dynamic>, Option<String>) {
        let Some(mut page) = page.try_cast::<RhaiMap>() else {
            return (Vec::new(), None);
        };
        let list = page
            .remove(items)
            .and_then(|list| list.try_cast::<Array>())
            .unwrap_or_default();
        let next = page
            .remove(token)
            .and_then(|next| next.into_string().ok())
            .filter(|next| !next.is_empty());
        (list, next)
    }
}

/// JSON to a Rhai value: objects become maps, `null` becomes `()`, integers stay integers.
pub fn to_dynamic(value: &Value) -> Dynamic {
    match value {
        Value::Null => Dynamic::UNIT,
        Value::Bool(b) => Dynamic::from_bool(*b),
        Value::Number(n) => match n.as_i64() {
            Some(i) => Dynamic::from_int(i),
            None => Dynamic::from_float(n.as_f64().unwrap_or(f64::NAN)),
        },
        Value::String(s) => Dynamic::from(s.clone()),
        Value::Array(items) => Dynamic::from_array(items.iter().map(to_dynamic).collect()),
        Value::Object(map) => {
            let mut out = RhaiMap::new();
            for (k, v) in map {
                out.insert(k.as_str().into(), to_dynamic(v));
            }
            Dynamic::from_map(out)
        }
    }
}

/// Epoch seconds as the service writes them: whole seconds as an integer.
fn epoch_number(secs: f64) -> Value {
    if secs.fract() == 0.0 && secs.abs() < 9.0e15 {
        Value::Number((secs as i64).into())
    } else {
        Number::from_f64(secs).map_or(Value::Null, Value::Number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ResponseLimits;
    use crate::aws::limited_json::{build, from_slice};

    #[test]
    fn a_body_built_as_the_script_value_is_what_to_dynamic_makes_of_it() {
        let body = br#"{"n":[1,-2,9223372036854775807,18446744073709551615,2.5,1e3],
            "s":"x\u001b","t":true,"z":null,"m":{"b":1,"a":{"c":[]}},"m":{"b":2}}"#;
        let built = build(body, ResponseLimits::DEFAULT, &ScriptValue::PLAIN).unwrap();
        let converted = to_dynamic(&from_slice(body, ResponseLimits::DEFAULT).unwrap());
        assert_eq!(format!("{built:?}"), format!("{converted:?}"));
        let back = to_json(&built).unwrap();
        assert_eq!(back["n"][3], serde_json::json!(18446744073709551615.0));
        assert_eq!(
            back["m"],
            serde_json::json!({"b": 2}),
            "the last repeat wins"
        );
    }
}
