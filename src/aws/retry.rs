//! Retry policy like the AWS SDKs: what is retryable, the backoff delay, `Retry-After`, the
//! retry mode (`standard`, `adaptive`, `legacy`) and standard mode's retry quota.

use std::sync::Mutex;
use std::time::Duration;

/// Longest single backoff delay.
pub const MAX_BACKOFF: Duration = Duration::from_secs(20);

/// Error codes that mean "slow down" whatever the HTTP status (often 400).
pub const THROTTLING_CODES: &[&str] = &[
    "Throttling",
    "ThrottlingException",
    "ThrottledException",
    "RequestThrottledException",
    "TooManyRequestsException",
    "ProvisionedThroughputExceededException",
    "TransactionInProgressException",
    "RequestLimitExceeded",
    "BandwidthLimitExceeded",
    "SlowDown",
    "PriorRequestNotComplete",
    "EC2ThrottledException",
];

/// Error codes that mean a transient failure on the service side.
pub const TRANSIENT_CODES: &[&str] = &["RequestTimeout", "RequestTimeoutException"];

/// HTTP statuses that are retried whatever the error code.
pub const TRANSIENT_STATUSES: &[u16] = &[500, 502, 503, 504];

/// Whether a service error with this code and status should be retried.
/// `LimitExceededException` (a quota, not a rate) and other 4xx are not.
pub fn is_retryable(kind: &str, status: u16) -> bool {
    is_throttling(kind) || TRANSIENT_CODES.contains(&kind) || TRANSIENT_STATUSES.contains(&status)
}

/// Whether the code is a throttling error.
pub fn is_throttling(kind: &str) -> bool {
    THROTTLING_CODES.contains(&kind)
}

/// Full-jitter exponential backoff before retry number `retry` (1 for the first retry):
/// a random delay in `[0, min(cap, base * 2^(retry-1))]`.
pub fn backoff(base: Duration, retry: u32) -> Duration {
    let exp = 2u32.saturating_pow(retry.saturating_sub(1).min(30));
    let ceiling = base.saturating_mul(exp).min(MAX_BACKOFF);
    ceiling.mul_f64(fastrand::f64())
}

/// The retry mode (`--`/`AWS_RETRY_MODE`/profile `retry_mode`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum RetryMode {
    /// 3 attempts, jittered backoff, a retry quota shared by the client's calls.
    #[default]
    Standard,
    /// Treated as standard: pooler's call pacing already slows down on throttling.
    Adaptive,
    /// 5 attempts and no retry quota (the older SDK behaviour).
    Legacy,
}

impl RetryMode {
    /// `standard`, `adaptive` or `legacy` (any case); anything else is `None`.
    pub fn parse(text: &str) -> Option<RetryMode> {
        match text.trim().to_ascii_lowercase().as_str() {
            "standard" => Some(RetryMode::Standard),
            "adaptive" => Some(RetryMode::Adaptive),
            "legacy" => Some(RetryMode::Legacy),
            _ => None,
        }
    }

    /// Attempts per call when nothing sets them.
    pub fn default_attempts(self) -> u32 {
        match self {
            RetryMode::Legacy => 5,
            _ => 3,
        }
    }
}

/// Tokens the retry quota starts with.
pub const QUOTA_CAPACITY: u32 = 500;
/// Tokens a retry costs.
pub const RETRY_COST: u32 = 5;
/// Tokens a retry after a timeout costs.
pub const TIMEOUT_RETRY_COST: u32 = 10;
/// Tokens a call that succeeds on its first attempt gives back.
pub const NO_RETRY_INCREMENT: u32 = 1;

/// Standard mode's retry quota: a token bucket shared by every call of a client, so that a
/// service in trouble is not hammered by retries. A retry takes [`RETRY_COST`] tokens
/// ([`TIMEOUT_RETRY_COST`] after a timeout); a successful retried call gives back what its
/// last retry took, a first-attempt success gives [`NO_RETRY_INCREMENT`]; with too few tokens
/// the error is returned without retrying.
#[derive(Debug)]
pub struct RetryQuota {
    tokens: Mutex<u32>,
}

impl Default for RetryQuota {
    fn default() -> Self {
        Self {
            tokens: Mutex::new(QUOTA_CAPACITY),
        }
    }
}

impl RetryQuota {
    /// Takes `cost` tokens for a retry; `false` (nothing taken) when there are not enough.
    pub fn acquire(&self, cost: u32) -> bool {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        if *tokens < cost {
            return false;
        }
        *tokens -= cost;
        true
    }

    /// Gives `amount` tokens back, up to the capacity.
    pub fn release(&self, amount: u32) {
        let mut tokens = self.tokens.lock().unwrap_or_else(|e| e.into_inner());
        *tokens = (*tokens + amount).min(QUOTA_CAPACITY);
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        *self.tokens.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The delay a `Retry-After` header asks for: whole or decimal seconds (HTTP dates are
/// ignored), at most [`MAX_BACKOFF`].
pub fn retry_after(value: &str) -> Option<Duration> {
    let seconds: f64 = value.trim().parse().ok()?;
    (seconds.is_finite() && seconds >= 0.0)
        .then(|| Duration::from_secs_f64(seconds).min(MAX_BACKOFF))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quota_takes_and_gives_back() {
        let quota = RetryQuota::default();
        for _ in 0..QUOTA_CAPACITY / RETRY_COST {
            assert!(quota.acquire(RETRY_COST));
        }
        assert!(!quota.acquire(RETRY_COST));
        assert_eq!(quota.available(), 0);
        quota.release(TIMEOUT_RETRY_COST);
        assert!(!quota.acquire(TIMEOUT_RETRY_COST + 1));
        assert!(quota.acquire(TIMEOUT_RETRY_COST));
        quota.release(10_000);
        assert_eq!(quota.available(), QUOTA_CAPACITY);
    }

    #[test]
    fn retry_after_and_modes() {
        assert_eq!(retry_after(" 2 "), Some(Duration::from_secs(2)));
        assert_eq!(retry_after("0.5"), Some(Duration::from_millis(500)));
        assert_eq!(retry_after("3600"), Some(MAX_BACKOFF));
        assert_eq!(retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
        assert_eq!(retry_after("-1"), None);
        assert_eq!(RetryMode::parse("Legacy"), Some(RetryMode::Legacy));
        assert_eq!(RetryMode::parse("fast"), None);
        assert_eq!(RetryMode::Legacy.default_attempts(), 5);
    }

    #[test]
    fn classification() {
        assert!(is_retryable("TooManyRequestsException", 400));
        assert!(is_retryable("Whatever", 503));
        assert!(!is_retryable("LimitExceededException", 400));
        assert!(!is_retryable("NotAuthorizedException", 400));
        assert!(!is_retryable("InternalServerError", 501));
    }

    #[test]
    fn backoff_is_bounded() {
        for retry in 1..40 {
            let d = backoff(Duration::from_millis(100), retry);
            assert!(d <= MAX_BACKOFF);
            assert!(d <= Duration::from_millis(100).saturating_mul(1 << (retry - 1).min(30)));
        }
    }
}
