//! The `json()` document itself, free of Rhai: Chilkat CkJsonObject semantics over an
//! order-keeping `serde_json::Value` (paths create what is missing, reads of missing paths give
//! empty values, writes past the end of an array are errors that name the path).

use serde_json::{Map, Number, Value};

pub mod path_grammar;

use path_grammar::{self as path, Index, IndexVar, PathError, Step};

/// A JSON document whose root is an object, with Chilkat's `I`/`J`/`K` and `DelimiterChar`.
#[derive(Debug, Clone, PartialEq)]
pub struct JsonDoc {
    pub root: Value,
    pub i: i64,
    pub j: i64,
    pub k: i64,
    pub delimiter: char,
}

/// What can go wrong with a document operation; every variant names the path it concerns.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DocError {
    #[error("{0}")]
    Path(#[from] PathError),
    #[error(
        "cannot write `{path}`: index {index} is past the end of `{array}`, which has {len} element(s); write index {len} to append"
    )]
    PastEnd {
        path: String,
        array: String,
        index: usize,
        len: usize,
    },
    #[error("cannot write `{path}`: `{at}` holds {found}, not {wanted}")]
    WrongType {
        path: String,
        at: String,
        found: &'static str,
        wanted: &'static str,
    },
    #[error("cannot write `{path}`: `[{var}]` is {value}, and an index cannot be negative")]
    NegativeIndex {
        path: String,
        var: &'static str,
        value: i64,
    },
    #[error(
        "`{0}` is not a JSON number (update_number takes numeric text such as \"42\" or \"1.5\")"
    )]
    NotANumber(String),
    #[error("invalid JSON at line {line}, column {column}: {message}{excerpt}")]
    Parse {
        line: usize,
        column: usize,
        message: String,
        excerpt: String,
    },
    #[error("a json() document's root must be an object, but this JSON is {0}")]
    RootNotObject(&'static str),
    #[error("the delimiter must be one character other than `[` and `]`, not {0:?}")]
    BadDelimiter(String),
}

/// One resolved step: a member name or a concrete array index.
enum Hop<'p> {
    Key(&'p str),
    At(usize),
}

/// The article and name of a value's JSON type, for messages.
pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

impl Default for JsonDoc {
    fn default() -> Self {
        Self::from_object(Map::new())
    }
}

impl JsonDoc {
    /// An empty document, `{}`.
    pub fn new() -> Self {
        Self::default()
    }

    /// A document over an existing object.
    pub fn from_object(map: Map<String, Value>) -> Self {
        Self {
            root: Value::Object(map),
            i: 0,
            j: 0,
            k: 0,
            delimiter: '.',
        }
    }

    /// A document over any value; the root must be an object.
    pub fn from_value(value: Value) -> Result<Self, DocError> {
        match value {
            Value::Object(map) => Ok(Self::from_object(map)),
            other => Err(DocError::RootNotObject(type_name(&other))),
        }
    }

    /// Parses JSON text; errors give the line and column and show the offending line.
    pub fn parse(text: &str) -> Result<Self, DocError> {
        let value: Value = parse_text(text).map_err(|e| {
            let (line, column) = (e.line(), e.column());
            DocError::Parse {
                line,
                column,
                message: strip_position(&e.to_string()),
                excerpt: excerpt(text, line, column),
            }
        })?;
        Self::from_value(value)
    }

    /// Sets the delimiter from a one-character string.
    pub fn set_delimiter(&mut self, text: &str) -> Result<(), DocError> {
        let mut chars = text.chars();
        match (chars.next(), chars.next()) {
            (Some(c), None) if c != '[' && c != ']' => {
                self.delimiter = c;
                Ok(())
            }
            _ => Err(DocError::BadDelimiter(text.to_string())),
        }
    }

