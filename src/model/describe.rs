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

/// Brackets a pattern in the drawn text until [`fold_patterns`] decides how to show it.
pub(super) const PATTERN_MARK: char = '\u{1}';

/// Patterns at least this long that occur more than once are printed once, at the end.
const FOLD_PATTERN_LEN: usize = 24;

impl Model {
    /// The skeleton for `name`: an operation's input (or its output when `output`), else a
    /// shape of that name; else an error naming the closest operation or shape.
    pub fn describe_named(&self, name: &str, output: bool) -> Result<String, String> {
        let name = name.trim();
        if let Some((head, path)) = name.split_once('.') {
            return self
                .describe_member_path(head, path, output)
                .map(fold_patterns);
        }
        if let Some(op) = self.operation(name) {
            return Ok(fold_patterns(if output {
                self.draw_output(op, true)
            } else {
                self.draw_input(op, true)
            }));
        }
        if let Some(id) = self.shape_id(name) {
            if output {
                return Err(format!(
                    "`{name}` is a shape, not an operation: `--response` needs an operation"
                ));
            }
            return Ok(fold_patterns(self.describe_shape(id, true)));
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
        let ops = self
            .operations()
            .iter()
            .map(|o| if snake { o.snake_name } else { o.name });
        if let Some(op) = super::suggest::closest(name, ops) {
            return Some(op.to_string());
        }
        let shapes = self.shapes.iter().map(|s| s.name);
        super::suggest::closest(name, shapes).map(str::to_string)
    }

    /// The operation closest to `name`, for "did you mean" where only operations fit.
    pub fn suggest_operation(&self, name: &str) -> Option<&Operation> {
        let names = self
            .operations()
            .iter()
            .flat_map(|o| [o.name, o.snake_name]);
        super::suggest::closest(name, names).and_then(|n| self.operation(n))
    }

    /// A human skeleton of `op`'s output, expanded like the input.
    pub fn describe_output(&self, op: &Operation) -> String {
        self.draw_output(op, false).replace(PATTERN_MARK, "")
    }

    fn draw_output(&self, op: &Operation, docs: bool) -> String {
        let mut out = String::new();
        match (&op.output_shape, self.output_id(op)) {
            (Some(name), Some(id)) => {
                let _ = writeln!(out, "{} -> {name}", op.name);
                self.expand(&mut out, 0, id, &mut Vec::new(), docs);
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
    fn describe_shape(&self, id: ShapeId, docs: bool) -> String {
        let shape = self.shape(id);
        let mut out = String::new();
        let summary = self
            .shape_doc_html(shape.name)
            .filter(|_| docs)
            .map(|h| format!("  // {}\n", super::docs::summary(h)))
            .unwrap_or_default();
        if shape.is_structure() {
            let _ = write!(out, "{} {{\n{summary}", shape.name);
            self.expand(&mut out, 0, id, &mut Vec::new(), docs);
            out.push_str("}\n");
        } else {
            let line = format!("{}: {}", shape.name, self.inline(id, 0));
            out.push_str(&with_notes(line, &self.inline_notes(id)));
            out.push_str(&summary);
        }
        out
    }

    /// A human skeleton of `op`'s input and output.
    pub fn describe(&self, op: &Operation) -> String {
        self.draw_input(op, false).replace(PATTERN_MARK, "")
    }

    fn draw_input(&self, op: &Operation, docs: bool) -> String {
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
        if docs && let Some(html) = self.operation_doc_html(op) {
            let _ = writeln!(out, "// {}", super::docs::summary(html));
        }
        if let Some(id) = self.input_id(op) {
            let mut stack = vec![id];
            for m in self.shape(id).members() {
                self.member_lines(&mut out, 1, m, &mut stack, docs);
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
                    if docs && let Some(html) = self.member_doc_html(name, m) {
                        line.push_str("  // ");
                        line.push_str(&super::docs::summary(html));
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

    pub(super) fn member_lines(
        &self,
        out: &mut String,
        indent: usize,
        m: &Member,
        stack: &mut Vec<ShapeId>,
        docs: bool,
    ) {
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
        if docs {
            let parent = stack.last().map(|&p| self.shape(p).name);
            if let Some(html) = parent.and_then(|p| self.member_doc_html(p, m)) {
                let _ = writeln!(out, "{pad}// {}", super::docs::summary(html));
            }
        }
        let label = format!("{pad}{}: ", m.name);
        match &shape.kind {
            Kind::Structure(_) if self.expandable(m.shape, indent, stack) => {
                notes.extend(own_notes(shape));
                out.push_str(&with_notes(format!("{label}{{"), &notes));
                self.expand(out, indent, m.shape, stack, docs);
                let _ = writeln!(out, "{pad}}}");
            }
            Kind::List(item) if self.expandable(*item, indent, stack) => {
                notes.extend(own_notes(shape));
                notes.extend(own_notes(self.shape(*item)));
                out.push_str(&with_notes(format!("{label}[ {{"), &notes));
                self.expand(out, indent, *item, stack, docs);
                let _ = writeln!(out, "{pad}}} ]");
            }
            Kind::Map { key, value } if self.expandable(*value, indent, stack) => {
                notes.extend(own_notes(shape));
                notes.extend(prefixed("keys", own_notes(self.shape(*key))));
                let open = format!("{label}map<{}, {{", self.inline(*key, indent));
                out.push_str(&with_notes(open, &notes));
                self.expand(out, indent, *value, stack, docs);
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

    fn expand(
        &self,
        out: &mut String,
        indent: usize,
        id: ShapeId,
        stack: &mut Vec<ShapeId>,
        docs: bool,
    ) {
        stack.push(id);
        for m in self.shape(id).members() {
            self.member_lines(out, indent + 1, m, stack, docs);
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
    pub(super) fn inline(&self, id: ShapeId, depth: usize) -> String {
        let shape = self.shape(id);
        if depth > MAX_EXPAND {
            return "…".to_string();
        }
        match &shape.kind {
            Kind::String if !shape.enum_values.is_empty() => enum_text(shape),
            Kind::Structure([]) => "{}".to_string(),
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
    pub(super) fn inline_notes(&self, id: ShapeId) -> Vec<String> {
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
pub(super) fn own_notes(shape: &Shape) -> Vec<String> {
    let mut notes = Vec::new();
    let range = fmt_range(shape.min, shape.max);
    match shape.kind {
        Kind::String if shape.enum_values.is_empty() => {
            if let Some(r) = range {
                notes.push(format!("len {r}"));
            }
            if let Some(p) = &shape.pattern {
                notes.push(format!(
                    "pattern {PATTERN_MARK}{}{PATTERN_MARK}",
                    p.source()
                ));
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

/// `text` with each long pattern that occurs more than once replaced by a reference
/// (`pattern <P1>`) and listed once at the end (`<P1> arn:…`); the marks around the others
/// removed.
pub(crate) fn fold_patterns(text: String) -> String {
    let mut found: Vec<(&str, usize)> = Vec::new();
    let mut rest = text.as_str();
    while let Some(start) = rest.find(PATTERN_MARK) {
        let after = &rest[start + 1..];
        let Some(end) = after.find(PATTERN_MARK) else {
            break;
        };
        let pattern = &after[..end];
        match found.iter_mut().find(|(p, _)| *p == pattern) {
            Some((_, n)) => *n += 1,
            None => found.push((pattern, 1)),
        }
        rest = &after[end + 1..];
    }
    let folded: Vec<&str> = found
        .iter()
        .filter(|(p, n)| *n > 1 && p.chars().count() >= FOLD_PATTERN_LEN)
        .map(|(p, _)| *p)
        .collect();
    let mut out = text.clone();
    for (i, p) in folded.iter().enumerate() {
        out = out.replace(
            &format!("{PATTERN_MARK}{p}{PATTERN_MARK}"),
            &format!("<P{}>", i + 1),
        );
    }
    out = out.replace(PATTERN_MARK, "");
    if !folded.is_empty() {
        out.push_str("patterns:\n");
        for (i, p) in folded.iter().enumerate() {
            let _ = writeln!(out, "  <P{}> {p}", i + 1);
        }
    }
    out
}
