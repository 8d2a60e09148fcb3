//! Reading everything a pool is made of: DescribeUserPool, its MFA configuration, app clients,
//! domains, groups, resource servers, identity providers, the per-pool and per-client settings
//! the API reads back, and terms documents. What the service will not answer is recorded, never silently skipped.

use serde_json::{Value, json};

use super::{CallError, Caller};

/// The raw answers, each collection sorted by name (the service lists them in no set order).
#[derive(Default)]
pub struct Pool {
    pub id: String,
    /// DescribeUserPool's `UserPool`.
    pub pool: Value,
    pub mfa: Option<Value>,
    /// DescribeUserPoolClient's `UserPoolClient` for each client.
    pub clients: Vec<Value>,
    /// DescribeUserPoolDomain's `DomainDescription` for the prefix and the custom domain.
    pub domains: Vec<Value>,
    pub groups: Vec<Value>,
    pub resource_servers: Vec<Value>,
    pub identity_providers: Vec<Value>,
    pub ui_customization: Option<Value>,
    pub risk_configuration: Option<Value>,
    pub log_delivery: Option<Value>,
    /// (client name, ManagedLoginBranding) for each client that has a branding style.
    pub branding: Vec<(String, Value)>,
    /// (client name, UICustomization) for each client with a customization of its own.
    pub client_ui: Vec<(String, Value)>,
    /// (client name, RiskConfiguration) for each client with a risk configuration of its own.
    pub client_risk: Vec<(String, Value)>,
    /// (client name, DescribeTerms's `Terms`) for each terms document, by client and name.
    pub terms: Vec<(String, Value)>,
    /// `Operation (ErrorType)` for each read the service refused, sorted.
    pub unreadable: Vec<String>,
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Every item of a listing, following `NextToken`.
fn list(caller: &dyn Caller, op: &str, input: Value, items: &str) -> Result<Vec<Value>, CallError> {
    let mut input = input;
    let mut out = Vec::new();
    loop {
        let page = caller.call(op, input.clone())?;
        if let Some(Value::Array(list)) = page.get(items) {
            out.extend(list.iter().cloned());
        }
        match page.get("NextToken").and_then(Value::as_str) {
            Some(token) if !token.is_empty() => input["NextToken"] = token.into(),
            _ => return Ok(out),
        }
    }
}

fn sort_by(items: &mut [Value], key: &str) {
    items.sort_by(|a, b| text(a, key).cmp(text(b, key)));
}

impl Pool {
    /// A read whose failure is noted instead of ending the export; `None` when the resource
    /// simply does not exist.
    fn optional(
        &mut self,
        caller: &dyn Caller,
        op: &str,
        input: Value,
        member: &str,
    ) -> Option<Value> {
        match caller.call(op, input) {
            Ok(v) => v.get(member).cloned(),
            Err(e) if e.kind() == "ResourceNotFoundException" => None,
            Err(e) => {
                self.unreadable.push(format!("{op} ({})", e.kind()));
                None
            }
        }
    }
}

/// Reads the whole pool `id`. Fails only when the pool itself cannot be read.
pub fn read(caller: &dyn Caller, id: &str) -> Result<Pool, CallError> {
    let key = json!({ "UserPoolId": id });
    let described = caller.call("DescribeUserPool", key.clone())?;
    let pool_value = described.get("UserPool").cloned().unwrap_or(Value::Null);
    let mut pool = Pool {
        id: id.to_string(),
        pool: pool_value,
        ..Pool::default()
    };
    pool.mfa = match caller.call("GetUserPoolMfaConfig", key.clone()) {
        Ok(v) => Some(v),
        Err(e) => {
            pool.unreadable
                .push(format!("GetUserPoolMfaConfig ({})", e.kind()));
            None
        }
    };
    let with = |extra: Value| {
        let mut v = key.clone();
        if let (Some(m), Value::Object(e)) = (v.as_object_mut(), extra) {
            m.extend(e);
        }
        v
    };

    let mut resource_servers = list(
        caller,
        "ListResourceServers",
        with(json!({"MaxResults": 50})),
        "ResourceServers",
    )?;
    sort_by(&mut resource_servers, "Identifier");
    pool.resource_servers = resource_servers;

    let mut providers = list(
        caller,
        "ListIdentityProviders",
        with(json!({"MaxResults": 60})),
        "Providers",
    )?;
    sort_by(&mut providers, "ProviderName");
    for p in providers {
        let input = with(json!({"ProviderName": text(&p, "ProviderName")}));
        if let Some(d) = pool.optional(
            caller,
            "DescribeIdentityProvider",
            input,
            "IdentityProvider",
        ) {
            pool.identity_providers.push(d);
        }
    }

    let mut clients = list(
        caller,
        "ListUserPoolClients",
        with(json!({"MaxResults": 60})),
        "UserPoolClients",
    )?;
    clients.sort_by(|a, b| {
        (text(a, "ClientName"), text(a, "ClientId"))
            .cmp(&(text(b, "ClientName"), text(b, "ClientId")))
    });
    for c in clients {
        let input = with(json!({"ClientId": text(&c, "ClientId")}));
        if let Some(d) = pool.optional(caller, "DescribeUserPoolClient", input, "UserPoolClient") {
            pool.clients.push(d);
        }
    }

    for member in ["Domain", "CustomDomain"] {
        let name = text(&pool.pool, member).to_string();
        if name.is_empty() {
            continue;
        }
        let input = json!({ "Domain": name });
        if let Some(d) = pool.optional(caller, "DescribeUserPoolDomain", input, "DomainDescription")
            && !text(&d, "UserPoolId").is_empty()
        {
            pool.domains.push(d);
        }
    }

    let mut groups = list(caller, "ListGroups", with(json!({"Limit": 60})), "Groups")?;
    sort_by(&mut groups, "GroupName");
    pool.groups = groups;

    pool.ui_customization =
        pool.optional(caller, "GetUICustomization", key.clone(), "UICustomization");
    pool.risk_configuration = pool.optional(
        caller,
        "DescribeRiskConfiguration",
        key.clone(),
        "RiskConfiguration",
    );
    pool.log_delivery = pool.optional(
        caller,
        "GetLogDeliveryConfiguration",
        key.clone(),
        "LogDeliveryConfiguration",
    );
    let names: Vec<(String, String)> = pool
        .clients
        .iter()
        .map(|c| {
            (
                text(c, "ClientName").to_string(),
                text(c, "ClientId").to_string(),
            )
        })
        .collect();
    for (name, client_id) in names.clone() {
        let input = with(json!({"ClientId": client_id, "ReturnMergedResources": false}));
        let branding = pool.optional(
            caller,
            "DescribeManagedLoginBrandingByClient",
            input,
            "ManagedLoginBranding",
        );
        if let Some(b) = branding {
            pool.branding.push((name, b));
        }
        if pool
            .unreadable
            .iter()
            .any(|u| u.starts_with("DescribeManagedLoginBrandingByClient"))
        {
            // Not supported here: asking for every other client would only fail the same way.
            break;
        }
    }
    per_client(caller, &mut pool, &names, &with);
    pool.unreadable.sort();
    pool.unreadable.dedup();
    Ok(pool)
}

/// The settings a client can have of its own (UI customization, risk configuration) and the
/// pool's terms documents. A client without its own setting is answered with the pool's
/// (`ClientId` "ALL" or absent): that one is exported once, at the pool level.
fn per_client(
    caller: &dyn Caller,
    pool: &mut Pool,
    names: &[(String, String)],
    with: &dyn Fn(Value) -> Value,
) {
    for (name, client_id) in names {
        let own = |v: &Value| text(v, "ClientId") == client_id;
        let input = with(json!({ "ClientId": client_id }));
        if let Some(ui) = pool.optional(
            caller,
            "GetUICustomization",
            input.clone(),
            "UICustomization",
        ) && own(&ui)
        {
            pool.client_ui.push((name.clone(), ui));
        }
        if let Some(risk) = pool.optional(
            caller,
            "DescribeRiskConfiguration",
            input,
            "RiskConfiguration",
        ) && own(&risk)
        {
            pool.client_risk.push((name.clone(), risk));
        }
    }
    let listed = match list(
        caller,
        "ListTerms",
        with(json!({"MaxResults": 60})),
        "Terms",
    ) {
        Ok(listed) => listed,
        Err(e) => {
            pool.unreadable.push(format!("ListTerms ({})", e.kind()));
            return;
        }
    };
    for t in listed {
        let input = with(json!({ "TermsId": text(&t, "TermsId") }));
        if let Some(terms) = pool.optional(caller, "DescribeTerms", input, "Terms") {
            let client = names
                .iter()
                .find(|(_, id)| id == text(&terms, "ClientId"))
                .map(|(n, _)| n.clone())
                .unwrap_or_default();
            pool.terms.push((client, terms));
        }
    }
    pool.terms
        .sort_by(|a, b| (&a.0, text(&a.1, "TermsName")).cmp(&(&b.0, text(&b.1, "TermsName"))));
}
