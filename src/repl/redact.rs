//! What the REPL and `pooler eval` echo, through the one secret policy: credentials (passwords,
//! tokens, keys, client secrets) are hidden and the user's own data is shown, unless `:redact
//! strict` (or `POOLER_REDACT=strict`) asks to hide every member the model marks sensitive.

use std::sync::atomic::{AtomicU8, Ordering};

use serde_json::Value;

use crate::service::{Level, Secrets};

/// 0: not chosen yet (the environment decides), 1: credentials, 2: strict.
static CHOSEN: AtomicU8 = AtomicU8::new(0);

/// The level echoes use now; until `:redact` chooses, `POOLER_REDACT=strict` means strict.
pub fn level() -> Level {
    match CHOSEN.load(Ordering::Relaxed) {
        2 => Level::Strict,
        1 => Level::Credentials,
        _ if std::env::var("POOLER_REDACT").is_ok_and(|v| v == "strict") => Level::Strict,
        _ => Level::Credentials,
    }
}

/// Switches the echo level (`:redact strict` / `:redact credentials`).
pub fn set_level(level: Level) {
    let chosen = match level {
        Level::Credentials => 1,
        Level::Strict => 2,
    };
    CHOSEN.store(chosen, Ordering::Relaxed);
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
