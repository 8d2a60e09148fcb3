//! The retry settings (`retry_mode`, `max_attempts`), read and checked by pooler alone: from
//! the settings (flags), the environment (`AWS_RETRY_MODE`, `AWS_MAX_ATTEMPTS`), then the
//! profile, in the SDKs' order. aws-config is never left to parse them (it panics on values
//! it does not know); a bad value is an error naming the key and where it was set.

use super::retry::RetryMode;

/// Most attempts per call accepted from any source.
pub const MAX_ATTEMPTS_LIMIT: u32 = 100;

/// `standard`, `legacy` or `adaptive` (any case), else an error naming `source`.
pub(crate) fn parse_mode(value: &str, source: &str) -> Result<RetryMode, String> {
    RetryMode::parse(value).ok_or_else(|| {
        format!(
            "{source}: `{}` is not a retry mode: expected standard, legacy or adaptive",
            value.trim()
        )
    })
}

/// A whole number from 1 to [`MAX_ATTEMPTS_LIMIT`], else an error naming `source`.
pub(crate) fn parse_attempts(value: &str, source: &str) -> Result<u32, String> {
    let trimmed = value.trim();
    match trimmed.parse::<u32>() {
        Ok(n)
            if (1..=MAX_ATTEMPTS_LIMIT).contains(&n)
                && trimmed.bytes().all(|b| b.is_ascii_digit()) =>
        {
            Ok(n)
        }
        _ => Err(format!(
            "{source}: `{trimmed}` is not a number of attempts: expected a whole number from 1 \
             to {MAX_ATTEMPTS_LIMIT}"
        )),
    }
}

/// The environment's retry settings, checked: `AWS_RETRY_MODE`, then `AWS_MAX_ATTEMPTS`.
pub fn from_environment(
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(Option<RetryMode>, Option<u32>), String> {
    let mode = env("AWS_RETRY_MODE")
        .map(|v| parse_mode(&v, "AWS_RETRY_MODE"))
        .transpose()?;
    let attempts = env("AWS_MAX_ATTEMPTS")
        .map(|v| parse_attempts(&v, "AWS_MAX_ATTEMPTS"))
        .transpose()?;
    Ok((mode, attempts))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_checked_and_named() {
        assert_eq!(parse_mode(" Legacy ", "x"), Ok(RetryMode::Legacy));
        assert_eq!(parse_attempts("100", "x"), Ok(100));
        for bad in ["0", "101", "abc", "-1", "+3", ""] {
            let err = parse_attempts(bad, "AWS_MAX_ATTEMPTS").expect_err(bad);
            assert!(err.starts_with("AWS_MAX_ATTEMPTS: "), "{err}");
        }
        let err = parse_mode("bogus", "AWS_RETRY_MODE").expect_err("bogus");
        assert!(err.contains("`bogus` is not a retry mode"), "{err}");
        let env = |n: &str| (n == "AWS_MAX_ATTEMPTS").then(|| "abc".to_string());
        assert!(from_environment(&env).is_err());
        assert_eq!(from_environment(&|_| None), Ok((None, None)));
    }
}
