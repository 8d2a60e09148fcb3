//! An answer read against its operation's output shape before pooler's own readers (ensure,
//! plan, export, import, the bulk probes) rely on it: every value of the JSON type the model
//! gives its member, and a page holding no more items than the paginator's limit lets one page
//! hold. Read straight from the bytes, keeping nothing but the way down, so a malformed answer
//! is refused before any of it is built. A script's own calls are not held to this: a script
//! gets what the service said.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::shapes::{Kind, ShapeId};
use super::{Model, Operation, member_path};

impl Model {
    /// Checks the 2xx body `body` of `op` against the output shape; the error says where the
    /// answer breaks it (`UserPools[0] is a number, where the model has a structure (…)`).
    pub fn check_answer(&self, op: &Operation, body: &[u8]) -> Result<(), String> {
        let Some(output) = self.output_id(op) else {
            return Ok(());
        };
        if body.iter().all(u8::is_ascii_whitespace) {
            return Ok(());
        }
        let failure = RefCell::new(None);
        let page = self.page_bound(op);
        let mut de = serde_json::Deserializer::from_slice(body);
        let seed = Seed {
            model: self,
            shape: output,
            at: &Place::Root,
            page: page.as_ref(),
            failure: &failure,
        };
        let read = seed.deserialize(&mut de);
        match (failure.into_inner(), read) {
            (Some(message), _) => Err(message),
            (None, Err(e)) => Err(e.to_string()),
            (None, Ok(())) => Ok(()),
        }
    }

    /// The most items one page of `op` holds: the largest value its limit member may take.
    fn page_bound(&self, op: &Operation) -> Option<Page> {
        let pager = self.paginator(op)?;
        let limit = pager.limit_key?;
        let member = self.shape(self.input_id(op)?).member(limit)?;
        let most = self.shape(member.shape).max?;
        Some(Page {
            operation: op.name,
            result_key: pager.result_key,
            limit_key: limit,
            most: most as usize,
        })
    }
}

/// What bounds the result list of a paginated answer.
struct Page {
    operation: &'static str,
    result_key: &'static str,
    limit_key: &'static str,
    most: usize,
}

/// Where in the answer a value sits, kept as a chain of borrowed steps so that nothing is
/// written out unless the value is wrong.
enum Place<'a> {
    Root,
    Member(&'a Place<'a>, &'a str),
    Index(&'a Place<'a>, usize),
    Key(&'a Place<'a>, &'a str),
}

impl Place<'_> {
    fn path(&self) -> String {
        match self {
            Place::Root => String::new(),
            Place::Member(parent, name) => member_path::member(&parent.path(), name),
            Place::Index(parent, i) => member_path::index(&parent.path(), *i),
            Place::Key(parent, key) => member_path::key(&parent.path(), key),
        }
    }
}

struct Seed<'a> {
    model: &'a Model,
    shape: ShapeId,
    at: &'a Place<'a>,
    page: Option<&'a Page>,
    failure: &'a RefCell<Option<String>>,
}

impl Seed<'_> {
    fn child<'b>(&'b self, shape: ShapeId, at: &'b Place<'b>) -> Seed<'b> {
        Seed {
            model: self.model,
            shape,
            at,
            page: None,
            failure: self.failure,
        }
    }

    fn kind(&self) -> &'static Kind {
        &self.model.shape(self.shape).kind
    }

    fn fail<E: de::Error>(&self, message: String) -> E {
        let error = E::custom(&message);
        self.failure.borrow_mut().get_or_insert(message);
        error
    }

    fn mismatch<E: de::Error>(&self, found: &str) -> E {
        let shape = self.model.shape(self.shape);
        let path = match self.at.path() {
            p if p.is_empty() => "the answer".to_string(),
            p => p,
        };
        self.fail(format!(
            "{path} is {found}, where the model has a {} ({})",
            shape.type_name(),
            shape.name
        ))
    }

    fn scalar<E: de::Error>(&self, fits: bool, found: &str) -> Result<(), E> {
        if fits || matches!(self.kind(), Kind::Any) {
            Ok(())
        } else {
            Err(self.mismatch(found))
        }
    }
}

