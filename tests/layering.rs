//! The layering DESIGN.md draws, checked on the source: the call service, the AWS transport and
//! the model never touch Rhai, no two top-level modules depend on each other, directly or
//! through others (`crate::x` references outside comments), only the call service reaches the
//! transport's sending methods, the transport builds the one HTTP client, and only the secret
//! module (`src/secrets/`) matches on secret names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use crate::support::repo_root;

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Lines of code without `//` comments.
fn code_lines(path: &Path) -> Vec<String> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| match l.find("//") {
            Some(i) => l[..i].to_string(),
            None => l.to_string(),
        })
        .collect()
}

/// Top-level module name -> its files.
fn modules() -> BTreeMap<String, Vec<PathBuf>> {
    let src = repo_root().join("src");
    let mut out = BTreeMap::new();
    for entry in std::fs::read_dir(&src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().to_string();
        if matches!(name.as_str(), "lib" | "main") {
            continue;
        }
        let mut files = Vec::new();
        if path.is_dir() {
            rust_files(&path, &mut files);
        } else {
            files.push(path);
        }
        out.entry(name).or_insert_with(Vec::new).extend(files);
    }
    out
}

#[test]
fn service_aws_and_model_never_use_rhai() {
    // The crate (`use rhai`, `rhai::…`), not a word such as `rhai_literal` (Rhai source as text).
    let rhai_crate = regex::Regex::new(r"\brhai::|\buse rhai\b|\brhai\s*\{").unwrap();
    for module in ["service", "aws", "secrets", "model"] {
        for file in &modules()[module] {
            for (n, line) in code_lines(file).iter().enumerate() {
                assert!(
                    !rhai_crate.is_match(line),
                    "{}:{}: the {module} layer must not use Rhai: {line}",
                    file.display(),
                    n + 1
                );
            }
        }
    }
}

#[test]
fn no_two_modules_depend_on_each_other() {
    let modules = modules();
    let re = regex::Regex::new(r"crate::([a-z_]+)").unwrap();
    let mut deps: BTreeMap<&str, BTreeSet<String>> = BTreeMap::new();
    for (name, files) in &modules {
        let set = deps.entry(name).or_default();
        for file in files {
            for line in code_lines(file) {
                for cap in re.captures_iter(&line) {
                    if &cap[1] != name && modules.contains_key(&cap[1]) {
                        set.insert(cap[1].to_string());
                    }
                }
            }
        }
    }
    // Depth-first search for a cycle; report the first one found as a path.
    fn visit<'a>(
        node: &'a str,
        deps: &'a BTreeMap<&str, BTreeSet<String>>,
        stack: &mut Vec<&'a str>,
        done: &mut BTreeSet<&'a str>,
    ) -> Option<Vec<String>> {
        if let Some(i) = stack.iter().position(|n| *n == node) {
            let mut cycle: Vec<String> = stack[i..].iter().map(|s| s.to_string()).collect();
            cycle.push(node.to_string());
            return Some(cycle);
        }
        if done.contains(node) {
            return None;
        }
        stack.push(node);
        for next in deps.get(node).into_iter().flatten() {
            if let Some(cycle) = visit(next, deps, stack, done) {
                return Some(cycle);
            }
        }
        stack.pop();
        done.insert(node);
        None
    }
    let mut done = BTreeSet::new();
    for name in deps.keys() {
        if let Some(cycle) = visit(name, &deps, &mut Vec::new(), &mut done) {
            panic!("modules depend on each other: {}", cycle.join(" -> "));
        }
    }
}

/// The transport's methods that reach the network or sign (`aws::Client`), and the request
/// they take: only the call service and the transport itself may name them.
const SENDING: &str =
    r"\.(transmit|put_presigned|sign_only|resolve_identity)\s*\(|\baws::Request\b";

/// Ways to build an HTTP client.
const HTTP_BUILDER: &str = r"\b(reqwest::)?Client::builder\s*\(|\bClientBuilder\b|\breqwest::Client::new\s*\(|\bhyper_util::client::legacy::Client\b";

/// Every Rust file of the crate, its tests and benchmarks, but this one (which names the
/// patterns it looks for).
fn tree_files() -> Vec<PathBuf> {
    let root = repo_root();
    let mut files = Vec::new();
    for dir in ["src", "tests", "benches"] {
        rust_files(&root.join(dir), &mut files);
    }
    let this = root.join("tests/layering.rs");
    files.retain(|f| *f != this);
    files.sort();
    files
}

