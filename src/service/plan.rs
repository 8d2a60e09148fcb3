//! Plan mode (`pooler plan FILE`): reads are sent, every other call is reported instead of
//! made (the gate itself is in `call`), and `ensure_*` reports what it would change. Made-up ids
//! stand in for what a plan would create, so later requests using them still validate.

use std::cell::Cell;

use super::ensure::Change;
use super::unread::Unread;
use super::{Notice, Service};

/// What a plan found: writes it would make and changes it had to refuse. `pooler plan` exits
/// non-zero on a refusal; `--detailed-exitcode` tells "no changes" (0) from "changes" (2).
#[derive(Default)]
pub struct PlanTally {
    changes: Cell<usize>,
    refused: Cell<usize>,
    undeclared: Cell<usize>,
}

impl PlanTally {
    pub fn changed(&self) {
        self.changes.set(self.changes.get() + 1);
    }

    pub fn refused(&self) {
        self.refused.set(self.refused.get() + 1);
    }

    /// An object in an ensured pool that the script does not declare.
    pub fn undeclared(&self) {
        self.undeclared.set(self.undeclared.get() + 1);
    }

    /// Objects found in ensured pools that the script does not declare.
    pub fn undeclared_count(&self) -> usize {
        self.undeclared.get()
    }

    /// Writes the plan would make.
    pub fn changes(&self) -> usize {
        self.changes.get()
    }

    /// Changes the plan found the service would refuse.
    pub fn refusals(&self) -> usize {
        self.refused.get()
    }
}

/// The members that name the item of a write, most specific first.
const ITEM_NAMES: &[&str] = &[
    "Username",
    "GroupName",
    "ClientName",
    "ProviderName",
    "Identifier",
    "Domain",
    "PoolName",
    "ClientId",
];

/// What a planned write is about (the user name, the group name, …), for its plan line; a
/// user added to a group is `alice to admins`.
pub fn item_name(input: &serde_json::Value) -> Option<String> {
    let text = |k: &str| input.get(k).and_then(serde_json::Value::as_str);
    let first = ITEM_NAMES.iter().find_map(|k| text(k))?;
    match (text("Username"), text("GroupName")) {
        (Some(user), Some(group)) => Some(format!("{user} to {group}")),
        _ => Some(first.to_string()),
    }
}

/// Marks ids that a plan made up for things it would create.
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

impl Service {
    /// One report line (and the changes under it), secrets hidden.
    pub fn plan_report(&self, what: &str, action: &str, changes: &[Change]) {
        self.plan_report_marked(what, action, changes, &[], &[]);
    }

    /// One report line and every change under it: `~ path: from -> to` for a change the
    /// service would make, `! path: from -> to (refused: why)` for one it cannot make,
    /// `? path: not compared (why)` for a member the plan could not read.
    pub fn plan_report_marked(
        &self,
        what: &str,
        action: &str,
        changes: &[Change],
        refused: &[(Change, String)],
        unread: &[Unread],
    ) {
        let secrets = &self.ctx.secrets;
        let mut text = format!("plan: {what}: {action}");
        for c in changes {
            let why = refused.iter().find(|(r, _)| r == c).map(|(_, why)| why);
            text.push_str(&format!(
                "\n  {} {}: {} -> {}",
                if why.is_some() { '!' } else { '~' },
                c.path,
                secrets.shown_at(&c.path, &c.from),
                secrets.shown_at(&c.path, &c.to)
            ));
            if let Some(why) = why {
                text.push_str(&format!(" (refused: {why})"));
            }
        }
        for u in unread {
            text.push_str(&format!("\n  ? {}: not compared ({})", u.path, u.why));
        }
        self.ctx.notice(Notice::Plan(&text));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn planned_ids_look_like_pool_ids() {
        assert_eq!(planned_id("My Pool!"), "planned_MyPool");
        assert_eq!(planned_id("--"), "planned_x");
    }
}
