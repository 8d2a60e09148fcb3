//! Code frames never show a secret: a string literal given to a sensitive member (e.g.
//! `TemporaryPassword: "…"`) or a secret-looking name (`secret_key = "…"`) is starred out,
//! keeping its length so the carets stay aligned.

use std::sync::OnceLock;

use regex::Regex;

use crate::model::Model;

/// Name fragments that always mark a credential, whatever the model says.
const SECRET_FRAGMENTS: &[&str] = &[
    "secretkey",
    "secretaccesskey",
    "sessiontoken",
    "securitytoken",
    "clientsecret",
    "password",
];

fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| *c != '_' && *c != '-')
        .flat_map(char::to_lowercase)
        .collect()
}

fn sensitive(name: &str) -> bool {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    let names = NAMES.get_or_init(|| {
        Model::embedded()
            .sensitive_member_names()
            .iter()
            .map(|n| fold(n))
            .collect()
    });
    let folded = fold(name);
    SECRET_FRAGMENTS.iter().any(|f| folded.contains(f)) || names.contains(&folded)
}

fn assignment() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_][A-Za-z0-9_]*)"?\s*[:=]\s*"((?:[^"\\]|\\.)*)""#)
            .expect("valid regex")
    })
}

/// `line` with the value of every sensitive string literal replaced by as many `*`.
pub fn mask_secrets(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    for caps in assignment().captures_iter(line) {
        let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if !sensitive(name.as_str()) {
            continue;
        }
        out.push_str(&line[last..value.start()]);
        out.extend(value.as_str().chars().map(|_| '*'));
        last = value.end();
    }
    out.push_str(&line[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::mask_secrets;

    #[test]
    fn sensitive_literals_are_starred_with_their_length() {
        assert_eq!(
            mask_secrets(r#"f(#{ PoolName: "a", TemporaryPassword: "pw\"1" });"#),
            r#"f(#{ PoolName: "a", TemporaryPassword: "*****" });"#
        );
        assert_eq!(
            mask_secrets(r#"let secret_key = "abc"; let x = "abc";"#),
            r#"let secret_key = "***"; let x = "abc";"#
        );
        assert_eq!(mask_secrets("let a = 1;"), "let a = 1;");
    }
}
