//! The one checked writer for standard output. A closed pipe (`pooler ops | head -1`) ends
//! the process quietly with [`BROKEN_PIPE`], as a tool killed by SIGPIPE would; any other
//! write error is reported once on stderr and turns a successful exit code into a failure
//! ([`finish`]), so `pooler run` whose output was lost does not exit 0.

use std::io::Write as _;
use std::sync::atomic::{AtomicBool, Ordering};

use crate::exit;

/// The exit code after standard output was closed by the reader (128 + SIGPIPE).
pub const BROKEN_PIPE: i32 = 141;

static FAILED: AtomicBool = AtomicBool::new(false);

/// Writes `text` and a newline.
pub fn line(text: &str) {
    let mut out = std::io::stdout().lock();
    let result = out
        .write_all(text.as_bytes())
        .and_then(|()| out.write_all(b"\n"))
        .and_then(|()| out.flush());
    check(result);
}

/// Writes `text` as it is.
pub fn write(text: &str) {
    write_bytes(text.as_bytes());
}

/// Writes `bytes` as they are.
pub fn write_bytes(bytes: &[u8]) {
    let mut out = std::io::stdout().lock();
    let result = out.write_all(bytes).and_then(|()| out.flush());
    check(result);
}

fn check(result: std::io::Result<()>) {
    let Err(err) = result else { return };
    if err.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(BROKEN_PIPE);
    }
    if !FAILED.swap(true, Ordering::SeqCst) {
        eprintln!("error: cannot write to standard output: {err}");
    }
}

/// Whether a write to standard output has failed (other than a closed pipe).
pub fn failed() -> bool {
    FAILED.load(Ordering::SeqCst)
}

/// The exit code to leave with: `code`, or [`exit::FAILURE`] when it says success but
/// standard output could not be written.
pub fn finish(code: i32) -> i32 {
    check(std::io::stdout().lock().flush());
    if code == exit::SUCCESS && failed() {
        exit::FAILURE
    } else {
        code
    }
}
