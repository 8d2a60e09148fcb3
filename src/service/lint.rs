//! Warnings for the known Cognito traps, shown at the call site before anything is written:
//! `custom:` written into a schema name, an UpdateUserPool call that leaves out settings the
//! pool has (it resets them), a schema change sent to an existing pool; and MFA ON/OPTIONAL
//! with no factor configured, told at the end of the run (`mfa_trap.rs`).

use serde_json::Value;

use super::{CallOptions, Check, Notice, Service, Site};
use crate::model::Operation;

fn has(input: &Value, key: &str) -> bool {
    input
        .get(key)
        .is_some_and(|v| !v.is_null() && v != &Value::Object(Default::default()))
}

/// `custom:` in schema names: the service adds the prefix itself.
fn custom_prefix(input: &Value, list: &str, out: &mut Vec<String>) {
    let Some(Value::Array(attrs)) = input.get(list) else {
        return;
    };
    for (n, attr) in attrs.iter().enumerate() {
        if let Some(name) = attr.get("Name").and_then(Value::as_str)
            && let Some(bare) = name.strip_prefix("custom:")
        {
            out.push(format!(
                "{list}[{n}].Name: write `{bare}`, not `{name}`: the service adds `custom:` itself"
            ));
        }
    }
}

/// MFA required or optional with nothing to send a code with, as far as this one request says.
fn mfa_without_factor(op: &str, input: &Value) -> Option<String> {
    if !matches!(
        op,
        "CreateUserPool" | "UpdateUserPool" | "SetUserPoolMfaConfig"
    ) {
        return None;
    }
    let mfa = input.get("MfaConfiguration").and_then(Value::as_str);
    if !matches!(mfa, Some("ON" | "OPTIONAL")) {
        return None;
    }
    let factor = if op == "SetUserPoolMfaConfig" {
        has_factor(input)
    } else {
        has(input, "SmsConfiguration")
    };
    (!factor).then(|| {
        format!(
            "MfaConfiguration: {} with no MFA factor configured: add SmsConfiguration, or \
             enable software tokens with cognito.ensure_mfa_config",
            mfa.unwrap_or_default()
        )
    })
}

/// The warnings of `op` with `input` that the request alone settles.
fn request_warnings(op: &str, input: &Value) -> Vec<String> {
    let mut out = Vec::new();
    match op {
        "CreateUserPool" => custom_prefix(input, "Schema", &mut out),
        "AddCustomAttributes" => custom_prefix(input, "CustomAttributes", &mut out),
        "UpdateUserPool" if input.get("Schema").is_some() => out.push(
            "Schema: the schema of an existing pool cannot be changed; new custom attributes \
             go through AddCustomAttributes (cognito.ensure_user_pool does that)"
                .into(),
        ),
        _ => {}
    }
    out
}

/// Static warnings for `op` with `input` (no request needed; the editor's diagnostics). A run
/// tells the MFA one at its end, unless a later call of the run sets a factor.
pub fn warnings(op: &str, input: &Value) -> Vec<String> {
    let mut out = request_warnings(op, input);
    out.extend(mfa_without_factor(op, input));
    out
}

/// Members UpdateUserPool takes that `current` (DescribeUserPool's `UserPool`) has and `input`
/// leaves out: the call would reset them.
pub fn left_out(update_members: &[String], input: &Value, current: &Value) -> Vec<String> {
    update_members
        .iter()
        .filter(|m| m.as_str() != "UserPoolId" && !has(input, m) && has(current, m))
        .cloned()
        .collect()
}

/// Whether a pool's MFA settings (GetUserPoolMfaConfig's answer, SetUserPoolMfaConfig's input)
/// have a factor that makes OPTIONAL or ON sound.
pub(super) fn has_factor(config: &Value) -> bool {
    has(config, "SmsMfaConfiguration")
        || has(config, "EmailMfaConfiguration")
        || config
            .pointer("/SoftwareTokenMfaConfiguration/Enabled")
            .and_then(Value::as_bool)
            .unwrap_or(false)
}

