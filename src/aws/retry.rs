//! Retry policy like the AWS SDK's standard mode: what is retryable, and the backoff delay.

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

#[cfg(test)]
mod tests {
    use super::*;

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
