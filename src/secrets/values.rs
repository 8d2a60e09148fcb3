//! The value rules of the secret policy: what looks like a key whatever name it sits under (an
//! AWS access key id, a secret access key, a session token or any long key-like run), and how a
//! text that carries a signature is shown (a presigned URL's query, the `Authorization` header).

use std::sync::OnceLock;

use regex::Regex;

use super::names::is_credential_name;

/// Whether `word` is an AWS access key id: `AKIA` (long-term) or `ASIA` (temporary) and 16
/// more upper-case letters or digits.
pub fn is_access_key_id(word: &str) -> bool {
    word.len() == 20
        && (word.starts_with("AKIA") || word.starts_with("ASIA"))
        && word
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
}

/// Whether `word` is an AWS secret access key: 40 base64 characters, a digit among them.
pub fn is_secret_access_key(word: &str) -> bool {
    word.len() == 40 && word.chars().all(is_base64_char) && word.chars().any(|c| c.is_ascii_digit())
}

/// A letter, digit, `/` or `+`: what access keys and secret keys are made of.
fn is_base64_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '/' || c == '+'
}

/// A secret access key or a token inside any text: 40 or more base64 characters in a row (a
/// session token, a JWT's parts, a refresh token all are).
pub(super) fn key_like() -> &'static Regex {
    static RE: OnceLock<Regex> = OnceLock::new();
    RE.get_or_init(|| Regex::new(r"[A-Za-z0-9/+=]{40,}").expect("valid regex"))
}

/// `text` with every word that is an access key id or a secret access key (exactly, not a
/// longer run) replaced by `mark`: the port's `<redacted key>` in a copied literal.
pub fn keys_replaced(text: &str, mark: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut word = String::new();
    let flush = |word: &mut String, out: &mut String| {
        if is_access_key_id(word) || is_secret_access_key(word) {
            out.push_str(mark);
        } else {
            out.push_str(word);
        }
        word.clear();
    };
    for c in text.chars() {
        if is_base64_char(c) {
            word.push(c);
        } else {
            flush(&mut word, &mut out);
            out.push(c);
        }
    }
    flush(&mut word, &mut out);
    out
}

/// `url` with each query parameter's value replaced by `***` (names and path kept): a presigned
/// URL's signature, credential and token. Text that is not a URL is starred whole after its
/// first `?`.
pub fn query_starred(url: &str) -> String {
    let Some((base, query)) = url.split_once('?') else {
        return url.to_string();
    };
    let (query, fragment) = match query.split_once('#') {
        Some((q, f)) => (q, Some(f)),
        None => (query, None),
    };
    let starred: Vec<String> = query
        .split('&')
        .filter(|p| !p.is_empty())
        .map(|p| match p.split_once('=') {
            Some((name, _)) => format!("{name}=***"),
            None => p.to_string(),
        })
        .collect();
    let mut out = format!("{base}?{}", starred.join("&"));
    if fragment.is_some() {
        out.push_str("#***");
    }
    out
}

/// An HTTP header's value as it may be shown: `Authorization` keeps its credential scope and
/// signed headers and stars its signature (`…, Signature=***`), so `-v` still says what was
/// signed; any other header named as a credential (`x-amz-security-token`) is starred whole.
pub fn header_shown(name: &str, value: &str) -> String {
    if name.eq_ignore_ascii_case("authorization") {
        return match value.find("Signature=") {
            Some(pos) => format!("{}Signature=***", &value[..pos]),
            None => "***".to_string(),
        };
    }
    if is_credential_name(name) {
        return "***".to_string();
    }
    value.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn access_key_ids_and_secret_keys_are_known_by_their_form() {
        assert!(is_access_key_id("AKIAIOSFODNN7EXAMPLE"));
        assert!(is_access_key_id("ASIAIOSFODNN7EXAMPLE"));
        assert!(!is_access_key_id("AKIAIOSFODNN7EXAMPL"));
        assert!(!is_access_key_id("AKIAiosfodnn7EXAMPLE"));
        assert!(is_secret_access_key(
            "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
        ));
        assert!(!is_secret_access_key(
            "wJalrXUtnFEMIxKxMDENGxbPxRfiCYEXAMPLEKEY"
        ));
        assert_eq!(
            keys_replaced("id AKIAIOSFODNN7EXAMPLE, us-east-1_abc", "<k>"),
            "id <k>, us-east-1_abc"
        );
    }

    #[test]
    fn headers_keep_what_was_signed_and_star_the_signature_and_token() {
        let auth = "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=abc123";
        assert_eq!(
            header_shown("authorization", auth),
            "AWS4-HMAC-SHA256 Credential=AKID/20260101/us-east-1/cognito-idp/aws4_request, SignedHeaders=host;x-amz-date, Signature=***"
        );
        assert_eq!(header_shown("authorization", "Bearer x"), "***");
        assert_eq!(header_shown("x-amz-security-token", "IQoJb3JpZ2lu"), "***");
        assert_eq!(
            header_shown("x-amz-date", "20260101T000000Z"),
            "20260101T000000Z"
        );
        assert_eq!(
            header_shown(
                "x-amz-target",
                "AWSCognitoIdentityProviderService.ListUsers"
            ),
            "AWSCognitoIdentityProviderService.ListUsers"
        );
    }

    #[test]
    fn query_values_are_starred_and_names_kept() {
        assert_eq!(
            query_starred(
                "https://b.s3.amazonaws.com/k/f.csv?X-Amz-Signature=abc&X-Amz-Credential=AKID%2F1&flag"
            ),
            "https://b.s3.amazonaws.com/k/f.csv?X-Amz-Signature=***&X-Amz-Credential=***&flag"
        );
        assert_eq!(query_starred("https://h/p"), "https://h/p");
    }
}
