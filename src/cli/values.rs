//! Parsers for the numeric and text options: every value is checked here, with a clear error
//! (clap prints it and exits 2), so nothing later can panic on `inf`, `nan`, `-1` or `1e30`.

/// Longest `--timeout` accepted, in seconds (one day).
pub const MAX_TIMEOUT_SECS: f64 = 86_400.0;
/// Most `--max-attempts` accepted.
pub const MAX_ATTEMPTS: u32 = crate::aws::retry_settings::MAX_ATTEMPTS_LIMIT;
/// Deepest `--max-call-depth` / `--max-expr-depth` accepted.
pub const MAX_DEPTH: usize = 100_000;

/// `--timeout`: a positive, finite number of seconds, at most a day.
pub fn timeout(text: &str) -> Result<f64, String> {
    let value: f64 = text
        .trim()
        .parse()
        .map_err(|_| "expected a number of seconds, e.g. 30 or 2.5".to_string())?;
    if !value.is_finite() {
        return Err("expected a finite number of seconds".to_string());
    }
    if value <= 0.0 {
        return Err("expected more than 0 seconds".to_string());
    }
    if value > MAX_TIMEOUT_SECS {
        return Err(format!(
            "expected at most {MAX_TIMEOUT_SECS} seconds (a day)"
        ));
    }
    // Below a millisecond no request can finish; Duration::from_secs_f64 takes the rest.
    Ok(value.max(0.001))
}

/// `--query`: an expression that compiles as JMESPath.
pub fn query(text: &str) -> Result<String, String> {
    crate::output::query::check(text)?;
    Ok(text.to_string())
}

/// A whole number from `min` to `max`, with `what` naming what it counts in the error.
fn whole(text: &str, min: u64, max: u64) -> Result<u64, String> {
    let range = if max == u64::MAX {
        format!("a whole number, at least {min}")
    } else {
        format!("a whole number from {min} to {max}")
    };
    let trimmed = text.trim();
    if trimmed.is_empty() || !trimmed.bytes().all(|b| b.is_ascii_digit()) {
        return Err(format!("expected {range}"));
    }
    match trimmed.parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!("expected {range}")),
    }
}

/// `--max-attempts`: 1 to [`MAX_ATTEMPTS`].
pub fn attempts(text: &str) -> Result<u32, String> {
    whole(text, 1, u64::from(MAX_ATTEMPTS)).map(|n| n as u32)
}

/// `--max-operations`: any whole number; 0 means unlimited.
pub fn operations(text: &str) -> Result<u64, String> {
    whole(text, 0, u64::MAX)
}

/// `--max-call-depth` and `--max-expr-depth`: 0 (as deep as the script's stack holds, see
/// `script::limits::stack_for`) to [`MAX_DEPTH`].
pub fn depth(text: &str) -> Result<usize, String> {
    whole(text, 0, MAX_DEPTH as u64).map(|n| n as usize)
}

/// `--max-string-size`, `--max-array-size`, `--max-map-size`: 0 (unlimited) or more.
pub fn size(text: &str) -> Result<usize, String> {
    whole(text, 0, usize::MAX as u64).map(|n| n as usize)
}

/// `--endpoint-url`: not empty (an empty value would silently mean "the AWS endpoint").
pub fn endpoint(text: &str) -> Result<String, String> {
    if text.trim().is_empty() {
        return Err("expected a URL such as http://127.0.0.1:5000 (leave the option out to use AWS's endpoint)".to_string());
    }
    Ok(text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeout_takes_positive_finite_seconds_only() {
        assert_eq!(timeout("2.5"), Ok(2.5));
        assert_eq!(timeout("60"), Ok(60.0));
        for bad in ["inf", "-inf", "nan", "NaN", "-1", "0", "1e30", "", "ten"] {
            assert!(timeout(bad).is_err(), "{bad} was accepted");
        }
    }

    #[test]
    fn counts_take_whole_numbers_in_range() {
        assert_eq!(attempts("3"), Ok(3));
        assert_eq!(operations("0"), Ok(0));
        assert_eq!(size("0"), Ok(0));
        assert_eq!(depth("64"), Ok(64));
        for bad in [
            "inf",
            "nan",
            "-1",
            "1e30",
            "1.5",
            "",
            "99999999999999999999999",
        ] {
            assert!(attempts(bad).is_err(), "attempts {bad}");
            assert!(operations(bad).is_err(), "operations {bad}");
            assert!(depth(bad).is_err(), "depth {bad}");
            assert!(size(bad).is_err(), "size {bad}");
        }
        assert!(attempts("0").is_err() && attempts("101").is_err());
        assert_eq!(depth("0"), Ok(0), "0: as deep as the stack holds");
    }

    #[test]
    fn an_empty_endpoint_is_refused() {
        assert!(endpoint("").is_err() && endpoint("  ").is_err());
        assert_eq!(endpoint("http://x").as_deref(), Ok("http://x"));
    }
}
