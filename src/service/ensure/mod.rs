//! `ensure_*(desired)`: make one resource look like `desired`, whether or not it exists.
//! Finds it by name, creates it when absent, otherwise diffs the settings the script wrote
//! against the service's and sends the update with the full merged configuration (so nothing
//! the script left out is reset). Changes the service cannot make are refused, each field named,
//! before anything is changed. Under `pooler plan` nothing is written and the outcome says what
//! would happen.

mod diff;
mod find;
pub mod kinds;
mod schema;
pub mod undeclared;

use serde_json::Value;

pub use diff::{Change, diff, merge, prune, same_scalar};
pub use kinds::{ALL, Kind, STANDARD_ATTRIBUTES};

use self::find::{Found, fail, text};
use self::kinds::{BRANDING, USER_POOL};
use super::plan::planned_id;
use super::unread::{Unread, take_markers};
use super::{CallError, CallOptions, Check, Service, Site};

type Res<T> = Result<T, CallError>;

/// What `ensure_*` did (or, under a plan, would do).
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    pub id: String,
    /// `created`, `updated`, `unchanged`; under a plan `would create`, `would update`,
    /// `unchanged` or `refused`.
    pub action: &'static str,
    pub changes: Vec<Change>,
    /// Members that could not be compared (a secret whose variable is unset, a secret the
    /// service does not return): their paths.
    pub not_compared: Vec<String>,
}

impl Outcome {
    fn new(id: &str, action: &'static str, changes: Vec<Change>) -> Self {
        Self {
            id: id.to_string(),
            action,
            changes,
            not_compared: Vec::new(),
        }
    }

    fn unread(mut self, unread: &[Unread]) -> Self {
        self.not_compared = unread.iter().map(|u| u.path.clone()).collect();
        self
    }
}

impl Service {
    /// Validates and sends one write that `ensure_*` decided on.
    fn write(&self, kind: &Kind, op: &str, input: &Value, site: Option<&Site>) -> Res<Value> {
        let op = self.needed(op, kind.function)?;
        self.call(
            op,
            input,
            &CallOptions::default().check(Check::ErrorsOnly).site(site),
        )
    }

    /// `ensure_*` for one kind; what it ensured is noted for the undeclared-object check.
    pub fn ensure(&self, kind: &Kind, desired: &Value, site: Option<&Site>) -> Res<Outcome> {
        let outcome = self.ensure_one(kind, desired, site)?;
        if !self.ctx.dry_run() {
            let declared = &self.ctx.declared;
            let name = text(desired, kind.name_key).unwrap_or_default();
            if kind.function == USER_POOL.function {
                declared.pool(&outcome.id, name, &self.client);
            } else if let Some(pool) = text(desired, "UserPoolId") {
                declared.object(pool, kind.function, name);
            }
        }
        Ok(outcome)
    }

