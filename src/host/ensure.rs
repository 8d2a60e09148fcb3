//! `cognito.ensure_*(desired)`: make one resource look like `desired`, whether or not it exists.
//! Finds it by name, creates it when absent, otherwise diffs the settings the script wrote
//! against the service's and sends the update with the full merged configuration (so nothing
//! the script left out is reset). Changes the service cannot make are refused, each field named,
//! before anything is changed. Returns `#{id, action, changes: [#{path, from, to}]}`.

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map as RhaiMap, NativeCallContext, Position};
use serde_json::Value;

use super::cognito::Cognito;
use super::cognito_call::CallResult;
use super::convert::{to_dynamic, to_json};
use super::ensure_diff::{Change, diff, merge, prune};
use super::ensure_find::{Found, fail, text};
use super::ensure_kinds::{ALL, Kind, USER_POOL};
use super::ensure_pool;
use super::plan::{planned_id, report, shown};

type Res<T> = Result<T, Box<EvalAltResult>>;

impl Cognito {
    /// Validates and sends one write.
    fn write(&self, ctx: &NativeCallContext, op: &str, input: &Value) -> Res<Value> {
        let op = self
            .shared
            .model
            .operation(op)
            .expect("write operation in the model");
        self.check(ctx, op, input)?;
        self.invoke_json(op, input)
    }

