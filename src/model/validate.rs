//! Checking an operation's JSON input against the model, reporting every problem at once.
//!
//! Errors are what the service would surely reject (missing required member, wrong JSON type,
//! enum, length, range, list/map size, pattern) and members the model does not know (as boto3
//! refuses them), with "did you mean" and, when the name exists elsewhere in the operation's
//! input, where it belongs. A lenient client sends unknown members with a warning.

use serde_json::{Map, Value};

use super::formats::{base64_len, is_iso8601};
use super::shapes::{Kind, Shape, ShapeId, fmt_limit};
use super::{MAX_DEPTH, Model, Operation, Problem, member_path, suggest};

impl Model {
    /// Every problem of `input` for `op`, in a stable order (missing members first, then the
    /// input's own order).
    pub fn validate(&self, op: &Operation, input: &Value) -> Vec<Problem> {
        let mut v = Validator {
            model: self,
            root: self.input_id(op),
            problems: Vec::new(),
        };
        let empty = Value::Object(Map::new());
        // A null input is an empty input.
        let input = if input.is_null() { &empty } else { input };
        match v.root {
            Some(id) => v.check(id, input, "", 0),
            None => match input {
                Value::Object(map) => {
                    for k in map.keys() {
                        v.problems.push(Problem::unknown(
                            &member_path::member("", k),
                            format!("unknown member `{k}`: {} takes no input", op.name),
                        ));
                    }
                }
                other => v.problems.push(Problem::error(
                    "",
                    format!(
                        "the input must be a map of members, got {}",
                        describe_value(other)
                    ),
                )),
            },
        }
        v.problems
    }
}

impl Model {
    /// Problems of `value` against any shape (used to check synthesized responses).
    #[cfg(test)]
    pub(crate) fn validate_shape(&self, id: ShapeId, value: &Value) -> Vec<Problem> {
        let mut v = Validator {
            model: self,
            root: Some(id),
            problems: Vec::new(),
        };
        v.check(id, value, "", 0);
        v.problems
    }
}

struct Validator<'m> {
    model: &'m Model,
    root: Option<ShapeId>,
    problems: Vec<Problem>,
}

