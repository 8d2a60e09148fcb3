//! Clock skew: the server's `Date` header, and the offset signing applies once a service has
//! said the request's time was too far off (as the AWS SDKs correct it by themselves).

use std::sync::Mutex;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

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
    let parts: Vec<&str> = text.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts.as_slice() else {
        return None;
    };
    let day: u64 = day.parse().ok()?;
    let month = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ]
    .iter()
    .position(|m| m == month)? as u64
        + 1;
    let year: u64 = year.parse().ok()?;
    let hms: Vec<u64> = time
        .split(':')
        .map(|p| p.parse().ok())
        .collect::<Option<_>>()?;
    let [h, m, s] = hms.as_slice() else {
        return None;
    };
    if !(1..=31).contains(&day) || year < 1970 || *h > 23 || *m > 59 || *s > 60 {
        return None;
    }
    // Days from the civil date (proleptic Gregorian), as in the well-known algorithm.
    let (y, mo) = if month <= 2 {
        (year - 1, month + 12)
    } else {
        (year, month)
    };
    let era_days = 365 * y + y / 4 - y / 100 + y / 400 + (153 * (mo - 3) + 2) / 5 + day - 1;
    let days = era_days.checked_sub(719_468)?;
    let secs = days * 86_400 + h * 3600 + m * 60 + s;
    Some(UNIX_EPOCH + Duration::from_secs(secs))
}

/// Seconds since the epoch as an IMF-fixdate (the weekday is not computed: `Xxx`); the
/// inverse of [`parse_http_date`], for test servers.
pub fn format_http_date(secs: u64) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    // Civil from days (inverse of the algorithm above).
    let z = days + 719_468;
    let era = z / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + u64::from(m <= 2);
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    format!(
        "Xxx, {d:02} {} {y} {:02}:{:02}:{:02} GMT",
        months[(m - 1) as usize],
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

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
