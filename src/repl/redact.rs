//! What the REPL and `pooler eval` echo, through the one secret policy: credentials (passwords,
//! tokens, keys, client secrets) are hidden and the user's own data is shown, unless `:redact
//! strict` (or `POOLER_REDACT=strict`) asks to hide every member the model marks sensitive.

use serde_json::Value;

use crate::secrets::{Level, Secrets, echo};

/// The level echoes use now; until `:redact` chooses, `POOLER_REDACT=strict` means strict.
pub fn level() -> Level {
    echo::level()
}

/// Switches the echo level (`:redact strict` / `:redact credentials`).
pub fn set_level(level: Level) {
    echo::set_level(level);
}

/// `value` as the run's policy (`secrets`, built for its model) lets it be echoed.
pub fn redact(secrets: &Secrets, value: &Value) -> Value {
    secrets.echo(value, level())
}

/// A text (a selected string) as the run's policy lets it be echoed.
pub fn redact_text(secrets: &Secrets, text: &str) -> String {
    secrets.echo_text(text, level()).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echo_hides_credentials_and_shows_user_data() {
        let v = serde_json::json!({
            "AuthenticationResult": {"AccessToken": "eyJ.secret", "ExpiresIn": 3600},
            "Users": [{"Username": "alice", "UserStatus": "CONFIRMED", "Password": "hunter2"}]
        });
        let out = redact(Secrets::embedded(), &v).to_string();
        assert!(
            !out.contains("eyJ.secret") && !out.contains("hunter2"),
            "{out}"
        );
        assert!(out.contains("alice") && out.contains("CONFIRMED"), "{out}");
    }
}
