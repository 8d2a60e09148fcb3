//! Dates in scripts: the service's timestamps arrive as `date` values that print and
//! interpolate as ISO 8601, compare and sort, subtract to seconds, and convert (`.epoch`,
//! `.iso`); `now()`, `date(text)` and `days(n)` make them. A date sent in a request is its
//! epoch seconds again.

use rhai::{EvalAltResult, FLOAT, INT};

use super::registry::{Registrar, global};

/// A point in time, as epoch seconds (UTC), the way the service sends timestamps.
#[derive(Debug, Clone, Copy, PartialEq, PartialOrd)]
pub struct Date {
    pub secs: f64,
}

impl Date {
    /// `YYYY-MM-DDTHH:MM:SS[.mmm]Z`; the epoch seconds when the year is outside 0..=9999.
    pub fn iso(&self) -> String {
        crate::model::iso8601(self.secs).unwrap_or_else(|| self.secs.to_string())
    }
}

fn now() -> Date {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0.0, |d| (d.as_millis() as f64) / 1000.0);
    Date { secs }
}

fn parse(text: &str) -> Result<Date, Box<EvalAltResult>> {
    crate::model::parse_iso8601(text.trim())
        .map(|secs| Date { secs })
        .ok_or_else(|| {
            format!(
                "date(\"{text}\"): not an ISO 8601 date (2026-12-01, 2026-12-01T12:58:01Z, …+02:00)"
            )
            .into()
        })
}

/// Registers the `date` type, its operators and the helpers.
pub fn register(reg: &mut Registrar<'_>) {
    let engine = reg.engine();
    engine
        .register_type_with_name::<Date>("date")
        .register_fn("to_string", |d: &mut Date| d.iso())
        .register_fn("to_debug", |d: &mut Date| d.iso())
        .register_get("iso", |d: &mut Date| d.iso())
        .register_get("epoch", |d: &mut Date| d.secs as FLOAT)
        .register_fn("==", |a: Date, b: Date| a == b)
        .register_fn("!=", |a: Date, b: Date| a != b)
        .register_fn("<", |a: Date, b: Date| a < b)
        .register_fn("<=", |a: Date, b: Date| a <= b)
        .register_fn(">", |a: Date, b: Date| a > b)
        .register_fn(">=", |a: Date, b: Date| a >= b)
        .register_fn("-", |a: Date, b: Date| (a.secs - b.secs) as FLOAT)
        .register_fn("+", |a: Date, s: INT| Date {
            secs: a.secs + s as f64,
        })
        .register_fn("+", |a: Date, s: FLOAT| Date { secs: a.secs + s })
        .register_fn("-", |a: Date, s: INT| Date {
            secs: a.secs - s as f64,
        })
        .register_fn("-", |a: Date, s: FLOAT| Date { secs: a.secs - s });
    reg.func(global("now", "now()", "the current time, as a date"), now);
    reg.func(
        global(
            "date",
            "date(text) / date(epoch_seconds)",
            "a date from ISO 8601 text (`date(\"2026-12-01\")`) or epoch seconds",
        ),
        |text: &str| parse(text),
    )
    .or(|secs: INT| Date { secs: secs as f64 })
    .or(|secs: FLOAT| Date { secs });
    reg.func(
        global(
            "days",
            "days(n)",
            "n days in seconds, to add to or subtract from a date (`now() - days(30)`)",
        ),
        |n: INT| n * 86_400,
    )
    .or(|n: FLOAT| n * 86_400.0);
}