    /// The whole `ensure_*` algorithm for one kind.
    fn ensure_one(&self, kind: &Kind, desired: &Value, site: Option<&Site>) -> Res<Outcome> {
        if !desired.is_object() {
            return Err(fail(kind, "the desired settings must be a map".into()));
        }
        if kind.function != USER_POOL.function
            && let Some(key) = kind.keys.iter().find(|k| text(desired, k).is_none())
        {
            return Err(fail(kind, format!("`{key}` is required")));
        }
        let Some(name) = text(desired, kind.name_key).map(str::to_string) else {
            return Err(fail(kind, format!("`{}` is required", kind.name_key)));
        };
        let first = self.needed(kind.create.unwrap_or(kind.update), kind.function)?;
        let is_pool = kind.function == USER_POOL.function;
        // A pool's traps depend on what exists: linted once it is found (or not).
        let check = if is_pool { Check::NoLint } else { Check::Full };
        self.check_as(first, desired, site, check)?;
        let what = format!("{} `{name}`", kind.function);
        let planning = self.ctx.planning();
        // A dry run reads nothing real, so it assumes nothing exists yet.
        let found = if self.ctx.dry_run() {
            None
        } else {
            self.find(kind, desired, &name)?
        };
        if is_pool {
            self.lint_ensure_pool(first, desired, found.as_ref().map(|f| f.id.as_str()), site);
        }
        let Some(found) = found else {
            return self.create(kind, desired, &name, &what, site);
        };
        let mut diffed = desired.clone();
        if let Some(map) = diffed.as_object_mut() {
            for key in kind.keys {
                map.remove(*key);
            }
        }
        let schema = match diffed.as_object_mut().and_then(|m| m.remove("Schema")) {
            Some(Value::Array(want)) => {
                let have = found.current.get("Schema").and_then(Value::as_array);
                schema::plan(&want, have.map(Vec::as_slice).unwrap_or_default())
            }
            _ => schema::SchemaPlan::default(),
        };
        // A secret the plan cannot read is not compared; the rest of the object is.
        let mut unread = take_markers(&mut diffed);
        let mut changes = diff(&diffed, Some(&found.current));
        if planning {
            let secrets = self.ctx.secrets;
            changes.retain(|c| {
                let last = c.path.rsplit(['.', '[']).next().unwrap_or_default();
                let hidden = c.from.is_null() && secrets.hides(last, crate::secrets::Level::Strict);
                if hidden {
                    unread.push(Unread {
                        path: c.path.clone(),
                        why: "the service does not return it".into(),
                    });
                }
                !hidden
            });
        }
        let mut refused = schema.refused;
        for c in &changes {
            let top = c.path.split(['.', '[']).next().unwrap_or_default();
            if kind.immutable.contains(&top) {
                refused.push((c.clone(), "fixed when it was created".into()));
            }
        }
        let mut all = changes.clone();
        all.extend(schema.changes.iter().cloned());
        if !refused.is_empty() {
            if planning {
                // Every difference is told, the refused ones marked, so one plan shows the
                // whole drift of the object.
                for (c, _) in &refused {
                    if !all.contains(c) {
                        all.push(c.clone());
                    }
                }
                self.ctx.plan_tally.refused();
                self.plan_report_marked(&what, "refused", &all, &refused, &unread);
                return Ok(Outcome::new(&found.id, "refused", all).unread(&unread));
            }
            return Err(self.refusal(kind, &name, &refused));
        }
        if all.is_empty() {
            if planning {
                self.plan_report_marked(&what, "unchanged", &[], &[], &unread);
            }
            return Ok(Outcome::new(&found.id, "unchanged", Vec::new()).unread(&unread));
        }
        if planning {
            self.ctx.plan_tally.changed();
            self.ctx
                .mfa_traps
                .note_planned(kind.update, desired, &found.id);
            self.plan_report_marked(&what, "would update", &all, &[], &unread);
            return Ok(Outcome::new(&found.id, "would update", all).unread(&unread));
        }
        if !changes.is_empty() {
            let update = self.update_input(kind, &found, &diffed, desired)?;
            self.write(kind, kind.update, &update, site)?;
        }
        if !schema.add.is_empty() {
            let input =
                serde_json::json!({ "UserPoolId": found.id, "CustomAttributes": schema.add });
            self.write(kind, "AddCustomAttributes", &input, site)?;
        }
        Ok(Outcome::new(&found.id, "updated", all))
    }

    /// The resource does not exist: create it (or, in a plan, say so).
    fn create(
        &self,
        kind: &Kind,
        desired: &Value,
        name: &str,
        what: &str,
        site: Option<&Site>,
    ) -> Res<Outcome> {
        if self.ctx.planning() {
            self.ctx.plan_tally.changed();
            self.plan_report(what, "would create", &[]);
            let id = planned_id(name);
            let op = kind.create.unwrap_or(kind.update);
            self.ctx.mfa_traps.note_planned(op, desired, &id);
            return Ok(Outcome::new(&id, "would create", Vec::new()));
        }
        let Some(create) = kind.create else {
            if self.ctx.dry_run() {
                self.write(kind, kind.update, desired, site)?;
                return Ok(Outcome::new(name, "updated", Vec::new()));
            }
            return Err(fail(kind, "the user pool does not exist".into()));
        };
        // `desired` was checked as this very request.
        let resp = self.write(kind, create, desired, site)?;
        Ok(Outcome::new(
            &created_id(kind, &resp, name),
            "created",
            Vec::new(),
        ))
    }

    /// The update request: the current settings with the desired ones laid over them, cut to
    /// what the update operation accepts, plus the members that identify the resource.
    fn update_input(
        &self,
        kind: &Kind,
        found: &Found,
        diffed: &Value,
        desired: &Value,
    ) -> Res<Value> {
        let model = self.ctx.model;
        let op = self.needed(kind.update, kind.function)?;
        let mut merged = prune(model, op, &merge(&found.current, diffed));
        let Some(map) = merged.as_object_mut() else {
            return Err(fail(kind, "the merged settings are not a map".into()));
        };
        let accepted = model.input_members_at(op, &[]);
        for key in kind.keys {
            if let Some(value) = desired.get(*key)
                && !map.contains_key(*key)
                && accepted.iter().any(|m| m.name == *key)
            {
                map.insert(key.to_string(), value.clone());
            }
        }
        if kind.function == BRANDING.function
            && map.get("UseCognitoProvidedValues") == Some(&Value::Bool(true))
        {
            // The service takes Cognito's own style only with no settings or assets beside it.
            map.remove("Settings");
            map.remove("Assets");
        }
        if kind.function == USER_POOL.function {
            map.insert("UserPoolId".into(), found.id.clone().into());
            // The service rejects the deprecated member next to its replacement.
            let has_new = merged
                .pointer("/Policies/PasswordPolicy/TemporaryPasswordValidityDays")
                .is_some();
            if has_new
                && let Some(Value::Object(admin)) = merged
                    .as_object_mut()
                    .and_then(|m| m.get_mut("AdminCreateUserConfig"))
            {
                admin.remove("UnusedAccountValidityDays");
            }
        }
        Ok(merged)
    }

