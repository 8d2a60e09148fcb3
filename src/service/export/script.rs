//! The export script: a header that says what it holds (secrets read from the environment,
//! what could not be read), the `region` / `account` / `pool_name` variables, then one
//! `ensure_*` call per resource in dependency order, and `ensure_setting` for the settings
//! that have no `ensure_*` function of their own.

use serde_json::Value;

use super::clean;
use super::read::Pool;
use super::script_values::{Arns, ENV_MARK, quote};
use crate::model::Model;

const FIXED: &str = "fixed at creation: the service cannot change it later";
const FIXED_SCHEMA: &str =
    "fixed at creation: attributes can be added later, never changed or removed";

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or_default()
}

/// Region and account of the pool, from its ARN (or the region from its id).
fn arns_of(pool: &Pool) -> Arns {
    let arn = text(&pool.pool, "Arn");
    let parts: Vec<&str> = arn.splitn(6, ':').collect();
    if parts.len() == 6 {
        return Arns {
            region: parts[3].into(),
            account: parts[4].into(),
        };
    }
    Arns {
        region: pool.id.split('_').next().unwrap_or_default().into(),
        account: String::new(),
    }
}

/// The environment variable that holds one identity provider secret.
pub fn secret_variable(provider: &str, key: &str) -> String {
    crate::service::unread::secret_variable(&[provider, key])
}

struct Out {
    arns: Arns,
    text: String,
}

impl Out {
    fn line(&mut self, s: &str) {
        self.text.push_str(s);
        self.text.push('\n');
    }

    fn call(
        &mut self,
        target: &str,
        what: &str,
        function: &str,
        map: &Value,
        lead: &[(&str, String)],
        note: &dyn Fn(&str) -> Option<&'static str>,
    ) {
        let body = self.arns.map(map, 0, note, lead);
        self.line(&format!("{target}cognito.{function}({body});"));
        if !what.is_empty() {
            let var = target.trim_end_matches(" = ").trim_start_matches("let ");
            self.line(&format!("show({}, {var});", quote(what)));
        }
    }
}

impl Out {
    /// `cognito.ensure_setting("Read", "Write", #{ UserPoolId: pool.id, … });`
    fn setting(&mut self, read: &str, write: &str, map: &Value) {
        self.setting_with(read, write, map, &pool_ref());
    }

    /// The same with other members first (a client's `ClientId: clients["web"].id`).
    fn setting_with(&mut self, read: &str, write: &str, map: &Value, lead: &[(&str, String)]) {
        let body = self.arns.map(map, 0, &|_| None, lead);
        self.line(&format!(
            "cognito.ensure_setting({}, {}, {body});",
            quote(read),
            quote(write)
        ));
    }
}

fn pool_ref() -> Vec<(&'static str, String)> {
    vec![("UserPoolId", "pool.id".to_string())]
}

/// `UserPoolId: pool.id, ClientId: clients["NAME"].id`.
fn client_ref(client: &str) -> Vec<(&'static str, String)> {
    let mut lead = pool_ref();
    lead.push(("ClientId", format!("clients[{}].id", quote(client))));
    lead
}

