//! How a value is shown on standard output, as the AWS CLI does it: `--query` (JMESPath)
//! selects, then `--output json|text|table` draws. `eval`, the REPL's echo and `query()` in
//! scripts share it. No Rhai here: values arrive as JSON.

pub mod query;
pub mod table;
pub mod text;

use serde_json::Value;

/// The `--output` styles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// Pretty JSON (the default)
    #[default]
    Json,
    /// Strings bare, lists tab-separated, one line per item (for shell scripts)
    Text,
    /// Columns for lists of maps, boxed
    Table,
}

/// What `--output` and `--query` ask for.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Shape {
    pub format: Format,
    pub query: Option<String>,
}

impl Shape {
    /// `value` selected by the query (if any) and drawn in the format; the error is the
    /// query's, ready to print after `error: `.
    pub fn render(&self, value: &Value) -> Result<String, String> {
        let selected = match &self.query {
            Some(expr) => query::search(value, expr)?,
            None => value.clone(),
        };
        Ok(draw(&selected, self.format))
    }
}

/// `value` drawn in `format` (without a trailing newline).
pub fn draw(value: &Value, format: Format) -> String {
    match format {
        Format::Json => serde_json::to_string_pretty(value).unwrap_or_default(),
        Format::Text => text::draw(value),
        Format::Table => table::draw(value),
    }
}

/// A scalar as the text and table styles show it: strings bare, null as `None` (as the AWS
/// CLI does), nested values as compact JSON.
pub fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => "None".to_string(),
        Value::Bool(_) | Value::Number(_) => value.to_string(),
        _ => serde_json::to_string(value).unwrap_or_default(),
    }
}

/// Whether `value` is a string, number, bool or null.
pub fn is_scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}
