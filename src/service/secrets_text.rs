//! Secrets in plain text (script source, typed REPL input, a subprocess's stderr), for the
//! policy in `secrets`: string literals given to a secret name, and runs that look like keys.

use std::sync::OnceLock;

use regex::Regex;

/// `name: "value"`, `name = "value"`, `"name": "value"`.
fn assignment() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_][A-Za-z0-9_]*)"?\s*[:=]\s*"((?:[^"\\]|\\.)*)""#)
            .expect("valid regex")
    })
}

/// An AWS secret access key or a token: 40 or more base64 characters in a row.
fn key_like() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[A-Za-z0-9/+=]{40,}").expect("valid regex"))
}

/// `line` with the value of every literal given to a name `hides` accepts replaced by as many
/// `*`, so columns (and carets under them) stay where they were.
pub fn mask_literals(line: &str, hides: &dyn Fn(&str) -> bool) -> String {
    let mut out = String::with_capacity(line.len());
    let mut last = 0;
    for caps in assignment().captures_iter(line) {
        let (Some(name), Some(value)) = (caps.get(1), caps.get(2)) else {
            continue;
        };
        if !hides(name.as_str()) {
            continue;
        }
        out.push_str(&line[last..value.start()]);
        out.extend(value.as_str().chars().map(|_| '*'));
        last = value.end();
    }
    out.push_str(&line[last..]);
    out
}

/// Whether `text` holds a secret value: a non-empty literal given to a credential name, or a
/// key-like run. Naming a secret without its value (`env("AWS_SECRET_ACCESS_KEY")`,
/// `Policies: #{ PasswordPolicy: … }`) is not holding one.
pub fn holds_secret(text: &str, is_credential: &dyn Fn(&str) -> bool) -> bool {
    let literal = assignment().captures_iter(text).any(|caps| {
        matches!((caps.get(1), caps.get(2)), (Some(n), Some(v)) if !v.as_str().is_empty() && is_credential(n.as_str()))
    });
    literal || key_like().is_match(text)
}

/// A signed URL's query parameter (`X-Amz-Signature=…`, `X-Amz-Security-Token=…`).
fn signed_query() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)\b(X-Amz-[A-Za-z-]+)=[^&\s\x22']+").expect("valid regex"))
}

/// `text` with literals given to credential names, signed URLs' query values and key-like runs
/// replaced by `***`.
pub fn scrub(text: &str, is_credential: &dyn Fn(&str) -> bool) -> String {
    let masked = mask_literals(text, is_credential);
    let masked = signed_query().replace_all(&masked, "$1=***");
    key_like().replace_all(&masked, "***").into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::service::secrets::is_credential_name;

    #[test]
    fn sensitive_literals_are_starred_with_their_length() {
        let hides = |n: &str| is_credential_name(n);
        assert_eq!(
            mask_literals(
                r#"f(#{ PoolName: "a", TemporaryPassword: "pw\"1" });"#,
                &hides
            ),
            r#"f(#{ PoolName: "a", TemporaryPassword: "*****" });"#
        );
        assert_eq!(
            mask_literals(r#"let secret_key = "abc"; let x = "abc";"#, &hides),
            r#"let secret_key = "***"; let x = "abc";"#
        );
        assert_eq!(mask_literals("let a = 1;", &hides), "let a = 1;");
    }

    #[test]
    fn secret_values_are_told_from_secret_names() {
        let c = |n: &str| is_credential_name(n);
        assert!(holds_secret(r#"let secret_key = "abc";"#, &c));
        assert!(holds_secret(
            r#"cognito.admin_set_user_password(#{ Password: "x" })"#,
            &c
        ));
        assert!(holds_secret(
            r#"let k = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";"#,
            &c
        ));
        assert!(!holds_secret(r#"env("AWS_SESSION_TOKEN")"#, &c));
        assert!(!holds_secret(
            "cognito.create_user_pool(#{ PoolName: \"p\", Policies: #{ PasswordPolicy: #{ MinimumLength: 8 } } })",
            &c
        ));
        assert!(!holds_secret(
            r#"let pw = env("PW"); f(#{ Password: pw })"#,
            &c
        ));
    }

    #[test]
    fn scrubbed_text_keeps_the_words_around_a_secret() {
        let c = |n: &str| is_credential_name(n);
        let out = scrub(
            r#"error: token expired; aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY""#,
            &c,
        );
        assert!(!out.contains("EXAMPLEKEY"), "{out}");
        assert!(out.starts_with("error: token expired"), "{out}");
    }
}
