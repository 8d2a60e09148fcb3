//! Keeps secrets out of what the REPL echoes: every member the model marks `sensitive`, in
//! any operation's input or output, is redacted by name in printed values.

use std::collections::BTreeSet;
use std::sync::OnceLock;

use serde_json::Value;

use crate::model::{Model, REDACTED};

/// The sensitive names of the embedded model, computed once.
fn embedded_names() -> &'static BTreeSet<String> {
    static NAMES: OnceLock<BTreeSet<String>> = OnceLock::new();
    NAMES.get_or_init(|| Model::embedded().sensitive_member_names())
}

/// `value` with the value of every member named like a sensitive one replaced.
pub fn redact(value: &Value) -> Value {
    redact_with(value, embedded_names())
}

fn redact_with(value: &Value, names: &BTreeSet<String>) -> Value {
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let v = if names.contains(k) && !v.is_null() {
                        Value::String(REDACTED.to_string())
                    } else {
                        redact_with(v, names)
                    };
                    (k.clone(), v)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.iter().map(|v| redact_with(v, names)).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_and_passwords_are_sensitive_names() {
        let names = Model::embedded().sensitive_member_names();
        for name in [
            "AccessToken",
            "IdToken",
            "RefreshToken",
            "Password",
            "ClientSecret",
        ] {
            assert!(names.contains(name), "{name} missing from {names:?}");
        }
        assert!(!names.contains("PoolName"));
    }

    #[test]
    fn printed_values_are_redacted_by_member_name() {
        let v = serde_json::json!({
            "AuthenticationResult": {"AccessToken": "eyJ.secret", "ExpiresIn": 3600},
            "Users": [{"UserStatus": "CONFIRMED", "Password": "hunter2"}]
        });
        let out = redact(&v).to_string();
        assert!(
            !out.contains("eyJ.secret") && !out.contains("hunter2"),
            "{out}"
        );
        assert!(out.contains("3600") && out.contains("CONFIRMED"), "{out}");
    }
}
