//! The shapes under an answer, for the missing-member hint: which shape lies under a member,
//! a list's items or a map's values, and what a structure calls its members.

use super::shapes::{Kind, ShapeId};
use super::{Model, Operation};

impl Model {
    /// The shape of one item `paginate` returns for `op` (an item of its result list).
    pub(crate) fn page_item_shape(&self, op: &Operation) -> Option<ShapeId> {
        let list = self.child_shape(self.output_id(op)?, Some(self.paginator(op)?.result_key))?;
        self.child_shape(list, None)
    }

    /// The shape under `key` of a structure (its member) or a map (its values), or under the
    /// items of a list (`key` is `None`).
    pub(crate) fn child_shape(&self, id: ShapeId, key: Option<&str>) -> Option<ShapeId> {
        let shape = self.shape(id);
        match (&shape.kind, key) {
            (Kind::Structure(_), Some(name)) => shape.member(name).map(|m| m.shape),
            (Kind::Map { value, .. }, Some(_)) => Some(*value),
            (Kind::List(item), None) => Some(*item),
            _ => None,
        }
    }

    /// A structure's name and its members' names; `None` for any other kind.
    pub(crate) fn structure_members(
        &self,
        id: ShapeId,
    ) -> Option<(&'static str, impl Iterator<Item = &'static str>)> {
        let shape = self.shape(id);
        match shape.kind {
            Kind::Structure(members) => Some((shape.name, members.iter().map(|m| m.name))),
            _ => None,
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::model::Model;

    #[test]
    fn a_list_answer_leads_to_its_items_members() {
        let model = Model::embedded();
        let op = model.operation("ListUserPools").unwrap();
        let out = model.output_id(op).unwrap();
        let list = model.child_shape(out, Some("UserPools")).unwrap();
        let item = model.child_shape(list, None).unwrap();
        assert_eq!(model.page_item_shape(op), Some(item));
        let (name, members) = model.structure_members(item).unwrap();
        assert_eq!(name, "UserPoolDescriptionType");
        assert!(members.collect::<Vec<_>>().contains(&"Name"));
        assert_eq!(model.child_shape(out, Some("Nmae")), None);
    }
}
