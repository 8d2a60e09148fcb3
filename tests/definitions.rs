//! `pooler definitions DIR`: the `.d.rhai` files for the Rhai language server. Rhai itself has no
//! reader for definition files (only the language server parses them), so the files are checked
//! line by line against the definition grammar, and every declaration is turned back into a call
//! that pooler's own Rhai engine must compile.

use std::collections::BTreeMap;
use std::path::Path;

use pooler::host::definitions::{self, DefFile};
use pooler::host::registry;
use pooler::model::Model;

use crate::support::Test;

const FILES: &[&str] = &[
    "chilkat.d.rhai",
    "cognito-operations.d.rhai",
    "cognito.d.rhai",
    "json.d.rhai",
    "pooler.d.rhai",
    "stdlib-cognito-attributes.d.rhai",
];

fn generated() -> BTreeMap<String, String> {
    definitions::files(Model::embedded(), pooler::script::stdlib::MODULES)
        .into_iter()
        .map(|DefFile { name, text }| (name, text))
        .collect()
}

fn read_dir(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| {
            let path = e.unwrap().path();
            (
                path.file_name().unwrap().to_string_lossy().to_string(),
                std::fs::read(&path).unwrap(),
            )
        })
        .collect()
}

/// The doc comment lines right above the line `decl` in `text`.
fn doc_above<'t>(text: &'t str, decl: &str) -> Vec<&'t str> {
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| *l == decl)
        .unwrap_or_else(|| panic!("`{decl}` not declared"));
    let mut doc: Vec<&str> = lines[..at]
        .iter()
        .rev()
        .take_while(|l| l.starts_with("///"))
        .copied()
        .collect();
    doc.reverse();
    doc
}

