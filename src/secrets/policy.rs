//! [`Secrets`]: the policy of one model (the embedded one, or `--model FILE`), which every
//! output that can hold a request or response value asks.

use std::collections::BTreeSet;
use std::sync::{Mutex, OnceLock, PoisonError};

use serde_json::Value;

use super::Level;
use super::names::{is_credential_name, is_signed_url_name, with_folded};
use super::values::query_starred;
use super::{echo, fold, text};

use crate::model::{Model, Operation, Problem, REDACTED};

/// The policy for one model (the embedded one, or `--model FILE`).
pub struct Secrets {
    model: &'static Model,
    /// Folded names of every member the model marks sensitive.
    sensitive: BTreeSet<String>,
}

impl Secrets {
    pub fn new(model: &'static Model) -> Self {
        Self {
            model,
            sensitive: model
                .sensitive_member_names()
                .iter()
                .map(|n| fold(n))
                .collect(),
        }
    }

    /// The policy of `model`: the embedded one's is built once per process; a `--model FILE`
    /// (itself kept for the whole process) gets its own, built once.
    /// Every caller of one run (its call context, its console) gets the same policy.
    pub fn for_model(model: &'static Model) -> &'static Secrets {
        if std::ptr::eq(model, Model::embedded()) {
            return Secrets::embedded();
        }
        static LOADED: Mutex<Vec<&'static Secrets>> = Mutex::new(Vec::new());
        let mut loaded = LOADED.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(known) = loaded.iter().find(|s| std::ptr::eq(s.model, model)) {
            return known;
        }
        let built: &'static Secrets = Box::leak(Box::new(Secrets::new(model)));
        loaded.push(built);
        built
    }

    /// The policy of the embedded model: what [`Secrets::for_model`] gives for it, and what
    /// unit tests use.
    pub fn embedded() -> &'static Secrets {
        static POLICY: OnceLock<Secrets> = OnceLock::new();
        POLICY.get_or_init(|| Secrets::new(Model::embedded()))
    }

    /// Whether a member called `name` is hidden at `level` (when its value is not empty).
    pub fn hides(&self, name: &str, level: Level) -> bool {
        is_credential_name(name)
            || (level == Level::Strict && with_folded(name, |f| self.sensitive.contains(f)))
    }

    /// An input of `op` as it may be shown anywhere: strict by the model's shapes, and every
    /// credential wherever it sits.
    pub fn input(&self, op: &Operation, v: &Value) -> Value {
        credentials_out(self.model.redact_input(op, v))
    }

    /// An output of `op` as it may be shown anywhere.
    pub fn output(&self, op: &Operation, v: &Value) -> Value {
        credentials_out(self.model.redact_output(op, v))
    }

    /// Any value (no operation known) with every member hidden at `level` replaced.
    pub fn value(&self, v: &Value, level: Level) -> Value {
        match v {
            Value::Object(map) => Value::Object(
                map.iter()
                    .map(|(k, x)| {
                        let hidden = self.hides(k, level) && hideable(x, level);
                        let shown = if let (true, Value::String(url)) = (is_signed_url_name(k), x) {
                            Value::String(query_starred(url))
                        } else if hidden {
                            Value::String(REDACTED.to_string())
                        } else {
                            self.value(x, level)
                        };
                        (k.clone(), shown)
                    })
                    .collect(),
            ),
            Value::Array(items) => {
                Value::Array(items.iter().map(|x| self.value(x, level)).collect())
            }
            other => other.clone(),
        }
    }

