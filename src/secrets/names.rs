//! The name rules of the secret policy: which member, key or header names carry a credential
//! wherever they sit (`ClientSecret`, `ProviderDetails.client_secret`, `AuthParameters.PASSWORD`,
//! `x-amz-security-token`), and the few that look like one but never hold a secret.

/// Name fragments (lower-case, without `_`, `-` and spaces) that mark a credential.
const CREDENTIAL_FRAGMENTS: &[&str] = &[
    "password",
    "secret",
    "privatekey",
    "sessiontoken",
    "securitytoken",
    "accesstoken",
    "idtoken",
    "refreshtoken",
    "signature",
];

/// Whole names (folded) that mark a credential.
const CREDENTIAL_NAMES: &[&str] = &[
    "token",
    "session",
    "confirmationcode",
    "usercode",
    "code",
    "answer",
    "smsmfacode",
    "softwaretokenmfacode",
    "emailotpcode",
    "mfacode",
    "otpcode",
    "srpa",
    "srpb",
    "salt",
    "authorization",
];

/// Names (folded) whose text is a presigned URL: its query (signature, credential, session
/// token) is a secret, so every query value is starred; the scheme, host and path stay.
const SIGNED_URL_NAMES: &[&str] = &["presignedurl"];

/// Whether a member of this name holds a presigned URL.
pub fn is_signed_url_name(name: &str) -> bool {
    with_folded(name, |folded| SIGNED_URL_NAMES.contains(&folded))
}

/// Names that contain a fragment above but never hold a secret.
const NOT_CREDENTIALS: &[&str] = &["nexttoken", "paginationtoken", "secretid"];

/// `name` lower-cased without `_`, `-`, `:` and spaces.
pub fn fold(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' ' | ':'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// Calls `f` with [`fold`]`(name)`, folded on the stack when the name is ASCII and short (every
/// member name of the model is), so the per-call checks allocate nothing.
pub(super) fn with_folded<R>(name: &str, f: impl FnOnce(&str) -> R) -> R {
    let mut buf = [0u8; 96];
    let mut len = 0;
    for b in name.bytes() {
        if matches!(b, b'_' | b'-' | b' ' | b':') {
            continue;
        }
        if !b.is_ascii() || len == buf.len() {
            return f(&fold(name));
        }
        buf[len] = b.to_ascii_lowercase();
        len += 1;
    }
    match std::str::from_utf8(&buf[..len]) {
        Ok(folded) => f(folded),
        Err(_) => f(&fold(name)),
    }
}

/// Whether a member of this name holds a credential when its value is text.
pub fn is_credential_name(name: &str) -> bool {
    with_folded(name, |folded| {
        !NOT_CREDENTIALS.contains(&folded)
            && (CREDENTIAL_NAMES.contains(&folded)
                || CREDENTIAL_FRAGMENTS.iter().any(|f| folded.contains(f)))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_on_the_stack_matches_fold() {
        let long = "Secret_".repeat(30);
        for name in [
            "ClientSecret",
            "SECRET_HASH",
            "a-b c:d",
            "",
            "Émail_Sécret",
            long.as_str(),
        ] {
            assert_eq!(with_folded(name, str::to_string), fold(name), "{name}");
        }
    }

    #[test]
    fn credentials_are_named_wherever_they_sit() {
        for name in [
            "Password",
            "TemporaryPassword",
            "ProposedPassword",
            "client_secret",
            "ClientSecret",
            "private_key",
            "AccessToken",
            "RefreshToken",
            "IdToken",
            "Session",
            "SECRET_HASH",
            "NEW_PASSWORD",
            "SECRET_BLOCK",
            "aws_secret_access_key",
            "AWS_SESSION_TOKEN",
            "ConfirmationCode",
            "UserCode",
            "PASSWORD_CLAIM_SIGNATURE",
        ] {
            assert!(is_credential_name(name), "{name}");
        }
        for name in [
            "NextToken",
            "PaginationToken",
            "PoolName",
            "Username",
            "client_id",
            "team_id",
            "MinimumLength",
        ] {
            assert!(!is_credential_name(name), "{name}");
        }
    }
}
