//! Input members at a nesting path, for REPL completion and hints.

use super::shapes::{Kind, ShapeId};
use super::{MAX_DEPTH, MemberInfo, Model, Operation};

impl Model {
    /// Members of the input structure reached by `path` (`[]` is the top level;
    /// `["Policies", "PasswordPolicy"]`; `["Schema", "StringAttributeConstraints"]`).
    /// Lists are stepped through transparently, a `[3]` suffix on a segment is ignored, and a
    /// map consumes one segment as its key. An unknown path gives no members.
    pub fn input_members_at(&self, op: &Operation, path: &[&str]) -> Vec<MemberInfo> {
        let Some(mut id) = self.input_id(op) else {
            return Vec::new();
        };
        for seg in path {
            let name = seg.split('[').next().unwrap_or(seg);
            id = self.through_lists(id);
            let next = match &self.shape(id).kind {
                Kind::Structure(_) => self.shape(id).member(name).map(|m| m.shape),
                Kind::Map { value, .. } => Some(*value),
                _ => None,
            };
            match next {
                Some(n) => id = n,
                None => return Vec::new(),
            }
        }
        id = self.through_lists(id);
        self.shape(id)
            .members()
            .iter()
            .map(|m| {
                let shape = self.shape(m.shape);
                MemberInfo {
                    name: m.name.to_string(),
                    type_name: shape.type_name().to_string(),
                    required: m.required,
                    enum_values: shape.enum_values.iter().map(|v| v.to_string()).collect(),
                }
            })
            .collect()
    }

    /// The item shape of (nested) lists, or `id` itself.
    pub(super) fn through_lists(&self, mut id: ShapeId) -> ShapeId {
        for _ in 0..MAX_DEPTH {
            match self.shape(id).kind {
                Kind::List(item) => id = item,
                _ => break,
            }
        }
        id
    }
}
