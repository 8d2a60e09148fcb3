//! `pooler describe OP`: a readable, deterministic skeleton of an operation's input, with
//! types and limits, followed by the output's top-level members.
//!
//! ```text
//! CreateThing(input: CreateThingRequest)
//!   Name: string  required  len 1..128  pattern [\w+]+
//!   Settings: {
//!     Size: integer  6..99
//!   }
//!   Rules: [ {  items 1..50
//!     Kind: "A" | "B"  required
//!   } ]
//!   Tags: map<string, string>  entries ..50
//! returns CreateThingResponse
//!   Thing: { ThingType }
//! ```
//!
//! `describe OP --output` expands the output the same way (`CreateThing -> CreateThingResponse`),
//! and a shape's name (`describe ThingType`) shows that shape. A name that is neither gets a
//! "did you mean" from [`Model::describe_named`].
//!
//! Annotations follow two spaces each; lists of scalars show their items' limits after
//! `each`, maps their keys' and values' after `keys` and `values`. A structure already being
//! expanded on the current path is shown as `{ … }  recursive NAME`.

use std::fmt::Write;

use super::shapes::{Kind, Member, Shape, ShapeId, fmt_range};
use super::{Model, Operation};

/// Deepest nesting the skeleton expands.
const MAX_EXPAND: usize = 12;

impl Model {
    /// The skeleton for `name`: an operation's input (or its output when `output`), else a
    /// shape of that name; else an error naming the closest operation or shape.
    pub fn describe_named(&self, name: &str, output: bool) -> Result<String, String> {
        let name = name.trim();
        if let Some(op) = self.operation(name) {
            return Ok(if output {
                self.describe_output(op)
            } else {
                self.describe(op)
            });
        }
        if let Some(id) = self.shape_id(name) {
            if output {
                return Err(format!(
                    "`{name}` is a shape, not an operation: `--response` needs an operation"
                ));
            }
            return Ok(self.describe_shape(id));
        }
        let mut message = format!("`{name}` is not a Cognito operation or shape");
        if let Some(near) = self.suggest_name(name) {
            message.push_str(&format!("; did you mean `{near}`?"));
        }
        Err(message)
    }

    /// The operation name (API or snake form, as `name` was written) or shape name closest
    /// to `name`, for "did you mean".
    pub fn suggest_name(&self, name: &str) -> Option<String> {
        let snake = name.contains('_') || name.chars().next().is_some_and(char::is_lowercase);
        let ops = self.operations().iter().map(|o| {
            if snake {
                o.snake_name.as_str()
            } else {
                o.name.as_str()
            }
        });
        if let Some(op) = super::suggest::closest(name, ops) {
            return Some(op.to_string());
        }
        let shapes = self.shapes.iter().map(|s| s.name.as_str());
        super::suggest::closest(name, shapes).map(str::to_string)
    }

    /// The operation closest to `name`, for "did you mean" where only operations fit.
    pub fn suggest_operation(&self, name: &str) -> Option<&Operation> {
        let names = self
            .operations()
            .iter()
            .flat_map(|o| [o.name.as_str(), o.snake_name.as_str()]);
        super::suggest::closest(name, names).and_then(|n| self.operation(n))
    }

    /// A human skeleton of `op`'s output, expanded like the input.
    pub fn describe_output(&self, op: &Operation) -> String {
        let mut out = String::new();
        match (&op.output_shape, self.output_id(op)) {
            (Some(name), Some(id)) => {
                let _ = writeln!(out, "{} -> {name}", op.name);
                self.expand(&mut out, 0, id, &mut Vec::new());
            }
            _ => {
                let _ = writeln!(out, "{} -> nothing", op.name);
            }
        }
        if let Some(p) = self.paginator(op) {
            let _ = writeln!(
                out,
                "pages with {} (input) / {} (output); results in {}",
                p.input_token, p.output_token, p.result_key
            );
        }
        out
    }

