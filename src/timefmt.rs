//! ISO 8601 timestamps (UTC, milliseconds) without a date library: for transcripts and for
//! showing the service's epoch-second timestamps the way the AWS CLI does.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// `2026-12-01T13:31:05.123Z`.
pub fn iso8601(t: SystemTime) -> String {
    let since = t.duration_since(UNIX_EPOCH).unwrap_or(Duration::ZERO);
    from_epoch_millis(i64::try_from(since.as_millis()).unwrap_or(i64::MAX))
}

/// Epoch seconds (as the service sends timestamps, e.g. `1796129881.949`) to ISO 8601;
/// `None` for values no calendar date can hold.
pub fn from_epoch_seconds(seconds: f64) -> Option<String> {
    if !seconds.is_finite() || seconds.abs() > 253_402_300_799.0 {
        return None;
    }
    Some(from_epoch_millis((seconds * 1000.0).round() as i64))
}

fn from_epoch_millis(ms: i64) -> String {
    let days = ms.div_euclid(86_400_000);
    let rest = ms.rem_euclid(86_400_000);
    let (y, m, d) = civil_from_days(days);
    let (h, min, s, milli) = (
        rest / 3_600_000,
        rest / 60_000 % 60,
        rest / 1000 % 60,
        rest % 1000,
    );
    format!("{y:04}-{m:02}-{d:02}T{h:02}:{min:02}:{s:02}.{milli:03}Z")
}

/// Days since 1970-01-01 to (year, month, day), proleptic Gregorian (Howard Hinnant's method).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    let y = yoe + era * 400 + i64::from(m <= 2);
    (y, m, d)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants() {
        assert_eq!(from_epoch_seconds(0.0).unwrap(), "1970-01-01T00:00:00.000Z");
        assert_eq!(
            from_epoch_seconds(1_796_129_881.949).unwrap(),
            "2026-12-01T12:58:01.949Z"
        );
        assert_eq!(
            from_epoch_seconds(951_782_400.0).unwrap(),
            "2000-02-29T00:00:00.000Z"
        );
        assert_eq!(
            from_epoch_seconds(-1.0).unwrap(),
            "1969-12-31T23:59:59.000Z"
        );
        assert!(from_epoch_seconds(f64::NAN).is_none());
        assert!(from_epoch_seconds(1e300).is_none());
    }
}
