//! How `ensure_*` finds a resource and reads its current settings: by name through the list
//! operations (following every page) or by its key through the describe operations, renamed to
//! the names the create operation uses.

use rhai::{EvalAltResult, Map as RhaiMap};
use serde_json::{Map, Value};

use super::cognito::Cognito;
use super::ensure_kinds::{Kind, USER_POOL};
use super::plan::PLANNED_PREFIX;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// What was found: the resource's id and its current settings, named as the input names them.
pub(super) struct Found {
    pub id: String,
    pub current: Value,
}

pub(super) fn fail(kind: &Kind, message: String) -> Box<EvalAltResult> {
    format!("{}: {message}", kind.function).into()
}

pub(super) fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
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
    pub(super) fn find(&self, kind: &Kind, desired: &Value, name: &str) -> Res<Option<Found>> {
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
