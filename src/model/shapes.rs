//! The compact, resolved form of the model's shapes that every other module walks.

use super::pattern::Pattern;

/// Index of a shape in `Model::shapes`.
pub(crate) type ShapeId = usize;

#[derive(Debug)]
pub(crate) struct Shape {
    pub name: &'static str,
    pub kind: Kind,
    pub min: Option<f64>,
    pub max: Option<f64>,
    pub pattern: Option<Pattern>,
    pub enum_values: &'static [&'static str],
    pub sensitive: bool,
}

#[derive(Debug)]
pub(crate) enum Kind {
    Structure(&'static [Member]),
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
    pub name: &'static str,
    pub shape: ShapeId,
    pub required: bool,
    pub sensitive: bool,
    pub deprecated: bool,
}

impl Shape {
    pub const fn new(name: &'static str, kind: Kind) -> Shape {
        Shape {
            name,
            kind,
            min: None,
            max: None,
            pattern: None,
            enum_values: &[],
            sensitive: false,
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
    pub fn members(&self) -> &'static [Member] {
        match self.kind {
            Kind::Structure(m) => m,
            _ => &[],
        }
    }

    pub fn member(&self, name: &str) -> Option<&'static Member> {
        self.members().iter().find(|m| m.name == name)
    }

    pub fn is_structure(&self) -> bool {
        matches!(self.kind, Kind::Structure(_))
    }

    /// Whether `text` matches the shape's pattern; `None` when there is no pattern or it cannot
    /// be checked (look-around and other syntax Rust's regex does not support).
    pub fn pattern_matches(&self, text: &str) -> Option<bool> {
        self.pattern.as_ref()?.matches(text)
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
