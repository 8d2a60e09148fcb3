//! The layering DESIGN.md draws, checked on the source: the call service, the AWS transport and
//! the model never touch Rhai, and no two top-level modules depend on each other, directly or
//! through others (`crate::x` references outside comments).

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
    // The crate (`use rhai`, `rhai::…`), not a word such as `rhai_text` (Rhai source as text).
    let rhai_crate = regex::Regex::new(r"\brhai::|\buse rhai\b|\brhai\s*\{").unwrap();
    for module in ["service", "aws", "model"] {
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
