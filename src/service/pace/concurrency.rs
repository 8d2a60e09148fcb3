//! How many requests a bulk run keeps in flight, by Little's law: in flight = rate x latency.
//! With the category's rate and the answers' latency (a moving average), enough requests are
//! under way to spend the quota whether answers take 5 ms or 500 ms; the pacer still spaces
//! them, so a little headroom costs nothing.

use std::time::Duration;

/// Weight of the newest latency in the moving average.
const ALPHA: f64 = 0.2;
/// Extra in flight for latency that varies around the average.
const HEADROOM: f64 = 1.5;
/// Latency assumed before the first answer.
const INITIAL_LATENCY: Duration = Duration::from_millis(100);

/// The least and most requests in flight.
pub const MIN_IN_FLIGHT: usize = 1;
pub const MAX_IN_FLIGHT: usize = 256;

#[derive(Clone, Debug, Default)]
pub struct Concurrency {
    /// Moving average of the latency, seconds.
    latency: Option<f64>,
}

impl Concurrency {
    pub fn new() -> Concurrency {
        Concurrency::default()
    }

    /// One answer took `latency`.
    pub fn observe(&mut self, latency: Duration) {
        let x = latency.as_secs_f64();
        self.latency = Some(match self.latency {
            None => x,
            Some(avg) => avg + ALPHA * (x - avg),
        });
    }

    /// The average latency so far (`None` before the first answer).
    pub fn latency(&self) -> Option<Duration> {
        self.latency.map(Duration::from_secs_f64)
    }

    /// Requests to keep in flight to sustain `rate` per second, in `1..=256`.
    pub fn target(&self, rate: f64) -> usize {
        let latency = self.latency.unwrap_or(INITIAL_LATENCY.as_secs_f64());
        let wanted = (rate.max(0.0) * latency * HEADROOM).ceil() + 1.0;
        if wanted.is_finite() {
            (wanted as usize).clamp(MIN_IN_FLIGHT, MAX_IN_FLIGHT)
        } else {
            MAX_IN_FLIGHT
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn after(latencies: &[u64]) -> Concurrency {
        let mut c = Concurrency::new();
        for &ms in latencies {
            c.observe(Duration::from_millis(ms));
        }
        c
    }

    #[test]
    fn follows_littles_law() {
        // 50/s at 5 ms needs one in flight (plus one spare); at 500 ms, 25 (plus headroom).
        assert_eq!(after(&[5]).target(50.0), 2);
        assert_eq!(after(&[500]).target(50.0), 39);
        assert_eq!(after(&[200]).target(50.0), 16);
        assert!(after(&[500]).target(50.0) as f64 >= 50.0 * 0.5);
    }

    #[test]
    fn is_bounded() {
        assert_eq!(after(&[60_000]).target(1000.0), MAX_IN_FLIGHT);
        assert_eq!(after(&[0]).target(0.0), MIN_IN_FLIGHT);
        assert_eq!(after(&[1]).target(f64::INFINITY), MAX_IN_FLIGHT);
    }

    #[test]
    fn the_average_moves_toward_new_latencies() {
        let c = after(&[100, 500, 500, 500, 500, 500, 500, 500, 500, 500, 500]);
        let avg = c.latency().unwrap().as_secs_f64();
        assert!(avg > 0.45 && avg < 0.5, "{avg}");
        assert_eq!(Concurrency::new().latency(), None);
        assert_eq!(
            Concurrency::new().target(50.0),
            9,
            "100 ms assumed before any answer"
        );
    }
}
