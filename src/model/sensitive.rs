//! Member names found by walking shapes: those marked `sensitive` anywhere in the model (for
//! redacting values whose operation is not known, such as the REPL's echo), and the walk itself,
//! which other tables (timestamp members) share; and the text values a request or response
//! holds in sensitive members (so the secret policy knows those values wherever they go next).

use std::collections::{BTreeSet, HashSet};

use serde_json::Value;

use super::shapes::{Kind, Member, ShapeId};
use super::{MAX_DEPTH, Model, Operation};

impl Model {
    /// Every member name that is sensitive (or of a sensitive shape) in some operation's input
    /// or output, sorted.
    pub fn sensitive_member_names(&self) -> &'static [&'static str] {
        self.sensitive_names
    }

    /// The walk behind [`Model::sensitive_member_names`], run when a model is loaded.
    pub(crate) fn find_sensitive_names(&self) -> BTreeSet<&'static str> {
        let roots = self
            .operations()
            .iter()
            .flat_map(|op| [self.input_id(op), self.output_id(op)])
            .flatten();
        self.member_names_where(roots, &|m| m.sensitive || self.shape(m.shape).sensitive)
    }

    /// Calls `found(member, text)` for every non-empty text value that `v` (an input of `op`, or
    /// its output when `output`) holds in a member the model marks sensitive, or inside one.
    pub fn sensitive_strings(
        &self,
        op: &Operation,
        output: bool,
        v: &Value,
        found: &mut dyn FnMut(&str, &str),
    ) {
        let root = if output {
            self.output_id(op)
        } else {
            self.input_id(op)
        };
        if let Some(id) = root {
            self.walk_sensitive(id, "", false, v, found, 0);
        }
    }

    fn walk_sensitive(
        &self,
        id: ShapeId,
        member: &str,
        inside: bool,
        v: &Value,
        found: &mut dyn FnMut(&str, &str),
        depth: usize,
    ) {
        let shape = self.shape(id);
        let inside = inside || shape.sensitive;
        if depth > MAX_DEPTH {
            return;
        }
        match (&shape.kind, v) {
            (_, Value::String(text)) if inside && !text.is_empty() => found(member, text),
            (Kind::Structure(_), Value::Object(map)) => {
                for (k, x) in map {
                    if let Some(m) = shape.member(k) {
                        self.walk_sensitive(m.shape, k, inside || m.sensitive, x, found, depth + 1);
                    }
                }
            }
            (Kind::List(item), Value::Array(items)) => {
                for x in items {
                    self.walk_sensitive(*item, member, inside, x, found, depth + 1);
                }
            }
            (Kind::Map { value, .. }, Value::Object(map)) => {
                for x in map.values() {
                    self.walk_sensitive(*value, member, inside, x, found, depth + 1);
                }
            }
            _ => {}
        }
    }

    /// The names of every member reachable from `roots` (each shape visited once, depth
    /// bounded) for which `keep` holds.
    pub(crate) fn member_names_where(
        &self,
        roots: impl Iterator<Item = ShapeId>,
        keep: &dyn Fn(&Member) -> bool,
    ) -> BTreeSet<&'static str> {
        let mut names = BTreeSet::new();
        let mut visited = HashSet::new();
        for id in roots {
            self.collect_names(id, keep, &mut visited, &mut names, 0);
        }
        names
    }

    fn collect_names(
        &self,
        id: ShapeId,
        keep: &dyn Fn(&Member) -> bool,
        visited: &mut HashSet<ShapeId>,
        names: &mut BTreeSet<&'static str>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH || !visited.insert(id) {
            return;
        }
        match self.shape(id).kind {
            Kind::Structure(members) => {
                for m in members {
                    if keep(m) {
                        names.insert(m.name);
                    }
                    self.collect_names(m.shape, keep, visited, names, depth + 1);
                }
            }
            Kind::List(item) => self.collect_names(item, keep, visited, names, depth + 1),
            Kind::Map { value, .. } => self.collect_names(value, keep, visited, names, depth + 1),
            _ => {}
        }
    }
}
