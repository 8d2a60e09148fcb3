//! Response bodies decoded under the scripts' size limits: an array longer than the array
//! limit, a map with more members than the map limit or a string longer than the string limit
//! stops decoding at once (so a 30 MB body of 15,000,000 zeros is refused after the first
//! million, not held whole), with an error naming the limit. What the body is decoded into is
//! the caller's choice ([`Build`]).

use std::cell::Cell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Value};

/// The limits a response is held to; 0 means none. The defaults are the scripts' defaults.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ResponseLimits {
    /// Most elements in one array (`--max-array-size`).
    pub array: usize,
    /// Most members in one map (`--max-map-size`).
    pub map: usize,
    /// Longest string, in bytes (`--max-string-size`).
    pub string: usize,
}

impl ResponseLimits {
    /// The scripts' default limits, which the command line's `--max-*-size` defaults name too.
    pub const DEFAULT: ResponseLimits = ResponseLimits {
        array: 1_000_000,
        map: 100_000,
        string: 16 * 1024 * 1024,
    };
}

impl Default for ResponseLimits {
    fn default() -> Self {
        Self::DEFAULT
    }
}

/// Which limit a body went over.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Over {
    Array(usize),
    Map(usize),
    String(usize),
}

impl fmt::Display for Over {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Over::Array(n) => write!(
                f,
                "the response holds an array of more than {n} elements (the --max-array-size limit)"
            ),
            Over::Map(n) => write!(
                f,
                "the response holds a map of more than {n} members (the --max-map-size limit)"
            ),
            Over::String(n) => write!(
                f,
                "the response holds a string longer than {n} bytes (the --max-string-size limit)"
            ),
        }
    }
}

/// Why a body was not decoded.
#[derive(Debug)]
pub enum DecodeError {
    Over(Over),
    Json(serde_json::Error),
}

/// What a body is decoded into, one value at a time: serde_json's [`Value`] ([`Json`]), or the
/// script's own value (the host implements it, so nothing below the host knows Rhai). Arrays
/// and maps are filled as they are read, so no other copy of the body is made on the way.
pub trait Build {
    /// Whether the body is read at all: [`Unread`] says no, and its answer is never decoded
    /// again after the check on arrival.
    const READS: bool = true;
    /// Whether pooler itself reads the answer and relies on its shape (the service's own
    /// readers: ensure, plan, export, import); such an answer is first read against the
    /// operation's output shape. A script's value is built from whatever the service said.
    const RELIES_ON_SHAPE: bool = false;
    type Value;
    /// An array being filled.
    type Array;
    /// A map being filled.
    type Map;
    fn null(&self) -> Self::Value;
    fn bool(&self, v: bool) -> Self::Value;
    fn int(&self, v: i64) -> Self::Value;
    /// A whole number above `i64::MAX`.
    fn uint(&self, v: u64) -> Self::Value;
    fn float(&self, v: f64) -> Self::Value;
    fn string(&self, v: String) -> Self::Value;
    fn array(&self) -> Self::Array;
    fn push(&self, array: &mut Self::Array, item: Self::Value);
    fn end_array(&self, array: Self::Array) -> Self::Value;
    fn map(&self) -> Self::Map;
    /// Inserts (a repeated key replaces the earlier value); returns the map's length.
    fn insert(&self, map: &mut Self::Map, key: String, value: Self::Value) -> usize;
    fn end_map(&self, map: Self::Map) -> Self::Value;
}

/// Reads nothing: for callers that need to know only that a call succeeded (a bulk item),
/// whose answer was already checked when it arrived.
pub struct Unread;

impl Build for Unread {
    const READS: bool = false;
    type Value = ();
    type Array = ();
    type Map = ();

    fn null(&self) {}
    fn bool(&self, _: bool) {}
    fn int(&self, _: i64) {}
    fn uint(&self, _: u64) {}
    fn float(&self, _: f64) {}
    fn string(&self, _: String) {}
    fn array(&self) {}
    fn push(&self, _: &mut (), _: ()) {}
    fn end_array(&self, _: ()) {}
    fn map(&self) {}
    fn insert(&self, _: &mut (), _: String, _: ()) -> usize {
        0
    }
    fn end_map(&self, _: ()) {}
}

/// Builds serde_json's [`Value`], member order kept.
pub struct Json;

impl Build for Json {
    const RELIES_ON_SHAPE: bool = true;
    type Value = Value;
    type Array = Vec<Value>;
    type Map = Map<String, Value>;

    fn null(&self) -> Value {
        Value::Null
    }
    fn bool(&self, v: bool) -> Value {
        Value::Bool(v)
    }
    fn int(&self, v: i64) -> Value {
        Value::from(v)
    }
    fn uint(&self, v: u64) -> Value {
        Value::from(v)
    }
    fn float(&self, v: f64) -> Value {
        serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number)
    }
    fn string(&self, v: String) -> Value {
        Value::String(v)
    }
    fn array(&self) -> Vec<Value> {
        Vec::new()
    }
    fn push(&self, array: &mut Vec<Value>, item: Value) {
        array.push(item);
    }
    fn end_array(&self, array: Vec<Value>) -> Value {
        Value::Array(array)
    }
    fn map(&self) -> Map<String, Value> {
        Map::new()
    }
    fn insert(&self, map: &mut Map<String, Value>, key: String, value: Value) -> usize {
        map.insert(key, value);
        map.len()
    }
    fn end_map(&self, map: Map<String, Value>) -> Value {
        Value::Object(map)
    }
}