/// `file:line: code` for every code line of `files` matching `pattern`.
fn matches(files: &[PathBuf], pattern: &str) -> Vec<String> {
    let re = regex::Regex::new(pattern).unwrap();
    let root = repo_root();
    let mut out = Vec::new();
    for file in files {
        for (n, line) in code_lines(file).iter().enumerate() {
            if re.is_match(line) {
                let shown = file.strip_prefix(&root).unwrap_or(file).display();
                out.push(format!("{shown}:{}: {}", n + 1, line.trim()));
            }
        }
    }
    out
}

#[test]
fn only_the_call_service_reaches_the_transport() {
    let root = repo_root();
    let outside: Vec<PathBuf> = tree_files()
        .into_iter()
        .filter(|f| {
            !f.starts_with(root.join("src/service")) && !f.starts_with(root.join("src/aws"))
        })
        .collect();
    let found = matches(&outside, SENDING);
    assert!(
        found.is_empty(),
        "the transport's sending methods are the call service's alone \
         (Service::call and CallOptions say how a call is made):\n{}",
        found.join("\n")
    );
}

#[test]
fn the_transport_builds_the_one_http_client() {
    let found = matches(&tree_files(), HTTP_BUILDER);
    assert!(
        found.len() == 1 && found[0].starts_with("src/aws/client.rs:"),
        "one HTTP client builder, the transport's (src/aws/client.rs, `Client::http`): every \
         request goes through its pool; found:\n{}",
        found.join("\n")
    );
}

/// A string literal in a comparison: `== "…"`, `"…" ==`, `!=`, `.contains("…")` and the like,
/// a match arm `"…" =>` or `"…" |`.
const COMPARED_LITERAL: &str = r#"(?:==|!=)\s*"([^"\\]*)"|"([^"\\]*)"\s*(?:==|!=)|\.(?:eq_ignore_ascii_case|contains|starts_with|ends_with|find|strip_prefix|strip_suffix|split_once)\(\s*"([^"\\]*)"|^\s*(?:\|\s*)?"([^"\\]*)"\s*(?:=>|\|)|\|\s*"([^"\\]*)"\s*(?:=>|\|)"#;

/// A private look-alike of the secret module's rules: a helper named for keys or secrets.
const LOOK_ALIKE_HELPER: &str = r"\bfn\s+(looks_real|redact_secrets|redact_keys|redact_authorization|is_secret\w*|looks_like_(a_)?(key|secret|token|password)\w*|\w*key_like\w*)\b";

/// Names that fold like a credential's but name no secret value: a boolean member, an error
/// code, and the parameter of `exit(code)` in `pooler definitions`.
const NOT_SECRET_NAMES: &[&str] = &["GenerateSecret", "IncompleteSignatureException", "code"];

/// The code lines of `file` before its `#[cfg(test)]` module (unit tests compare outputs with
/// secret words on purpose).
fn non_test_lines(path: &Path) -> Vec<String> {
    let lines = code_lines(path);
    let end = lines
        .iter()
        .position(|l| l.trim() == "#[cfg(test)]")
        .unwrap_or(lines.len());
    lines[..end].to_vec()
}

#[test]
fn only_the_secret_module_matches_on_secret_names() {
    let root = repo_root();
    let compared = regex::Regex::new(COMPARED_LITERAL).unwrap();
    let helper = regex::Regex::new(LOOK_ALIKE_HELPER).unwrap();
    let mut files = Vec::new();
    rust_files(&root.join("src"), &mut files);
    files.sort();
    let mut found = Vec::new();
    for file in &files {
        let shown = file.strip_prefix(&root).unwrap_or(file);
        if shown.starts_with("src/secrets")
            || shown.starts_with("src/model/tests")
            || shown.to_string_lossy().ends_with("_tests.rs")
        {
            continue;
        }
        for (n, line) in non_test_lines(file).iter().enumerate() {
            let named = compared.captures_iter(line).any(|caps| {
                caps.iter().skip(1).flatten().any(|m| {
                    let name = m.as_str();
                    pooler::secrets::is_credential_name(name) && !NOT_SECRET_NAMES.contains(&name)
                })
            });
            if named || helper.is_match(line) {
                found.push(format!("{}:{}: {}", shown.display(), n + 1, line.trim()));
            }
        }
    }
    assert!(
        found.is_empty(),
        "only src/secrets/ decides what is a secret (ask `pooler::secrets`: \
         `is_credential_name`, `values`, `text`, `Secrets`); found:\n{}",
        found.join("\n")
    );
}