    fn hops<'p>(&self, parsed: &'p path::Path) -> Result<Vec<Hop<'p>>, DocError> {
        parsed
            .steps
            .iter()
            .map(|step| match step {
                Step::Key(k) => Ok(Hop::Key(k.as_str())),
                Step::Index(Index::At(n)) => Ok(Hop::At(*n)),
                Step::Index(Index::Var(var)) => {
                    let (name, value) = match var {
                        IndexVar::I => ("i", self.i),
                        IndexVar::J => ("j", self.j),
                        IndexVar::K => ("k", self.k),
                    };
                    usize::try_from(value)
                        .map(Hop::At)
                        .map_err(|_| DocError::NegativeIndex {
                            path: parsed.text.clone(),
                            var: name,
                            value,
                        })
                }
            })
            .collect()
    }

    /// Writes `value` at `path`, creating every missing object and array on the way.
    pub fn update(&mut self, path_text: &str, value: Value) -> Result<(), DocError> {
        let parsed = path::parse(path_text, self.delimiter)?;
        let hops = self.hops(&parsed)?;
        let mut value = Some(value);
        let mut cur = &mut self.root;
        for (n, hop) in hops.iter().enumerate() {
            let fresh = || match hops.get(n + 1) {
                Some(Hop::Key(_)) => Value::Object(Map::new()),
                Some(Hop::At(_)) => Value::Array(Vec::new()),
                None => Value::Null,
            };
            let last = n + 1 == hops.len();
            let at = || {
                if n == 0 {
                    "(root)".to_string()
                } else {
                    parsed.prefix(n - 1).to_string()
                }
            };
            if cur.is_null() {
                *cur = match hop {
                    Hop::Key(_) => Value::Object(Map::new()),
                    Hop::At(_) => Value::Array(Vec::new()),
                };
            }
            match hop {
                Hop::Key(key) => {
                    let Value::Object(map) = cur else {
                        return Err(wrong_type(path_text, at(), cur, "an object"));
                    };
                    if last {
                        map.insert((*key).to_string(), value.take().unwrap_or(Value::Null));
                        return Ok(());
                    }
                    cur = map.entry(*key).or_insert_with(fresh);
                }
                Hop::At(index) => {
                    let Value::Array(items) = cur else {
                        return Err(wrong_type(path_text, at(), cur, "an array"));
                    };
                    let len = items.len();
                    if *index > len {
                        return Err(DocError::PastEnd {
                            path: path_text.to_string(),
                            array: at(),
                            index: *index,
                            len,
                        });
                    }
                    let next = if last {
                        value.take().unwrap_or(Value::Null)
                    } else {
                        fresh()
                    };
                    if *index == len {
                        items.push(next);
                    } else if last {
                        items[*index] = next;
                        return Ok(());
                    }
                    if last {
                        return Ok(());
                    }
                    cur = &mut items[*index];
                }
            }
        }
        Ok(())
    }

    /// The value at `path`, or `None` when any part of it is missing. Malformed paths are errors.
    pub fn get(&self, path_text: &str) -> Result<Option<&Value>, DocError> {
        let parsed = path::parse(path_text, self.delimiter)?;
        let Ok(hops) = self.hops(&parsed) else {
            return Ok(None);
        };
        let mut cur = &self.root;
        for hop in &hops {
            let next = match (hop, cur) {
                (Hop::Key(k), Value::Object(map)) => map.get(*k),
                (Hop::At(n), Value::Array(items)) => items.get(*n),
                _ => None,
            };
            match next {
                Some(v) => cur = v,
                None => return Ok(None),
            }
        }
        Ok(Some(cur))
    }

    /// Removes the member or array element at `path`; tells whether there was one.
    pub fn delete(&mut self, path_text: &str) -> Result<bool, DocError> {
        let parsed = path::parse(path_text, self.delimiter)?;
        let Ok(hops) = self.hops(&parsed) else {
            return Ok(false);
        };
        let Some((last, parents)) = hops.split_last() else {
            return Ok(false);
        };
        let mut cur = &mut self.root;
        for hop in parents {
            let next = match (hop, cur) {
                (Hop::Key(k), Value::Object(map)) => map.get_mut(*k),
                (Hop::At(n), Value::Array(items)) => items.get_mut(*n),
                _ => None,
            };
            match next {
                Some(v) => cur = v,
                None => return Ok(false),
            }
        }
        Ok(match (last, cur) {
            (Hop::Key(k), Value::Object(map)) => map.shift_remove(*k).is_some(),
            (Hop::At(n), Value::Array(items)) if *n < items.len() => {
                items.remove(*n);
                true
            }
            _ => false,
        })
    }

    /// Chilkat's `StringOf`: text of a scalar, compact JSON of a container, `""` when missing.
    pub fn string_of(&self, path_text: &str) -> Result<String, DocError> {
        Ok(match self.get(path_text)? {
            None | Some(Value::Null) => String::new(),
            Some(Value::String(s)) => s.clone(),
            Some(Value::Number(n)) => n.to_string(),
            Some(Value::Bool(b)) => b.to_string(),
            Some(other) => other.to_string(),
        })
    }

    /// Chilkat's `IntOf`: numbers (truncated) and numeric strings, `0` otherwise.
    pub fn int_of(&self, path_text: &str) -> Result<i64, DocError> {
        Ok(match self.get(path_text)? {
            Some(Value::Number(n)) => n
                .as_i64()
                .unwrap_or_else(|| n.as_f64().unwrap_or(0.0) as i64),
            Some(Value::String(s)) => {
                let s = s.trim();
                s.parse::<i64>()
                    .ok()
                    .or_else(|| s.parse::<f64>().ok().map(|f| f as i64))
                    .unwrap_or(0)
            }
            Some(Value::Bool(b)) => i64::from(*b),
            _ => 0,
        })
    }

    /// Chilkat's `BoolOf`: booleans, `"true"`/`"1"` strings and non-zero numbers are true.
    pub fn bool_of(&self, path_text: &str) -> Result<bool, DocError> {
        Ok(match self.get(path_text)? {
            Some(Value::Bool(b)) => *b,
            Some(Value::String(s)) => {
                let s = s.trim();
                s.eq_ignore_ascii_case("true") || s == "1"
            }
            Some(Value::Number(n)) => n.as_f64().is_some_and(|f| f != 0.0),
            _ => false,
        })
    }

    /// Chilkat's `SizeOfArray`: the length of the array at `path`, `-1` when it is not an array.
    pub fn size_of_array(&self, path_text: &str) -> Result<i64, DocError> {
        Ok(match self.get(path_text)? {
            Some(Value::Array(items)) => i64::try_from(items.len()).unwrap_or(i64::MAX),
            _ => -1,
        })
    }

    /// Whether anything (even `null`) is at `path`.
    pub fn has_member(&self, path_text: &str) -> Result<bool, DocError> {
        Ok(self.get(path_text)?.is_some())
    }

    /// Pretty JSON, two-space indent.
    pub fn emit(&self) -> String {
        serde_json::to_string_pretty(&self.root).unwrap_or_default()
    }

    /// JSON on one line.
    pub fn emit_compact(&self) -> String {
        self.root.to_string()
    }
}

