//! The Rhai examples of the manual's setup and export pages run as written: each ```rhai
//! block of docs/setups-and-plans.md and docs/export-import.md is run with `--dry-run` (nothing
//! is sent) in a folder holding the files they read, and its exit status, stdout and stderr are
//! compared with a golden file per page.

use crate::support::{Test, assert_golden, repo_root};

/// The ```rhai blocks of `page`, each with the line it starts on.
fn rhai_blocks(page: &str) -> Vec<(usize, String)> {
    let text = std::fs::read_to_string(repo_root().join(page)).expect("read the page");
    let mut blocks = Vec::new();
    let mut open: Option<(usize, String)> = None;
    for (n, line) in text.lines().enumerate() {
        let trimmed = line.trim_start();
        match &mut open {
            None if trimmed == "```rhai" => open = Some((n + 1, String::new())),
            Some(_) if trimmed == "```" => blocks.extend(open.take()),
            Some((_, body)) => {
                body.push_str(line.strip_prefix("  ").unwrap_or(line));
                body.push('\n');
            }
            None => {}
        }
    }
    assert!(open.is_none(), "{page}: a ```rhai block is not closed");
    blocks
}

/// Every block's outcome, one after the other.
fn run_page(page: &str) -> String {
    let users = std::fs::read_to_string(repo_root().join("scripts/users.csv")).unwrap();
    let blocks = rhai_blocks(page);
    assert!(!blocks.is_empty(), "{page} has no rhai example");
    let mut report = String::new();
    for (line, body) in blocks {
        let out = Test::new()
            .env("AWS_REGION", "us-west-2")
            .file("scripts/users.csv", &users)
            .file("users.csv", IMPORT_CSV)
            .file("example.rhai", &body)
            .args(["run", "--dry-run", "example.rhai"])
            .run();
        report.push_str(&format!(
            "== {page}:{line}\nexit {}\n-- stdout\n{}-- stderr\n{}",
            out.code, out.stdout, out.stderr
        ));
    }
    report
}

/// A users file in the import job's layout.
const IMPORT_CSV: &str = "cognito:username,email,email_verified,cognito:mfa_enabled\n\
                          alice,alice@example.com,true,false\n";

#[test]
fn the_setup_page_examples_run() {
    assert_golden("docs_setups.out", &run_page("docs/setups-and-plans.md"));
}

#[test]
fn the_export_page_examples_run() {
    assert_golden("docs_export.out", &run_page("docs/export-import.md"));
}
