//! Layouts: every program in tests/fixtures/port/ is ported as written, with each line's
//! leading whitespace removed and, for the languages whose statements do not need line breaks
//! (`;`-terminated C-likes, Lianja/FoxPro as the seed shows), with its line breaks removed too.
//! Each layout must give the same script as the original (line numbers in REVIEW lines aside),
//! so it sends and prints the same; `shape` also runs the stripped layouts against an endpoint.

use pooler::port::{Style, port};

use crate::support::repo_root;

/// Languages whose published programs still parse with their line breaks gone.
pub const FLAT_LANGS: &[&str] = &[
    "c",
    "unicode-c",
    "cpp",
    "unicode-cpp",
    "csharp",
    "java",
    "nodejs",
    "php",
    "objc",
    "lianja",
    "foxpro",
];

/// The program with each line's indentation removed.
pub fn stripped(text: &str) -> String {
    text.lines()
        .map(str::trim_start)
        .collect::<Vec<_>>()
        .join("\n")
}

/// The program on one line, as it can still be written in its language: a C preprocessor line
/// keeps its own line and a `//` comment becomes `/* … */` (xBase keeps its `//` comments, as
/// the seed, copied from a web page, has them: the scanner must tell where code starts again).
pub fn flat(text: &str, profile_id: &str) -> String {
    let mut out = String::new();
    let xbase = matches!(profile_id, "lianja" | "foxpro");
    for line in text.lines().map(str::trim) {
        let owned;
        let line = match line_comment(line, profile_id) {
            Some((at, len)) if !xbase => {
                owned = format!(
                    "{}/* {} */",
                    &line[..at],
                    line[at + len..].replace("*/", "* /")
                );
                owned.as_str()
            }
            _ => line,
        };
        if line.is_empty() {
            continue;
        }
        if line.starts_with('#') && (line.starts_with("#include") || line.starts_with("#import")) {
            out.push_str(line);
            out.push('\n');
        } else {
            out.push_str(line);
            out.push(' ');
        }
    }
    out
}

/// Where a line comment starts in `line` (outside quotes): `//`, PHP's `#`.
fn line_comment(line: &str, profile_id: &str) -> Option<(usize, usize)> {
    if profile_id == "php" && line.starts_with('#') {
        return Some((0, 1));
    }
    let mut quote = None;
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if c == '"' || c == '\'' => quote = Some(c),
            None if line[i..].starts_with("//") => return Some((i, 2)),
            None => {}
        }
    }
    None
}

/// xBase's `*`, `note` and `&&` comments end only with the line: such a program has no
/// one-line form.
fn has_one_line_form(text: &str, profile_id: &str) -> bool {
    !matches!(profile_id, "lianja" | "foxpro")
        || !text.lines().map(str::trim_start).any(|l| {
            l.starts_with('*') || l.to_ascii_lowercase().starts_with("note ") || l.contains("&&")
        })
}

/// Unicode C and C++ share extensions with C and C++.
pub fn lang_of(file: &str) -> Option<&'static str> {
    if file.contains("unicode_cpp") {
        Some("unicode-cpp")
    } else if file.contains("unicode_c") {
        Some("unicode-c")
    } else {
        None
    }
}

/// The script without what depends on line numbers.
fn normal(script: &str) -> String {
    let re = regex::Regex::new(r"line \d+").unwrap();
    re.replace_all(script, "line N").into_owned()
}

fn programs() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(repo_root().join("tests/fixtures/port"))
        .expect("the fixtures")
        .map(|e| {
            e.expect("an entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|f| !f.ends_with(".json") && !f.ends_with(".md"))
        .collect();
    files.sort();
    files
}

/// The layouts of `file` that do not port like the original, per style.
fn differing(file: &str, style: Style) -> Vec<String> {
    let text = std::fs::read_to_string(repo_root().join("tests/fixtures/port").join(file))
        .expect("the fixture");
    let lang = lang_of(file);
    let ported = |t: &str| port(t, file, lang, style).map(|p| normal(&p.script));
    let original = ported(&text);
    let profile = port(&text, file, lang, style).ok().map(|p| p.lang.id);
    let mut layouts = Vec::new();
    // Python's indentation is its syntax.
    if profile != Some("python") {
        layouts.push(("stripped", stripped(&text)));
    }
    if profile.is_some_and(|id| FLAT_LANGS.contains(&id) && has_one_line_form(&text, id)) {
        layouts.push(("flat", flat(&text, profile.unwrap_or_default())));
    }
    layouts
        .into_iter()
        .filter(|(_, t)| ported(t) != original)
        .map(|(name, _)| name.to_string())
        .collect()
}

#[test]
fn every_fixture_ports_the_same_in_every_layout() {
    let files = programs();
    let mut failures = Vec::new();
    for (style, name) in [(Style::Idiomatic, "idiomatic"), (Style::Chilkat, "chilkat")] {
        let mut same = 0;
        for file in &files {
            let bad = differing(file, style);
            if bad.is_empty() {
                same += 1;
            } else {
                failures.push(format!("{file} ({name}): {}", bad.join(", ")));
            }
        }
        eprintln!(
            "{name}: {same} of {} fixtures port the same in every layout",
            files.len()
        );
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
