//! What a document declares, read from its text: functions (`fn name(`), variables (`let` and
//! `const`, and whether they hold a `json()` document), and imported modules with their
//! members, in the form the REPL's completion takes ([`Names`]); also where each is declared.

use std::path::Path;
use std::sync::OnceLock;

use regex::Regex;

use crate::repl::complete::{Names, registry_names};
use crate::script::stdlib;

/// A declaration: its kind, name and byte offset of the name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Declared {
    pub kind: Kind,
    pub name: String,
    pub at: usize,
    /// For an import: the module path as written.
    pub module: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Function,
    Variable { json: bool },
    Module,
}

fn patterns() -> &'static [Regex; 3] {
    static RE: OnceLock<[Regex; 3]> = OnceLock::new();
    RE.get_or_init(|| {
        [
            Regex::new(r"(?m)^\s*(?:private\s+)?fn\s+([A-Za-z_]\w*)\s*\(").expect("valid"),
            Regex::new(r"\b(?:let|const)\s+([A-Za-z_]\w*)\s*(=\s*(json\s*\()?)?").expect("valid"),
            Regex::new(r#"\bimport\s+"([^"]*)"\s+as\s+([A-Za-z_]\w*)"#).expect("valid"),
        ]
    })
}

/// Every declaration in `text`, in the order written.
pub fn declared(text: &str) -> Vec<Declared> {
    let [func, var, import] = patterns();
    let mut out = Vec::new();
    for c in func.captures_iter(text) {
        let m = c.get(1).expect("group");
        out.push(Declared {
            kind: Kind::Function,
            name: m.as_str().into(),
            at: m.start(),
            module: None,
        });
    }
    for c in var.captures_iter(text) {
        let m = c.get(1).expect("group");
        let json = c.get(3).is_some();
        out.push(Declared {
            kind: Kind::Variable { json },
            name: m.as_str().into(),
            at: m.start(),
            module: None,
        });
    }
    for c in import.captures_iter(text) {
        let m = c.get(2).expect("group");
        out.push(Declared {
            kind: Kind::Module,
            name: m.as_str().into(),
            at: m.start(),
            module: Some(c[1].to_string()),
        });
    }
    out.sort_by_key(|d| d.at);
    out
}

/// The module `name` imports: an embedded stdlib module, else a file relative to `dir`.
pub fn module_source(name: &str, dir: Option<&Path>) -> Option<String> {
    if let Some(text) = stdlib::find(name) {
        return Some(text.to_string());
    }
    let mut path = dir?.join(name);
    if path.extension().is_none() {
        path.set_extension("rhai");
    }
    std::fs::read_to_string(path).ok()
}

/// The functions and exported constants of a module's source.
fn module_members(source: &str) -> Vec<String> {
    let mut out: Vec<String> = declared(source)
        .into_iter()
        .filter(|d| d.kind == Kind::Function)
        .map(|d| d.name)
        .collect();
    static EXPORTED: OnceLock<Regex> = OnceLock::new();
    let exported = EXPORTED
        .get_or_init(|| Regex::new(r"\bexport\s+(?:const|let)\s+([A-Za-z_]\w*)").expect("valid"));
    out.extend(exported.captures_iter(source).map(|c| c[1].to_string()));
    out
}

/// The names the REPL's completion needs, for a document in `dir`.
pub fn names(text: &str, dir: Option<&Path>) -> Names {
    let mut names = Names {
        functions: registry_names(None),
        ..Names::default()
    };
    for d in declared(text) {
        match d.kind {
            Kind::Function => names.functions.push(d.name),
            Kind::Variable { json } => names.variables.push((d.name, json)),
            Kind::Module => {
                let members = d
                    .module
                    .as_deref()
                    .and_then(|m| module_source(m, dir))
                    .map(|s| module_members(&s))
                    .unwrap_or_default();
                names.modules.push((d.name, members));
            }
        }
    }
    names.functions.sort();
    names.functions.dedup();
    names
}
