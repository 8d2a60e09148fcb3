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

/// Names that mark a credential, compared without `_`/`-` and case.
const SECRET_NAMES: &[&str] = &[
    "secretkey",
    "secretaccesskey",
    "sessiontoken",
    "securitytoken",
    "clientsecret",
    "password",
];

/// Whether `entry` holds a credential and must stay out of the history file: a secret-key or
/// session-token name (`secret_key = …`, `SecretKey: …`, `AWS_SESSION_TOKEN`), or a literal that
/// looks like a secret access key or a token (40 or more base64 characters in a row).
pub fn has_secret(entry: &str) -> bool {
    let folded: String = entry
        .chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect();
    if SECRET_NAMES.iter().any(|n| folded.contains(n)) {
        return true;
    }
    let mut run = 0;
    for c in entry.chars() {
        if c.is_ascii_alphanumeric() || matches!(c, '/' | '+' | '=') {
            run += 1;
            if run >= 40 {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::has_secret;

    #[test]
    fn credentials_are_recognised() {
        assert!(has_secret("let secret_key = \"abc\";"));
        assert!(has_secret("let c = #{ SecretKey: \"abc\" };"));
        assert!(has_secret("env(\"AWS_SESSION_TOKEN\")"));
        assert!(has_secret("cognito.with(#{ aws_secret_access_key: k })"));
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
        assert!(!has_secret("print(pool.UserPool.Id)"));
        assert!(!has_secret(":describe CreateUserPool"));
    }
}
