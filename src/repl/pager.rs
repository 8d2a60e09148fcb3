//! Long REPL output through a pager: `$PAGER` (`less -FRX` when unset) when standard output
//! is a terminal and the text has more lines than the terminal; `:pager off` prints directly.

use std::io::{IsTerminal as _, Write as _};
use std::process::{Command, Stdio};

/// The pager when `PAGER` is unset: quits at once when the text fits (`-F`), keeps colors
/// (`-R`), leaves the text on the screen (`-X`).
pub const DEFAULT: &str = "less -FRX";

/// Shows `text` and a newline: through the pager when `on`, standard output is a terminal of
/// `rows` rows and `text` has more lines than that; otherwise (or when the pager cannot be
/// started) on standard output.
pub fn show(text: &str, on: bool, rows: Option<usize>) {
    let long = rows.is_some_and(|rows| text.lines().count() > rows);
    if !(on && long && std::io::stdout().is_terminal() && page(text)) {
        crate::stdout::line(text);
    }
}

/// The pager command: `PAGER` split at spaces, the default when unset; `None` when `PAGER` is
/// set but empty (no pager, as git and man take it).
fn command() -> Option<Vec<String>> {
    let text = std::env::var("PAGER").unwrap_or_else(|_| DEFAULT.to_string());
    let words: Vec<String> = text.split_whitespace().map(str::to_string).collect();
    (!words.is_empty()).then_some(words)
}

/// Runs the pager on `text`; `false` when there is none or it cannot be started.
fn page(text: &str) -> bool {
    let Some(words) = command() else {
        return false;
    };
    let mut child = match Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::piped())
        .spawn()
    {
        Ok(child) => child,
        Err(e) => {
            eprintln!(
                "warning: cannot start the pager `{}`: {e} (set PAGER, or `:pager off`)",
                words.join(" ")
            );
            return false;
        }
    };
    if let Some(mut input) = child.stdin.take() {
        // Quitting the pager before the end closes the pipe: not an error.
        let _ = input.write_all(text.as_bytes());
        let _ = input.write_all(b"\n");
    }
    let _ = child.wait();
    true
}