/// Decodes `body` as JSON under `limits`.
pub fn from_slice(body: &[u8], limits: ResponseLimits) -> Result<Value, DecodeError> {
    build(body, limits, &Json)
}

/// Decodes `body` as JSON under `limits` into what `builder` builds.
pub fn build<B: Build>(
    body: &[u8],
    limits: ResponseLimits,
    builder: &B,
) -> Result<B::Value, DecodeError> {
    let hit = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = Limited {
        limits: &limits,
        hit: &hit,
        builder,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    match (value, hit.get()) {
        (_, Some(over)) => Err(DecodeError::Over(over)),
        (Ok(v), None) => Ok(v),
        (Err(e), None) => Err(DecodeError::Json(e)),
    }
}

struct Limited<'a, B> {
    limits: &'a ResponseLimits,
    hit: &'a Cell<Option<Over>>,
    builder: &'a B,
}

impl<B> Clone for Limited<'_, B> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B> Copy for Limited<'_, B> {}

impl<B> Limited<'_, B> {
    fn over<E: de::Error>(&self, over: Over) -> E {
        self.hit.set(Some(over));
        E::custom(over)
    }

    fn string<E: de::Error>(&self, s: &str) -> Result<(), E> {
        match self.limits.string {
            max if max > 0 && s.len() > max => Err(self.over(Over::String(max))),
            _ => Ok(()),
        }
    }
}

impl<'de, B: Build> DeserializeSeed<'de> for Limited<'_, B> {
    type Value = B::Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<B::Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, B: Build> Visitor<'de> for Limited<'_, B> {
    type Value = B::Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<B::Value, E> {
        Ok(self.builder.bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<B::Value, E> {
        Ok(self.builder.int(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<B::Value, E> {
        Ok(match i64::try_from(v) {
            Ok(v) => self.builder.int(v),
            Err(_) => self.builder.uint(v),
        })
    }

    fn visit_f64<E>(self, v: f64) -> Result<B::Value, E> {
        Ok(self.builder.float(v))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<B::Value, E> {
        self.string(v)?;
        Ok(self.builder.string(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<B::Value, E> {
        self.string(&v)?;
        Ok(self.builder.string(v))
    }

    fn visit_unit<E>(self) -> Result<B::Value, E> {
        Ok(self.builder.null())
    }

    fn visit_none<E>(self) -> Result<B::Value, E> {
        Ok(self.builder.null())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<B::Value, A::Error> {
        let mut items = self.builder.array();
        let mut len = 0usize;
        while let Some(item) = seq.next_element_seed(self)? {
            if self.limits.array > 0 && len >= self.limits.array {
                return Err(self.over(Over::Array(self.limits.array)));
            }
            self.builder.push(&mut items, item);
            len += 1;
        }
        Ok(self.builder.end_array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<B::Value, A::Error> {
        let mut map = self.builder.map();
        while let Some(key) = access.next_key::<String>()? {
            self.string(&key)?;
            let value = access.next_value_seed(self)?;
            let len = self.builder.insert(&mut map, key, value);
            if self.limits.map > 0 && len > self.limits.map {
                return Err(self.over(Over::Map(self.limits.map)));
            }
        }
        Ok(self.builder.end_map(map))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SMALL: ResponseLimits = ResponseLimits {
        array: 3,
        map: 2,
        string: 4,
    };

    #[test]
    fn values_within_the_limits_decode_as_serde_json_does() {
        let text = r#"{"b":[1,-2,3.5],"a":{"x":null,"y":true}}"#;
        let v = from_slice(text.as_bytes(), SMALL).expect("within the limits");
        assert_eq!(v, serde_json::from_str::<Value>(text).unwrap());
        assert_eq!(v.to_string(), text, "member order kept");
    }

    #[test]
    fn each_limit_stops_decoding() {
        assert!(from_slice(br#"["abcd"]"#, SMALL).is_ok());
        for (text, over) in [
            ("[1,2,3,4]", Over::Array(3)),
            (r#"{"a":1,"b":2,"c":3}"#, Over::Map(2)),
            (r#"["abcde"]"#, Over::String(4)),
            (r#"{"abcde":1}"#, Over::String(4)),
            ("[[1],[[1,2,3,4]]]", Over::Array(3)),
        ] {
            match from_slice(text.as_bytes(), SMALL) {
                Err(DecodeError::Over(o)) => assert_eq!(o, over, "{text}"),
                other => panic!("{text}: {other:?}"),
            }
        }
        let none = ResponseLimits {
            array: 0,
            map: 0,
            string: 0,
        };
        assert!(from_slice(b"[1,2,3,4,5]", none).is_ok());
        assert!(matches!(
            from_slice(b"[1,", SMALL),
            Err(DecodeError::Json(_))
        ));
        assert!(matches!(
            from_slice(b"[1] x", SMALL),
            Err(DecodeError::Json(_))
        ));
    }
}
