//! The function reference of docs/script-api.md, generated from the registry's one list
//! ([`registry::entries`]); a test keeps the page and the list the same.

use std::fmt::Write;

use super::registry::{self, FnDoc};

/// The line above the generated table in docs/script-api.md.
pub const BEGIN: &str = "<!-- function reference: generated from the registry; `POOLER_BLESS=1 cargo test --test integration -- script_api` rewrites it -->";
/// The line below it.
pub const END: &str = "<!-- end of function reference -->";

/// The table, one row per function in the registry's order; between
/// [`BEGIN`] and [`END`].
pub fn markdown() -> String {
    let entries = registry::entries();
    let mut out = format!("{BEGIN}\n\n| function | what it does |\n| --- | --- |\n");
    for e in &entries {
        let _ = writeln!(out, "| {} | {} |", code(e.signature), cell(e));
    }
    let _ = write!(out, "\n{END}\n");
    out
}

/// The summary, and the options' names when it takes any.
fn cell(e: &FnDoc) -> String {
    let mut text = escape(e.summary);
    if !e.options.is_empty() {
        let names: Vec<String> = e.options.iter().map(|o| code(o.name)).collect();
        let _ = write!(text, "; options: {}", names.join(", "));
    }
    text
}

fn code(text: &str) -> String {
    format!("`{}`", text.replace('|', "\\|"))
}

fn escape(text: &str) -> String {
    text.replace('|', "\\|")
}
