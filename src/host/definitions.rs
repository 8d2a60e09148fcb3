//! `pooler definitions DIR`: Rhai definition files (`.d.rhai`, the format Rhai's language server
//! reads and `Engine::definitions` writes) for every script function of the one registry, every
//! operation of the model as a `cognito` method, and the embedded stdlib modules.
//!
//! The text is generated from data ([`registry::entries`], the [`Model`], the stdlib sources), is
//! sorted, and is the same bytes on every run. Declarations follow the language server's
//! grammar: a `module static;` (or `module "name";`) header, `///` doc comments, then
//! `fn name(param: Type, …) -> Type;`, `let name: Type;` and `const NAME: Type;`. A method's
//! receiver is its first parameter, `this: Type`; `?` is "any value".

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::registry::{self, FnDoc};
use crate::model::{Model, Operation};

/// One definition file: its name inside DIR and its text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DefFile {
    pub name: String,
    pub text: String,
}

/// The script types that a global function of the same name constructs.
const CONSTRUCTED: &[&str] = &[
    "json",
    "CkJsonObject",
    "CkStringBuilder",
    "CkAuthAws",
    "CkRest",
];

/// Most enum values listed for one member before the list is cut short.
const MAX_ENUM_VALUES: usize = 12;

/// Every definition file, sorted by name. `stdlib` is each embedded module as (import name,
/// source).
pub fn files(model: &Model, stdlib: &[(&str, &str)]) -> Vec<DefFile> {
    let entries = registry::entries();
    let mut out = vec![
        DefFile {
            name: "pooler.d.rhai".into(),
            text: globals(&entries),
        },
        DefFile {
            name: "json.d.rhai".into(),
            text: methods(
                &entries,
                "json",
                "Methods of a `json()` document (Chilkat's CkJsonObject semantics).",
            ),
        },
        DefFile {
            name: "cognito.d.rhai".into(),
            text: methods(
                &entries,
                "cognito",
                "Helpers of the `cognito` client: calls by name, pages, bulk runs, ensure_*.",
            ),
        },
        DefFile {
            name: "chilkat.d.rhai".into(),
            text: methods_of(
                &entries,
                CHILKAT,
                "Methods of the Chilkat classes of ported programs (`CkJsonObject()`, `CkRest()`, …).",
            ),
        },
        DefFile {
            name: "cognito-operations.d.rhai".into(),
            text: operations(model),
        },
    ];
    for (module, source) in stdlib {
        out.push(DefFile {
            name: format!("stdlib-{}.d.rhai", module.replace('/', "-")),
            text: stdlib_module(module, source),
        });
    }
    out.sort_by(|a, b| a.name.cmp(&b.name));
    out
}

/// Why the files could not be written.
#[derive(Debug)]
pub enum WriteError {
    /// DIR does not exist or is not a directory.
    NotADirectory(PathBuf),
    /// A file could not be written.
    Io(PathBuf, std::io::Error),
}

impl std::fmt::Display for WriteError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WriteError::NotADirectory(dir) => write!(f, "`{}` is not a directory", dir.display()),
            WriteError::Io(path, e) => write!(f, "cannot write `{}`: {e}", path.display()),
        }
    }
}

/// Writes `files` into `dir` (created when missing); returns the paths written.
pub fn write(dir: &Path, files: &[DefFile]) -> Result<Vec<PathBuf>, WriteError> {
    // Created when missing, as `man --dir` does; a file in the way is still an error.
    if !dir.exists() {
        std::fs::create_dir_all(dir).map_err(|e| WriteError::Io(dir.to_path_buf(), e))?;
    }
    if !dir.is_dir() {
        return Err(WriteError::NotADirectory(dir.to_path_buf()));
    }
    let mut written = Vec::new();
    for file in files {
        let path = dir.join(&file.name);
        std::fs::write(&path, &file.text).map_err(|e| WriteError::Io(path.clone(), e))?;
        written.push(path);
    }
    Ok(written)
}

