//! The rate a category is actually achieving: requests admitted over the last two seconds.

use std::collections::VecDeque;
use std::time::{Duration, Instant};

const WINDOW: Duration = Duration::from_secs(2);

#[derive(Debug, Default)]
pub(crate) struct Meter {
    /// Admission moments, in order (some may lie a little ahead: booked, not yet sent).
    admitted: VecDeque<Instant>,
    first: Option<Instant>,
}

impl Meter {
    pub(crate) fn record(&mut self, at: Instant) {
        self.first.get_or_insert(at);
        self.admitted.push_back(at);
        if self.admitted.len() > 4096 {
            self.admitted.pop_front();
        }
    }

    /// Whether anything was admitted yet.
    pub(crate) fn used(&self) -> bool {
        self.first.is_some()
    }

    /// Requests per second over the window ending at `now` (or since the first request).
    pub(crate) fn rate(&mut self, now: Instant) -> f64 {
        while self
            .admitted
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) > WINDOW)
        {
            self.admitted.pop_front();
        }
        let Some(first) = self.first else {
            return 0.0;
        };
        let span = now.saturating_duration_since(first).min(WINDOW);
        let count = self.admitted.iter().filter(|&&t| t <= now).count();
        if span.is_zero() {
            return 0.0;
        }
        count as f64 / span.as_secs_f64()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_the_window_only() {
        let t0 = Instant::now();
        let mut m = Meter::default();
        assert_eq!(m.rate(t0), 0.0);
        for i in 0..100 {
            m.record(t0 + Duration::from_millis(20 * i));
        }
        // 50 a second for two seconds.
        let rate = m.rate(t0 + Duration::from_millis(2000));
        assert!((rate - 50.5).abs() < 1.0, "{rate}");
        // Four seconds later nothing is in the window.
        assert_eq!(m.rate(t0 + Duration::from_secs(6)), 0.0);
    }

    #[test]
    fn booked_moments_ahead_are_not_counted_yet() {
        let t0 = Instant::now();
        let mut m = Meter::default();
        m.record(t0);
        m.record(t0 + Duration::from_secs(1));
        let rate = m.rate(t0 + Duration::from_millis(500));
        assert!((rate - 2.0).abs() < 1e-9, "{rate}");
    }
}