    /// Remembers the secret values a call carried: every text the model marks sensitive in its
    /// input and output, and every credential by name wherever it sits. Echoes then know them by
    /// value ([`Secrets::echo`]), and `:save` never writes one.
    /// Whether an answer of `op` can hold a secret to remember: its output reaches a member the
    /// model marks sensitive or a string member named as a credential. Worked out once per operation, so
    /// the answers of the others are never walked.
    pub fn output_may_hold_secrets(&self, op: &Operation) -> bool {
        static SEEN: std::sync::Mutex<Vec<(&'static str, bool)>> =
            std::sync::Mutex::new(Vec::new());
        let mut seen = SEEN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        if let Some(&(_, holds)) = seen.iter().find(|(name, _)| std::ptr::eq(*name, op.name)) {
            return holds;
        }
        let model = self.model;
        let holds = !model
            .member_names_where(model.output_id(op).into_iter(), &|m| {
                let shape = model.shape(m.shape);
                m.sensitive
                    || shape.sensitive
                    || (shape.type_name() == "string" && is_credential_name(m.name))
            })
            .is_empty();
        seen.push((op.name, holds));
        holds
    }

    pub fn remember_call(&self, op: &Operation, input: &Value, output: Option<&Value>) {
        if !echo::sightings_read() {
            return;
        }
        let mut found = |member: &str, text: &str| {
            echo::remember(member, text, is_credential_name(member));
        };
        self.model.sensitive_strings(op, false, input, &mut found);
        remember_credentials(input);
        if let Some(output) = output {
            self.model.sensitive_strings(op, true, output, &mut found);
            remember_credentials(output);
        }
    }

    /// A value as an echo (the REPL's, `eval`'s) shows it at `level`: members hidden by name,
    /// and at the strict level every secret value seen in a call, wherever it now sits.
    pub fn echo(&self, v: &Value, level: Level) -> Value {
        let shown = self.value(v, level);
        if level == Level::Strict {
            star_seen(shown)
        } else {
            shown
        }
    }

    /// A text (a selected string, a `print`) as an echo shows it at `level`.
    pub fn echo_text<'a>(&self, text: &'a str, level: Level) -> std::borrow::Cow<'a, str> {
        match echo::star(text, level) {
            Some(starred) => starred.into(),
            None => text.into(),
        }
    }

    /// The credential member a text value was seen under in a call (`TemporaryPassword`,
    /// `ClientSecret`), if it was: `:save` writes an `env(…)` read in its place.
    pub fn seen_credential(&self, text: &str) -> Option<String> {
        echo::seen_as(text)
            .filter(|s| s.credential)
            .map(|s| s.member)
    }

    /// Whether a string literal in a script is a secret value that must not be written to a
    /// file: given to a credential name (`TemporaryPassword: "…"`, `secret_key = "…"`), or a
    /// value a call carried as a credential. Gives the member it stands for.
    pub fn secret_literal(&self, name: Option<&str>, value: &str) -> Option<String> {
        if value.is_empty() {
            return None;
        }
        match name {
            Some(name) if is_credential_name(name) => Some(name.to_string()),
            _ => self.seen_credential(value),
        }
    }

    /// How a value at `path` (`ProviderDetails.client_secret`, `Schema[0].Name`) is shown in a
    /// diff line: its JSON, or `"***"` when the last member names a secret.
    pub fn shown_at(&self, path: &str, value: &Value) -> String {
        if !value.is_null() && self.path_is_secret(path) {
            return "\"***\"".to_string();
        }
        match value {
            Value::Null => "(unset)".to_string(),
            other => self.value(other, Level::Strict).to_string(),
        }
    }

    /// A value at `path` with the secret hidden, for the maps a script gets back.
    pub fn value_at(&self, path: &str, value: &Value) -> Value {
        if !value.is_null() && self.path_is_secret(path) {
            return Value::String("***".to_string());
        }
        self.value(value, Level::Strict)
    }

    fn path_is_secret(&self, path: &str) -> bool {
        let last = path.rsplit(['.', '(']).next().unwrap_or(path);
        let last = last.split('[').next().unwrap_or(last);
        is_credential_name(last)
    }

    /// A validation problem about `input` with the offending value starred out when the path
    /// names a secret (`TemporaryPassword: "…" does not match …` never shows the password).
    pub fn problem(&self, input: &Value, mut problem: Problem) -> Problem {
        let last = problem.path.rsplit('.').next().unwrap_or_default();
        let last = last.split('[').next().unwrap_or(last);
        if last.is_empty() || !self.hides(last, Level::Strict) {
            return problem;
        }
        if let Some(Value::String(value)) = value_at_path(input, &problem.path)
            && !value.is_empty()
        {
            problem.message = problem.message.replace(value.as_str(), "***");
            let quoted = serde_json::to_string(value).unwrap_or_default();
            problem.message = problem.message.replace(&quoted, "\"***\"");
        }
        problem
    }

    /// A line of script source with every string literal given to a secret name starred out
    /// (keeping its length, so carets stay aligned): `TemporaryPassword: "*****"`.
    pub fn mask_source_line(&self, line: &str) -> String {
        text::mask_literals(line, &|name| self.hides(name, Level::Strict))
    }

    /// Free text (a subprocess's stderr, a thrown string) with secret-looking runs replaced.
    pub fn scrub_text(&self, text: &str) -> String {
        text::scrub(text, text::FreeText::Message)
    }
}