/// Deepest nesting JSON text may have: what paths build ([`path::MAX_STEPS`] steps below the
/// root object), so `read_json` and `json(text)` take back whatever `emit()` wrote.
pub const MAX_TEXT_DEPTH: usize = path::MAX_STEPS + 1;

/// How deep `text` nests (brackets outside strings), stopping once past `limit`.
fn nesting(text: &str, limit: usize) -> usize {
    let (mut depth, mut deepest, mut in_string, mut escaped) = (0usize, 0usize, false, false);
    for b in text.bytes() {
        if in_string {
            match b {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                deepest = deepest.max(depth);
                if deepest > limit {
                    return deepest;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Parses JSON text nested up to [`MAX_TEXT_DEPTH`] levels (serde_json alone stops at 128).
pub fn parse_text(text: &str) -> Result<Value, serde_json::Error> {
    use serde::Deserialize as _;
    use serde::de::Error as _;
    if nesting(text, MAX_TEXT_DEPTH) > MAX_TEXT_DEPTH {
        return Err(serde_json::Error::custom(format!(
            "it nests deeper than {MAX_TEXT_DEPTH} levels"
        )));
    }
    let mut de = serde_json::Deserializer::from_str(text);
    // Bounded by the scan above; the script thread's stack holds this depth (script::limits).
    de.disable_recursion_limit();
    let value = Value::deserialize(&mut de)?;
    de.end()?;
    Ok(value)
}

/// Parses numeric text into a JSON number, keeping integers integral.
pub fn number_from_text(text: &str) -> Result<Number, DocError> {
    let not_a_number = || DocError::NotANumber(text.to_string());
    if let Ok(n) = text.parse::<i64>() {
        return Ok(n.into());
    }
    if let Ok(n) = text.parse::<u64>() {
        return Ok(n.into());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Number(n)) => Ok(n),
        _ => Err(not_a_number()),
    }
}

fn wrong_type(path: &str, at: String, found: &Value, wanted: &'static str) -> DocError {
    DocError::WrongType {
        path: path.to_string(),
        at,
        found: type_name(found),
        wanted,
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(cut) => message[..cut].to_string(),
        None => message.to_string(),
    }
}

fn excerpt(text: &str, line: usize, column: usize) -> String {
    let Some(src) = text.lines().nth(line.saturating_sub(1)) else {
        return String::new();
    };
    let shown: String = src.chars().take(120).collect();
    let lead = column.saturating_sub(1).min(shown.chars().count());
    format!("\n    {shown}\n    {}^", " ".repeat(lead))
}
