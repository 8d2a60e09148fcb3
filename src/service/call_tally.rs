//! What a run has done so far, call by call, for the summary printed when SIGINT or SIGTERM
//! stops it ("interrupted after 3 calls: CreateUserPool 1 ok; AdminCreateUser 1 ok, 1 stopped").
//! The tally lives in the run's `Context`, so two runs in one process count apart; the summary
//! is printed after the run returns, never from the signal handler.

use std::cell::RefCell;

/// One run's calls per operation, in first-call order.
#[derive(Debug, Default)]
pub struct CallTally {
    calls: RefCell<Vec<Counts>>,
}

/// (name, ok, failed, stopped by the interruption, lookups of a bulk run that found nothing).
type Counts = (String, u64, u64, u64, u64);

/// How one call ended, as the summary counts it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ended {
    Ok,
    Failed,
    /// The interruption cut it short.
    Stopped,
    /// A bulk lookup that found nothing: what it expects before a create, not a failure.
    Probed,
}

impl Ended {
    /// How a call that got `error` (`None`: success) ended; `probe` says it was a bulk lookup.
    pub fn of(error: Option<&crate::aws::AwsError>, probe: bool) -> Ended {
        match error {
            None => Ended::Ok,
            Some(crate::aws::AwsError::Interrupted) => Ended::Stopped,
            // The service's own error type: a lookup's "not there" answer.
            Some(e) if probe && e.kind().ends_with("NotFoundException") => Ended::Probed,
            Some(_) => Ended::Failed,
        }
    }
}

impl CallTally {
    /// Notes one finished call.
    pub fn note(&self, operation: &str, ended: Ended) {
        let mut calls = self.calls.borrow_mut();
        let i = match calls.iter().position(|c| c.0 == operation) {
            Some(i) => i,
            None => {
                calls.push((operation.to_string(), 0, 0, 0, 0));
                calls.len() - 1
            }
        };
        let c = &mut calls[i];
        match ended {
            Ended::Ok => c.1 += 1,
            Ended::Failed => c.2 += 1,
            Ended::Stopped => c.3 += 1,
            Ended::Probed => c.4 += 1,
        }
    }

    /// The one-line summary of every call noted so far.
    pub fn summary(&self) -> String {
        let calls = self.calls.borrow();
        let total: u64 = calls.iter().map(|c| c.1 + c.2 + c.3 + c.4).sum();
        if total == 0 {
            return "interrupted before any call was made".to_string();
        }
        let parts: Vec<String> = calls
            .iter()
            .map(|(op, ok, failed, stopped, probed)| {
                let counts: Vec<String> = [
                    (ok, "ok"),
                    (probed, "looked up, not there yet"),
                    (failed, "failed"),
                    (stopped, "stopped"),
                ]
                .iter()
                .filter(|(n, _)| **n > 0)
                .map(|(n, what)| format!("{n} {what}"))
                .collect();
                format!("{op} {}", counts.join(", "))
            })
            .collect();
        let s = if total == 1 { "" } else { "s" };
        format!("interrupted after {total} call{s}: {}", parts.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_that_finds_nothing_is_a_probe_not_a_failure() {
        let tally = CallTally::default();
        tally.note("ProbeTestGetUser", Ended::Probed);
        tally.note("ProbeTestGetUser", Ended::Probed);
        tally.note("ProbeTestGetUser", Ended::Failed);
        let s = tally.summary();
        assert!(
            s.contains("ProbeTestGetUser 2 looked up, not there yet, 1 failed"),
            "{s}"
        );
    }

    #[test]
    fn two_runs_count_apart() {
        let first = CallTally::default();
        first.note("CreateUserPool", Ended::Ok);
        let second = CallTally::default();
        assert_eq!(second.summary(), "interrupted before any call was made");
        assert!(first.summary().contains("CreateUserPool 1 ok"));
    }
}