/// The whole script for `pool`.
pub fn script(model: &Model, pool: &Pool) -> String {
    let arns = arns_of(pool);
    let name = text(&pool.pool, "Name").to_string();
    let mut secrets: Vec<(String, String)> = Vec::new();
    let providers: Vec<Value> = pool
        .identity_providers
        .iter()
        .map(|p| {
            let provider = text(p, "ProviderName").to_string();
            let mut input = clean::item(model, "CreateIdentityProvider", p, &[]);
            if let Some(Value::Object(details)) = input.get_mut("ProviderDetails") {
                for key in clean::SERVICE_FILLED_DETAILS {
                    details.remove(*key);
                }
                for (key, value) in details.iter_mut() {
                    if crate::secrets::is_credential_name(key) {
                        let var = secret_variable(&provider, key);
                        secrets.push((
                            var.clone(),
                            format!("identity provider `{provider}`, {key}"),
                        ));
                        *value = Value::String(format!("{ENV_MARK}{var}"));
                    }
                }
            }
            clean::settle(&mut input);
            input
        })
        .collect();

    let mut out = Out {
        arns,
        text: String::new(),
    };
    out.line(&format!(
        "// User pool `{}` ({}), exported by `pooler export`.",
        pool.id,
        name.replace('\n', " ")
    ));
    out.line("// Run it to create or update a pool like it, plan it to see what differs (drift):");
    out.line("//     pooler plan THIS.rhai                  pooler run THIS.rhai -- [POOL_NAME]");
    out.line("//");
    if secrets.is_empty() {
        out.line("// Secrets: none to provide.");
    } else {
        out.line("// Secrets, read from the environment when the script runs:");
        for (var, what) in &secrets {
            out.line(&format!("//     {var}: {what}"));
        }
    }
    if pool.unreadable.is_empty() {
        out.line("// Everything the API reads back was exported.");
    } else {
        out.line("// Not exported, because the service did not answer these reads:");
        for u in &pool.unreadable {
            out.line(&format!("//     {u}"));
        }
    }
    out.line(
        "// Never exported: passwords and client secrets (a client with GenerateSecret gets a",
    );
    out.line(
        "// new secret), UI customization images; users: `pooler export POOL_ID --users FILE.csv`.",
    );
    out.line("// Settings marked `fixed at creation` cannot be changed on an existing pool.");
    out.line("");
    out.line(&format!(
        "let region = {}; // region and account in ARNs: change them to point the script elsewhere",
        quote(&out.arns.region)
    ));
    out.line(&format!("let account = {};", quote(&out.arns.account)));
    out.line(&format!(
        "let pool_name = if args.len() > 0 {{ args[0] }} else {{ {} }};",
        quote(&name)
    ));
    out.line("");
    out.line("fn show(what, r) {");
    out.line("    if r.reported { return; } // a plan has already reported it");
    out.line("    print(`${what}: ${r.action}`);");
    out.line("    for c in r.changes { print(`  ${c.path}: ${c.from} -> ${c.to}`); }");
    out.line("}");
    out.line("");

    let mut settings = clean::pool(model, &pool.pool);
    clean::settle(&mut settings);
    out.call(
        "let pool = ",
        "user pool",
        "ensure_user_pool",
        &settings,
        &[("PoolName", "pool_name".into())],
        &|k| match k {
            "UsernameAttributes" | "AliasAttributes" | "UsernameConfiguration" => Some(FIXED),
            "Schema" => Some(FIXED_SCHEMA),
            _ => None,
        },
    );

    if let Some(mfa) = &pool.mfa {
        let mut input = clean::item(model, "SetUserPoolMfaConfig", mfa, &[]);
        clean::settle(&mut input);
        out.line("");
        out.call(
            "let mfa = ",
            "MFA configuration",
            "ensure_mfa_config",
            &input,
            &pool_ref(),
            &|_| None,
        );
    }

    for rs in &pool.resource_servers {
        let mut input = clean::item(model, "CreateResourceServer", rs, &[]);
        clean::settle(&mut input);
        let what = format!("resource server {}", text(rs, "Identifier"));
        out.line("");
        out.call(
            "let r = ",
            &what,
            "ensure_resource_server",
            &input,
            &pool_ref(),
            &|_| None,
        );
    }

    for (p, input) in pool.identity_providers.iter().zip(&providers) {
        let what = format!("identity provider {}", text(p, "ProviderName"));
        out.line("");
        out.call(
            "let r = ",
            &what,
            "ensure_identity_provider",
            input,
            &pool_ref(),
            &|k| (k == "ProviderType").then_some(FIXED),
        );
    }

    out.line("");
    out.line("let clients = #{};");
    for c in &pool.clients {
        let mut input = clean::client(model, c);
        if let Some(map) = input.as_object_mut() {
            map.remove("UserPoolId");
        }
        clean::settle(&mut input);
        let client_name = text(c, "ClientName");
        let target = format!("clients[{}] = ", quote(client_name));
        let body = out.arns.map(
            &input,
            0,
            &|k| (k == "GenerateSecret").then_some(FIXED),
            &pool_ref(),
        );
        out.line(&format!("{target}cognito.ensure_user_pool_client({body});"));
        out.line(&format!(
            "show({}, clients[{}]);",
            quote(&format!("app client {client_name}")),
            quote(client_name)
        ));
    }

    for d in &pool.domains {
        let mut input = clean::item(model, "CreateUserPoolDomain", d, &[]);
        clean::settle(&mut input);
        let what = format!("domain {}", text(d, "Domain"));
        out.line("");
        out.call(
            "let r = ",
            &what,
            "ensure_user_pool_domain",
            &input,
            &pool_ref(),
            &|_| None,
        );
    }

    for g in &pool.groups {
        let mut input = clean::item(model, "CreateGroup", g, &[]);
        clean::settle(&mut input);
        let what = format!("group {}", text(g, "GroupName"));
        out.line("");
        out.call(
            "let r = ",
            &what,
            "ensure_group",
            &input,
            &pool_ref(),
            &|_| None,
        );
    }

    plain_calls(model, pool, &mut out);
    out.text
}

