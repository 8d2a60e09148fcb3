//! Timing helpers shared by the benches (included with `#[path]`; not a bench itself).

use std::time::{Duration, Instant};

/// The median duration of `runs` calls of `f`.
pub fn median_of<F: FnMut()>(runs: usize, mut f: F) -> Duration {
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed()
        })
        .collect();
    times.sort();
    times[runs / 2]
}
