//! Clock skew: the server's `Date` header, and the offset signing applies once a service has
//! said the request's time was too far off (as the AWS SDKs correct it by themselves).

use std::sync::Mutex;
use std::time::{Duration, SystemTime};

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;

/// Error codes (and messages) that mean "your clock is off".
const SKEW_CODES: &[&str] = &[
    "RequestTimeTooSkewed",
    "RequestExpired",
    "RequestInTheFuture",
    "InvalidSignatureException",
    "SignatureDoesNotMatch",
    "AuthFailure",
];

/// Whether an error is about the request's time being off: a skew code, and for the signature
/// codes a message that speaks of time (`Signature expired`, `not yet current`, `skew`).
pub(crate) fn is_skew_error(kind: &str, message: &str) -> bool {
    if !SKEW_CODES.contains(&kind) {
        return false;
    }
    match kind {
        "RequestTimeTooSkewed" | "RequestExpired" | "RequestInTheFuture" => true,
        _ => {
            let m = message.to_ascii_lowercase();
            m.contains("expired") || m.contains("not yet current") || m.contains("skew")
        }
    }
}

/// The offset (server minus local, in milliseconds) that signing adds to the local clock.
#[derive(Debug, Default)]
pub(crate) struct Skew {
    offset_ms: Mutex<i64>,
}

impl Skew {
    /// Now, corrected by the known offset.
    pub fn now(&self) -> SystemTime {
        let offset = *self.offset_ms.lock().unwrap_or_else(|e| e.into_inner());
        let now = SystemTime::now();
        let magnitude = Duration::from_millis(offset.unsigned_abs());
        if offset >= 0 {
            now + magnitude
        } else {
            now.checked_sub(magnitude).unwrap_or(now)
        }
    }

    /// Learns the offset from a response's `Date` header; `true` when it changed by more than
    /// a few seconds (worth signing again).
    pub fn learn(&self, date_header: &str) -> bool {
        let Some(server) = parse_http_date(date_header) else {
            return false;
        };
        let local = SystemTime::now();
        let offset = match server.duration_since(local) {
            Ok(ahead) => i64::try_from(ahead.as_millis()).unwrap_or(i64::MAX),
            Err(behind) => -i64::try_from(behind.duration().as_millis()).unwrap_or(i64::MAX),
        };
        let mut current = self.offset_ms.lock().unwrap_or_else(|e| e.into_inner());
        let changed = (offset - *current).abs() > 5_000;
        *current = offset;
        changed
    }
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form HTTP servers send.
pub fn parse_http_date(text: &str) -> Option<SystemTime> {
    let date = DateTime::from_str(text, Format::HttpDate).ok()?;
    SystemTime::try_from(date).ok()
}

/// Seconds since the epoch as an IMF-fixdate; the inverse of [`parse_http_date`], for test
/// servers.
pub fn format_http_date(secs: u64) -> String {
    let secs = i64::try_from(secs).unwrap_or(i64::MAX);
    DateTime::from_secs(secs)
        .fmt(Format::HttpDate)
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::UNIX_EPOCH;

    #[test]
    fn parses_http_dates() {
        let t = parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT").expect("date");
        assert_eq!(t.duration_since(UNIX_EPOCH).unwrap().as_secs(), 784_111_777);
        let t = parse_http_date("Tue, 01 Dec 2026 13:41:04 GMT").expect("date");
        assert_eq!(
            t.duration_since(UNIX_EPOCH).unwrap().as_secs(),
            1_796_132_464
        );
        assert!(parse_http_date("yesterday").is_none());
        assert!(parse_http_date("Sun, 06 Foo 1994 08:49:37 GMT").is_none());
    }

    #[test]
    fn skew_errors_and_learning() {
        assert!(is_skew_error(
            "InvalidSignatureException",
            "Signature expired: 20260101T000000Z is now earlier than ..."
        ));
        assert!(!is_skew_error(
            "InvalidSignatureException",
            "The request signature we calculated does not match"
        ));
        assert!(is_skew_error("RequestTimeTooSkewed", ""));
        assert!(!is_skew_error("NotAuthorizedException", "expired"));
        let skew = Skew::default();
        let ahead = SystemTime::now() + Duration::from_secs(1200);
        let secs = ahead.duration_since(UNIX_EPOCH).unwrap().as_secs();
        assert!(skew.learn(&format_http_date(secs)));
        let drift = skew
            .now()
            .duration_since(SystemTime::now())
            .unwrap_or_default();
        assert!(drift > Duration::from_secs(1190) && drift < Duration::from_secs(1210));
        assert!(!skew.learn(&format_http_date(secs)));
    }
}
