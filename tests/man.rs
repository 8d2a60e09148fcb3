//! `pooler man`: the main page as a whole (golden), every page it refers to written by
//! `--dir`, the exit-code table the same as docs/cli.md's, and every environment variable
//! pooler reads listed in ENVIRONMENT.

use std::collections::BTreeSet;

use crate::support::{Test, assert_golden, repo_root};

/// The `NAME(1)` references of a page's SUBCOMMANDS and SEE ALSO sections.
fn references(roff: &str) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    let mut section = "";
    for line in roff.lines() {
        if let Some(title) = line.strip_prefix(".SH ") {
            section = title;
            continue;
        }
        if section != "SUBCOMMANDS" && section != "\"SEE ALSO\"" {
            continue;
        }
        for word in line.split(", ") {
            if let Some(name) = word.strip_suffix("(1)") {
                names.insert(name.replace("\\-", "-"));
            }
        }
    }
    names
}

#[test]
fn the_main_man_page_is_whole() {
    let out = Test::new().args(["man"]).run();
    assert_eq!((out.code, out.stderr.as_str()), (0, ""));
    assert_golden("man.1", &out.stdout);
}

#[test]
fn every_page_a_man_page_refers_to_is_written() {
    let test = Test::new();
    let dir = test.path().join("man/man1");
    let out = test.args(["man", "--dir", dir.to_str().unwrap()]).run();
    assert_eq!(
        (out.code, out.stdout.as_str(), out.stderr.as_str()),
        (0, "", "")
    );
    let written: BTreeSet<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let main = std::fs::read_to_string(dir.join("pooler.1")).unwrap();
    let mut referred: BTreeSet<String> = references(&main)
        .into_iter()
        .map(|name| format!("{name}.1"))
        .collect();
    assert!(referred.contains("pooler-run.1"), "{referred:?}");
    for page in &written {
        let text = std::fs::read_to_string(dir.join(page)).unwrap();
        if page != "pooler.1" {
            assert_eq!(
                references(&text),
                BTreeSet::from(["pooler".to_string()]),
                "{page}"
            );
            assert!(
                text.contains("\\fB\\-\\-max\\-map\\-size\\fR"),
                "{page} lacks the global options"
            );
        }
    }
    referred.insert("pooler.1".into());
    assert_eq!(referred, written);
}

#[test]
fn the_exit_status_section_is_the_table_of_the_manual() {
    let rows: String = pooler::exit::TABLE
        .iter()
        .map(|(code, meaning)| format!("| {code} | {meaning} |\n"))
        .collect();
    let manual = std::fs::read_to_string(repo_root().join("docs/cli.md")).unwrap();
    let table = format!("| code | meaning |\n| --- | --- |\n{rows}\n");
    assert!(
        manual.contains(&table),
        "docs/cli.md's exit-code table differs from src/exit.rs's TABLE:\n{table}"
    );
}

/// The names pooler reads: `"AWS_…"` and `"POOLER_…"` literals, and `var("…")`, `var_os("…")`,
/// `env("…")` calls (outside comments and raw strings), anywhere in src/ but the embedded
/// model's generated tables and their generator.
fn variables_read() -> BTreeSet<String> {
    fn walk(dir: &std::path::Path, out: &mut BTreeSet<String>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
                continue;
            }
            // The embedded model's tables are data (enum values such as `AWS_OWNED_KEY`), and
            // their generator runs in tests only (`POOLER_REGEN`): neither is pooler reading.
            let file = path.file_name().and_then(|f| f.to_str());
            if matches!(file, Some("embedded_tables.rs" | "codegen.rs")) {
                continue;
            }
            let text = std::fs::read_to_string(&path).unwrap();
            for (n, _) in text.match_indices('"') {
                let rest = &text[n + 1..];
                let name: String = rest
                    .chars()
                    .take_while(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == '_')
                    .collect();
                let quoted = rest[name.len()..].starts_with('"');
                let called = ["var(", "var_os(", "env("]
                    .iter()
                    .any(|f| text[..n].ends_with(f));
                let named = name.starts_with("AWS_") || name.starts_with("POOLER_");
                // In a comment or a raw string, `env("…")` is Rhai, not pooler reading.
                let line = &text[text[..n].rfind('\n').map_or(0, |l| l + 1)..n];
                let rhai = line.contains("//") || line.contains("r#\"");
                if quoted && name.len() > 1 && (named || called && !rhai) {
                    out.insert(name);
                }
            }
        }
    }
    let mut out = BTreeSet::new();
    walk(&repo_root().join("src"), &mut out);
    out
}

#[test]
fn every_variable_pooler_reads_is_in_the_environment_section() {
    let listed: Vec<&str> = pooler::cli::man::ENVIRONMENT
        .iter()
        .flat_map(|(names, _)| names.split(", "))
        .collect();
    let missing: Vec<String> = variables_read()
        .into_iter()
        .filter(|name| {
            !listed.iter().any(|l| match l.strip_suffix('*') {
                Some(prefix) => name.starts_with(prefix),
                None => l == name,
            })
        })
        .collect();
    assert_eq!(missing, Vec::<String>::new());
}