/// The global functions and variables.
fn globals(entries: &[FnDoc]) -> String {
    let mut out = header(
        "Global functions and variables of pooler scripts.",
        "module static;",
    );
    let mut decls = vec![
        (
            "cognito".to_string(),
            "/// The Cognito client for the configured region and credentials.\nlet cognito: cognito;\n"
                .to_string(),
        ),
    ];
    for doc in entries.iter().filter(|d| d.receiver.is_none()) {
        decls.extend(declarations(doc));
    }
    push_sorted(&mut out, decls);
    out
}

/// The methods documented on `receiver`.
fn methods(entries: &[FnDoc], receiver: &str, about: &str) -> String {
    methods_of(entries, &[receiver], about)
}

/// The Chilkat classes, whose methods share one file.
pub const CHILKAT: &[&str] = &["CkJsonObject", "CkStringBuilder", "CkAuthAws", "CkRest"];

/// The methods documented on any of `receivers`.
fn methods_of(entries: &[FnDoc], receivers: &[&str], about: &str) -> String {
    let mut out = header(about, "module static;");
    let decls = entries
        .iter()
        .filter(|d| d.receiver.is_some_and(|r| receivers.contains(&r)))
        .flat_map(declarations)
        .collect();
    push_sorted(&mut out, decls);
    out
}

/// One `cognito` method per operation, documented with its input members.
fn operations(model: &Model) -> String {
    let mut out = header(
        "One `cognito` method per operation of the Cognito Identity Provider API.",
        "module static;",
    );
    let mut ops: Vec<&Operation> = model.operations().iter().collect();
    ops.sort_by(|a, b| a.snake_name.cmp(b.snake_name));
    for op in ops {
        out.push('\n');
        out.push_str(&operation(model, op));
    }
    out
}

fn operation(model: &Model, op: &Operation) -> String {
    let mut out = String::new();
    let input = op.input_shape.unwrap_or("no input");
    let _ = writeln!(out, "/// Calls {} (input: {input}).", op.name);
    let mut members = model.input_members_at(op, &[]);
    members.sort_by(|a, b| a.name.cmp(&b.name));
    if !members.is_empty() {
        out.push_str("///\n/// Input members:\n");
    }
    for m in &members {
        let mut line = format!("/// - `{}`: {}", m.name, m.type_name);
        if m.required {
            line.push_str(", required");
        }
        if !m.enum_values.is_empty() {
            let shown: Vec<String> = m
                .enum_values
                .iter()
                .take(MAX_ENUM_VALUES)
                .map(|v| format!("\"{v}\""))
                .collect();
            let more = if m.enum_values.len() > MAX_ENUM_VALUES {
                " | …"
            } else {
                ""
            };
            let _ = write!(line, ", one of {}{more}", shown.join(" | "));
        }
        out.push_str(&line);
        out.push('\n');
    }
    if op.unsigned {
        out.push_str("///\n/// Sent unsigned: no AWS credentials needed.\n");
    }
    if let Some(p) = model.paginator(op) {
        let tokens = if p.input_token == p.output_token {
            p.input_token.to_string()
        } else {
            format!("{} / {}", p.input_token, p.output_token)
        };
        let _ = writeln!(
            out,
            "///\n/// Paged: `cognito.paginate(\"{}\", input)` follows {tokens} and returns all `{}`.",
            op.name, p.result_key
        );
    }
    let _ = writeln!(
        out,
        "///\n/// `pooler describe {}` shows the whole skeleton with limits.",
        op.name
    );
    let _ = writeln!(out, "fn {}(this: cognito, input: ?) -> Map;", op.snake_name);
    if members.iter().all(|m| !m.required) {
        let _ = writeln!(out, "\n/// Calls {} with no input.", op.name);
        let _ = writeln!(out, "fn {}(this: cognito) -> Map;", op.snake_name);
    }
    out
}

