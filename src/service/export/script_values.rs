//! The values of an exported script: maps as `#{ Key: value }` one member a line, short scalar
//! lists inline; ARNs with the pool's region and account read them from the `region` /
//! `account` variables; secret placeholders become `env("NAME")` reads. Strings and keys are
//! written by `crate::rhai_literal`.

use serde_json::Value;

/// Marks a string value that the script must read from the environment (the rest is the name).
pub const ENV_MARK: &str = "\u{0}env:";

/// The region and account that ARNs are rewritten against.
pub struct Arns {
    pub region: String,
    pub account: String,
}

pub use crate::rhai_literal::{key, string as quote};

impl Arns {
    /// A string value: an ARN in the pool's region or account as an interpolated string,
    /// a secret placeholder as `env("…")`, anything else quoted.
    pub fn string(&self, s: &str) -> String {
        if let Some(name) = s.strip_prefix(ENV_MARK) {
            return format!("env({})", quote(name));
        }
        if !s.starts_with("arn:") || s.contains('`') || s.contains("${") || s.contains('\n') {
            return quote(s);
        }
        let mut parts: Vec<String> = s.splitn(6, ':').map(str::to_string).collect();
        let mut changed = false;
        if parts.len() == 6 {
            if !self.region.is_empty() && parts[3] == self.region {
                parts[3] = "${region}".into();
                changed = true;
            }
            if !self.account.is_empty() && parts[4] == self.account {
                parts[4] = "${account}".into();
                changed = true;
            }
        }
        if changed {
            format!("`{}`", parts.join(":"))
        } else {
            quote(s)
        }
    }

    /// `value` as a Rhai literal; continuation lines are indented by `indent` levels.
    pub fn value(&self, value: &Value, indent: usize) -> String {
        match value {
            Value::Null => "()".into(),
            Value::Bool(b) => b.to_string(),
            Value::Number(n) => {
                if n.is_i64() || n.is_u64() {
                    n.to_string()
                } else {
                    let text = n.to_string();
                    if text.contains(['.', 'e', 'E']) {
                        text
                    } else {
                        format!("{text}.0")
                    }
                }
            }
            Value::String(s) => self.string(s),
            Value::Array(items) => self.list(items, indent),
            Value::Object(_) => self.map(value, indent, &|_| None, &[]),
        }
    }

    fn list(&self, items: &[Value], indent: usize) -> String {
        if items.is_empty() {
            return "[]".into();
        }
        let scalars = items.iter().all(|v| !v.is_object() && !v.is_array());
        if scalars {
            let inline: Vec<String> = items.iter().map(|v| self.value(v, indent)).collect();
            let line = format!("[{}]", inline.join(", "));
            if line.len() <= 80 {
                return line;
            }
        }
        let pad = "    ".repeat(indent + 1);
        let mut out = String::from("[\n");
        for item in items {
            out.push_str(&format!("{pad}{},\n", self.value(item, indent + 1)));
        }
        out.push_str(&"    ".repeat(indent));
        out.push(']');
        out
    }

    /// A map literal; `lead` members (already-rendered Rhai, e.g. `UserPoolId: pool.id`) come
    /// first, and `note` may put a `// comment` line before a top-level member.
    pub fn map(
        &self,
        value: &Value,
        indent: usize,
        note: &dyn Fn(&str) -> Option<&'static str>,
        lead: &[(&str, String)],
    ) -> String {
        let empty = serde_json::Map::new();
        let map = value.as_object().unwrap_or(&empty);
        if map.is_empty() && lead.is_empty() {
            return "#{}".into();
        }
        let pad = "    ".repeat(indent + 1);
        let mut out = String::from("#{\n");
        for (k, v) in lead {
            out.push_str(&format!("{pad}{}: {v},\n", key(k)));
        }
        for (k, v) in map {
            if let Some(n) = note(k) {
                out.push_str(&format!("{pad}// {n}\n"));
            }
            out.push_str(&format!(
                "{pad}{}: {},\n",
                key(k),
                self.value(v, indent + 1)
            ));
        }
        out.push_str(&"    ".repeat(indent));
        out.push('}');
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn arns() -> Arns {
        Arns {
            region: "us-west-2".into(),
            account: "123456789012".into(),
        }
    }

    #[test]
    fn arns_of_the_pool_read_region_and_account_from_variables() {
        let a = arns();
        assert_eq!(
            a.string("arn:aws:iam::123456789012:role/r"),
            "`arn:aws:iam::${account}:role/r`"
        );
        assert_eq!(
            a.string("arn:aws:ses:us-west-2:999:identity/x"),
            "`arn:aws:ses:${region}:999:identity/x`"
        );
        assert_eq!(
            a.string("arn:aws:ses:eu-west-1:999:x"),
            "\"arn:aws:ses:eu-west-1:999:x\""
        );
    }

    #[test]
    fn literals_escape_and_indent() {
        let a = arns();
        let v = json!({"A b": "x\"y\n", "let": 1.5, "L": ["a", "b"], "N": [{"k": true}], "s": 8});
        assert_eq!(
            a.value(&v, 0),
            "#{\n    \"A b\": \"x\\\"y\\n\",\n    \"let\": 1.5,\n    L: [\"a\", \"b\"],\n    N: [\n        #{\n            k: true,\n        },\n    ],\n    s: 8,\n}"
        );
        assert_eq!(
            a.string(&format!("{ENV_MARK}MY_SECRET")),
            "env(\"MY_SECRET\")"
        );
    }
}
