//! From what the service answers to what a create call accepts: members the create operation
//! does not take (ids, ARNs of the resource itself, dates, counts, secrets) are dropped, empty
//! values too, scalar lists are sorted (the service keeps no order for them), and the standard
//! schema attributes Cognito adds by itself are left out.

use serde_json::{Map, Value, json};

use crate::model::Model;
use crate::service::ensure::STANDARD_ATTRIBUTES;

/// Only the members `op`'s input accepts, at every depth (ensure_*'s own pruning); nulls,
/// `{}` and `[]` dropped.
pub fn prune(model: &Model, op: &str, value: &Value) -> Value {
    let Some(op) = model.operation(op) else {
        return Value::Null;
    };
    without_empty(crate::service::ensure::prune(model, op, value))
}

/// `value` with every empty object and list (and null) left out, at every depth.
fn without_empty(value: Value) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, v)| (k, without_empty(v)))
                .filter(|(_, v)| !is_empty(v))
                .collect::<Map<String, Value>>(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(without_empty).collect()),
        other => other,
    }
}

fn is_empty(v: &Value) -> bool {
    match v {
        Value::Null => true,
        Value::Object(m) => m.is_empty(),
        Value::Array(a) => a.is_empty(),
        _ => false,
    }
}

/// Sorts every list of scalars and every map's keys, at every depth (same pool, same bytes).
pub fn settle(value: &mut Value) {
    match value {
        Value::Object(map) => {
            let mut entries: Vec<(String, Value)> = std::mem::take(map).into_iter().collect();
            entries.sort_by(|a, b| a.0.cmp(&b.0));
            for (k, mut v) in entries {
                settle(&mut v);
                map.insert(k, v);
            }
        }
        Value::Array(items) => {
            items.iter_mut().for_each(settle);
            if items.iter().all(|v| !v.is_object() && !v.is_array()) {
                items.sort_by_key(|a| a.to_string());
            }
        }
        _ => {}
    }
}

/// The settings of each standard attribute when nothing was asked for it.
fn standard_default(name: &str) -> Option<Value> {
    let string = |min: &str, max: &str| {
        json!({"AttributeDataType": "String", "Mutable": true, "Required": false,
               "StringAttributeConstraints": {"MinLength": min, "MaxLength": max}})
    };
    Some(match name {
        "email_verified" | "phone_number_verified" => {
            json!({"AttributeDataType": "Boolean", "Mutable": true, "Required": false})
        }
        "updated_at" => json!({"AttributeDataType": "Number", "Mutable": true, "Required": false,
                               "NumberAttributeConstraints": {"MinValue": "0"}}),
        "birthdate" => string("10", "10"),
        "identities" => json!({"AttributeDataType": "String", "Mutable": true, "Required": false}),
        n if STANDARD_ATTRIBUTES.contains(&n) => string("0", "2048"),
        _ => return None,
    })
}

/// Whether `attr` is a standard attribute exactly as Cognito adds it (`sub` always is).
fn is_service_default(attr: &Value) -> bool {
    let name = attr.get("Name").and_then(Value::as_str).unwrap_or_default();
    if name == "sub" {
        return true;
    }
    let Some(default) = standard_default(name) else {
        return false;
    };
    let same = |key: &str| {
        let want = default.get(key);
        let have = attr.get(key);
        match (want, have) {
            (Some(w), Some(h)) => loosely_equal(w, h),
            (None, None) => true,
            (None, Some(h)) => is_empty(h) || h == &json!({"MinLength": "0", "MaxLength": "2048"}),
            (Some(_), None) => key.ends_with("Constraints"),
        }
    };
    ["AttributeDataType", "Mutable", "Required"]
        .iter()
        .all(|k| same(k))
        && ["StringAttributeConstraints", "NumberAttributeConstraints"]
            .iter()
            .all(|k| same(k))
        && attr.get("DeveloperOnlyAttribute").and_then(Value::as_bool) != Some(true)
}

/// Equal, counting `8` and `"8"` as the same (Cognito returns some numbers as text).
pub fn loosely_equal(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .all(|(k, v)| y.get(k).is_some_and(|w| loosely_equal(v, w)))
        }
        (Value::String(s), other) | (other, Value::String(s)) if !other.is_string() => {
            other.to_string().as_str() == s.trim()
        }
        _ => a == b,
    }
}

