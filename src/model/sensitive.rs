//! Member names found by walking shapes: those marked `sensitive` anywhere in the model (for
//! redacting values whose operation is not known, such as the REPL's echo), and the walk itself,
//! which other tables (timestamp members) share.

use std::collections::{BTreeSet, HashSet};

use super::shapes::{Kind, Member, ShapeId};
use super::{MAX_DEPTH, Model};

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