    /// The error for changes the service cannot make; nothing was changed.
    fn refusal(&self, kind: &Kind, name: &str, refused: &[(Change, String)]) -> CallError {
        let secrets = &self.ctx.secrets;
        let lines: Vec<String> = refused
            .iter()
            .map(|(c, why)| {
                format!(
                    "{}: {} -> {} ({why})",
                    c.path,
                    secrets.shown_at(&c.path, &c.from),
                    secrets.shown_at(&c.path, &c.to)
                )
            })
            .collect();
        CallError::Refused {
            function: kind.function.to_string(),
            message: format!(
                "`{name}`: the service cannot make these changes, so nothing was changed: {}",
                lines.join("; ")
            ),
            refused: refused.iter().map(|(c, _)| c.clone()).collect(),
        }
    }
}

fn created_id(kind: &Kind, resp: &Value, name: &str) -> String {
    let id = match kind.function {
        "ensure_user_pool" => resp.pointer("/UserPool/Id"),
        "ensure_user_pool_client" => resp.pointer("/UserPoolClient/ClientId"),
        "ensure_terms" => resp.pointer("/Terms/TermsId"),
        "ensure_managed_login_branding" => {
            resp.pointer("/ManagedLoginBranding/ManagedLoginBrandingId")
        }
        _ => None,
    };
    id.and_then(Value::as_str).unwrap_or(name).to_string()
}

impl Service {
    /// `ensure_setting(read, write, desired)`: a setting with no `ensure_*` of its own (UI
    /// customization, risk configuration, log delivery) read with `read`, compared member by
    /// member with what `desired` mentions, and written whole with `write` only when it
    /// differs. Under a plan nothing is written and the outcome says what would happen.
    pub fn ensure_setting(
        &self,
        read: &str,
        write: &str,
        desired: &Value,
        site: Option<&Site>,
    ) -> Res<Outcome> {
        let function = "ensure_setting";
        let fail = |message: String| CallError::Ensure {
            function: function.to_string(),
            message,
        };
        let Some(map) = desired.as_object() else {
            return Err(fail("the desired settings must be a map".into()));
        };
        let read_op = self.operation(read)?;
        let write_op = self.operation(write)?;
        if !super::access::is_read_only(read_op) {
            return Err(fail(format!("{read} does not only read")));
        }
        self.check(write_op, desired, site)?;
        // The members that name the setting (UserPoolId, ClientId) go to the read.
        let accepted = self.ctx.model.input_members_at(read_op, &[]);
        let keys: serde_json::Map<String, Value> = map
            .iter()
            .filter(|(k, _)| accepted.iter().any(|m| &m.name == *k))
            .map(|(k, v)| (k.clone(), v.clone()))
            .collect();
        let what = format!("{function} {write}");
        let current = if self.ctx.dry_run() {
            None
        } else {
            match self.call(
                read_op,
                &Value::Object(keys.clone()),
                &CallOptions::default().site(site),
            ) {
                Ok(answer) => answer
                    .as_object()
                    .and_then(|m| m.values().find(|v| v.is_object()).cloned()),
                Err(e) if e.kind() == "ResourceNotFoundException" => None,
                Err(e) => return Err(e),
            }
        };
        let mut diffed = desired.clone();
        if let Some(m) = diffed.as_object_mut() {
            m.retain(|k, _| !keys.contains_key(k));
        }
        let changes = diff(&diffed, current.as_ref());
        let id = keys
            .values()
            .filter_map(Value::as_str)
            .collect::<Vec<_>>()
            .join("/");
        if changes.is_empty() {
            if self.ctx.planning() {
                self.plan_report(&what, "unchanged", &[]);
            }
            return Ok(Outcome::new(&id, "unchanged", Vec::new()));
        }
        if self.ctx.planning() {
            self.ctx.plan_tally.changed();
            self.plan_report(&what, "would update", &changes);
            return Ok(Outcome::new(&id, "would update", changes));
        }
        self.call(
            write_op,
            desired,
            &CallOptions::default().check(Check::ErrorsOnly).site(site),
        )?;
        Ok(Outcome::new(&id, "updated", changes))
    }
}