#[test]
fn writes_one_file_per_area_and_lists_them() {
    let test = Test::new().file("defs/keep.txt", "mine");
    let dir = test.path().join("defs");
    let out = test.args(["definitions", "defs"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let written: Vec<&str> = out.stdout.lines().collect();
    assert_eq!(written.len(), FILES.len(), "{}", out.stdout);
    for (line, name) in written.iter().zip(FILES) {
        assert!(line.ends_with(name), "{line} is not {name}");
    }
    let files = read_dir(&dir);
    let mut expected: Vec<&str> = FILES.to_vec();
    expected.push("keep.txt");
    expected.sort();
    assert_eq!(
        files.keys().map(String::as_str).collect::<Vec<_>>(),
        expected
    );
    assert_eq!(files["keep.txt"], b"mine", "other files are left alone");
    for (name, text) in generated() {
        assert_eq!(
            files[&name],
            text.into_bytes(),
            "{name} differs from files()"
        );
    }
}

#[test]
fn two_runs_write_the_same_bytes_and_declarations_are_sorted() {
    let first = Test::new().file("a/.keep", "").file("b/.keep", "");
    let root = first.path().to_path_buf();
    let out = Test::new()
        .args(["definitions", root.join("a").to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    let out = Test::new()
        .args(["definitions", root.join("b").to_str().unwrap()])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(read_dir(&root.join("a")), read_dir(&root.join("b")));
    drop(first);
    for (name, text) in generated() {
        let names: Vec<&str> = text
            .lines()
            .filter_map(|l| l.strip_prefix("fn ").or_else(|| l.strip_prefix("let ")))
            .filter_map(|l| l.split(['(', ':']).next())
            .collect();
        let mut sorted = names.clone();
        sorted.sort();
        assert_eq!(names, sorted, "{name} is not sorted");
    }
}

#[test]
fn every_registry_function_is_declared_with_its_summary() {
    let files = generated();
    for doc in registry::entries() {
        let file = match doc.receiver {
            None => "pooler.d.rhai",
            Some("json") => "json.d.rhai",
            Some("cognito") => "cognito.d.rhai",
            Some(r) if definitions::CHILKAT.contains(&r) => "chilkat.d.rhai",
            Some(other) => panic!("no file for receiver {other}"),
        };
        let text = &files[file];
        let decl = text
            .lines()
            .find(|l| {
                l.starts_with(&format!("fn {}(", doc.name))
                    || l.starts_with(&format!("let {}:", doc.name))
            })
            .unwrap_or_else(|| panic!("{} missing from {file}", doc.name));
        if let Some(receiver) = doc.receiver {
            assert!(
                decl.starts_with(&format!("fn {}(this: {receiver}", doc.name)),
                "{decl}"
            );
        }
        let summary = doc.summary.trim_end_matches('.');
        let first = summary.chars().next().unwrap();
        let sentence = format!(
            "/// {}{}.",
            first.to_uppercase(),
            &summary[first.len_utf8()..]
        );
        let form = format!("/// `{}`", doc.signature.split(" / ").next().unwrap());
        assert_eq!(
            doc_above(text, decl),
            [sentence.as_str(), "///", form.as_str()],
            "{}",
            doc.name
        );
    }
    let globals = &files["pooler.d.rhai"];
    for line in [
        "fn json() -> json;",
        "fn json(text: String) -> json;",
        "fn json(map: Map) -> json;",
        "fn CkRest() -> CkRest;",
        "let args: Array;",
        "let cognito: cognito;",
        "fn env(name: String, default_value: ?) -> ?;",
    ] {
        assert!(globals.lines().any(|l| l == line), "{line} missing");
    }
    assert!(
        files["cognito.d.rhai"]
            .lines()
            .any(|l| l == "fn with(this: cognito, settings: Map) -> ?;")
    );
}

#[test]
fn every_operation_is_a_cognito_method_listing_its_input_members() {
    let model = Model::embedded();
    let text = &generated()["cognito-operations.d.rhai"];
    assert!(model.operations().len() > 100);
    for op in model.operations() {
        let decl = format!("fn {}(this: cognito, input: ?) -> Map;", op.snake_name);
        let doc = doc_above(text, &decl);
        assert!(
            doc[0].contains(&format!("Calls {} ", op.name)),
            "{}: {doc:?}",
            op.name
        );
        for m in model.input_members_at(op, &[]) {
            let required = if m.required { ", required" } else { "" };
            let line = format!("/// - `{}`: {}{required}", m.name, m.type_name);
            assert!(
                doc.iter()
                    .any(|l| *l == line || l.starts_with(&format!("{line}, one of "))),
                "{}: no line `{line}` in {doc:?}",
                op.name
            );
        }
    }
    let create = doc_above(text, "fn create_user_pool(this: cognito, input: ?) -> Map;");
    assert!(create.contains(&"/// - `PoolName`: string, required"));
    assert!(
        create
            .contains(&"/// - `MfaConfiguration`: string, one of \"OFF\" | \"ON\" | \"OPTIONAL\"")
    );
    let list = doc_above(text, "fn list_users(this: cognito, input: ?) -> Map;");
    assert!(
        list.iter()
            .any(|l| l.contains("cognito.paginate(\"ListUsers\", input)")),
        "{list:?}"
    );
}

#[test]
fn the_stdlib_module_is_declared_with_its_public_items_only() {
    let text = &generated()["stdlib-cognito-attributes.d.rhai"];
    assert!(text.lines().any(|l| l == "module \"cognito/attributes\";"));
    for line in [
        "fn standard(name: ?) -> ?;",
        "fn standard(name: ?, opts: ?) -> ?;",
        "fn custom_string(name: ?, min: ?, max: ?) -> ?;",
        "const STANDARD: ?;",
    ] {
        assert!(text.lines().any(|l| l == line), "{line} missing:\n{text}");
    }
    assert!(!text.contains("standard_list"), "a private function leaked");
    let doc = doc_above(text, "fn is_standard(name: ?) -> ?;");
    assert_eq!(
        doc,
        ["/// Whether `name` is one of the standard attributes."]
    );
}

#[test]
fn every_line_follows_the_definition_grammar() {
    let ty = r"(\?|[A-Za-z][A-Za-z0-9_]*)";
    let param = format!(r"[a-z_][A-Za-z0-9_]*: {ty}");
    let decl = regex::Regex::new(&format!(
        r"^(fn [A-Za-z_][A-Za-z0-9_]*\(({param}(, {param})*)?\) -> {ty};|(let|const) [A-Za-z_][A-Za-z0-9_]*: {ty};)$"
    ))
    .unwrap();
    let module = regex::Regex::new(r#"^module (static|"[a-z0-9_/-]+");$"#).unwrap();
    for (name, text) in generated() {
        let lines: Vec<&str> = text.lines().collect();
        let modules: Vec<usize> = (0..lines.len())
            .filter(|&i| module.is_match(lines[i]))
            .collect();
        assert_eq!(modules.len(), 1, "{name}: one module line");
        for (i, line) in lines.iter().enumerate() {
            if line.is_empty() || line.starts_with("///") || i == modules[0] {
                continue;
            }
            assert!(i > modules[0], "{name}:{}: before the module line", i + 1);
            assert!(decl.is_match(line), "{name}:{}: `{line}`", i + 1);
            assert!(
                lines[i - 1].starts_with("///"),
                "{name}:{}: `{line}` has no doc comment",
                i + 1
            );
        }
    }
}

/// A call of each declaration, as a script would write it.
fn call_of(line: &str, module: Option<&str>) -> Option<String> {
    let prefix = module.map(|_| "m::").unwrap_or("");
    if let Some(rest) = line
        .strip_prefix("let ")
        .or_else(|| line.strip_prefix("const "))
    {
        return Some(format!("{prefix}{};", rest.split(':').next()?));
    }
    let rest = line.strip_prefix("fn ")?;
    let (name, params) = rest.split_once('(')?;
    let params = params.split_once(')')?.0;
    let mut args: Vec<&str> = params
        .split(", ")
        .filter(|p| !p.is_empty())
        .map(|p| p.split(':').next().unwrap())
        .collect();
    let receiver = (args.first() == Some(&"this")).then(|| args.remove(0));
    // Parameter names as the arguments: a name Rhai reserves would not compile.
    let args = args.join(", ");
    Some(match receiver {
        Some(_) => format!("x.{name}({args});"),
        None => format!("{prefix}{name}({args});"),
    })
}

#[test]
fn every_declaration_is_a_call_pooler_rhai_compiles() {
    let cli = pooler::cli::Cli::parse_args(["pooler", "check", "x.rhai"]).unwrap();
    let runner = pooler::script::setup::runner(
        &cli.global,
        Model::embedded(),
        &pooler::interrupt::Interrupt::new(),
        Path::new("."),
        pooler::script::setup::Mode::Check,
        &[],
    )
    .unwrap_or_else(|code| panic!("no engine: {code}"));
    let mut calls = 0;
    for (name, text) in generated() {
        let module = text
            .lines()
            .find_map(|l| l.strip_prefix("module \"")?.strip_suffix("\";"));
        let mut script = String::new();
        if let Some(m) = module {
            script.push_str(&format!("import \"{m}\" as m;\n"));
        }
        for line in text.lines() {
            if let Some(call) = call_of(line, module) {
                script.push_str(&call);
                script.push('\n');
                calls += 1;
            }
        }
        if let Err(e) = runner.engine.compile(&script) {
            panic!("{name}: {e}\n{script}");
        }
    }
    assert!(calls > 200, "only {calls} calls");
}

#[test]
fn a_missing_directory_is_created_like_man_dir_does() {
    let test = Test::new();
    let dir = test.path().join("new/defs");
    let out = test.args(["definitions", "new/defs"]).run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(dir.join("json.d.rhai").is_file(), "{}", out.stdout);
}

#[test]
fn a_file_in_the_way_or_an_unwritable_directory_is_an_error() {
    let out = Test::new()
        .file("plain.txt", "x")
        .args(["definitions", "plain.txt"])
        .run();
    assert_eq!(out.code, 1);
    assert!(out.stderr.contains("is not a directory"), "{}", out.stderr);

    // A directory where a file should go cannot be written, even by root.
    let out = Test::new()
        .file("defs/json.d.rhai/inside", "")
        .args(["definitions", "defs"])
        .run();
    assert_eq!(out.code, 1);
    assert!(
        out.stderr
            .contains("error: cannot write `defs/json.d.rhai`"),
        "{}",
        out.stderr
    );
}

#[test]
fn help_has_examples() {
    let out = Test::new().args(["definitions", "--help"]).run();
    assert_eq!(out.code, 0);
    assert!(out.stdout.contains("language server"), "{}", out.stdout);
    assert!(out.stdout.contains("Examples:"), "{}", out.stdout);
    assert!(out.stdout.contains("pooler definitions .rhai/definitions"));
}

/// A helper's options come from the registry, under its doc comment.
#[test]
fn each_lists_its_options() {
    let files = generated();
    let text = &files["cognito.d.rhai"];
    let doc = doc_above(
        text,
        "fn each(this: cognito, name: String, inputs: Array, opts: Map) -> ?;",
    );
    assert_eq!(
        doc,
        [
            "/// Runs an operation once per input, paced, resumable; returns a summary.",
            "///",
            "/// `cognito.each(name, inputs, opts)`",
            "///",
            "/// Options:",
            "/// - `concurrency`: requests in flight at most, 1 to 256 (default: what the quota needs)",
            "/// - `on_exists`: \"skip\" (default) or \"fail\" when the item already exists",
            "/// - `resume`: a journal file: items done in an earlier run are not sent again",
            "/// - `key`: the input member naming each item in the summary and journal (default Username)",
            "/// - `max_retries`: retries per item beyond the first attempt, 0 to 100 (default: --max-attempts)",
            "/// - `progress`: true or false: a progress line on stderr (default: when stderr is a terminal)",
        ]
    );
}

/// `import_users` documents its options the same way, from the same registry.
#[test]
fn import_users_lists_its_options() {
    let files = generated();
    let text = &files["cognito.d.rhai"];
    let doc = doc_above(
        text,
        "fn import_users(this: cognito, pool_id: String, csv_path: String, opts: Map) -> ?;",
    );
    assert_eq!(
        doc[doc.len() - 9..],
        [
            "/// Options:",
            "/// - `CloudWatchLogsRoleArn`: the role that lets Cognito write the job's CloudWatch Logs (import jobs)",
            "/// - `job_name`: jobs are named NAME-1, NAME-2, … (default pooler-import)",
            "/// - `max_users_per_job`: split the file into jobs of at most this many users (default 500,000)",
            "/// - `max_bytes_per_job`: split the file into jobs of at most this many bytes (default 100 MB)",
            "/// - `poll_seconds`: seconds between DescribeUserImportJob calls, 0.01 to 3600 (default 5)",
            "/// - `dry_run`: true: check the file and validate the calls, create no job",
            "/// - `method`: \"job\" (default: Cognito's import jobs) or \"admin-create-user\" (one call per user)",
            "/// - `send_invitation`: true or false: with admin-create-user, send Cognito's invitation (default false)",
        ]
    );
}

/// docs/script-api.md's function reference is the registry's list (`POOLER_BLESS=1` rewrites it).
#[test]
fn script_api_reference_is_the_registry() {
    use pooler::host::reference::{BEGIN, END, markdown};
    let path = crate::support::repo_root().join("docs/script-api.md");
    let page = std::fs::read_to_string(&path).unwrap();
    let (Some(begin), Some(end)) = (page.find(BEGIN), page.find(END)) else {
        panic!("docs/script-api.md lacks the function reference markers");
    };
    let section = &page[begin..end + END.len() + 1];
    let expected = markdown();
    if std::env::var_os("POOLER_BLESS").is_some() && section != expected {
        let rewritten = format!(
            "{}{expected}{}",
            &page[..begin],
            &page[end + END.len() + 1..]
        );
        std::fs::write(&path, rewritten).unwrap();
        return;
    }
    assert_eq!(
        section, expected,
        "docs/script-api.md differs from the registry"
    );
}

/// The Chilkat classes' methods and the getters' other spellings are declared, one file.
#[test]
fn chilkat_methods_are_declared() {
    let files = generated();
    let text = &files["chilkat.d.rhai"];
    for decl in [
        "fn UpdateString(this: CkJsonObject, path: String, text: String) -> ?;",
        "fn stringOf(this: CkJsonObject, path: String) -> ?;",
        "fn Append(this: CkStringBuilder, text: String) -> ?;",
        "fn get_ResponseStatusCode(this: CkRest) -> ?;",
    ] {
        assert!(text.lines().any(|l| l == decl), "{decl} missing:\n{text}");
    }
    assert_eq!(
        doc_above(
            text,
            "fn UpdateString(this: CkJsonObject, path: String, text: String) -> ?;"
        ),
        [
            "/// Writes text at a path, creating what is missing; true.",
            "///",
            "/// `j.UpdateString(path, text)`",
        ]
    );
}
