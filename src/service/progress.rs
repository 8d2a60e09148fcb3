//! What a run has done so far, call by call, for the summary printed when SIGINT or SIGTERM
//! stops it ("interrupted after 3 calls: CreateUserPool 1 ok; AdminCreateUser 1 ok, 1 stopped").

use std::sync::Mutex;

/// Per operation, in first-call order: (name, ok, failed, stopped by the interruption, lookups
/// of a bulk run that found nothing).
static CALLS: Mutex<Vec<Counts>> = Mutex::new(Vec::new());

type Counts = (String, u64, u64, u64, u64);

/// Notes one finished call; `error_type` is `None` for success, `Some("Interrupted")` for a
/// call the interruption cut short and `Some("probe")` for a bulk lookup that found nothing
/// (what it expects before a create: not a failure).
pub fn note(operation: &str, error_type: Option<&str>) {
    let Ok(mut calls) = CALLS.lock() else { return };
    let i = match calls.iter().position(|c| c.0 == operation) {
        Some(i) => i,
        None => {
            calls.push((operation.to_string(), 0, 0, 0, 0));
            calls.len() - 1
        }
    };
    let c = &mut calls[i];
    match error_type {
        None => c.1 += 1,
        Some("Interrupted") => c.3 += 1,
        Some("probe") => c.4 += 1,
        Some(_) => c.2 += 1,
    }
}

/// The one-line summary of every call noted so far.
pub fn summary() -> String {
    let Ok(calls) = CALLS.lock() else {
        return "interrupted".to_string();
    };
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_that_finds_nothing_is_a_probe_not_a_failure() {
        note("ProbeTestGetUser", Some("probe"));
        note("ProbeTestGetUser", Some("probe"));
        note("ProbeTestGetUser", Some("InternalErrorException"));
        let s = summary();
        assert!(
            s.contains("ProbeTestGetUser 2 looked up, not there yet, 1 failed"),
            "{s}"
        );
    }
}