    /// A human skeleton of one shape: a structure's members expanded, else its type and limits.
    fn describe_shape(&self, id: ShapeId) -> String {
        let shape = self.shape(id);
        let mut out = String::new();
        if shape.is_structure() {
            let _ = writeln!(out, "{} {{", shape.name);
            self.expand(&mut out, 0, id, &mut Vec::new());
            out.push_str("}\n");
        } else {
            let line = format!("{}: {}", shape.name, self.inline(id, 0));
            out.push_str(&with_notes(line, &self.inline_notes(id)));
        }
        out
    }

    /// A human skeleton of `op`'s input and output.
    pub fn describe(&self, op: &Operation) -> String {
        let mut out = String::new();
        match (&op.input_shape, self.input_id(op)) {
            (Some(name), Some(_)) => {
                let _ = write!(out, "{}(input: {name})", op.name);
            }
            _ => out.push_str(&format!("{}()", op.name)),
        }
        if op.unsigned {
            out.push_str("  unsigned (no AWS credentials needed)");
        }
        out.push('\n');
        if let Some(id) = self.input_id(op) {
            let mut stack = vec![id];
            for m in self.shape(id).members() {
                self.member_lines(&mut out, 1, m, &mut stack);
            }
        }
        match (&op.output_shape, self.output_id(op)) {
            (Some(name), Some(id)) => {
                let _ = writeln!(out, "returns {name}");
                for m in self.shape(id).members() {
                    let mut line = format!("  {}: {}", m.name, self.inline(m.shape, 0));
                    if m.sensitive || self.shape(m.shape).sensitive {
                        line.push_str("  sensitive");
                    }
                    out.push_str(&line);
                    out.push('\n');
                }
            }
            _ => out.push_str("returns nothing\n"),
        }
        if let Some(p) = self.paginator(op) {
            let _ = writeln!(
                out,
                "pages with {} (input) / {} (output); results in {}",
                p.input_token, p.output_token, p.result_key
            );
        }
        out
    }

    fn member_lines(&self, out: &mut String, indent: usize, m: &Member, stack: &mut Vec<ShapeId>) {
        let pad = "  ".repeat(indent);
        let shape = self.shape(m.shape);
        let mut notes = Vec::new();
        if m.required {
            notes.push("required".to_string());
        }
        if m.deprecated {
            notes.push("deprecated".to_string());
        }
        if m.sensitive && !shape.sensitive {
            notes.push("sensitive".to_string());
        }
        let label = format!("{pad}{}: ", m.name);
        match &shape.kind {
            Kind::Structure(_) if self.expandable(m.shape, indent, stack) => {
                notes.extend(own_notes(shape));
                out.push_str(&with_notes(format!("{label}{{"), &notes));
                self.expand(out, indent, m.shape, stack);
                let _ = writeln!(out, "{pad}}}");
            }
            Kind::List(item) if self.expandable(*item, indent, stack) => {
                notes.extend(own_notes(shape));
                notes.extend(own_notes(self.shape(*item)));
                out.push_str(&with_notes(format!("{label}[ {{"), &notes));
                self.expand(out, indent, *item, stack);
                let _ = writeln!(out, "{pad}}} ]");
            }
            Kind::Map { key, value } if self.expandable(*value, indent, stack) => {
                notes.extend(own_notes(shape));
                notes.extend(prefixed("keys", own_notes(self.shape(*key))));
                let open = format!("{label}map<{}, {{", self.inline(*key, indent));
                out.push_str(&with_notes(open, &notes));
                self.expand(out, indent, *value, stack);
                let _ = writeln!(out, "{pad}}}>");
            }
            _ => {
                notes.extend(self.inline_notes(m.shape));
                let line = format!("{label}{}", self.inline_marked(m.shape, indent, stack));
                out.push_str(&with_notes(line, &notes));
            }
        }
    }

    /// A non-empty structure that is neither recursive here nor too deep.
    fn expandable(&self, id: ShapeId, indent: usize, stack: &[ShapeId]) -> bool {
        let shape = self.shape(id);
        shape.is_structure()
            && !shape.members().is_empty()
            && indent < MAX_EXPAND
            && !stack.contains(&id)
    }

    fn expand(&self, out: &mut String, indent: usize, id: ShapeId, stack: &mut Vec<ShapeId>) {
        stack.push(id);
        for m in self.shape(id).members() {
            self.member_lines(out, indent + 1, m, stack);
        }
        stack.pop();
    }

