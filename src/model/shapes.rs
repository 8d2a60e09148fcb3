//! The compact, resolved form of the model's shapes that every other module walks.

use std::sync::OnceLock;

use regex::Regex;

/// Index of a shape in `Model::shapes`.
pub(crate) type ShapeId = usize;

#[derive(Debug)]
pub(crate) struct Shape {
    pub name: String,
    pub kind: Kind,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub pattern: Option<String>,
    pub enum_values: Vec<String>,
    pub sensitive: bool,
    /// Compiled on first use: `None` inside when the pattern is not valid Rust regex.
    regex: OnceLock<Option<Regex>>,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Structure(Vec<Member>),
    List(ShapeId),
    Map {
        key: ShapeId,
        value: ShapeId,
    },
    String,
    Integer,
    Long,
    Double,
    Float,
    Boolean,
    Timestamp,
    Blob,
    /// A document, or a type this client does not know: any JSON is accepted.
    Any,
}

#[derive(Debug)]
pub(crate) struct Member {
    pub name: String,
    pub shape: ShapeId,
    pub required: bool,
    pub sensitive: bool,
    pub deprecated: bool,
}

impl Shape {
    pub fn new(name: String, kind: Kind) -> Shape {
        Shape {
            name,
            kind,
            min: None,
            max: None,
            pattern: None,
            enum_values: Vec::new(),
            sensitive: false,
            regex: OnceLock::new(),
        }
    }

    /// The model's type name (`document` for [`Kind::Any`]).
    pub fn type_name(&self) -> &'static str {
        match self.kind {
            Kind::Structure(_) => "structure",
            Kind::List(_) => "list",
            Kind::Map { .. } => "map",
            Kind::String => "string",
            Kind::Integer => "integer",
            Kind::Long => "long",
            Kind::Double => "double",
            Kind::Float => "float",
            Kind::Boolean => "boolean",
            Kind::Timestamp => "timestamp",
            Kind::Blob => "blob",
            Kind::Any => "document",
        }
    }

    /// Members of a structure; empty for every other kind.
    pub fn members(&self) -> &[Member] {
        match &self.kind {
            Kind::Structure(m) => m,
            _ => &[],
        }
    }

    pub fn member(&self, name: &str) -> Option<&Member> {
        self.members().iter().find(|m| m.name == name)
    }

    pub fn is_structure(&self) -> bool {
        matches!(self.kind, Kind::Structure(_))
    }

    /// The pattern as a full-match regex, compiled once; `None` if there is no pattern or it
    /// uses syntax Rust's regex does not support (look-around, back-references…).
    pub fn regex(&self) -> Option<&Regex> {
        let pattern = self.pattern.as_deref()?;
        self.regex
            .get_or_init(|| Regex::new(&format!("^(?:{pattern})$")).ok())
            .as_ref()
    }
}

/// A limit from the model as text: `6`, not `6.0`.
pub(crate) fn fmt_limit(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

/// `min..max` with either side left open, or `None` when there are no limits.
pub(crate) fn fmt_range(min: Option<f64>, max: Option<f64>) -> Option<String> {
    match (min, max) {
        (None, None) => None,
        (a, b) => Some(format!(
            "{}..{}",
            a.map(fmt_limit).unwrap_or_default(),
            b.map(fmt_limit).unwrap_or_default()
        )),
    }
}
