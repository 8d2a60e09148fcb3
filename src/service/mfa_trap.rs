//! The MFA trap (MfaConfiguration ON or OPTIONAL with no factor to send a code with) judged on
//! the state a run ends with: the warning waits for the end of the run and is dropped when the
//! pool is seen to have a factor, set by the script later (SetUserPoolMfaConfig through any
//! door: a direct call, `call`, `ensure_mfa_config`) or already there (GetUserPoolMfaConfig).

use std::cell::RefCell;
use std::collections::HashSet;

use serde_json::Value;

use super::lint::has_factor;
use super::{Context, Notice, Site};

/// A trap warning waiting for the end of the run.
struct Pending {
    /// The pool it is about; `None` while the CreateUserPool that makes it is under way.
    pool: Option<String>,
    operation: String,
    site: Option<Site>,
    line: String,
}

/// The MFA trap warnings of a run and the pools known to have a factor.
#[derive(Default)]
pub struct MfaTraps {
    pending: RefCell<Vec<Pending>>,
    factored: RefCell<HashSet<String>>,
}

impl MfaTraps {
    /// Keeps `line` about `pool` (`None`: the pool a CreateUserPool about to be made creates)
    /// for the end of the run.
    pub(super) fn defer(
        &self,
        pool: Option<&str>,
        operation: &str,
        site: Option<&Site>,
        line: String,
    ) {
        self.pending.borrow_mut().push(Pending {
            pool: pool.map(str::to_string),
            operation: operation.to_string(),
            site: site.cloned(),
            line,
        });
    }

    /// What a finished call (sent, dry-run or planned: `synthesized`) tells about a pool's
    /// MFA factors. A synthesized answer is made up, so only a real one counts as what exists.
    /// Whether [`MfaTraps::note`] reads the answer of `op` (the others need no decoding).
    pub(super) fn reads(op: &str) -> bool {
        matches!(
            op,
            "CreateUserPool" | "SetUserPoolMfaConfig" | "GetUserPoolMfaConfig"
        )
    }

    pub(super) fn note(
        &self,
        op: &str,
        request: &Value,
        response: Option<&Value>,
        synthesized: bool,
    ) {
        let pool_of = |v: &Value| {
            v.get("UserPoolId")
                .and_then(Value::as_str)
                .map(str::to_string)
        };
        match op {
            "CreateUserPool" => {
                let mut pending = self.pending.borrow_mut();
                let Some(at) = pending.iter().rposition(|p| p.pool.is_none()) else {
                    return;
                };
                let id = response
                    .and_then(|r| r.pointer("/UserPool/Id"))
                    .and_then(Value::as_str);
                match id {
                    Some(id) => pending[at].pool = Some(id.to_string()),
                    // The pool was not made: nothing to warn about.
                    None => drop(pending.remove(at)),
                }
            }
            "SetUserPoolMfaConfig" if response.is_some() && has_factor(request) => {
                self.factored.borrow_mut().extend(pool_of(request));
            }
            "GetUserPoolMfaConfig" if !synthesized && response.is_some_and(has_factor) => {
                self.factored.borrow_mut().extend(pool_of(request));
            }
            _ => {}
        }
    }

    /// A write a plan reports instead of making (`ensure_*`'s `would create`, `would
    /// update`), noted as if it were made: `id` is the pool's planned or found id.
    pub(super) fn note_planned(&self, op: &str, desired: &Value, id: &str) {
        let answer = serde_json::json!({ "UserPool": { "Id": id } });
        self.note(op, desired, Some(&answer), true);
    }

    /// The warnings still standing, in the order they were made; each is told once.
    fn take(&self) -> Vec<Pending> {
        let factored = self.factored.borrow();
        std::mem::take(&mut *self.pending.borrow_mut())
            .into_iter()
            .filter(|p| !p.pool.as_ref().is_some_and(|id| factored.contains(id)))
            .collect()
    }
}

impl Context {
    /// Tells the MFA trap warnings the run's own later calls did not answer (at the end of a
    /// script, an `eval`, a REPL entry).
    pub fn tell_deferred_traps(&self) {
        for p in self.mfa_traps.take() {
            self.notice(Notice::Traps {
                operation: &p.operation,
                site: p.site.as_ref(),
                lines: std::slice::from_ref(&p.line),
            });
        }
    }
}
