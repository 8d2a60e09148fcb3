//! One rate limit as a schedule: the earliest moment the next request may go, spaced `1/rate`
//! apart (no burst beyond one request, so the service's own bucket never empties). Throttling
//! cuts the rate; it climbs back to the quota steadily while nothing else is throttled.

use std::time::{Duration, Instant};

/// Factor applied to the rate when the service throttles.
pub(crate) const CUT: f64 = 0.75;
/// The rate never falls below this share of the quota.
const FLOOR: f64 = 0.1;
/// Share of the quota regained per second without throttling.
const RECOVERY_PER_SECOND: f64 = 0.05;
/// Throttles answered this soon after a cut are from requests sent at the old rate.
pub(crate) const QUIET: Duration = Duration::from_millis(500);

#[derive(Clone, Debug)]
pub(crate) struct Bucket {
    quota: f64,
    /// The earliest moment of the next request (`None`: at once).
    next: Option<Instant>,
    /// The last cut: when, and the rate it set.
    cut: Option<(Instant, f64)>,
}

impl Bucket {
    /// A bucket pacing at `quota` requests per second from the first request on.
    pub(crate) fn new(quota: f64) -> Bucket {
        Bucket {
            quota,
            next: None,
            cut: None,
        }
    }

    pub(crate) fn quota(&self) -> f64 {
        self.quota
    }

    /// A new quota (e.g. from `GetProvisionedLimit`); keeps the schedule.
    pub(crate) fn set_quota(&mut self, quota: f64) {
        self.quota = quota;
        self.cut = None;
    }

    /// The rate in force at `now`: the quota, or less after throttling.
    pub(crate) fn rate(&self, now: Instant) -> f64 {
        match self.cut {
            None => self.quota,
            Some((at, rate)) => {
                let regained = now.saturating_duration_since(at).as_secs_f64()
                    * RECOVERY_PER_SECOND
                    * self.quota;
                (rate + regained).min(self.quota)
            }
        }
    }

    /// The earliest moment, not before `now`, this bucket lets a request go.
    pub(crate) fn slot(&self, now: Instant) -> Instant {
        self.next.map_or(now, |next| next.max(now))
    }

    /// Books a request at `at` (not before [`Bucket::slot`]).
    pub(crate) fn take(&mut self, at: Instant) {
        let spacing = Duration::from_secs_f64(1.0 / self.rate(at));
        self.next = Some(at + spacing);
    }

    /// The service throttled: cut the rate, once per quiet period.
    pub(crate) fn throttled(&mut self, now: Instant) {
        if let Some((at, _)) = self.cut
            && now.saturating_duration_since(at) < QUIET
        {
            return;
        }
        let rate = (self.rate(now) * CUT).max(self.quota * FLOOR);
        self.cut = Some((now, rate));
    }

    /// Nothing booked ahead of `now`: the bucket is as good as new.
    pub(crate) fn idle(&self, now: Instant) -> bool {
        self.next.is_none_or(|next| next <= now) && self.rate(now) >= self.quota
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn starts_at_the_quota_and_spaces_requests() {
        let t0 = Instant::now();
        let mut b = Bucket::new(50.0);
        assert_eq!(b.slot(t0), t0, "the first request goes at once");
        b.take(t0);
        assert_eq!(b.slot(t0), t0 + ms(20));
        b.take(b.slot(t0));
        assert_eq!(b.slot(t0), t0 + ms(40));
        // Idle time does not build a burst: after a pause, one request goes, then spacing.
        let later = t0 + Duration::from_secs(5);
        assert_eq!(b.slot(later), later);
        b.take(later);
        assert_eq!(b.slot(later), later + ms(20));
    }

    #[test]
    fn throttling_cuts_once_per_quiet_period_and_recovers() {
        let t0 = Instant::now();
        let mut b = Bucket::new(40.0);
        b.throttled(t0);
        assert_eq!(b.rate(t0), 30.0);
        b.throttled(t0 + ms(100));
        assert_eq!(
            b.rate(t0),
            30.0,
            "a throttle within the quiet period is not a new cut"
        );
        b.throttled(t0 + QUIET);
        assert!(
            (b.rate(t0 + QUIET) - 23.25).abs() < 1e-9,
            "{}",
            b.rate(t0 + QUIET)
        );
        // 5% of the quota a second: 2 per second back, up to the quota and no further.
        let later = t0 + QUIET + Duration::from_secs(2);
        assert!((b.rate(later) - 27.25).abs() < 1e-9);
        assert_eq!(b.rate(t0 + Duration::from_secs(60)), 40.0);
    }

    #[test]
    fn the_rate_never_falls_below_the_floor() {
        let mut t = Instant::now();
        let mut b = Bucket::new(20.0);
        for _ in 0..50 {
            b.throttled(t);
            t += QUIET;
        }
        assert!(b.rate(t) >= 2.0 - 1e-9);
        assert!(b.rate(t) < 3.0);
    }

    #[test]
    fn a_new_quota_applies_to_the_next_booking() {
        let t0 = Instant::now();
        let mut b = Bucket::new(10.0);
        b.throttled(t0);
        b.set_quota(100.0);
        assert_eq!(b.rate(t0), 100.0);
        b.take(t0);
        assert_eq!(b.slot(t0), t0 + ms(10));
        assert!(!b.idle(t0));
        assert!(b.idle(t0 + ms(10)));
    }
}
