//! Response bodies decoded under the scripts' size limits: an array longer than the array
//! limit, a map with more members than the map limit or a string longer than the string limit
//! stops decoding at once (so a 30 MB body of 15,000,000 zeros is refused after the first
//! million, not held whole), with an error naming the limit.

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

/// Decodes `body` as JSON under `limits`.
pub fn from_slice(body: &[u8], limits: ResponseLimits) -> Result<Value, DecodeError> {
    let hit = Cell::new(None);
    let mut de = serde_json::Deserializer::from_slice(body);
    let value = Limited {
        limits: &limits,
        hit: &hit,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v));
    match (value, hit.get()) {
        (_, Some(over)) => Err(DecodeError::Over(over)),
        (Ok(v), None) => Ok(v),
        (Err(e), None) => Err(DecodeError::Json(e)),
    }
}

#[derive(Clone, Copy)]
struct Limited<'a> {
    limits: &'a ResponseLimits,
    hit: &'a Cell<Option<Over>>,
}

impl Limited<'_> {
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

impl<'de> DeserializeSeed<'de> for Limited<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Limited<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::from(v))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(serde_json::Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        self.string(v)?;
        Ok(Value::String(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        self.string(&v)?;
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element_seed(self)? {
            if self.limits.array > 0 && items.len() >= self.limits.array {
                return Err(self.over(Over::Array(self.limits.array)));
            }
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(key) = access.next_key::<String>()? {
            self.string(&key)?;
            let value = access.next_value_seed(self)?;
            map.insert(key, value);
            if self.limits.map > 0 && map.len() > self.limits.map {
                return Err(self.over(Over::Map(self.limits.map)));
            }
        }
        Ok(Value::Object(map))
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
