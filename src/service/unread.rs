//! Secrets a plan cannot read. An exported script reads identity-provider secrets with
//! `env("POOLER_SECRET_…")`; when such a variable is unset, a real run stops with an error
//! naming it, while a plan, a dry run and `check` get a marker value (`<unset NAME>`) in its
//! place. `ensure_*` never compares a marker (nor a secret the service does not return): the
//! plan says "not compared" and names the variable, and goes on.

use serde_json::Value;

/// Variables whose names start so hold secrets an exported script needs.
pub const SECRET_ENV_PREFIX: &str = "POOLER_SECRET_";

/// The variable named after `parts` (`["Google", "client_secret"]` →
/// `POOLER_SECRET_GOOGLE_CLIENT_SECRET`): letters and digits upper-cased, anything else `_`.
pub fn secret_variable(parts: &[&str]) -> String {
    let cleaned: Vec<String> = parts
        .iter()
        .map(|part| {
            part.chars()
                .map(|c| {
                    if c.is_ascii_alphanumeric() {
                        c.to_ascii_uppercase()
                    } else {
                        '_'
                    }
                })
                .collect()
        })
        .collect();
    format!("{SECRET_ENV_PREFIX}{}", cleaned.join("_"))
}

/// The value `env(name)` gives for an unset secret variable outside a real run.
pub fn marker(name: &str) -> String {
    format!("<unset {name}>")
}

/// The variable a marker stands for.
pub fn variable_of(value: &str) -> Option<&str> {
    value
        .strip_prefix("<unset ")?
        .strip_suffix('>')
        .filter(|v| v.starts_with(SECRET_ENV_PREFIX))
}

/// One member a plan could not compare, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Unread {
    pub path: String,
    pub why: String,
}

/// Takes every marker out of `desired` (left as `null`, "not mentioned"), returning where each
/// one was.
pub fn take_markers(desired: &mut Value) -> Vec<Unread> {
    let mut out = Vec::new();
    walk(String::new(), desired, &mut out);
    out
}

fn walk(path: String, value: &mut Value, out: &mut Vec<Unread>) {
    match value {
        Value::String(s) => {
            if let Some(name) = variable_of(s) {
                out.push(Unread {
                    path,
                    why: format!("{name} is unset"),
                });
                *value = Value::Null;
            }
        }
        Value::Object(map) => {
            for (key, item) in map.iter_mut() {
                let here = if path.is_empty() {
                    key.clone()
                } else {
                    format!("{path}.{key}")
                };
                walk(here, item, out);
            }
        }
        Value::Array(items) => {
            for (n, item) in items.iter_mut().enumerate() {
                walk(format!("{path}[{n}]"), item, out);
            }
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn markers_are_taken_out_and_named() {
        let mut v = json!({"ProviderDetails": {"client_id": "x",
            "client_secret": marker("POOLER_SECRET_GOOGLE_CLIENT_SECRET")}});
        let found = take_markers(&mut v);
        assert_eq!(
            found,
            [Unread {
                path: "ProviderDetails.client_secret".into(),
                why: "POOLER_SECRET_GOOGLE_CLIENT_SECRET is unset".into()
            }]
        );
        assert_eq!(
            v,
            json!({"ProviderDetails": {"client_id": "x", "client_secret": null}})
        );
        assert_eq!(variable_of("<unset HOME>"), None, "only secret variables");
    }
}