    /// The whole `ensure_*` algorithm for one kind.
    fn ensure(&self, ctx: &NativeCallContext, kind: &Kind, desired: &Dynamic) -> CallResult {
        let desired = to_json(desired).map_err(|e| fail(kind, format!("bad input {e}")))?;
        if !desired.is_object() {
            return Err(fail(kind, "the desired settings must be a map".into()));
        }
        if kind.function != USER_POOL.function && text(&desired, "UserPoolId").is_none() {
            return Err(fail(kind, "`UserPoolId` is required".into()));
        }
        let Some(name) = text(&desired, kind.name_key).map(str::to_string) else {
            return Err(fail(kind, format!("`{}` is required", kind.name_key)));
        };
        let first = self
            .shared
            .model
            .operation(kind.create.unwrap_or(kind.update))
            .expect("ensure operation in the model");
        self.check(ctx, first, &desired)?;
        self.lint(ctx, first, &desired);
        let what = format!("{} `{name}`", kind.function);
        let planning = self.planning();
        // A dry run reads nothing real, so it assumes nothing exists yet.
        let found = if self.shared.dry_run {
            None
        } else {
            self.find(kind, &desired, &name)?
        };
        let Some(found) = found else {
            if planning {
                report(&what, "create", &[]);
                return Ok(outcome(&planned_id(&name), "created", &[]));
            }
            let Some(create) = kind.create else {
                if self.shared.dry_run {
                    let update = self
                        .shared
                        .model
                        .operation(kind.update)
                        .expect("in the model");
                    self.invoke_json(update, &desired)?;
                    return Ok(outcome(&name, "updated", &[]));
                }
                return Err(fail(kind, "the user pool does not exist".into()));
            };
            // `desired` was checked above as this very request.
            let create = self
                .shared
                .model
                .operation(create)
                .expect("create in the model");
            let resp = self.invoke_json(create, &desired)?;
            return Ok(outcome(&created_id(kind, &resp, &name), "created", &[]));
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
                ensure_pool::plan(&want, have.map(Vec::as_slice).unwrap_or_default())
            }
            _ => ensure_pool::SchemaPlan::default(),
        };
        let changes = diff(&diffed, Some(&found.current));
        let mut refused = schema.refused;
        for c in &changes {
            let top = c.path.split(['.', '[']).next().unwrap_or_default();
            if kind.immutable.contains(&top) {
                refused.push((c.clone(), "fixed when it was created".into()));
            }
        }
        if !refused.is_empty() {
            if planning {
                let shown_changes: Vec<Change> = refused.iter().map(|(c, _)| c.clone()).collect();
                report(&what, "refused", &shown_changes);
                return Ok(outcome(&found.id, "refused", &shown_changes));
            }
            return Err(refusal(kind, &name, &refused));
        }
        let mut all = changes.clone();
        all.extend(schema.changes.iter().cloned());
        if all.is_empty() {
            if planning {
                report(&what, "unchanged", &[]);
            }
            return Ok(outcome(&found.id, "unchanged", &[]));
        }
        if planning {
            report(&what, "update", &all);
            return Ok(outcome(&found.id, "updated", &all));
        }
        if !changes.is_empty() {
            let update = self.update_input(kind, &found, &diffed, &desired)?;
            self.write(ctx, kind.update, &update)?;
        }
        if !schema.add.is_empty() {
            let input =
                serde_json::json!({ "UserPoolId": found.id, "CustomAttributes": schema.add });
            self.write(ctx, "AddCustomAttributes", &input)?;
        }
        Ok(outcome(&found.id, "updated", &all))
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
        let model = self.shared.model;
        let op = model
            .operation(kind.update)
            .expect("update operation in the model");
        let mut merged = prune(model, op, &merge(&found.current, diffed));
        let map = merged.as_object_mut().expect("pruned object");
        let accepted = model.input_members_at(op, &[]);
        for key in kind.keys {
            if let Some(value) = desired.get(*key)
                && !map.contains_key(*key)
                && accepted.iter().any(|m| m.name == *key)
            {
                map.insert(key.to_string(), value.clone());
            }
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
}

fn created_id(kind: &Kind, resp: &Value, name: &str) -> String {
    let id = match kind.function {
        "ensure_user_pool" => resp.pointer("/UserPool/Id"),
        "ensure_user_pool_client" => resp.pointer("/UserPoolClient/ClientId"),
        _ => None,
    };
    id.and_then(Value::as_str).unwrap_or(name).to_string()
}

fn change_map(c: &Change) -> Dynamic {
    let mut m = RhaiMap::new();
    m.insert("path".into(), c.path.clone().into());
    let hide = |v: &Value| {
        if super::ensure_diff::is_secret_path(&c.path) && !v.is_null() {
            Dynamic::from("***".to_string())
        } else {
            to_dynamic(v)
        }
    };
    m.insert("from".into(), hide(&c.from));
    m.insert("to".into(), hide(&c.to));
    Dynamic::from_map(m)
}

fn outcome(id: &str, action: &str, changes: &[Change]) -> Dynamic {
    let mut m = RhaiMap::new();
    m.insert("id".into(), id.to_string().into());
    m.insert("action".into(), action.to_string().into());
    let list: Array = changes.iter().map(change_map).collect();
    m.insert("changes".into(), Dynamic::from_array(list));
    Dynamic::from_map(m)
}

/// The catchable error for changes the service cannot make; nothing was changed.
fn refusal(kind: &Kind, name: &str, refused: &[(Change, String)]) -> Box<EvalAltResult> {
    let lines: Vec<String> = refused
        .iter()
        .map(|(c, why)| {
            format!(
                "{}: {} -> {} ({why})",
                c.path,
                shown(&c.path, &c.from),
                shown(&c.path, &c.to)
            )
        })
        .collect();
    let mut map = RhaiMap::new();
    map.insert("type".into(), "ChangeRefused".into());
    map.insert("operation".into(), kind.function.into());
    map.insert(
        "message".into(),
        format!(
            "`{name}`: the service cannot make these changes, so nothing was changed: {}",
            lines.join("; ")
        )
        .into(),
    );
    let list: Array = refused.iter().map(|(c, _)| change_map(c)).collect();
    map.insert("refused".into(), Dynamic::from_array(list));
    EvalAltResult::ErrorRuntime(Dynamic::from_map(map), Position::NONE).into()
}

/// Registers `cognito.ensure_user_pool(desired)` and the others.
pub fn register(engine: &mut Engine) {
    for kind in ALL {
        engine.register_fn(
            kind.function,
            move |ctx: NativeCallContext, c: &mut Cognito, desired: Dynamic| {
                c.ensure(&ctx, kind, &desired)
            },
        );
    }
}
