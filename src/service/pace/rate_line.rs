//! The pacing part of a progress line: category, achieved rate and quota.

/// What the pacer knows of one category at a moment.
#[derive(Clone, Debug, PartialEq)]
pub struct PaceStatus {
    pub category: String,
    /// Requests per second admitted over the last seconds.
    pub rate: f64,
    /// The rate the pacer allows now (below the quota after throttling).
    pub allowed: f64,
    /// The category's quota.
    pub quota: f64,
    /// Throttled answers so far.
    pub throttled: u64,
}

/// `UserCreation 49.8/s of 50/s`, plus the cut rate after throttling and the throttle count:
/// `UserCreation 30.1/s of 50/s (slowed to 37.5/s, 3 throttled)`.
pub fn progress_line(status: &PaceStatus) -> String {
    let mut line = format!(
        "{} {}/s of {}/s",
        status.category,
        number(status.rate),
        number(status.quota)
    );
    let slowed = status.allowed < status.quota * 0.995;
    let mut notes = Vec::new();
    if slowed {
        notes.push(format!("slowed to {}/s", number(status.allowed)));
    }
    if status.throttled > 0 {
        notes.push(format!("{} throttled", status.throttled));
    }
    if !notes.is_empty() {
        line.push_str(&format!(" ({})", notes.join(", ")));
    }
    line
}

/// One decimal below 100, whole numbers above; no trailing `.0`.
fn number(x: f64) -> String {
    let text = if x >= 100.0 {
        format!("{x:.0}")
    } else {
        format!("{x:.1}")
    };
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn status(rate: f64, allowed: f64, throttled: u64) -> PaceStatus {
        PaceStatus {
            category: "UserCreation".into(),
            rate,
            allowed,
            quota: 50.0,
            throttled,
        }
    }

    #[test]
    fn at_the_quota() {
        assert_eq!(
            progress_line(&status(49.84, 50.0, 0)),
            "UserCreation 49.8/s of 50/s"
        );
    }

    #[test]
    fn after_throttling() {
        assert_eq!(
            progress_line(&status(30.06, 37.5, 3)),
            "UserCreation 30.1/s of 50/s (slowed to 37.5/s, 3 throttled)"
        );
        assert_eq!(
            progress_line(&status(50.0, 50.0, 1)),
            "UserCreation 50/s of 50/s (1 throttled)"
        );
    }

    #[test]
    fn large_rates_are_whole_numbers() {
        let s = PaceStatus {
            category: "UserRead".into(),
            rate: 119.6,
            allowed: 120.0,
            quota: 120.0,
            throttled: 0,
        };
        assert_eq!(progress_line(&s), "UserRead 120/s of 120/s");
    }
}
