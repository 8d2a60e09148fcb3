//! What the REPL and `pooler eval` echo, through the one secret policy: credentials (passwords,
//! tokens, keys, client secrets) are hidden and the user's own data is shown, unless `:redact
//! strict` (or `POOLER_REDACT=strict`) asks to hide every member the model marks sensitive.

use std::sync::atomic::{AtomicBool, Ordering};

use serde_json::Value;

use crate::service::{Level, Secrets};

static STRICT: AtomicBool = AtomicBool::new(false);

/// The level echoes use now; `POOLER_REDACT=strict` starts strict.
pub fn level() -> Level {
    if STRICT.load(Ordering::Relaxed) || std::env::var("POOLER_REDACT").is_ok_and(|v| v == "strict")
    {
        Level::Strict
    } else {
        Level::Credentials
    }
}

/// Switches the echo level (`:redact strict` / `:redact credentials`).
pub fn set_level(level: Level) {
    STRICT.store(level == Level::Strict, Ordering::Relaxed);
}

/// `value` as it may be echoed.
pub fn redact(value: &Value) -> Value {
    Secrets::embedded().value(value, level())
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
        let out = redact(&v).to_string();
        assert!(
            !out.contains("eyJ.secret") && !out.contains("hunter2"),
            "{out}"
        );
        assert!(out.contains("alice") && out.contains("CONFIRMED"), "{out}");
    }
}
