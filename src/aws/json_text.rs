//! An answer decoded straight into its compact JSON text, as serde_json's `Value` would print
//! it, with no `Value` in between: for the doors that hand a body on as text (Chilkat's).

use std::collections::HashMap;

use serde_json::Value;

use super::limited_json::Build;

/// Builds the compact text `Value::to_string` writes: members in order, a repeated key's last
/// value in its first place, numbers and strings written by serde_json itself.
pub struct JsonText;

/// A map being written: its members' texts, and where each key is.
pub struct TextMap {
    members: Vec<(String, String)>,
    index: HashMap<String, usize>,
}

impl Build for JsonText {
    type Value = String;
    type Array = String;
    type Map = TextMap;

    fn null(&self) -> String {
        "null".into()
    }
    fn bool(&self, v: bool) -> String {
        v.to_string()
    }
    fn int(&self, v: i64) -> String {
        v.to_string()
    }
    fn uint(&self, v: u64) -> String {
        v.to_string()
    }
    fn float(&self, v: f64) -> String {
        Value::from(v).to_string()
    }
    fn string(&self, v: String) -> String {
        Value::String(v).to_string()
    }
    fn array(&self) -> String {
        String::from("[")
    }
    fn push(&self, array: &mut String, item: String) {
        if array.len() > 1 {
            array.push(',');
        }
        array.push_str(&item);
    }
    fn end_array(&self, mut array: String) -> String {
        array.push(']');
        array.shrink_to_fit();
        array
    }
    fn map(&self) -> TextMap {
        TextMap {
            members: Vec::new(),
            index: HashMap::new(),
        }
    }
    fn insert(&self, map: &mut TextMap, key: String, value: String) -> usize {
        match map.index.get(&key) {
            Some(&at) => map.members[at].1 = value,
            None => {
                map.index.insert(key.clone(), map.members.len());
                map.members.push((key, value));
            }
        }
        map.members.len()
    }
    fn end_map(&self, map: TextMap) -> String {
        let mut out = String::from("{");
        for (n, (key, value)) in map.members.into_iter().enumerate() {
            if n > 0 {
                out.push(',');
            }
            out.push_str(&Value::String(key).to_string());
            out.push(':');
            out.push_str(&value);
        }
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::aws::ResponseLimits;
    use crate::aws::limited_json::{build, from_slice};

    #[test]
    fn the_text_built_is_what_the_value_prints() {
        for body in [
            r#"{"n":[1,-2,9223372036854775807,18446744073709551615,2.5,1e3,-0.0],"s":"x\u001b\"é\\","t":true,"z":null}"#,
            r#"{"m":{"b":1,"a":{"c":[]}},"e":{},"m":{"b":2},"l":[[],[{}],"q"]}"#,
            "[]",
            "  \"top\"  ",
        ] {
            let text = build(body.as_bytes(), ResponseLimits::DEFAULT, &JsonText).unwrap();
            let value = from_slice(body.as_bytes(), ResponseLimits::DEFAULT).unwrap();
            assert_eq!(text, value.to_string(), "{body}");
        }
    }
}
