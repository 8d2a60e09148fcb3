//! Plan mode (`pooler plan FILE`): reads are sent, every write is replaced by a report line on
//! stdout saying what would happen, and the script gets a synthesized answer instead.

use std::cell::Cell;

use serde_json::Value;

use super::cognito::Cognito;
use super::ensure_diff::{Change, is_secret_path};
use crate::model::Operation;

/// Marks ids that a plan made up for things it would create (shaped like a pool id, so that
/// requests using it still validate).
pub const PLANNED_PREFIX: &str = "planned_";

/// The made-up id of something a plan would create.
pub fn planned_id(name: &str) -> String {
    let tail: String = name
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(40)
        .collect();
    format!(
        "{PLANNED_PREFIX}{}",
        if tail.is_empty() { "x" } else { &tail }
    )
}

/// Whether this run is a plan; off unless `pooler plan` turns it on.
#[derive(Default)]
pub struct Plan {
    on: Cell<bool>,
}

impl Plan {
    pub fn enable(&self) {
        self.on.set(true);
    }

    pub fn is_on(&self) -> bool {
        self.on.get()
    }
}

/// Operations that only read: Describe*, List*, Get*, AdminGet*, AdminList*.
pub fn is_read(op: &Operation) -> bool {
    ["Describe", "List", "Get", "AdminGet", "AdminList"]
        .iter()
        .any(|p| op.name.starts_with(p))
}

/// Shows a value in a report line, hiding secrets.
pub fn shown(path: &str, value: &Value) -> String {
    if is_secret_path(path) && !value.is_null() {
        return "\"***\"".to_string();
    }
    match value {
        Value::Null => "(unset)".to_string(),
        other => other.to_string(),
    }
}

/// One report line (and the changes under it) on stdout.
pub fn report(what: &str, action: &str, changes: &[Change]) {
    println!("plan: {what}: {action}");
    for c in changes {
        println!(
            "  ~ {}: {} -> {}",
            c.path,
            shown(&c.path, &c.from),
            shown(&c.path, &c.to)
        );
    }
}

impl Cognito {
    /// In plan mode, a write is reported and answered with a synthesized response; `None`
    /// means "send it" (not a plan, or a read).
    pub(super) fn plan_write(&self, op: &Operation, json: &Value) -> Option<Value> {
        if !self.shared.plan.is_on() || is_read(op) {
            return None;
        }
        println!("plan: would call {}", op.name);
        Some(self.shared.model.synthesize_output(op, json, "planned"))
    }

    /// Whether writes are reported instead of sent.
    pub(super) fn planning(&self) -> bool {
        self.shared.plan.is_on()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Model;

    #[test]
    fn reads_and_writes_are_told_apart() {
        let model = Model::embedded();
        let read = |name: &str| is_read(model.operation(name).unwrap());
        for name in [
            "DescribeUserPool",
            "ListUserPools",
            "GetGroup",
            "AdminGetUser",
            "AdminListGroupsForUser",
        ] {
            assert!(read(name), "{name} reads");
        }
        for name in [
            "CreateUserPool",
            "UpdateUserPool",
            "AdminCreateUser",
            "AdminAddUserToGroup",
            "SetUserPoolMfaConfig",
        ] {
            assert!(!read(name), "{name} writes");
        }
    }

    #[test]
    fn planned_ids_look_like_pool_ids() {
        assert_eq!(planned_id("My Pool!"), "planned_MyPool");
        assert_eq!(planned_id("--"), "planned_x");
    }
}