/// An embedded stdlib module: its exported constants and public functions with their `///`
/// comments, under `module "name";`.
fn stdlib_module(name: &str, source: &str) -> String {
    let about: Vec<&str> = source
        .lines()
        .map_while(|l| l.trim_start().strip_prefix("//!"))
        .collect();
    let about = about
        .iter()
        .map(|l| l.strip_prefix(' ').unwrap_or(l))
        .collect::<Vec<_>>()
        .join("\n");
    let mut out = header(
        &format!("The embedded module `import \"{name}\"`.\n\n{about}"),
        &format!("module \"{name}\";"),
    );
    let mut decls = Vec::new();
    let mut comments: Vec<&str> = Vec::new();
    for line in source.lines() {
        let line = line.trim();
        if line.starts_with("///") {
            comments.push(line);
            continue;
        }
        let decl = if let Some(rest) = line.strip_prefix("export const ") {
            ident(rest).map(|n| (n.to_string(), format!("const {n}: ?;")))
        } else if let Some(rest) = line.strip_prefix("fn ") {
            script_fn(rest).map(|(n, params)| (n.to_string(), format!("fn {n}({params}) -> ?;")))
        } else {
            None
        };
        if let Some((key, decl)) = decl {
            let mut text = String::new();
            for c in &comments {
                text.push_str(c);
                text.push('\n');
            }
            text.push_str(&decl);
            text.push('\n');
            decls.push((key, text));
        }
        comments.clear();
    }
    push_sorted(&mut out, decls);
    out
}

/// `name(a, b) {` -> (`name`, `a: ?, b: ?`).
fn script_fn(rest: &str) -> Option<(&str, String)> {
    let name = ident(rest)?;
    let inner = rest[name.len()..].strip_prefix('(')?;
    let inner = &inner[..inner.find(')')?];
    let params: Vec<String> = inner
        .split(',')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(|p| format!("{p}: ?"))
        .collect();
    Some((name, params.join(", ")))
}

/// The identifier at the start of `text`.
fn ident(text: &str) -> Option<&str> {
    let end = text
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(text.len());
    (end > 0 && !text.as_bytes()[0].is_ascii_digit()).then(|| &text[..end])
}

/// The file's opening: the `about` text as `///` lines, then the module line.
fn header(about: &str, module: &str) -> String {
    let mut out = String::new();
    for line in about.trim_end().lines() {
        out.push_str(line_comment(line).as_str());
    }
    out.push_str(
        "///\n/// Generated by `pooler definitions`; regenerate after upgrading pooler.\n",
    );
    out.push_str(module);
    out.push('\n');
    out
}

fn line_comment(line: &str) -> String {
    if line.is_empty() {
        "///\n".into()
    } else {
        format!("/// {line}\n")
    }
}

/// Appends declarations sorted by their key (stable: overloads keep their order).
fn push_sorted(out: &mut String, mut decls: Vec<(String, String)>) {
    decls.sort_by(|a, b| a.0.cmp(&b.0));
    for (_, text) in decls {
        out.push('\n');
        out.push_str(&text);
    }
}

/// The declarations of one registry entry: one per overload in its signature, each with the
/// summary and that form as its doc comment.
fn declarations(doc: &FnDoc) -> Vec<(String, String)> {
    doc.signature
        .split(" / ")
        .map(|form| {
            let mut text = line_comment(&sentence(doc.summary));
            text.push_str(&format!("///\n/// `{form}`\n"));
            if !doc.options.is_empty() && form.contains("opts") {
                text.push_str("///\n/// Options:\n");
                for o in doc.options {
                    text.push_str(&format!("/// - `{}`: {}\n", o.name, o.about));
                }
            }
            text.push_str(&declaration(doc, form));
            text.push('\n');
            (doc.name.to_string(), text)
        })
        .collect()
}

/// A summary as a sentence: capitalized, ending with a period.
fn sentence(summary: &str) -> String {
    let mut chars = summary.trim().trim_end_matches('.').chars();
    match chars.next() {
        Some(first) => format!("{}{}.", first.to_uppercase(), chars.as_str()),
        None => String::new(),
    }
}

/// `doc.update_string(path, text)` -> `fn update_string(this: json, path: String, text: ?) -> ?;`
fn declaration(doc: &FnDoc, form: &str) -> String {
    let open = format!("{}(", doc.name);
    let Some(start) = form.find(&open) else {
        return format!("let {}: {};", doc.name, param_type(doc.name));
    };
    let inner = &form[start + open.len()..];
    let inner = inner.strip_suffix(')').unwrap_or(inner);
    let mut params: Vec<String> = doc
        .receiver
        .map(|r| format!("this: {r}"))
        .into_iter()
        .collect();
    for (i, arg) in split_args(inner).iter().enumerate() {
        let (name, ty) = if arg.starts_with("#{") {
            ("settings".to_string(), "Map")
        } else if ident(arg) == Some(arg.as_str()) {
            (plain_name(arg), param_type(arg))
        } else {
            (format!("arg{i}"), "?")
        };
        params.push(format!("{name}: {ty}"));
    }
    let ret = if doc.receiver.is_none() && CONSTRUCTED.contains(&doc.name) {
        doc.name
    } else {
        "?"
    };
    format!("fn {}({}) -> {ret};", doc.name, params.join(", "))
}