impl<'de> DeserializeSeed<'de> for Seed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Seed<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<(), E> {
        self.scalar(matches!(self.kind(), Kind::Boolean), "a boolean")
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<(), E> {
        self.scalar(is_number(self.kind()), "a number")
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<(), E> {
        self.scalar(is_number(self.kind()), "a number")
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<(), E> {
        self.scalar(is_number(self.kind()), "a number")
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<(), E> {
        // Doubles may come as "NaN" or "Infinity", timestamps as ISO 8601 text.
        let fits = matches!(
            self.kind(),
            Kind::String | Kind::Blob | Kind::Timestamp | Kind::Double | Kind::Float
        );
        self.scalar(fits, "a string")
    }

    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        let item = match self.kind() {
            Kind::List(item) => *item,
            Kind::Any => {
                while seq.next_element::<IgnoredAny>()?.is_some() {}
                return Ok(());
            }
            _ => return Err(self.mismatch("a list")),
        };
        let mut i = 0;
        loop {
            let at = Place::Index(self.at, i);
            if seq.next_element_seed(self.child(item, &at))?.is_none() {
                return Ok(());
            }
            i += 1;
            if let Some(page) = self.page.filter(|p| i > p.most) {
                return Err(self.fail(format!(
                    "{} holds more than {} items, more than one {} page can ({} is at most {})",
                    page.result_key, page.most, page.operation, page.limit_key, page.most
                )));
            }
        }
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        match self.kind() {
            Kind::Structure(members) => {
                while let Some(key) = access.next_key::<String>()? {
                    let Some(member) = members.iter().find(|m| m.name == key) else {
                        access.next_value::<IgnoredAny>()?;
                        continue;
                    };
                    let at = Place::Member(self.at, member.name);
                    let mut seed = self.child(member.shape, &at);
                    if matches!(self.at, Place::Root) {
                        seed.page = self.page.filter(|p| p.result_key == member.name);
                    }
                    access.next_value_seed(seed)?;
                }
                Ok(())
            }
            Kind::Map { value, .. } => {
                while let Some(key) = access.next_key::<String>()? {
                    let at = Place::Key(self.at, &key);
                    access.next_value_seed(self.child(*value, &at))?;
                }
                Ok(())
            }
            Kind::Any => {
                while access.next_entry::<IgnoredAny, IgnoredAny>()?.is_some() {}
                Ok(())
            }
            _ => Err(self.mismatch("a map")),
        }
    }
}

fn is_number(kind: &Kind) -> bool {
    matches!(
        kind,
        Kind::Integer | Kind::Long | Kind::Double | Kind::Float | Kind::Timestamp
    )
}

#[cfg(test)]
mod tests {
    use crate::model::Model;

    fn check(op: &str, body: &str) -> Result<(), String> {
        let model = Model::embedded();
        let op = model.operation(op).expect("in the model");
        model.check_answer(op, body.as_bytes())
    }

    #[test]
    fn an_answer_of_the_model_s_types_passes() {
        let body = r#"{"UserPools":[{"Id":"us-west-2_a","Name":"p","LastModifiedDate":1.7e9,
            "CreationDate":"2026-01-01T00:00:00Z","LambdaConfig":{},"Extra":[1,{"x":2}]}],
            "NextToken":null,"Unknown":{"a":[0]}}"#;
        assert_eq!(check("ListUserPools", body), Ok(()));
        assert_eq!(check("ListUserPools", ""), Ok(()));
    }

    #[test]
    fn a_value_of_another_type_is_named_with_its_path() {
        assert_eq!(
            check("ListUserPools", r#"{"UserPools":[0,0]}"#),
            Err("UserPools[0] is a number, where the model has a structure \
                 (UserPoolDescriptionType)"
                .into())
        );
        assert_eq!(
            check("ListUserPools", r#"{"UserPools":[{"Name":["p"]}]}"#),
            Err("UserPools[0].Name is a list, where the model has a string \
                 (UserPoolNameType)"
                .into())
        );
        assert_eq!(
            check("ListUserPools", "[]"),
            Err("the answer is a list, where the model has a structure \
                 (ListUserPoolsResponse)"
                .into())
        );
    }

    #[test]
    fn a_page_longer_than_its_limit_allows_is_refused() {
        let items = |n: usize| vec!["{}"; n].join(",");
        let at_most = format!(r#"{{"UserPools":[{}]}}"#, items(60));
        assert_eq!(check("ListUserPools", &at_most), Ok(()));
        let over = format!(r#"{{"UserPools":[{}]}}"#, items(61));
        assert_eq!(
            check("ListUserPools", &over),
            Err(
                "UserPools holds more than 60 items, more than one ListUserPools page can \
                 (MaxResults is at most 60)"
                    .into()
            )
        );
    }
}
