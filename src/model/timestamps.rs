//! Timestamps for people: the service sends `timestamp` members as epoch seconds
//! (`1796129881.949`); [`Model::iso_timestamps`] shows them as ISO 8601 (`2026-11-30T…Z`), as
//! the AWS CLI does. A display concern only: requests and transcripts keep the numbers.

use std::collections::BTreeSet;

use serde_json::Value;

use super::shapes::Kind;
use super::{MAX_DEPTH, Model};

impl Model {
    /// Every member name whose shape is a `timestamp` in some operation's output, sorted.
    pub fn timestamp_member_names(&self) -> &'static [&'static str] {
        self.timestamp_names
    }

    /// The walk behind [`Model::timestamp_member_names`], run when a model is loaded.
    pub(crate) fn find_timestamp_names(&self) -> BTreeSet<&'static str> {
        let roots = self.operations().iter().filter_map(|op| self.output_id(op));
        self.member_names_where(roots, &|m| {
            matches!(self.shape(m.shape).kind, Kind::Timestamp)
        })
    }

    /// `value` with every number under a timestamp member name shown as an ISO 8601 string.
    pub fn iso_timestamps(&self, value: &Value) -> Value {
        with_iso(value, self.timestamp_names, 0)
    }
}

fn with_iso(value: &Value, names: &[&str], depth: usize) -> Value {
    if depth > MAX_DEPTH {
        return value.clone();
    }
    match value {
        Value::Object(map) => Value::Object(
            map.iter()
                .map(|(k, v)| {
                    let shown = match v.as_f64() {
                        Some(secs) if names.binary_search(&k.as_str()).is_ok() => {
                            iso8601(secs).map_or_else(|| v.clone(), Value::String)
                        }
                        _ => with_iso(v, names, depth + 1),
                    };
                    (k.clone(), shown)
                })
                .collect(),
        ),
        Value::Array(items) => Value::Array(
            items
                .iter()
                .map(|v| with_iso(v, names, depth + 1))
                .collect(),
        ),
        other => other.clone(),
    }
}

/// Epoch seconds as `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC), or `None` outside years 0..=9999.
pub fn iso8601(secs: f64) -> Option<String> {
    if !secs.is_finite() || !(-62_167_219_200.0..253_402_300_800.0).contains(&secs) {
        return None;
    }
    let millis = (secs * 1000.0).round() as i64;
    let (whole, ms) = (millis.div_euclid(1000), millis.rem_euclid(1000));
    let (days, rest) = (whole.div_euclid(86_400), whole.rem_euclid(86_400));
    let (y, m, d) = civil_from_days(days);
    let time = format!(
        "{:02}:{:02}:{:02}",
        rest / 3600,
        rest % 3600 / 60,
        rest % 60
    );
    let frac = if ms == 0 {
        String::new()
    } else {
        format!(".{ms:03}")
    };
    Some(format!("{y:04}-{m:02}-{d:02}T{time}{frac}Z"))
}

/// ISO 8601 text (`2026-12-01`, `2026-12-01T12:58:01.949Z`, `…+02:00`) as epoch seconds, or
/// `None` when it is not a date the forms of [`super::formats`] accept or names no real day.
pub fn parse_iso8601(text: &str) -> Option<f64> {
    if !super::formats::is_iso8601(text) {
        return None;
    }
    let num = |r: std::ops::Range<usize>| text.get(r)?.parse::<i64>().ok();
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let days = days_from_civil(y, m, d);
    if !(1..=12).contains(&m) || civil_from_days(days) != (y, m, d) {
        return None;
    }
    let mut secs = days as f64 * 86_400.0;
    if text.len() == 10 {
        return Some(secs);
    }
    let (h, min) = (num(11..13)?, num(14..16)?);
    let mut rest = &text[16..];
    let mut sec = 0.0;
    if let Some(after) = rest.strip_prefix(':') {
        let end = after
            .find(|c: char| !(c.is_ascii_digit() || c == '.'))
            .unwrap_or(after.len());
        sec = after[..end].parse::<f64>().ok()?;
        rest = &after[end..];
    }
    if h > 23 || min > 59 || sec >= 61.0 {
        return None;
    }
    secs += (h * 3600 + min * 60) as f64 + sec;
    let offset = match rest.as_bytes().first() {
        Some(sign @ (b'+' | b'-')) => {
            let digits: String = rest[1..].chars().filter(char::is_ascii_digit).collect();
            let (oh, om) = (
                digits.get(0..2)?.parse::<i64>().ok()?,
                digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?,
            );
            let offset = (oh * 3600 + om * 60) as f64;
            if *sign == b'+' { offset } else { -offset }
        }
        _ => 0.0,
    };
    Some(secs - offset)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (the inverse of [`civil_from_days`]).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let (era, yoe) = (y.div_euclid(400), y.rem_euclid(400));
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The proleptic Gregorian date of `days` since 1970-01-01 (eras of 400 years).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
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
    fn epoch_seconds_become_iso_8601() {
        assert_eq!(iso8601(0.0).as_deref(), Some("1970-01-01T00:00:00Z"));
        assert_eq!(
            iso8601(1_796_129_881.949).as_deref(),
            Some("2026-12-01T12:58:01.949Z")
        );
        assert_eq!(
            iso8601(951_782_400.0).as_deref(),
            Some("2000-02-29T00:00:00Z")
        );
        assert_eq!(iso8601(-86_400.0).as_deref(), Some("1969-12-31T00:00:00Z"));
        assert_eq!(iso8601(f64::NAN), None);
        assert_eq!(iso8601(1e30), None);
    }

    #[test]
    fn iso_8601_text_becomes_epoch_seconds() {
        assert_eq!(parse_iso8601("1970-01-01"), Some(0.0));
        assert_eq!(
            parse_iso8601("2026-12-01T12:58:01.949Z"),
            Some(1_796_129_881.949)
        );
        assert_eq!(parse_iso8601("2000-02-29T02:00+02:00"), Some(951_782_400.0));
        assert_eq!(parse_iso8601("1969-12-31"), Some(-86_400.0));
        assert_eq!(parse_iso8601("2026-02-30"), None);
        assert_eq!(parse_iso8601("2026-13-01"), None);
        assert_eq!(parse_iso8601("2026-12-01T24:00Z"), None);
        assert_eq!(parse_iso8601("yesterday"), None);
    }

    #[test]
    fn only_members_the_model_calls_timestamps_change() {
        let model = Model::embedded();
        let names = model.timestamp_member_names();
        assert!(names.contains(&"CreationDate") && names.contains(&"UserCreateDate"));
        assert!(!names.contains(&"MinimumLength"));
        let v = serde_json::json!({
            "UserPool": {"CreationDate": 1_796_129_881.949, "Policies": {"PasswordPolicy": {"MinimumLength": 8}}},
            "Users": [{"UserCreateDate": 0, "Username": "ann"}]
        });
        let shown = model.iso_timestamps(&v);
        assert_eq!(
            shown["UserPool"]["CreationDate"],
            "2026-12-01T12:58:01.949Z"
        );
        assert_eq!(
            shown["UserPool"]["Policies"]["PasswordPolicy"]["MinimumLength"],
            8
        );
        assert_eq!(shown["Users"][0]["UserCreateDate"], "1970-01-01T00:00:00Z");
        assert_eq!(shown["Users"][0]["Username"], "ann");
    }
}
