//! `cognito.ensure_*(desired)`: make one resource look like `desired`, whether or not it exists.
//! Finds it by name, creates it when absent, otherwise diffs the settings the script wrote
//! against the service's and sends the update with the full merged configuration (so nothing
//! the script left out is reset). Changes the service cannot make are refused, each field named,
//! before anything is changed. Returns `#{id, action, changes: [#{path, from, to}]}`.

use rhai::{Array, Dynamic, Engine, EvalAltResult, Map as RhaiMap, NativeCallContext, Position};
use serde_json::{Map, Value};

use super::cognito::Cognito;
use super::cognito_call::CallResult;
use super::convert::{to_dynamic, to_json};
use super::ensure_diff::{Change, diff, merge, prune};
use super::ensure_kinds::{ALL, Kind, USER_POOL};
use super::ensure_pool;
use super::plan::{PLANNED_PREFIX, planned_id, report, shown};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// What was found: the resource's id and its current settings, named as the input names them.
struct Found {
    id: String,
    current: Value,
}

fn fail(kind: &Kind, message: String) -> Box<EvalAltResult> {
    format!("{}: {message}", kind.function).into()
}

fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

/// The service error type inside a thrown error map, if it is one.
fn error_type(err: &EvalAltResult) -> Option<String> {
    if let EvalAltResult::ErrorRuntime(value, _) = err {
        let map = value.read_lock::<RhaiMap>()?;
        return map.get("type").map(ToString::to_string);
    }
    None
}

impl Cognito {
    /// A read that answers `None` for ResourceNotFoundException.
    fn read(&self, op: &str, input: Value) -> Res<Option<Value>> {
        let op = self
            .shared
            .model
            .operation(op)
            .expect("read operation in the model");
        match self.invoke_json(op, &input) {
            Ok(v) => Ok(Some(v)),
            Err(e) if error_type(&e).as_deref() == Some("ResourceNotFoundException") => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn paginate_json(&self, op: &str, mut input: Value, items: &str) -> Res<Vec<Value>> {
        let op = self
            .shared
            .model
            .operation(op)
            .expect("list operation in the model");
        let mut out = Vec::new();
        let mut seen = std::collections::HashSet::new();
        loop {
            let page = self.invoke_json(op, &input)?;
            if let Some(Value::Array(list)) = page.get(items) {
                out.extend(list.iter().cloned());
            }
            match text(&page, "NextToken") {
                Some(token) if seen.insert(token.to_string()) => {
                    input["NextToken"] = Value::String(token.to_string());
                }
                _ => return Ok(out),
            }
        }
    }

    /// Finds the resource `desired` names and reads its current settings.
    fn find(&self, kind: &Kind, desired: &Value, name: &str) -> Res<Option<Found>> {
        let pool = text(desired, "UserPoolId").unwrap_or_default().to_string();
        if kind.function != USER_POOL.function && pool.starts_with(PLANNED_PREFIX) {
            return Ok(None);
        }
        let pool_key = || serde_json::json!({ "UserPoolId": pool });
        let with = |key: &str| {
            let mut v = pool_key();
            v[key] = Value::String(name.to_string());
            v
        };
        let found = |id: &str, current: Option<Value>| {
            current.map(|current| Found {
                id: id.to_string(),
                current,
            })
        };
        Ok(match kind.function {
            "ensure_user_pool" => {
                let pools = self.paginate_json(
                    "ListUserPools",
                    serde_json::json!({ "MaxResults": 60 }),
                    "UserPools",
                )?;
                let ids: Vec<&str> = pools
                    .iter()
                    .filter(|p| text(p, "Name") == Some(name))
                    .filter_map(|p| text(p, "Id"))
                    .collect();
                match ids.as_slice() {
                    [] => None,
                    [id] => {
                        let resp =
                            self.read("DescribeUserPool", serde_json::json!({ "UserPoolId": id }))?;
                        let pool = resp.and_then(|r| r.get("UserPool").cloned());
                        found(id, pool.map(pool_as_input))
                    }
                    many => {
                        return Err(fail(
                            kind,
                            format!(
                                "{} pools are named `{name}` ({}); rename or delete all but one",
                                many.len(),
                                many.join(", ")
                            ),
                        ));
                    }
                }
            }
            "ensure_user_pool_client" => {
                let mut input = pool_key();
                input["MaxResults"] = 60.into();
                let clients =
                    self.paginate_json("ListUserPoolClients", input, "UserPoolClients")?;
                match clients.iter().find(|c| text(c, "ClientName") == Some(name)) {
                    Some(c) => {
                        let id = text(c, "ClientId").unwrap_or_default();
                        let mut input = pool_key();
                        input["ClientId"] = id.into();
                        let resp = self.read("DescribeUserPoolClient", input)?;
                        let client = resp.and_then(|r| r.get("UserPoolClient").cloned());
                        found(id, client.map(client_as_input))
                    }
                    None => None,
                }
            }
            "ensure_user_pool_domain" => {
                let resp = self.read(
                    "DescribeUserPoolDomain",
                    serde_json::json!({ "Domain": name }),
                )?;
                let domain = resp.and_then(|r| r.get("DomainDescription").cloned());
                match domain {
                    Some(d) if text(&d, "UserPoolId").is_some() => {
                        if text(&d, "UserPoolId") != Some(pool.as_str()) {
                            return Err(fail(
                                kind,
                                format!(
                                    "the domain `{name}` belongs to another pool ({})",
                                    text(&d, "UserPoolId").unwrap_or_default()
                                ),
                            ));
                        }
                        found(name, Some(d))
                    }
                    _ => None,
                }
            }
            "ensure_group" => found(
                name,
                self.read("GetGroup", with("GroupName"))?
                    .and_then(|r| r.get("Group").cloned()),
            ),
            "ensure_resource_server" => found(
                name,
                self.read("DescribeResourceServer", with("Identifier"))?
                    .and_then(|r| r.get("ResourceServer").cloned()),
            ),
            "ensure_identity_provider" => found(
                name,
                self.read("DescribeIdentityProvider", with("ProviderName"))?
                    .and_then(|r| r.get("IdentityProvider").cloned()),
            ),
            _ => found(&pool, self.read("GetUserPoolMfaConfig", pool_key())?),
        })
    }

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

/// DescribeUserPool's answer renamed to CreateUserPool's member names.
fn pool_as_input(pool: Value) -> Value {
    let Value::Object(map) = pool else {
        return pool;
    };
    let mut out = Map::new();
    for (key, value) in map {
        let key = match key.as_str() {
            "Name" => "PoolName".to_string(),
            "SchemaAttributes" => "Schema".to_string(),
            _ => key,
        };
        out.insert(key, value);
    }
    Value::Object(out)
}

/// DescribeUserPoolClient's answer with `GenerateSecret` (whether it has a secret) added.
fn client_as_input(mut client: Value) -> Value {
    let has_secret = text(&client, "ClientSecret").is_some();
    if let Some(map) = client.as_object_mut() {
        map.remove("ClientSecret");
        map.insert("GenerateSecret".into(), has_secret.into());
    }
    client
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
