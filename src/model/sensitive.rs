//! The names of members marked `sensitive` anywhere in the model, for redacting values whose
//! operation is not known (the REPL's echo).

use std::collections::{BTreeSet, HashSet};

use super::shapes::{Kind, ShapeId};
use super::{MAX_DEPTH, Model};

impl Model {
    /// Every member name that is sensitive (or of a sensitive shape) in some operation's input
    /// or output.
    pub fn sensitive_member_names(&self) -> BTreeSet<String> {
        let mut names = BTreeSet::new();
        let mut visited = HashSet::new();
        for op in self.operations() {
            for id in [self.input_id(op), self.output_id(op)]
                .into_iter()
                .flatten()
            {
                self.collect_sensitive(id, &mut visited, &mut names, 0);
            }
        }
        names
    }

    fn collect_sensitive(
        &self,
        id: ShapeId,
        visited: &mut HashSet<ShapeId>,
        names: &mut BTreeSet<String>,
        depth: usize,
    ) {
        if depth > MAX_DEPTH || !visited.insert(id) {
            return;
        }
        match &self.shape(id).kind {
            Kind::Structure(members) => {
                for m in members {
                    if m.sensitive || self.shape(m.shape).sensitive {
                        names.insert(m.name.clone());
                    }
                    self.collect_sensitive(m.shape, visited, names, depth + 1);
                }
            }
            Kind::List(item) => self.collect_sensitive(*item, visited, names, depth + 1),
            Kind::Map { value, .. } => self.collect_sensitive(*value, visited, names, depth + 1),
            _ => {}
        }
    }
}
