//! The `pooler port` command: read the program, port it, report what needs review, write.

use std::path::Path;

use super::{Style, line_label, port};
use crate::cli::PortStyle;
use crate::exit;

/// Runs `pooler port`; returns the exit code.
pub fn run(
    file: &Path,
    out: Option<&Path>,
    lang: Option<&str>,
    style: PortStyle,
    strict: bool,
) -> i32 {
    let text = match std::fs::read(file) {
        Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
        Err(e) => {
            eprintln!("error: cannot read `{}`: {e}", file.display());
            return exit::FAILURE;
        }
    };
    let style = match style {
        PortStyle::Idiomatic => Style::Idiomatic,
        PortStyle::Chilkat => Style::Chilkat,
    };
    let name = file.display().to_string();
    let ported = match port(&text, &name, lang, style) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return match e {
                super::PortError::UnknownLang(_) => exit::USAGE,
                _ => exit::COMPILE,
            };
        }
    };
    for w in &ported.warnings {
        eprintln!("warning: {name}: {w}");
    }
    let kind = if strict { "error" } else { "warning" };
    for r in &ported.reviews {
        eprintln!(
            "{kind}: {name}: {}: not translated, left for review: {}",
            line_label(r.line),
            r.text
        );
    }
    if strict && !ported.reviews.is_empty() {
        eprintln!(
            "error: {} statement(s) could not be translated (--strict); nothing was written",
            ported.reviews.len()
        );
        return exit::COMPILE;
    }
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(path, &ported.script) {
                eprintln!("error: cannot write `{}`: {e}", path.display());
                return exit::FAILURE;
            }
        }
        None => crate::stdout::write(&ported.script),
    }
    exit::SUCCESS
}
