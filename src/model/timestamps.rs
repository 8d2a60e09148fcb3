//! Timestamps for people: the service sends `timestamp` members as epoch seconds
//! (`1796129881.949`); [`Model::iso_timestamps`] shows them as ISO 8601 (`2026-11-30T…Z`), as
//! the AWS CLI does. A display concern only: requests and transcripts keep the numbers.

use std::collections::BTreeSet;

use aws_smithy_types::DateTime;
use aws_smithy_types::date_time::Format;
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

/// Epoch seconds as `YYYY-MM-DDTHH:MM:SS[.mmm]Z` (UTC, rounded to the millisecond, the
/// fraction always three digits when there is one), or `None` outside years 1..=9999.
pub fn iso8601(secs: f64) -> Option<String> {
    if !secs.is_finite() || !(-62_135_596_800.0..253_402_300_800.0).contains(&secs) {
        return None;
    }
    let millis = (secs * 1000.0).round() as i64;
    let text = DateTime::from_millis(millis).fmt(Format::DateTime).ok()?;
    // The crate trims trailing zeros (`.5Z`); people and transcripts have always seen `.500Z`.
    Some(match text.find('.') {
        Some(dot) => {
            let digits = text.len() - dot - 2;
            format!(
                "{}{}Z",
                &text[..text.len() - 1],
                "0".repeat(3 - digits.min(3))
            )
        }
        None => text,
    })
}

/// ISO 8601 text (`2026-12-01`, `2026-12-01T12:58:01.949Z`, `…+02:00`) as epoch seconds, or
/// `None` when it is not a date the forms of [`super::formats`] accept or names no real day.
/// The forms RFC 3339 leaves out (a date alone, no seconds, a space, no zone, `+02`, `+0200`)
/// are written out in full and read by `aws_smithy_types::DateTime`.
pub fn parse_iso8601(text: &str) -> Option<f64> {
    if !super::formats::is_iso8601(text) {
        return None;
    }
    let rfc3339 = if text.len() == 10 {
        format!("{text}T00:00:00Z")
    } else {
        let (date, time) = (&text[..10], &text[11..]);
        let zone_at = time[5..]
            .find(['Z', 'z', '+', '-'])
            .map_or(time.len(), |i| i + 5);
        let (clock, zone) = time.split_at(zone_at);
        let seconds = if clock.len() == 5 { ":00" } else { "" };
        let zone = match zone.as_bytes() {
            [] | [b'Z' | b'z'] => "Z".to_string(),
            [_, _, _] => format!("{zone}:00"),
            [_, _, _, _, _] => format!("{}:{}", &zone[..3], &zone[3..]),
            _ => zone.to_string(),
        };
        format!("{date}T{clock}{seconds}{zone}")
    };
    DateTime::from_str(&rfc3339, Format::DateTimeWithOffset)
        .ok()
        .map(|t| t.as_secs_f64())
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
        assert_eq!(iso8601(1.5).as_deref(), Some("1970-01-01T00:00:01.500Z"));
        assert_eq!(iso8601(0.05).as_deref(), Some("1970-01-01T00:00:00.050Z"));
        assert_eq!(
            iso8601(253_402_300_799.0).as_deref(),
            Some("9999-12-31T23:59:59Z")
        );
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
        for same in [
            "2000-02-29 02:00:00+0200",
            "2000-02-29t02:00+02",
            "2000-02-28T19:00:00-0500",
            "2000-02-29T00:00z",
        ] {
            assert_eq!(parse_iso8601(same), Some(951_782_400.0), "{same}");
        }
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
