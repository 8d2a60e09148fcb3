//! Secrets in plain text (script source, typed REPL input, a thrown string, a subprocess's
//! stderr): string literals given to a secret name, and runs that look like keys.

use std::sync::OnceLock;

use regex::Regex;

use super::names::is_credential_name;
use super::values::key_like;

/// `name: "value"`, `name = "value"`, `"name": "value"`.
fn assignment() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| {
        Regex::new(r#"([A-Za-z_][A-Za-z0-9_]*)"?\s*[:=]\s*"((?:[^"\\]|\\.)*)""#)
            .expect("valid regex")
    })
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
pub fn holds_secret(text: &str) -> bool {
    let literal = assignment().captures_iter(text).any(|caps| {
        matches!((caps.get(1), caps.get(2)), (Some(n), Some(v)) if !v.as_str().is_empty() && is_credential_name(n.as_str()))
    });
    literal || key_like().is_match(text)
}

/// A signed URL's query parameter (`X-Amz-Signature=…`, `X-Amz-Security-Token=…`).
fn signed_query() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"(?i)\b(X-Amz-[A-Za-z-]+)=[^&\s\x22']+").expect("valid regex"))
}

/// What a free text is, for [`scrub`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FreeText {
    /// A message from anywhere (a thrown string, an error's text): quoted literals given to a
    /// credential name, signed URLs' query values and runs of 40 or more key characters are
    /// starred. Shorter runs stay: they are pool ids, client ids and ARNs the reader needs.
    Message,
    /// A `credential_process`'s stderr, shown with `-v`: a program whose job is printing keys,
    /// so besides what a message hides, every word of 16 or more key characters and every
    /// value after a key-ish word and `=` or `:` (`secret=…`, `token: …`), quoted or not, is
    /// starred. A false alarm there costs nothing.
    ProcessOutput,
}

/// `text` with the secrets a [`FreeText`] of that kind may hold replaced by `***`.
pub fn scrub(text: &str, kind: FreeText) -> String {
    let words = match kind {
        FreeText::Message => std::borrow::Cow::Borrowed(text),
        FreeText::ProcessOutput => std::borrow::Cow::Owned(key_words_starred(text)),
    };
    let masked = mask_literals(&words, &is_credential_name);
    let masked = signed_query().replace_all(&masked, "$1=***");
    key_like().replace_all(&masked, "***").into_owned()
}

/// Words that mark the value after them as a secret in a process's output (contained, any case).
const KEY_WORDS: &[&str] = &["secret", "token", "password", "passwd", "key", "credential"];

/// [`FreeText::ProcessOutput`]'s own part: every long run of key characters, and the value
/// after a [`KEY_WORDS`] word and `=` or `:` (in the same word or the next), starred.
fn key_words_starred(text: &str) -> String {
    let is_key_char = |c: char| c.is_ascii_alphanumeric() || "+/=_-".contains(c);
    let mut out = String::with_capacity(text.len());
    let mut hide_next = false;
    for word in text.split_inclusive(char::is_whitespace) {
        let core = word.trim_end();
        let ws = &word[core.len()..];
        let lower = core.to_ascii_lowercase();
        let named = KEY_WORDS.iter().any(|n| lower.contains(n));
        let (name, value) = match core.find(['=', ':']) {
            Some(i) if named => (&core[..=i], &core[i + 1..]),
            _ => ("", core),
        };
        let long = value.len() >= 16 && value.chars().all(is_key_char);
        if hide_next && !value.is_empty() || long || (!name.is_empty() && !value.is_empty()) {
            out.push_str(name);
            out.push_str("***");
            hide_next = false;
        } else {
            out.push_str(core);
            hide_next = named && (core.ends_with('=') || core.ends_with(':'));
        }
        out.push_str(ws);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(holds_secret(r#"let secret_key = "abc";"#));
        assert!(holds_secret(
            r#"cognito.admin_set_user_password(#{ Password: "x" })"#
        ));
        assert!(holds_secret(
            r#"let k = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";"#
        ));
        assert!(!holds_secret(r#"env("AWS_SESSION_TOKEN")"#));
        assert!(!holds_secret(
            "cognito.create_user_pool(#{ PoolName: \"p\", Policies: #{ PasswordPolicy: #{ MinimumLength: 8 } } })"
        ));
        assert!(!holds_secret(r#"let pw = env("PW"); f(#{ Password: pw })"#));
    }

    #[test]
    fn scrubbed_text_keeps_the_words_around_a_secret() {
        let out = scrub(
            r#"error: token expired; aws_secret_access_key = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY""#,
            FreeText::Message,
        );
        assert!(!out.contains("EXAMPLEKEY"), "{out}");
        assert!(out.starts_with("error: token expired"), "{out}");
    }

    #[test]
    fn process_output_also_hides_short_keys_and_unquoted_values() {
        let stderr =
            "bad key AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI token: abc123 in pool p1 done";
        assert_eq!(
            scrub(stderr, FreeText::ProcessOutput),
            "bad key *** secret=*** token: *** in pool p1 done"
        );
        assert_eq!(scrub(stderr, FreeText::Message), stderr);
    }
}
