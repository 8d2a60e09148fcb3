//! Desired-versus-actual for the `ensure_*` functions: a field-level diff that looks only at what
//! the script wrote (so what the service fills in by default is ignored), a deep merge of the
//! desired settings over the current ones, and pruning to the members an operation accepts.

use serde_json::{Map, Value};

use crate::model::{Model, Operation};

/// One setting that differs: its path, the current value (`null` when absent) and the desired one.
#[derive(Clone, Debug, PartialEq)]
pub struct Change {
    pub path: String,
    pub from: Value,
    pub to: Value,
}

/// The changes that would make `current` agree with every member `desired` mentions.
/// `null` in `desired` means "not mentioned".
pub fn diff(desired: &Value, current: Option<&Value>) -> Vec<Change> {
    let mut out = Vec::new();
    walk(String::new(), desired, current, &mut out);
    out
}

fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

fn walk(path: String, desired: &Value, current: Option<&Value>, out: &mut Vec<Change>) {
    match (desired, current) {
        (Value::Null, _) => {}
        (Value::Object(want), Some(Value::Object(have))) => {
            for (key, value) in want {
                walk(join(&path, key), value, have.get(key), out);
            }
        }
        (Value::Array(want), Some(Value::Array(have)))
            if want.len() == have.len() && want.iter().any(Value::is_object) =>
        {
            for (n, (w, h)) in want.iter().zip(have).enumerate() {
                walk(format!("{path}[{n}]"), w, Some(h), out);
            }
        }
        (Value::Array(want), Some(Value::Array(have))) if same_set(want, have) => {}
        (want, Some(have)) if same_scalar(want, have) => {}
        (Value::Object(want), None) if want.values().all(Value::is_null) => {}
        (want, have) => out.push(Change {
            path,
            from: have.cloned().unwrap_or(Value::Null),
            to: want.clone(),
        }),
    }
}

/// Equal, counting `8`, `8.0` and `"8"` (Cognito returns some numbers as text) as the same.
pub fn same_scalar(a: &Value, b: &Value) -> bool {
    if a == b {
        return true;
    }
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::String(s), other) | (other, Value::String(s))
            if other.is_number() || other.is_boolean() =>
        {
            s.trim() == other.to_string().as_str()
        }
        _ => false,
    }
}

/// Lists of scalars compare as sets: the service may return them in another order.
fn same_set(want: &[Value], have: &[Value]) -> bool {
    want.len() == have.len()
        && want.iter().all(|w| have.iter().any(|h| same_scalar(w, h)))
        && have.iter().all(|h| want.iter().any(|w| same_scalar(w, h)))
}

/// `desired` laid over `current`: objects merge member by member, anything else is replaced.
pub fn merge(current: &Value, desired: &Value) -> Value {
    match (current, desired) {
        (_, Value::Null) => current.clone(),
        (Value::Object(have), Value::Object(want)) => {
            let mut out = have.clone();
            for (key, value) in want {
                let merged = match have.get(key) {
                    Some(old) => merge(old, value),
                    None => value.clone(),
                };
                out.insert(key.clone(), merged);
            }
            Value::Object(out)
        }
        _ => desired.clone(),
    }
}

/// Only the members `op`'s input accepts, at every depth (output-only members such as
/// `CreationDate` or `Arn` are dropped); maps and scalar lists are kept whole.
pub fn prune(model: &Model, op: &Operation, value: &Value) -> Value {
    prune_at(model, op, &mut Vec::new(), value)
}

fn prune_at<'a>(model: &Model, op: &Operation, path: &mut Vec<&'a str>, value: &'a Value) -> Value {
    let Value::Object(map) = value else {
        return value.clone();
    };
    let members = model.input_members_at(op, path);
    let mut out = Map::new();
    for (key, item) in map {
        let Some(member) = members.iter().find(|m| &m.name == key) else {
            continue;
        };
        if item.is_null() {
            continue;
        }
        path.push(key.as_str());
        let kept = match (member.type_name.as_str(), item) {
            ("structure", _) => prune_at(model, op, path, item),
            ("list", Value::Array(items)) => {
                Value::Array(items.iter().map(|i| prune_at(model, op, path, i)).collect())
            }
            _ => item.clone(),
        };
        path.pop();
        out.insert(key.clone(), kept);
    }
    Value::Object(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn diff_ignores_what_the_script_did_not_mention() {
        let current = json!({"Policies": {"PasswordPolicy": {"MinimumLength": 8, "RequireSymbols": true}},
                             "Arn": "x", "AutoVerifiedAttributes": ["email", "phone_number"]});
        let desired = json!({"Policies": {"PasswordPolicy": {"MinimumLength": "8"}},
                             "AutoVerifiedAttributes": ["phone_number", "email"]});
        assert!(diff(&desired, Some(&current)).is_empty());
        let desired = json!({"Policies": {"PasswordPolicy": {"MinimumLength": 10}}, "MfaConfiguration": "OFF"});
        let changes = diff(&desired, Some(&current));
        assert_eq!(changes.len(), 2);
        assert_eq!(changes[0].path, "Policies.PasswordPolicy.MinimumLength");
        assert_eq!(changes[0].from, json!(8));
        assert_eq!(changes[1].path, "MfaConfiguration");
        assert_eq!(changes[1].from, Value::Null);
    }

    #[test]
    fn merge_keeps_unmentioned_members() {
        let current = json!({"A": {"x": 1, "y": 2}, "B": [1, 2]});
        let desired = json!({"A": {"x": 3}, "B": [3]});
        assert_eq!(
            merge(&current, &desired),
            json!({"A": {"x": 3, "y": 2}, "B": [3]})
        );
    }

    #[test]
    fn prune_drops_members_the_operation_does_not_take() {
        let model = Model::embedded();
        let op = model.operation("UpdateUserPool").unwrap();
        let value = json!({"UserPoolId": "p", "Arn": "a", "Name": "n",
                           "Policies": {"PasswordPolicy": {"MinimumLength": 8, "Bogus": 1}},
                           "UserPoolTags": {"k": "v"}});
        assert_eq!(
            prune(model, op, &value),
            json!({"UserPoolId": "p", "Policies": {"PasswordPolicy": {"MinimumLength": 8}},
                   "UserPoolTags": {"k": "v"}})
        );
    }
}