/// DescribeUserPool's `UserPool` as CreateUserPool's input (without the pool name).
pub fn pool(model: &Model, described: &Value) -> Value {
    let mut renamed = Map::new();
    if let Value::Object(map) = described {
        for (key, value) in map {
            let key = match key.as_str() {
                "Name" => "PoolName",
                "SchemaAttributes" => "Schema",
                other => other,
            };
            renamed.insert(key.to_string(), value.clone());
        }
    }
    let mut out = prune(model, "CreateUserPool", &Value::Object(renamed));
    let Some(map) = out.as_object_mut() else {
        return out;
    };
    map.remove("PoolName");
    if let Some(Value::Array(schema)) = map.remove("Schema") {
        let mut kept: Vec<Value> = schema
            .into_iter()
            .filter(|a| !is_service_default(a))
            .map(|mut a| {
                if let Some(Value::String(name)) = a.get_mut("Name") {
                    let bare = name.strip_prefix("dev:").unwrap_or(name);
                    *name = bare.strip_prefix("custom:").unwrap_or(bare).to_string();
                }
                a
            })
            .collect();
        kept.sort_by_key(|a| a.get("Name").and_then(Value::as_str).map(str::to_string));
        if !kept.is_empty() {
            map.insert("Schema".into(), Value::Array(kept));
        }
    }
    // The service refuses the deprecated member next to its replacement.
    if out
        .pointer("/Policies/PasswordPolicy/TemporaryPasswordValidityDays")
        .is_some()
        && let Some(Value::Object(admin)) = out.get_mut("AdminCreateUserConfig")
    {
        admin.remove("UnusedAccountValidityDays");
    }
    out
}

/// DescribeUserPoolClient's answer as CreateUserPoolClient's input: the secret is dropped,
/// whether there is one is kept as `GenerateSecret`.
pub fn client(model: &Model, described: &Value) -> Value {
    let has_secret = described
        .get("ClientSecret")
        .and_then(Value::as_str)
        .is_some_and(|s| !s.is_empty());
    let mut input = described.clone();
    if let Some(map) = input.as_object_mut() {
        map.remove("ClientSecret");
    }
    let mut out = prune(model, "CreateUserPoolClient", &input);
    if let Some(map) = out.as_object_mut() {
        map.remove("ClientSecret");
        map.insert("GenerateSecret".into(), has_secret.into());
    }
    out
}

/// A read answer as `op`'s input, with `UserPoolId` (and any `drop`) removed: the script
/// puts the pool reference there.
pub fn item(model: &Model, op: &str, described: &Value, drop: &[&str]) -> Value {
    let mut out = prune(model, op, described);
    if let Some(map) = out.as_object_mut() {
        map.remove("UserPoolId");
        for key in drop {
            map.remove(*key);
        }
    }
    out
}

/// ProviderDetails keys the service fills in itself.
pub const SERVICE_FILLED_DETAILS: &[&str] = &["attributes_url_add_attributes"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pool_drops_read_only_members_and_default_standard_attributes() {
        let model = Model::embedded();
        let described = json!({
            "Id": "us-west-2_x", "Name": "P", "Arn": "arn:aws:cognito-idp:us-west-2:1:userpool/x",
            "CreationDate": 1.5, "EstimatedNumberOfUsers": 3, "LambdaConfig": {},
            "AutoVerifiedAttributes": ["phone_number", "email"],
            "SchemaAttributes": [
                {"Name": "sub", "AttributeDataType": "String", "Mutable": false, "Required": true,
                 "StringAttributeConstraints": {"MinLength": "1", "MaxLength": "2048"}},
                {"Name": "email", "AttributeDataType": "String", "Mutable": true, "Required": true,
                 "DeveloperOnlyAttribute": false,
                 "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}},
                {"Name": "nickname", "AttributeDataType": "String", "Mutable": true, "Required": false,
                 "DeveloperOnlyAttribute": false,
                 "StringAttributeConstraints": {"MinLength": "0", "MaxLength": "2048"}},
                {"Name": "custom:team", "AttributeDataType": "String", "Mutable": true}
            ]
        });
        let mut out = pool(model, &described);
        settle(&mut out);
        let names: Vec<&str> = out["Schema"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["Name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["email", "team"]);
        assert_eq!(
            out["AutoVerifiedAttributes"],
            json!(["email", "phone_number"])
        );
        for gone in [
            "Id",
            "Arn",
            "CreationDate",
            "EstimatedNumberOfUsers",
            "LambdaConfig",
            "PoolName",
        ] {
            assert!(out.get(gone).is_none(), "{gone} kept");
        }
    }

    #[test]
    fn client_secret_is_never_kept() {
        let model = Model::embedded();
        let described = json!({"ClientName": "web", "ClientId": "abc", "ClientSecret": "s3cr3t",
                               "UserPoolId": "p", "RefreshTokenValidity": 30});
        let out = client(model, &described);
        assert_eq!(out["GenerateSecret"], json!(true));
        assert!(!out.to_string().contains("s3cr3t"));
        assert!(out.get("ClientId").is_none());
    }
}