/// The value at a problem path (`Schema[3].Name`, `Policies.PasswordPolicy`).
fn value_at_path<'a>(v: &'a Value, path: &str) -> Option<&'a Value> {
    let mut at = v;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (name, rest) = match part.find('[') {
            Some(i) => (&part[..i], &part[i..]),
            None => (part, ""),
        };
        if !name.is_empty() {
            at = at.get(name)?;
        }
        for index in rest.split('[').filter(|i| !i.is_empty()) {
            at = at.get(index.trim_end_matches(']').parse::<usize>().ok()?)?;
        }
    }
    Some(at)
}

/// Empty values and non-text values under a Credentials-level name stay visible (so
/// `GenerateSecret: true` and `PasswordPolicy: {…}` are shown); strict hides any scalar.
fn hideable(v: &Value, level: Level) -> bool {
    match v {
        Value::Null => false,
        Value::String(s) => !s.is_empty(),
        Value::Object(_) | Value::Array(_) => false,
        _ => level == Level::Strict,
    }
}

/// Remembers every non-empty text under a credential name, wherever it sits.
fn remember_credentials(v: &Value) {
    match v {
        Value::Object(map) => {
            for (k, x) in map {
                match x {
                    Value::String(s) if is_credential_name(k) => echo::remember(k, s, true),
                    other => remember_credentials(other),
                }
            }
        }
        Value::Array(items) => items.iter().for_each(remember_credentials),
        _ => {}
    }
}

