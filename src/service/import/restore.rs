//! After the users exist (an import job or AdminCreateUser), the sidecar beside the CSV
//! (`export::state`) puts back what the job cannot carry: each membership with
//! AdminAddUserToGroup (looked up first, so a second run adds nothing) and each disabled user
//! with AdminDisableUser, both through the bulk machinery (paced, one summary each).

use std::path::Path;

use serde_json::{Value, json};

use super::ImportError;
use crate::service::Service;
use crate::service::bulk::{Opts, Summary};
use crate::service::export::state::{self, Fact};

/// What the restore did: memberships, then disabled users.
#[derive(Debug, Default)]
pub struct Restored {
    pub groups: Summary,
    pub disabled: Summary,
}

/// Reads the sidecar of `csv` (an error names the bad line; `None`: there is none).
pub fn facts(csv: &Path) -> Result<Option<Vec<Fact>>, ImportError> {
    state::read(csv).map_err(ImportError::File)
}

fn each(service: &Service, op: &str, inputs: Vec<Value>) -> Result<Summary, ImportError> {
    if inputs.is_empty() {
        return Ok(Summary::default());
    }
    let op = service.operation(op).map_err(ImportError::Call)?;
    let opts = Opts::from_json(&json!({})).map_err(ImportError::Call)?;
    service
        .each(op, inputs, opts, None)
        .map_err(ImportError::Call)
}

/// Restores `facts` in `pool_id`.
pub fn restore(service: &Service, pool_id: &str, facts: &[Fact]) -> Result<Restored, ImportError> {
    let mut members = Vec::new();
    let mut disabled = Vec::new();
    for fact in facts {
        match fact {
            Fact::Member { user, group } => {
                members.push(json!({ "UserPoolId": pool_id, "Username": user, "GroupName": group }))
            }
            Fact::Disabled { user } => {
                disabled.push(json!({ "UserPoolId": pool_id, "Username": user }))
            }
        }
    }
    Ok(Restored {
        groups: each(service, "AdminAddUserToGroup", members)?,
        disabled: each(service, "AdminDisableUser", disabled)?,
    })
}

/// The summary line of a restore.
pub fn describe(r: &Restored) -> String {
    let part = |s: &Summary, what: &str| {
        format!(
            "{} {what}, {} already, {} failed",
            s.done,
            s.skipped,
            s.failed.len()
        )
    };
    format!(
        "groups: {}; disabled users: {}",
        part(&r.groups, "added"),
        part(&r.disabled, "disabled")
    )
}
