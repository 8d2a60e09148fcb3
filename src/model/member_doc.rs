//! One member reached by a path (`CreateUserPool.Policies.PasswordPolicy.MinimumLength`): its
//! type, limits, whether it is required, and its documentation. `describe OP.Member.Path`
//! draws it whole; the language server's hover and completion show it.

use std::fmt::Write;

use super::describe::{PATTERN_MARK, fold_patterns};
use super::shapes::{Kind, ShapeId};
use super::{Model, Operation, docs};

/// What is known of one member.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberDoc {
    pub name: String,
    /// The structure shape that holds it (`PasswordPolicyType`).
    pub parent: String,
    /// One-line type text: `integer`, `"OFF" | "ON"`, `{ PasswordPolicyType }`.
    pub type_text: String,
    /// `required`, `deprecated`, `sensitive` and limits (`6..99`, `len 1..128`, `pattern …`).
    pub notes: Vec<String>,
    pub required: bool,
    /// botocore's documentation HTML, when it has some.
    pub html: Option<&'static str>,
}

impl MemberDoc {
    /// The first sentence of the documentation, or nothing.
    pub fn summary(&self) -> String {
        self.html.map(docs::summary).unwrap_or_default()
    }

    /// `type  notes` on one line.
    pub fn signature(&self) -> String {
        let mut line = self.type_text.clone();
        for n in &self.notes {
            line.push_str("  ");
            line.push_str(n);
        }
        line
    }

    /// The whole documentation as text or Markdown.
    pub fn full(&self, markdown: bool) -> String {
        self.html
            .map(|h| docs::full(h, markdown))
            .unwrap_or_default()
    }
}

impl Model {
    /// The member at `path` of `op`'s input (or output): segments are member names, lists
    /// stepped through (a `[3]` suffix is ignored), a map's key one segment. An error names
    /// the segment that is not a member, with "did you mean".
    pub fn member_doc(
        &self,
        op: &Operation,
        path: &[&str],
        output: bool,
    ) -> Result<MemberDoc, String> {
        let root = if output {
            self.output_id(op)
        } else {
            self.input_id(op)
        };
        let root = root.ok_or_else(|| {
            let side = if output { "output" } else { "input" };
            format!("{} has no {side}", op.name)
        })?;
        self.member_doc_from(root, op.name, path)
            .map(|(doc, _, _)| doc)
    }

    /// The operation's first sentence of documentation, or nothing.
    pub fn operation_summary(&self, op: &Operation) -> String {
        self.operation_doc_html(op)
            .map(docs::summary)
            .unwrap_or_default()
    }

    /// The operation's documentation whole, as text or Markdown.
    pub fn operation_doc(&self, op: &Operation, markdown: bool) -> String {
        self.operation_doc_html(op)
            .map(|h| docs::full(h, markdown))
            .unwrap_or_default()
    }

    /// Walks `path` from `root`: the member's documentation, its parent's id and its index.
    fn member_doc_from(
        &self,
        root: ShapeId,
        label: &str,
        path: &[&str],
    ) -> Result<(MemberDoc, ShapeId, usize), String> {
        let mut id = root;
        let mut walked = label.to_string();
        let mut found = None;
        for seg in path {
            let name = seg.split('[').next().unwrap_or(seg);
            id = self.through_lists(id);
            let shape = self.shape(id);
            match &shape.kind {
                Kind::Structure(members) => {
                    let Some(index) = members.iter().position(|m| m.name == name) else {
                        let mut message = format!("`{walked}` has no member `{name}`");
                        let names = members.iter().map(|m| m.name);
                        if let Some(near) = super::suggest::closest(name, names) {
                            let _ = write!(message, "; did you mean `{near}`?");
                        }
                        return Err(message);
                    };
                    found = Some((id, index));
                    id = members[index].shape;
                }
                Kind::Map { value, .. } => {
                    found = None;
                    id = *value;
                }
                _ => {
                    return Err(format!(
                        "`{walked}` is a {}: it has no members",
                        shape.type_name()
                    ));
                }
            }
            walked.push('.');
            walked.push_str(seg);
        }
        let Some((parent, index)) = found else {
            return Err(format!(
                "`{walked}` is not a member (name one: `{label}.Member`)"
            ));
        };
        let m = &self.shape(parent).members()[index];
        let mut notes = Vec::new();
        if m.required {
            notes.push("required".to_string());
        }
        if m.deprecated {
            notes.push("deprecated".to_string());
        }
        if m.sensitive && !self.shape(m.shape).sensitive {
            notes.push("sensitive".to_string());
        }
        notes.extend(
            self.inline_notes(m.shape)
                .into_iter()
                .map(|n| n.replace(PATTERN_MARK, "")),
        );
        let parent_name = self.shape(parent).name.to_string();
        let doc = MemberDoc {
            name: m.name.to_string(),
            html: self.member_doc_html(&parent_name, m),
            parent: parent_name,
            type_text: self.inline(m.shape, 0),
            notes,
            required: m.required,
        };
        Ok((doc, parent, index))
    }

    /// `describe OP.Member.Path` (or `SHAPE.Member`): the member's path and holder, its
    /// documentation whole, then its skeleton.
    pub(super) fn describe_member_path(
        &self,
        head: &str,
        path: &str,
        output: bool,
    ) -> Result<String, String> {
        let segs: Vec<&str> = path.split('.').collect();
        if segs.iter().any(|s| s.is_empty()) {
            return Err(format!(
                "`{head}.{path}`: a member path has no empty segments"
            ));
        }
        let (root, label) = if let Some(op) = self.operation(head) {
            let id = if output {
                self.output_id(op)
            } else {
                self.input_id(op)
            };
            let side = if output { "output" } else { "input" };
            (
                id.ok_or_else(|| format!("{} has no {side}", op.name))?,
                op.name.to_string(),
            )
        } else if let Some(id) = self.shape_id(head) {
            (id, head.to_string())
        } else {
            let mut message = format!("`{head}` is not a Cognito operation or shape");
            if let Some(near) = self.suggest_name(head) {
                let _ = write!(message, "; did you mean `{near}`?");
            }
            return Err(message);
        };
        let (doc, parent, index) = self.member_doc_from(root, &label, &segs)?;
        let mut out = String::new();
        let _ = writeln!(out, "{label}.{path}  (member of {})", doc.parent);
        let mut skeleton = String::new();
        let member = &self.shape(parent).members()[index];
        self.member_lines(&mut skeleton, 0, member, &mut Vec::new(), true);
        let text = doc.full(false);
        if !text.is_empty() {
            out.push('\n');
            out.push_str(&super::doc_text::wrap(&text, 100, "  "));
            out.push_str("\n\n");
        }
        out.push_str(&skeleton);
        Ok(fold_patterns(out))
    }
}
