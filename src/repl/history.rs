//! Where the REPL keeps its history, and which entries must never be written there.

use std::path::PathBuf;

/// `$XDG_STATE_HOME/pooler/history`, else `~/.local/state/pooler/history`.
pub fn path() -> Option<PathBuf> {
    let state = std::env::var_os("XDG_STATE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| {
            std::env::var_os("HOME")
                .filter(|h| !h.is_empty())
                .map(|h| PathBuf::from(h).join(".local/state"))
        })?;
    Some(state.join("pooler").join("history"))
}

/// Whether `entry` holds a secret *value* and must stay out of the history file: a literal
/// given to a credential name (`Password: "…"`, `secret_key = "…"`) or a run that looks like a
/// key or token. Naming a secret (`PasswordPolicy`, `env("AWS_SECRET_ACCESS_KEY")`) is fine.
pub fn has_secret(entry: &str) -> bool {
    crate::secrets::text::holds_secret(entry)
}

#[cfg(test)]
mod tests {
    use super::has_secret;

    #[test]
    fn secret_values_are_recognised() {
        assert!(has_secret("let secret_key = \"abc\";"));
        assert!(has_secret("let c = #{ SecretKey: \"abc\" };"));
        assert!(has_secret(
            "let k = \"wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY\";"
        ));
        assert!(has_secret(
            "cognito.admin_set_user_password(#{ Password: \"x\" })"
        ));
    }

    #[test]
    fn ordinary_input_is_kept() {
        assert!(!has_secret(
            "let pool = cognito.create_user_pool(#{ PoolName: \"p\" });"
        ));
        assert!(!has_secret(
            "cognito.create_user_pool(#{ PoolName: \"p\", Policies: #{ PasswordPolicy: #{ MinimumLength: 8 } } })"
        ));
        assert!(!has_secret("env(\"AWS_SESSION_TOKEN\")"));
        assert!(!has_secret("print(pool.UserPool.Id)"));
        assert!(!has_secret(":describe CreateUserPool"));
    }
}