/// Every text in `v` with the secret values seen so far starred.
fn star_seen(v: Value) -> Value {
    match v {
        Value::String(s) => match echo::star(&s, Level::Strict) {
            Some(starred) => Value::String(starred),
            None => Value::String(s),
        },
        Value::Object(map) => {
            Value::Object(map.into_iter().map(|(k, x)| (k, star_seen(x))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(star_seen).collect()),
        other => other,
    }
}

/// Every text value under a credential name replaced.
fn credentials_out(v: Value) -> Value {
    match v {
        Value::Object(map) => Value::Object(
            map.into_iter()
                .map(|(k, x)| {
                    let x = match x {
                        Value::String(s) if !s.is_empty() && is_credential_name(&k) => {
                            Value::String(REDACTED.to_string())
                        }
                        Value::String(url) if is_signed_url_name(&k) => {
                            Value::String(query_starred(&url))
                        }
                        other => credentials_out(other),
                    };
                    (k, x)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(items.into_iter().map(credentials_out).collect()),
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn only_answers_that_can_hold_a_secret_are_walked_for_one() {
        let model = Model::embedded();
        let secrets = Secrets::embedded();
        let holds = |op: &str| secrets.output_may_hold_secrets(model.operation(op).unwrap());
        assert!(holds("DescribeUserPoolClient"), "ClientSecret");
        assert!(holds("AdminInitiateAuth"), "AuthenticationResult tokens");
        assert!(!holds("ListGroups"));
        assert!(!holds("DescribeUserPool"));
        // Asked again, the answer comes from what was worked out the first time.
        assert!(holds("DescribeUserPoolClient") && !holds("ListGroups"));
    }

    #[test]
    fn free_form_provider_details_are_redacted_in_inputs_and_outputs() {
        let model = Model::embedded();
        let s = Secrets::new(model);
        let op = model.operation("CreateIdentityProvider").unwrap();
        let input = json!({"UserPoolId": "p", "ProviderName": "Google", "ProviderType": "Google",
            "ProviderDetails": {"client_id": "cid", "client_secret": "SENTINEL-1", "private_key": "SENTINEL-2",
            "authorize_scopes": "email"}});
        let shown = s.input(op, &input).to_string();
        assert!(!shown.contains("SENTINEL"), "{shown}");
        assert!(
            shown.contains("cid") && shown.contains("authorize_scopes"),
            "{shown}"
        );
        let output =
            json!({"IdentityProvider": {"ProviderDetails": {"client_secret": "SENTINEL-3"}}});
        assert!(!s.output(op, &output).to_string().contains("SENTINEL"));
    }

    #[test]
    fn the_two_levels_differ_only_on_what_the_model_marks() {
        let s = Secrets::embedded();
        let v = json!({"Users": [{"Username": "alice", "Attributes": [{"Name": "email", "Value": "a@x.org"}]}],
                       "AuthenticationResult": {"AccessToken": "eyJ.tok", "ExpiresIn": 3600},
                       "UserPoolClient": {"GenerateSecret": true, "ClientSecret": "shh"}});
        let shown = s.value(&v, Level::Credentials).to_string();
        assert!(
            shown.contains("alice") && shown.contains("a@x.org"),
            "{shown}"
        );
        assert!(
            !shown.contains("eyJ.tok") && !shown.contains("shh"),
            "{shown}"
        );
        assert!(shown.contains("3600") && shown.contains("\"GenerateSecret\":true"));
        let strict = s.value(&v, Level::Strict).to_string();
        assert!(
            !strict.contains("alice") && !strict.contains("a@x.org"),
            "{strict}"
        );
        assert!(!strict.contains("eyJ.tok") && !strict.contains("shh"));
    }

    #[test]
    fn validation_details_never_show_a_secret_value() {
        let s = Secrets::embedded();
        let input = json!({"Users": [{"TemporaryPassword": "hunter2 pw"}]});
        let p = Problem::error(
            "Users[0].TemporaryPassword",
            "\"hunter2 pw\" does not match the pattern".into(),
        );
        let shown = s.problem(&input, p);
        assert!(!shown.message.contains("hunter2"), "{}", shown.message);
        let plain = Problem::error("PoolName", "\"x y\" is too short".into());
        assert_eq!(s.problem(&json!({"PoolName": "x y"}), plain.clone()), plain);
    }

    #[test]
    fn presigned_urls_keep_their_path_and_star_their_query() {
        let s = Secrets::embedded();
        let url = "https://b.s3.amazonaws.com/import/f.csv?X-Amz-Credential=AKID%2Fx&X-Amz-Security-Token=TOK&X-Amz-Signature=SIG";
        let v = json!({"UserImportJob": {"PreSignedUrl": url, "JobId": "import-1"}});
        for shown in [
            s.value(&v, Level::Credentials).to_string(),
            s.value(&v, Level::Strict).to_string(),
            s.output(
                Model::embedded().operation("CreateUserImportJob").unwrap(),
                &v,
            )
            .to_string(),
        ] {
            assert!(shown.contains("https://b.s3.amazonaws.com/import/f.csv?X-Amz-Credential=***&X-Amz-Security-Token=***&X-Amz-Signature=***"), "{shown}");
            assert!(
                !shown.contains("TOK") && !shown.contains("SIG") && !shown.contains("AKID"),
                "{shown}"
            );
        }
        let text = s.scrub_text(&format!("failed at {url} now"));
        assert!(!text.contains("TOK") && !text.contains("SIG"), "{text}");
    }

    #[test]
    fn diff_values_hide_secret_paths() {
        let s = Secrets::embedded();
        assert_eq!(
            s.shown_at("ProviderDetails.client_secret", &json!("x")),
            "\"***\""
        );
        assert_eq!(s.shown_at("MfaConfiguration", &json!("ON")), "\"ON\"");
        assert_eq!(s.shown_at("MfaConfiguration", &Value::Null), "(unset)");
        assert_eq!(
            s.shown_at("ProviderDetails", &json!({"client_secret": "x"})),
            format!("{{\"client_secret\":\"{REDACTED}\"}}")
        );
    }
}
