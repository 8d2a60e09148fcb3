//! The user pool's schema under `ensure_user_pool`: new custom attributes are added with
//! AddCustomAttributes; changed attributes, removed custom ones and new standard ones are refused,
//! because the service cannot make those changes to an existing pool.

use serde_json::Value;

use super::diff::{Change, diff};
use super::kinds::STANDARD_ATTRIBUTES;

/// What the desired schema asks of an existing pool.
#[derive(Default)]
pub struct SchemaPlan {
    /// Custom attributes to add (names without `custom:`, as AddCustomAttributes wants them).
    pub add: Vec<Value>,
    /// Changes reported for the additions.
    pub changes: Vec<Change>,
    /// Changes the service cannot make.
    pub refused: Vec<(Change, String)>,
}

fn name_of(attr: &Value) -> &str {
    attr.get("Name").and_then(Value::as_str).unwrap_or_default()
}

/// The name without the service's `custom:` / `dev:custom:` prefix.
fn bare(name: &str) -> &str {
    let name = name.strip_prefix("dev:").unwrap_or(name);
    name.strip_prefix("custom:").unwrap_or(name)
}

fn is_custom(name: &str) -> bool {
    name.starts_with("custom:") || name.starts_with("dev:custom:")
}

/// Compares the desired `Schema` with the pool's `SchemaAttributes`.
pub fn plan(desired: &[Value], current: &[Value]) -> SchemaPlan {
    let mut out = SchemaPlan::default();
    for (n, want) in desired.iter().enumerate() {
        let name = name_of(want);
        let path = format!("Schema[{n}]");
        let have = current.iter().find(|h| {
            let hn = name_of(h);
            hn == name || (is_custom(hn) && bare(hn) == bare(name))
        });
        match have {
            Some(have) => {
                let mut want = want.clone();
                if let Some(map) = want.as_object_mut() {
                    map.remove("Name");
                }
                for c in diff(&want, Some(have)) {
                    let change = Change {
                        path: format!("{path}({name}).{}", c.path),
                        ..c
                    };
                    out.refused.push((
                        change,
                        "a schema attribute cannot be changed after the pool is created".into(),
                    ));
                }
            }
            None if STANDARD_ATTRIBUTES.contains(&name) => out.refused.push((
                Change {
                    path: format!("{path}({name})"),
                    from: Value::Null,
                    to: want.clone(),
                },
                "a standard attribute cannot be added after the pool is created".into(),
            )),
            None => {
                let mut attr = want.clone();
                if let Some(map) = attr.as_object_mut() {
                    map.insert("Name".into(), Value::String(bare(name).to_string()));
                }
                out.changes.push(Change {
                    path: format!("{path}(custom:{})", bare(name)),
                    from: Value::Null,
                    to: attr.clone(),
                });
                out.add.push(attr);
            }
        }
    }
    for have in current {
        let hn = name_of(have);
        if is_custom(hn) && !desired.iter().any(|w| bare(name_of(w)) == bare(hn)) {
            out.refused.push((
                Change {
                    path: format!("Schema({hn})"),
                    from: have.clone(),
                    to: Value::Null,
                },
                "a custom attribute cannot be removed".into(),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn adds_new_custom_and_refuses_changes_and_removals() {
        let current = vec![
            json!({"Name": "email", "Required": true, "Mutable": true}),
            json!({"Name": "custom:team", "AttributeDataType": "String"}),
            json!({"Name": "custom:gone", "AttributeDataType": "String"}),
        ];
        let desired = vec![
            json!({"Name": "email", "Required": false}),
            json!({"Name": "team", "AttributeDataType": "String"}),
            json!({"Name": "level", "AttributeDataType": "Number"}),
            json!({"Name": "nickname"}),
        ];
        let p = plan(&desired, &current);
        assert_eq!(
            p.add,
            vec![json!({"Name": "level", "AttributeDataType": "Number"})]
        );
        let refused: Vec<&str> = p.refused.iter().map(|(c, _)| c.path.as_str()).collect();
        assert_eq!(
            refused,
            [
                "Schema[0](email).Required",
                "Schema[3](nickname)",
                "Schema(custom:gone)"
            ]
        );
    }
}