/// `name`, or `name_value` when Rhai reserves `name` (`default`).
fn plain_name(name: &str) -> String {
    if rhai::Engine::new_raw().compile_expression(name).is_ok() {
        name.to_string()
    } else {
        format!("{name}_value")
    }
}

/// Top-level arguments of a call's text (commas inside `#{…}` or `[…]` do not split).
fn split_args(inner: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut current = String::new();
    for c in inner.chars() {
        match c {
            '{' | '[' | '(' => depth += 1,
            '}' | ']' | ')' => depth = depth.saturating_sub(1),
            ',' if depth == 0 => {
                out.push(current.trim().to_string());
                current.clear();
                continue;
            }
            _ => {}
        }
        current.push(c);
    }
    if !current.trim().is_empty() {
        out.push(current.trim().to_string());
    }
    out
}

/// The type a documented parameter name stands for; `?` when it takes several.
fn param_type(name: &str) -> &'static str {
    match name {
        "path" | "csv_path" | "name" | "text" | "message" | "pool_id" => "String",
        "map" | "opts" => "Map",
        "inputs" | "users" | "args" => "Array",
        "code" => "int",
        "b" => "bool",
        _ => "?",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(receiver: Option<&'static str>, name: &'static str, signature: &'static str) -> FnDoc {
        FnDoc {
            name,
            receiver,
            signature,
            summary: "does it",
            options: &[],
        }
    }

    #[test]
    fn a_method_takes_its_receiver_as_this_and_known_params_get_types() {
        let d = doc(
            Some("json"),
            "update_string",
            "doc.update_string(path, text)",
        );
        assert_eq!(
            declaration(&d, d.signature),
            "fn update_string(this: json, path: String, text: String) -> ?;"
        );
    }

    #[test]
    fn a_map_literal_parameter_becomes_settings() {
        let d = doc(
            Some("cognito"),
            "with",
            "cognito.with(#{region, profile, endpoint_url})",
        );
        assert_eq!(
            declaration(&d, d.signature),
            "fn with(this: cognito, settings: Map) -> ?;"
        );
    }

    #[test]
    fn overloads_become_one_declaration_each_and_constructors_return_their_type() {
        let d = doc(None, "json", "json() / json(text) / json(map)");
        let decls: Vec<String> = declarations(&d).into_iter().map(|(_, t)| t).collect();
        assert_eq!(decls.len(), 3);
        assert!(decls[0].ends_with("fn json() -> json;\n"), "{}", decls[0]);
        assert!(decls[2].contains("`json(map)`"), "{}", decls[2]);
        assert!(decls[2].ends_with("fn json(map: Map) -> json;\n"));
    }

    #[test]
    fn a_signature_without_parentheses_is_a_variable() {
        let d = doc(None, "args", "args");
        assert_eq!(declaration(&d, "args"), "let args: Array;");
    }

    #[test]
    fn stdlib_functions_keep_their_comments_and_private_ones_are_left_out() {
        let text = stdlib_module(
            "demo/m",
            "//! A demo.\n\n/// The answer.\nexport const ANSWER = 42;\n\n/// Adds.\nfn add(a, b) {\n a + b\n}\n\nprivate fn hidden() {}\n",
        );
        assert!(text.contains("/// A demo.\n"), "{text}");
        assert!(text.contains("module \"demo/m\";\n"), "{text}");
        assert!(
            text.contains("/// Adds.\nfn add(a: ?, b: ?) -> ?;\n"),
            "{text}"
        );
        assert!(
            text.contains("/// The answer.\nconst ANSWER: ?;\n"),
            "{text}"
        );
        assert!(!text.contains("hidden"), "{text}");
    }
}