    /// One-line type text for a member that is not expanded: a structure (or a list or map
    /// of them) cut off because it recurses or nests too deep is shown as `{ … }`.
    fn inline_marked(&self, id: ShapeId, depth: usize, stack: &[ShapeId]) -> String {
        let shape = self.shape(id);
        match &shape.kind {
            Kind::Structure(m) if !m.is_empty() => {
                if stack.contains(&id) {
                    format!("{{ … }}  recursive {}", shape.name)
                } else {
                    "{ … }".to_string()
                }
            }
            Kind::List(item) if self.shape(*item).is_structure() => {
                let inner = self.inline_marked(*item, depth + 1, stack);
                match inner.split_once("  ") {
                    Some((ty, note)) => format!("[ {ty} ]  {note}"),
                    None => format!("[ {inner} ]"),
                }
            }
            _ => self.inline(id, depth),
        }
    }

    /// One-line type text: `string`, `"A" | "B"`, `[ string ]`, `{ ShapeName }`, `map<k, v>`.
    fn inline(&self, id: ShapeId, depth: usize) -> String {
        let shape = self.shape(id);
        if depth > MAX_EXPAND {
            return "…".to_string();
        }
        match &shape.kind {
            Kind::String if !shape.enum_values.is_empty() => enum_text(shape),
            Kind::Structure(m) if m.is_empty() => "{}".to_string(),
            Kind::Structure(_) => format!("{{ {} }}", shape.name),
            Kind::List(item) => format!("[ {} ]", self.inline(*item, depth + 1)),
            Kind::Map { key, value } => format!(
                "map<{}, {}>",
                self.inline(*key, depth + 1),
                self.inline(*value, depth + 1)
            ),
            Kind::Blob => "blob (base64)".to_string(),
            Kind::Any => "any JSON".to_string(),
            _ => shape.type_name().to_string(),
        }
    }

    /// Limits of a scalar, or of a list/map and then its items.
    fn inline_notes(&self, id: ShapeId) -> Vec<String> {
        let shape = self.shape(id);
        let mut notes = own_notes(shape);
        match &shape.kind {
            Kind::List(item) => notes.extend(prefixed("each", self.inline_notes(*item))),
            Kind::Map { key, value } => {
                notes.extend(prefixed("keys", own_notes(self.shape(*key))));
                notes.extend(prefixed("values", own_notes(self.shape(*value))));
            }
            _ => {}
        }
        notes
    }
}

/// The shape's own limits: `len 1..128`, `6..99`, `items 1..50`, `pattern …`, `sensitive`.
fn own_notes(shape: &Shape) -> Vec<String> {
    let mut notes = Vec::new();
    let range = fmt_range(shape.min, shape.max);
    match shape.kind {
        Kind::String if shape.enum_values.is_empty() => {
            if let Some(r) = range {
                notes.push(format!("len {r}"));
            }
            if let Some(p) = &shape.pattern {
                notes.push(format!("pattern {}", p.source()));
            }
        }
        Kind::Integer | Kind::Long | Kind::Double | Kind::Float => notes.extend(range),
        Kind::Blob => notes.extend(range.map(|r| format!("bytes {r}"))),
        Kind::List(_) => notes.extend(range.map(|r| format!("items {r}"))),
        Kind::Map { .. } => notes.extend(range.map(|r| format!("entries {r}"))),
        _ => {}
    }
    if shape.sensitive {
        notes.push("sensitive".to_string());
    }
    notes
}

fn prefixed(word: &str, mut notes: Vec<String>) -> Vec<String> {
    if let Some(first) = notes.first_mut() {
        *first = format!("{word} {first}");
    }
    notes
}

fn enum_text(shape: &Shape) -> String {
    shape
        .enum_values
        .iter()
        .map(|v| format!("\"{v}\""))
        .collect::<Vec<_>>()
        .join(" | ")
}

fn with_notes(mut line: String, notes: &[String]) -> String {
    for n in notes {
        line.push_str("  ");
        line.push_str(n);
    }
    line.push('\n');
    line
}