/// The settings without an `ensure_*` of their own, through `ensure_setting(read, write, …)`:
/// read, compared, and written whole only when they differ (so `plan` of the export says
/// `unchanged` for them too).
fn plain_calls(model: &Model, pool: &Pool, out: &mut Out) {
    if let Some(ui) = &pool.ui_customization
        && !text(ui, "CSS").is_empty()
    {
        let mut input = clean::item(model, "SetUICustomization", ui, &["ClientId"]);
        clean::settle(&mut input);
        out.line("");
        out.line("// Hosted UI customization, written whole when it differs. The image is not");
        out.line("// exported: add ImageFile (base64 PNG or JPEG) if the pool had one.");
        out.setting("GetUICustomization", "SetUICustomization", &input);
    }
    if let Some(risk) = &pool.risk_configuration {
        let mut input = clean::item(model, "SetRiskConfiguration", risk, &["ClientId"]);
        clean::settle(&mut input);
        if input.as_object().is_some_and(|m| !m.is_empty()) {
            out.line("");
            out.line("// Threat protection (risk configuration), written whole when it differs.");
            out.setting("DescribeRiskConfiguration", "SetRiskConfiguration", &input);
        }
    }
    if let Some(log) = &pool.log_delivery {
        let mut input = clean::item(model, "SetLogDeliveryConfiguration", log, &[]);
        clean::settle(&mut input);
        if input.get("LogConfigurations").is_some() {
            out.line("");
            out.line("// Log delivery, written whole when it differs.");
            out.setting(
                "GetLogDeliveryConfiguration",
                "SetLogDeliveryConfiguration",
                &input,
            );
        }
    }
    let per_client = [
        (
            &pool.client_ui,
            "Hosted UI customization",
            "GetUICustomization",
            "SetUICustomization",
        ),
        (
            &pool.client_risk,
            "Threat protection",
            "DescribeRiskConfiguration",
            "SetRiskConfiguration",
        ),
    ];
    for (settings, what, read, write) in per_client {
        for (client, value) in settings {
            let mut input = clean::item(model, write, value, &["ClientId"]);
            clean::settle(&mut input);
            out.line("");
            out.line(&format!(
                "// {what} of app client {client}, written whole when it differs."
            ));
            out.setting_with(read, write, &input, &client_ref(client));
        }
    }
    for (client, terms) in &pool.terms {
        let mut input = clean::item(model, "CreateTerms", terms, &["ClientId"]);
        clean::settle(&mut input);
        let what = format!("terms {} of app client {client}", text(terms, "TermsName"));
        out.line("");
        out.call(
            "let r = ",
            &what,
            "ensure_terms",
            &input,
            &client_ref(client),
            &|_| None,
        );
    }
    for (client, branding) in &pool.branding {
        let mut input = clean::item(
            model,
            "CreateManagedLoginBranding",
            branding,
            &["ClientId", "ManagedLoginBrandingId"],
        );
        clean::settle(&mut input);
        let what = format!("managed login branding of app client {client}");
        out.line("");
        out.call(
            "let r = ",
            &what,
            "ensure_managed_login_branding",
            &input,
            &client_ref(client),
            &|_| None,
        );
    }
}
