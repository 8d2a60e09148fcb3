//! `--transcript FILE`: one JSON line per call, written as each call ends, secrets redacted by
//! the caller before anything reaches this file; `attempts_detail` lists every attempt (status,
//! error text, milliseconds), so retries are on record; `time` is when the call ended (ISO 8601).
//!
//! The file is opened for appending and each line is one `write`, so several runs can share a
//! transcript without losing or mixing lines.

use std::fs::File;
use std::io::Write as _;
use std::path::Path;

use serde_json::Value;

use crate::aws::Attempt;

/// An open transcript file.
pub struct Transcript {
    out: File,
}

/// One call, as recorded.
pub struct Entry<'a> {
    pub operation: &'a str,
    pub region: &'a str,
    pub endpoint: &'a str,
    pub request: Value,
    pub status: Option<u16>,
    pub response: Option<Value>,
    pub error_type: Option<&'a str>,
    /// Every attempt made, in order (empty for a dry run).
    pub attempts: &'a [Attempt],
    pub millis: u128,
    pub dry_run: bool,
}

/// This moment in ISO 8601 (UTC), as the transcript's `time` field.
fn now_iso8601() -> Option<String> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?;
    crate::model::iso8601(since.as_secs_f64())
}

impl Transcript {
    /// Opens the file for appending, creating it 0600 when missing (an existing one is
    /// tightened to 0600): it holds requests and responses, user data included.
    pub fn create(path: &Path) -> std::io::Result<Self> {
        let out = crate::private_file::append(path)?;
        Ok(Self { out })
    }

    /// Appends one line and flushes it, so an interrupted run keeps every finished call.
    pub fn record(&self, entry: Entry<'_>) -> std::io::Result<()> {
        let line = serde_json::json!({
            "time": now_iso8601(),
            "operation": entry.operation,
            "region": entry.region,
            "endpoint": entry.endpoint,
            "request": entry.request,
            "status": entry.status,
            "response": entry.response,
            "error_type": entry.error_type,
            "attempts": entry.attempts.len(),
            "attempts_detail": entry.attempts.iter().map(|a| serde_json::json!({
                "status": a.status,
                "error": a.error,
                "ms": a.millis,
            })).collect::<Vec<_>>(),
            "ms": entry.millis,
            "dry_run": entry.dry_run,
        });
        // One write of the whole line, so an interruption never leaves half a line behind.
        let mut text = line.to_string();
        text.push('\n');
        // `&File` writes straight to the descriptor (O_APPEND): no buffer to flush.
        (&self.out).write_all(text.as_bytes())
    }
}
