//! The pace of bulk work: requests are started at evenly spaced moments, `rate` per second.
//! The rate grows quickly until the first throttling answer (slow start), then slowly while the
//! service keeps accepting, and is cut by a fixed factor on throttling, at most once per quiet
//! period (AIMD), so it settles just under the highest rate the service allows. A cut never
//! leaves the rate above what the service accepted over the last quarter second, which ends the
//! slow start's overshoot at once.

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;
use std::future::Future;
use std::pin::Pin;
use std::time::{Duration, Instant};

use crate::aws::Gate;

/// Throttling answers one item may get (each waited out at the cut rate) before it fails.
pub const MAX_THROTTLES: u32 = 100;

/// Rate added per accepted request before the first throttle (doubles the rate every ~0.17 s).
const SLOW_START_STEP: f64 = 4.0;
/// Rate added per accepted request afterwards (about +15% per second).
const STEP: f64 = 0.15;
/// Factor applied to the rate on throttling.
const CUT: f64 = 0.9;
/// After a cut, throttles answered within this time are from requests sent at the old rate.
const QUIET: Duration = Duration::from_millis(250);
/// How far back accepted requests are counted to measure the service's rate.
const WINDOW: Duration = Duration::from_millis(250);

pub struct Pacer {
    rate: Cell<f64>,
    min: f64,
    max: f64,
    next: Cell<Instant>,
    slow_start: Cell<bool>,
    last_cut: Cell<Option<Instant>>,
    /// When requests were accepted, over the last WINDOW.
    accepted_at: RefCell<VecDeque<Instant>>,
    started: Instant,
    /// No pacing at all (dry runs send nothing).
    off: bool,
    /// Attempts made and throttling answers got, for the summary.
    attempts: Cell<usize>,
    throttles: Cell<usize>,
}

impl Pacer {
    pub fn new(rate: f64, max: f64, off: bool) -> Self {
        let min = 0.5_f64.min(rate);
        Self {
            rate: Cell::new(rate.clamp(min, max)),
            min,
            max,
            next: Cell::new(Instant::now()),
            slow_start: Cell::new(true),
            last_cut: Cell::new(None),
            accepted_at: RefCell::new(VecDeque::new()),
            started: Instant::now(),
            off,
            attempts: Cell::new(0),
            throttles: Cell::new(0),
        }
    }

    /// Attempts made so far (retries included).
    pub fn attempts(&self) -> usize {
        self.attempts.get()
    }

    /// Throttling answers so far.
    pub fn throttles(&self) -> usize {
        self.throttles.get()
    }

    /// The current rate, requests per second.
    pub fn rate(&self) -> f64 {
        self.rate.get()
    }

    /// Waits for this request's slot.
    pub async fn wait(&self) {
        if self.off {
            return;
        }
        let now = Instant::now();
        let slot = self.next.get().max(now);
        self.next
            .set(slot + Duration::from_secs_f64(1.0 / self.rate.get()));
        if slot > now {
            tokio::time::sleep_until(slot.into()).await;
        }
    }

    /// The service accepted a request.
    pub fn accepted(&self) {
        let now = Instant::now();
        let mut times = self.accepted_at.borrow_mut();
        times.push_back(now);
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) > WINDOW)
        {
            times.pop_front();
        }
        drop(times);
        let step = if self.slow_start.get() {
            SLOW_START_STEP
        } else {
            STEP
        };
        self.rate.set((self.rate.get() + step).min(self.max));
    }

    /// The service said to slow down.
    pub fn throttled(&self) {
        self.slow_start.set(false);
        let now = Instant::now();
        if self
            .last_cut
            .get()
            .is_some_and(|t| now.duration_since(t) < QUIET)
        {
            return;
        }
        self.last_cut.set(Some(now));
        let mut cut = self.rate.get() * CUT;
        if now.duration_since(self.started) >= WINDOW {
            let times = self.accepted_at.borrow();
            let recent = times
                .iter()
                .filter(|t| now.duration_since(**t) <= WINDOW)
                .count();
            cut = cut.min(recent as f64 / WINDOW.as_secs_f64());
        }
        self.rate.set(cut.max(self.min));
        // Requests already given slots at the old rate are spread out again.
        self.next
            .set(now + Duration::from_secs_f64(1.0 / self.rate.get()));
    }
}

/// Every attempt of a bulk item waits for its slot; answers steer the rate.
impl Gate for Pacer {
    fn admit(&self) -> Pin<Box<dyn Future<Output = ()> + '_>> {
        Box::pin(self.wait())
    }

    fn observe(&self, throttled: bool) {
        self.attempts.set(self.attempts.get() + 1);
        if throttled {
            self.throttles.set(self.throttles.get() + 1);
            self.throttled();
        } else {
            self.accepted();
        }
    }

    fn throttle_retries(&self) -> u32 {
        MAX_THROTTLES
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grows_then_cuts_once_per_quiet_period() {
        let p = Pacer::new(10.0, 1000.0, false);
        p.accepted();
        assert_eq!(p.rate(), 14.0);
        p.throttled();
        let cut = p.rate();
        assert!((cut - 12.6).abs() < 1e-9);
        p.throttled();
        assert_eq!(
            p.rate(),
            cut,
            "a second throttle right away is from the old rate"
        );
        p.accepted();
        assert!((p.rate() - (cut + STEP)).abs() < 1e-9);
    }

    #[test]
    fn never_above_max_nor_below_min() {
        let p = Pacer::new(10.0, 12.0, false);
        for _ in 0..10 {
            p.accepted();
        }
        assert_eq!(p.rate(), 12.0);
    }
}