impl Validator<'_> {
    fn error(&mut self, path: &str, message: String) {
        self.problems.push(Problem::error(path, message));
    }

    fn check(&mut self, id: ShapeId, value: &Value, path: &str, depth: usize) {
        if depth > MAX_DEPTH {
            self.error(path, format!("nested deeper than {MAX_DEPTH} levels"));
            return;
        }
        let shape = self.model.shape(id);
        match &shape.kind {
            Kind::Any => {}
            Kind::Structure(_) => self.structure(shape, value, path, depth),
            Kind::List(item) => self.list(shape, *item, value, path, depth),
            Kind::Map { key, value: val } => self.map(shape, *key, *val, value, path, depth),
            Kind::String => self.string(shape, value, path),
            Kind::Integer | Kind::Long => self.integer(shape, value, path),
            Kind::Double | Kind::Float => self.number(shape, value, path),
            Kind::Boolean => self.boolean(value, path),
            Kind::Timestamp => self.timestamp(value, path),
            Kind::Blob => self.blob(shape, value, path),
        }
    }

    fn structure(&mut self, shape: &Shape, value: &Value, path: &str, depth: usize) {
        let Value::Object(map) = value else {
            let names: Vec<&str> = shape.members().iter().map(|m| m.name).collect();
            let shown = match names.len() {
                0 => "a map".to_string(),
                1..=4 => format!("a map with members {}", names.join(", ")),
                _ => format!("a map with members {}, …", names[..4].join(", ")),
            };
            self.error(
                path,
                format!(
                    "{} is a structure in the model ({shown}), got {}",
                    subject(path),
                    describe_value(value)
                ),
            );
            return;
        };
        for m in shape.members() {
            if m.required && map.get(m.name).is_none_or(Value::is_null) {
                let ty = self.model.shape(m.shape).type_name();
                self.error(
                    &member_path::member(path, m.name),
                    format!("missing required member `{}` ({ty})", m.name),
                );
            }
        }
        for (k, v) in map {
            let here = member_path::member(path, k);
            match shape.member(k) {
                Some(m) => {
                    if !v.is_null() {
                        self.check(m.shape, v, &here, depth + 1);
                    }
                }
                None => self.unknown_member(shape, k, path, &here),
            }
        }
    }

    fn unknown_member(&mut self, shape: &Shape, name: &str, parent: &str, here: &str) {
        let mut message = format!("unknown member `{name}` in {}", shape.name);
        let local = suggest::closest(name, shape.members().iter().map(|m| m.name));
        if let Some(local) = local {
            message.push_str(&format!(": did you mean `{local}`?"));
        }
        if let Some(root) = self.root {
            // Places other than this very structure (a case-insensitive match here is
            // already the "did you mean").
            let parent = member_path::generic(parent);
            let elsewhere: Vec<String> = suggest::locations(self.model, root, name, 4)
                .into_iter()
                .filter(|p| member_path::parent(p) != parent)
                .take(3)
                .collect();
            if !elsewhere.is_empty() {
                message.push_str(if local.is_some() { " (" } else { ": " });
                message.push_str("it belongs at ");
                message.push_str(&suggest::or_list(&elsewhere));
                if local.is_some() {
                    message.push(')');
                }
            }
        }
        self.problems.push(Problem::unknown(here, message));
    }

    fn list(&mut self, shape: &Shape, item: ShapeId, value: &Value, path: &str, depth: usize) {
        let Value::Array(items) = value else {
            let message = if value.is_object() || value.is_null() {
                format!(
                    "{} is a list in the model, got {}",
                    subject(path),
                    describe_value(value)
                )
            } else {
                let s = short(value);
                format!(
                    "{} is a list in the model: write [{s}] not {s}",
                    subject(path)
                )
            };
            self.error(path, message);
            return;
        };
        self.size(shape, items.len(), "item", path);
        for (i, v) in items.iter().enumerate() {
            let here = member_path::index(path, i);
            if v.is_null() {
                self.error(&here, "a list item cannot be null".to_string());
            } else {
                self.check(item, v, &here, depth + 1);
            }
        }
    }

    fn map(
        &mut self,
        shape: &Shape,
        key: ShapeId,
        val: ShapeId,
        value: &Value,
        path: &str,
        depth: usize,
    ) {
        let Value::Object(map) = value else {
            self.error(
                path,
                format!(
                    "{} is a map in the model (string keys), got {}",
                    subject(path),
                    describe_value(value)
                ),
            );
            return;
        };
        self.size(shape, map.len(), "entry", path);
        for (k, v) in map {
            let here = member_path::key(path, k);
            self.string_content(self.model.shape(key), k, &here, "key");
            if v.is_null() {
                self.error(&here, "a map value cannot be null".to_string());
            } else {
                self.check(val, v, &here, depth + 1);
            }
        }
    }

    /// List or map size against the shape's min/max.
    fn size(&mut self, shape: &Shape, n: usize, unit: &str, path: &str) {
        let plural = |n: usize| {
            if n == 1 {
                format!("1 {unit}")
            } else if unit == "entry" {
                format!("{n} entries")
            } else {
                format!("{n} {unit}s")
            }
        };
        if let Some(min) = shape.min
            && (n as f64) < min
        {
            self.error(
                path,
                format!(
                    "{} has {}, at least {} required",
                    subject(path),
                    plural(n),
                    fmt_limit(min)
                ),
            );
        }
        if let Some(max) = shape.max
            && (n as f64) > max
        {
            self.error(
                path,
                format!(
                    "{} has {}, at most {} allowed",
                    subject(path),
                    plural(n),
                    fmt_limit(max)
                ),
            );
        }
    }

    fn string(&mut self, shape: &Shape, value: &Value, path: &str) {
        match value {
            Value::String(s) => self.string_content(shape, s, path, "value"),
            Value::Number(_) | Value::Bool(_) => self.error(
                path,
                format!(
                    "{} is a string in the model: write \"{}\" not {}",
                    subject(path),
                    value,
                    value
                ),
            ),
            _ => self.error(
                path,
                format!(
                    "{} is a string in the model, got {}",
                    subject(path),
                    describe_value(value)
                ),
            ),
        }
    }

    /// Enum, length and pattern of a string value or map key.
    fn string_content(&mut self, shape: &Shape, s: &str, path: &str, what: &str) {
        let what = if what == "key" {
            format!("key {}", quote(s))
        } else {
            subject(path)
        };
        if !shape.enum_values.is_empty() {
            if !shape.enum_values.contains(&s) {
                let allowed: Vec<String> = shape.enum_values.iter().map(|e| quote(e)).collect();
                let mut msg = format!("{what}: {} is not one of {}", quote(s), allowed.join(", "));
                if let Some(best) = suggest::closest(s, shape.enum_values.iter().copied()) {
                    msg.push_str(&format!(": did you mean {}?", quote(best)));
                }
                self.error(path, msg);
            }
            // The enum says it all; lengths and patterns of enum shapes are redundant.
            return;
        }
        let len = s.chars().count();
        let mut length_ok = true;
        if let Some(min) = shape.min
            && (len as f64) < min
        {
            length_ok = false;
            self.error(
                path,
                format!(
                    "{what} is too short: {len} characters, at least {} required",
                    fmt_limit(min)
                ),
            );
        }
        if let Some(max) = shape.max
            && (len as f64) > max
        {
            length_ok = false;
            self.error(
                path,
                format!(
                    "{what} is too long: {len} characters, at most {} allowed",
                    fmt_limit(max)
                ),
            );
        }
        if length_ok && shape.pattern_matches(s) == Some(false) {
            self.error(
                path,
                format!(
                    "{what}: {} does not match the pattern {}",
                    quote(&truncate(s)),
                    shape
                        .pattern
                        .as_ref()
                        .map(|p| p.source())
                        .unwrap_or_default()
                ),
            );
        }
    }

    fn integer(&mut self, shape: &Shape, value: &Value, path: &str) {
        let n = match value {
            Value::Number(n) => n,
            Value::String(s) if s.trim().parse::<i64>().is_ok() => {
                return self.error(
                    path,
                    format!(
                        "{} is an integer in the model: write {} not {}",
                        subject(path),
                        s.trim(),
                        quote(s)
                    ),
                );
            }
            _ => {
                return self.error(
                    path,
                    format!(
                        "{} is an integer in the model, got {}",
                        subject(path),
                        describe_value(value)
                    ),
                );
            }
        };
        let whole = n.is_i64() || n.is_u64() || n.as_f64().is_some_and(|f| f.fract() == 0.0);
        if !whole {
            return self.error(
                path,
                format!(
                    "{} is an integer in the model, got {n} (not a whole number)",
                    subject(path)
                ),
            );
        }
        let f = n.as_f64().unwrap_or(0.0);
        let (lo, hi) = if matches!(shape.kind, Kind::Integer) {
            (i32::MIN as f64, i32::MAX as f64)
        } else {
            (i64::MIN as f64, i64::MAX as f64)
        };
        if f < lo || f > hi {
            return self.error(
                path,
                format!(
                    "{} is {n}, outside the range of a {} ({}..{})",
                    subject(path),
                    shape.type_name(),
                    fmt_limit(lo),
                    fmt_limit(hi)
                ),
            );
        }
        self.range(shape, n, path);
    }

    fn number(&mut self, shape: &Shape, value: &Value, path: &str) {
        match value {
            Value::Number(n) => self.range(shape, n, path),
            Value::String(s) if s.trim().parse::<f64>().is_ok() => self.error(
                path,
                format!(
                    "{} is a number in the model: write {} not {}",
                    subject(path),
                    s.trim(),
                    quote(s)
                ),
            ),
            _ => self.error(
                path,
                format!(
                    "{} is a number in the model, got {}",
                    subject(path),
                    describe_value(value)
                ),
            ),
        }
    }

    fn range(&mut self, shape: &Shape, n: &serde_json::Number, path: &str) {
        let f = n.as_f64().unwrap_or(0.0);
        if let Some(min) = shape.min
            && f < min
        {
            self.error(
                path,
                format!(
                    "{} is {n}, below the minimum {}",
                    subject(path),
                    fmt_limit(min)
                ),
            );
        }
        if let Some(max) = shape.max
            && f > max
        {
            self.error(
                path,
                format!(
                    "{} is {n}, above the maximum {}",
                    subject(path),
                    fmt_limit(max)
                ),
            );
        }
    }

    fn boolean(&mut self, value: &Value, path: &str) {
        let fix = match value {
            Value::Bool(_) => return,
            Value::String(s) if s.eq_ignore_ascii_case("true") => Some("true"),
            Value::String(s) if s.eq_ignore_ascii_case("false") => Some("false"),
            Value::Number(n) if n.as_f64() == Some(1.0) => Some("true"),
            Value::Number(n) if n.as_f64() == Some(0.0) => Some("false"),
            _ => None,
        };
        let msg = match fix {
            Some(fix) => format!(
                "{} is a boolean in the model: write {fix} not {}",
                subject(path),
                short(value)
            ),
            None => format!(
                "{} is a boolean in the model (true or false), got {}",
                subject(path),
                describe_value(value)
            ),
        };
        self.error(path, msg);
    }

    fn timestamp(&mut self, value: &Value, path: &str) {
        let ok = match value {
            Value::Number(_) => true,
            Value::String(s) => is_iso8601(s),
            _ => false,
        };
        if !ok {
            self.error(
                path,
                format!(
                    "{} is a timestamp in the model: give epoch seconds (a number) or an \
                     ISO-8601 string like \"2024-01-31T12:00:00Z\", got {}",
                    subject(path),
                    describe_value(value)
                ),
            );
        }
    }

    fn blob(&mut self, shape: &Shape, value: &Value, path: &str) {
        let Some(bytes) = value.as_str().and_then(base64_len) else {
            return self.error(
                path,
                format!(
                    "{} is binary data in the model: give it as a base64 string \
                     (e.g. \"aGVsbG8=\"), got {}",
                    subject(path),
                    describe_value(value)
                ),
            );
        };
        if let Some(min) = shape.min
            && (bytes as f64) < min
        {
            self.error(
                path,
                format!(
                    "{} is too short: {bytes} bytes, at least {} required",
                    subject(path),
                    fmt_limit(min)
                ),
            );
        }
        if let Some(max) = shape.max
            && (bytes as f64) > max
        {
            self.error(
                path,
                format!(
                    "{} is too long: {bytes} bytes, at most {} allowed",
                    subject(path),
                    fmt_limit(max)
                ),
            );
        }
    }
}

/// `` `MaxLength` `` for messages: the last segment of the path.
fn subject(path: &str) -> String {
    if path.is_empty() {
        "the input".to_string()
    } else {
        format!("`{}`", member_path::last_segment(path))
    }
}

fn quote(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_default()
}

fn truncate(s: &str) -> String {
    const MAX: usize = 60;
    if s.chars().count() > MAX {
        let mut t: String = s.chars().take(MAX).collect();
        t.push('…');
        t
    } else {
        s.to_string()
    }
}

/// A value as written in JSON, shortened for messages.
fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 60 {
        let mut t: String = s.chars().take(60).collect();
        t.push('…');
        t
    } else {
        s
    }
}

/// "number 2048", "a list", "null"…: what the user gave, for messages.
pub(crate) fn describe_value(v: &Value) -> String {
    match v {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(_) => format!("string {}", short(v)),
        Value::Array(a) => format!("a list of {} items", a.len()),
        Value::Object(_) => "a map".to_string(),
    }
}
