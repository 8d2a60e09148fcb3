//! How `ensure_*` finds a resource and reads its current settings: by name through the list
//! operations (following every page) or by its key through the describe operations, renamed to
//! the names the create operation uses.

use serde_json::{Map, Value};

use super::kinds::{Kind, USER_POOL};
use crate::service::plan::PLANNED_PREFIX;
use crate::service::{CallError, CallOptions, Service};

type Res<T> = Result<T, CallError>;

/// What was found: the resource's id and its current settings, named as the input names them.
pub(super) struct Found {
    pub id: String,
    pub current: Value,
}

pub(super) fn fail(kind: &Kind, message: String) -> CallError {
    CallError::Ensure {
        function: kind.function.to_string(),
        message,
    }
}

pub(super) fn text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str).filter(|s| !s.is_empty())
}

impl Service {
    /// A read that answers `None` for ResourceNotFoundException.
    fn read(&self, kind: &Kind, op: &str, input: Value) -> Res<Option<Value>> {
        let op = self.needed(op, kind.function)?;
        match self.call(op, &input, &CallOptions::default()) {
            Ok(v) => Ok(Some(v)),
            Err(e) if e.kind() == "ResourceNotFoundException" => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Every item of a list operation, through the model's paginator.
    fn list_all(&self, kind: &Kind, op: &str, input: Value) -> Res<Vec<Value>> {
        let op = self.needed(op, kind.function)?;
        self.paginate(op, &input, None)
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
                let pools = self.list_all(
                    kind,
                    "ListUserPools",
                    serde_json::json!({ "MaxResults": 60 }),
                )?;
                let ids: Vec<&str> = pools
                    .iter()
                    .filter(|p| text(p, "Name") == Some(name))
                    .filter_map(|p| text(p, "Id"))
                    .collect();
                match ids.as_slice() {
                    [] => None,
                    [id] => {
                        let resp = self.read(
                            kind,
                            "DescribeUserPool",
                            serde_json::json!({ "UserPoolId": id }),
                        )?;
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
                let clients = self.list_all(kind, "ListUserPoolClients", input)?;
                match clients.iter().find(|c| text(c, "ClientName") == Some(name)) {
                    Some(c) => {
                        let id = text(c, "ClientId").unwrap_or_default();
                        let mut input = pool_key();
                        input["ClientId"] = id.into();
                        let resp = self.read(kind, "DescribeUserPoolClient", input)?;
                        let client = resp.and_then(|r| r.get("UserPoolClient").cloned());
                        found(id, client.map(client_as_input))
                    }
                    None => None,
                }
            }
            "ensure_user_pool_domain" => {
                let resp = self.read(
                    kind,
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
                self.read(kind, "GetGroup", with("GroupName"))?
                    .and_then(|r| r.get("Group").cloned()),
            ),
            "ensure_resource_server" => found(
                name,
                self.read(kind, "DescribeResourceServer", with("Identifier"))?
                    .and_then(|r| r.get("ResourceServer").cloned()),
            ),
            "ensure_identity_provider" => found(
                name,
                self.read(kind, "DescribeIdentityProvider", with("ProviderName"))?
                    .and_then(|r| r.get("IdentityProvider").cloned()),
            ),
            "ensure_terms" => self.find_terms(kind, &pool, text(desired, "ClientId"), name)?,
            "ensure_managed_login_branding" => {
                if name.starts_with(PLANNED_PREFIX) {
                    return Ok(None);
                }
                let mut input = pool_key();
                input["ClientId"] = name.into();
                self.read(kind, "DescribeManagedLoginBrandingByClient", input)?
                    .and_then(|r| r.get("ManagedLoginBranding").cloned())
                    .and_then(|b| {
                        let id = text(&b, "ManagedLoginBrandingId")?.to_string();
                        Some(Found { id, current: b })
                    })
            }
            _ => found(&pool, self.read(kind, "GetUserPoolMfaConfig", pool_key())?),
        })
    }
}

impl Service {
    /// The terms document `name` of app client `client`: ListTerms (every page) names the
    /// pool's documents, DescribeTerms tells which client each belongs to.
    fn find_terms(
        &self,
        kind: &Kind,
        pool: &str,
        client: Option<&str>,
        name: &str,
    ) -> Res<Option<Found>> {
        let Some(client) = client.filter(|c| !c.starts_with(PLANNED_PREFIX)) else {
            return Ok(None);
        };
        let list = self.needed("ListTerms", kind.function)?;
        let mut input = serde_json::json!({ "UserPoolId": pool, "MaxResults": 60 });
        let mut named = Vec::new();
        loop {
            let page = self.call(list, &input, &CallOptions::default())?;
            if let Some(Value::Array(items)) = page.get("Terms") {
                named.extend(
                    items
                        .iter()
                        .filter(|t| text(t, "TermsName") == Some(name))
                        .filter_map(|t| text(t, "TermsId").map(str::to_string)),
                );
            }
            match text(&page, "NextToken") {
                Some(token) if input.get("NextToken").and_then(Value::as_str) != Some(token) => {
                    input["NextToken"] = token.into();
                }
                _ => break,
            }
        }
        for id in named {
            let input = serde_json::json!({ "UserPoolId": pool, "TermsId": id });
            let terms = self
                .read(kind, "DescribeTerms", input)?
                .and_then(|r| r.get("Terms").cloned());
            if let Some(terms) = terms.filter(|t| text(t, "ClientId") == Some(client)) {
                return Ok(Some(Found { id, current: terms }));
            }
        }
        Ok(None)
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