impl Service {
    /// The trap warnings of `ensure_user_pool(desired)`. A pool it creates is linted as the
    /// CreateUserPool it sends; for an existing pool (`existing`: its id) a warning names
    /// `ensure_user_pool`, not a create that does not happen, and the MFA trap reads the
    /// factors the pool has, so an exported script of a pool with software tokens gets none.
    pub(super) fn lint_ensure_pool(
        &self,
        create: &'static Operation,
        desired: &Value,
        existing: Option<&str>,
        site: Option<&Site>,
    ) {
        let Some(id) = existing else {
            return self
                .ctx
                .runtime()
                .block_on(self.lint(create, desired, site));
        };
        let found = request_warnings(create.name, desired);
        if !found.is_empty() {
            self.ctx.notice(Notice::Traps {
                operation: "ensure_user_pool",
                site,
                lines: &found,
            });
        }
        if let Some(line) = mfa_without_factor(create.name, desired) {
            self.ctx
                .mfa_traps
                .defer(Some(id), "ensure_user_pool", site, line);
            // The answer, recorded, tells the deferred warning whether the pool has a factor.
            if let Some(op) = self.ctx.model.operation("GetUserPoolMfaConfig") {
                let input = serde_json::json!({ "UserPoolId": id });
                let _ = self.call(op, &input, &CallOptions::default().check(Check::None));
            }
        }
    }

    /// Tells the trap warnings for a call the script makes (before it is sent); the MFA one
    /// waits for the end of the run.
    pub(super) async fn lint(&self, op: &'static Operation, input: &Value, site: Option<&Site>) {
        if let Some(line) = mfa_without_factor(op.name, input) {
            let pool = input.get("UserPoolId").and_then(Value::as_str);
            self.ctx.mfa_traps.defer(pool, op.name, site, line);
        }
        let mut found = request_warnings(op.name, input);
        if op.name == "UpdateUserPool" {
            found.extend(self.update_resets(op, input).await);
        }
        if found.is_empty() {
            return;
        }
        self.ctx.notice(Notice::Traps {
            operation: op.name,
            site,
            lines: &found,
        });
    }

    /// For a direct UpdateUserPool: reads the pool and names what the call would reset.
    async fn update_resets(&self, op: &Operation, input: &Value) -> Option<String> {
        let id = input.get("UserPoolId")?.clone();
        if self.ctx.dry_run() {
            return None;
        }
        let describe = self.ctx.model.operation("DescribeUserPool")?;
        let request = serde_json::json!({ "UserPoolId": id });
        let resp = self
            .call_async(
                describe,
                &request,
                &CallOptions::default().check(Check::None),
                &crate::aws::Json,
            )
            .await
            .ok()?;
        let members: Vec<String> = self
            .ctx
            .model
            .input_members_at(op, &[])
            .into_iter()
            .map(|m| m.name)
            .collect();
        let missing = left_out(&members, input, resp.get("UserPool")?);
        (!missing.is_empty()).then(|| {
            format!(
                "UpdateUserPool resets every setting it leaves out, and this call leaves out {} \
                 that the pool has; cognito.ensure_user_pool(…) keeps them",
                missing.join(", ")
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn each_trap_is_named() {
        let w = warnings(
            "CreateUserPool",
            &json!({"PoolName": "p", "MfaConfiguration": "ON",
                    "Schema": [{"Name": "email"}, {"Name": "custom:team"}]}),
        );
        assert_eq!(w.len(), 2, "{w:?}");
        assert!(w[0].starts_with("Schema[1].Name: write `team`"));
        assert!(w[1].starts_with("MfaConfiguration: ON with no MFA factor"));
        let sms =
            json!({"MfaConfiguration": "OPTIONAL", "SmsConfiguration": {"SnsCallerArn": "a"}});
        assert!(warnings("CreateUserPool", &sms).is_empty());
        let totp =
            json!({"MfaConfiguration": "ON", "SoftwareTokenMfaConfiguration": {"Enabled": true}});
        assert!(warnings("SetUserPoolMfaConfig", &totp).is_empty());
        let members = vec![
            "UserPoolId".to_string(),
            "Policies".into(),
            "MfaConfiguration".into(),
        ];
        let current = json!({"Policies": {"PasswordPolicy": {}}, "MfaConfiguration": "OFF"});
        assert_eq!(
            left_out(
                &members,
                &json!({"UserPoolId": "x", "MfaConfiguration": "OFF"}),
                &current
            ),
            ["Policies"]
        );
    }
}
