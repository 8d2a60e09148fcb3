//! `pooler completions SHELL` and `pooler man`: shell completion scripts and man pages
//! generated from the same clap definitions as the help.

use std::path::Path;

use clap::CommandFactory as _;

use super::Cli;
use crate::exit;
use crate::stdout;

/// Prints the completion script for `shell`.
pub fn completions(shell: clap_complete::Shell, languages: &[&'static str]) -> i32 {
    let mut cmd = super::completion_values::with_value_lists(Cli::command(), languages);
    let mut buf = Vec::new();
    clap_complete::generate(shell, &mut cmd, "pooler", &mut buf);
    stdout::write_bytes(&buf);
    exit::SUCCESS
}

/// Prints `pooler.1`, or writes it and one page per command into `dir`.
pub fn man(dir: Option<&Path>) -> i32 {
    let pages = match super::man::pages(Cli::command()) {
        Ok(pages) => pages,
        Err(e) => {
            eprintln!("error: cannot render the man pages: {e}");
            return exit::FAILURE;
        }
    };
    let Some(dir) = dir else {
        stdout::write_bytes(pages[0].roff.as_bytes());
        return exit::SUCCESS;
    };
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("error: cannot create `{}`: {e}", dir.display());
        return exit::FAILURE;
    }
    for page in &pages {
        let path = dir.join(&page.file);
        if let Err(e) = std::fs::write(&path, &page.roff) {
            eprintln!("error: cannot write `{}`: {e}", path.display());
            return exit::FAILURE;
        }
    }
    exit::SUCCESS
}
