//! Looking an item up before a bulk write, so that what exists is skipped without a write:
//! AdminCreateUser asks AdminGetUser whether the user is there; AdminAddUserToGroup asks
//! AdminListGroupsForUser whether the user is in the group already. Both are reads, so a plan
//! sends them too and can say what it would really do.

use serde_json::{Value, json};

use crate::aws;
use crate::model::Operation;
use crate::service::{CallError, CallOptions, Check, Service};

/// How one kind of item is looked up.
pub(super) enum Probe {
    User(&'static Operation),
    Membership(&'static Operation),
}

impl Probe {
    /// The lookup for items of `op`, when there is one (and the model has it).
    pub fn for_operation(service: &Service, op: &Operation) -> Option<Probe> {
        let model = service.ctx().model;
        match op.name {
            "AdminCreateUser" => model.operation("AdminGetUser").map(Probe::User),
            "AdminAddUserToGroup" => model
                .operation("AdminListGroupsForUser")
                .map(Probe::Membership),
            _ => None,
        }
    }

    /// Whether the item's effect is already there.
    /// `attempts` is the run's per-call budget (`max_retries` + 1), if it set one.
    pub async fn exists(
        &self,
        service: &Service,
        input: &Value,
        attempts: Option<u32>,
    ) -> Result<bool, CallError> {
        let options = CallOptions::default()
            .check(Check::Probe)
            .attempts(attempts);
        let pool = input.get("UserPoolId").cloned().unwrap_or(Value::Null);
        let user = input.get("Username").cloned().unwrap_or(Value::Null);
        // A pool a plan would create has no users yet.
        let planned = pool
            .as_str()
            .is_some_and(|p| p.starts_with(crate::service::plan::PLANNED_PREFIX));
        if planned || !pool.is_string() || !user.is_string() {
            return Ok(false);
        }
        match self {
            Probe::User(get) => {
                let request = json!({ "UserPoolId": pool, "Username": user });
                match service
                    .call_async(get, &request, &options, &aws::Unread)
                    .await
                {
                    Ok(_) => Ok(true),
                    Err(e) if e.kind() == "UserNotFoundException" => Ok(false),
                    Err(e) => Err(e),
                }
            }
            Probe::Membership(list) => {
                let Some(group) = input.get("GroupName").and_then(Value::as_str) else {
                    return Ok(false);
                };
                let mut request = json!({ "UserPoolId": pool, "Username": user, "Limit": 60 });
                loop {
                    let page = match service
                        .call_async(list, &request, &options, &aws::Json)
                        .await
                    {
                        Ok(page) => page,
                        Err(e) if e.kind() == "UserNotFoundException" => return Ok(false),
                        Err(e) => return Err(e),
                    };
                    let groups = page.get("Groups").and_then(Value::as_array);
                    if groups.is_some_and(|g| {
                        g.iter()
                            .any(|x| x.get("GroupName").and_then(Value::as_str) == Some(group))
                    }) {
                        return Ok(true);
                    }
                    match page.get("NextToken").and_then(Value::as_str) {
                        Some(token) if !token.is_empty() => request["NextToken"] = token.into(),
                        _ => return Ok(false),
                    }
                }
            }
        }
    }
}
