//! One REPL session: a Rhai scope, the script-defined functions and the imported modules,
//! all kept from one input to the next.

use rhai::{AST, Caches, Dynamic, GlobalRuntimeState, Scope};

use super::complete::Names;
use super::keys::KeyTree;
use super::save::Saved;
use crate::json_doc::JsonDoc;
use crate::script::diagnostics::{self, Class};
use crate::script::runner::Runner;

/// The engine plus everything an input may leave behind for the next one.
pub struct Session {
    pub runner: Runner,
    scope: Scope<'static>,
    /// Every function defined so far (statements are dropped after each input).
    functions: AST,
    /// Kept between inputs so that `import … as name` stays in force.
    global: GlobalRuntimeState,
    /// Global functions the engine registers, collected once.
    registered: Vec<String>,
    /// Every input so far, by its name in error frames.
    inputs: Vec<(String, String)>,
    /// The inputs that ran without an error, in order: what `:save` writes.
    succeeded: Vec<Saved>,
}

/// Why an input produced no value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The input failed; the report has been printed. Carries the exit code `run` would use.
    Error(i32),
    /// Ctrl-C (or SIGTERM, carrying 143) stopped it.
    Interrupted(i32),
    /// The script called `exit(code)`.
    Exit(i32),
}

impl Session {
    pub fn new(runner: Runner) -> Self {
        let global = runner.engine.new_global_runtime_state();
        let registered = registered_functions(&runner);
        Self {
            runner,
            scope: Scope::new(),
            functions: AST::empty(),
            global,
            registered,
            inputs: Vec::new(),
            succeeded: Vec::new(),
        }
    }

    /// Swaps in a new engine (e.g. after `:dry-run`), keeping variables, functions, modules
    /// and the text of earlier inputs (error frames in functions defined there still show it).
    pub fn replace_runner(&mut self, runner: Runner) {
        for (name, text) in &self.inputs {
            runner.sources.insert(name, text);
        }
        self.runner = runner;
    }

    /// Forgets every variable, function and imported module.
    pub fn clear(&mut self) {
        self.scope.clear();
        self.functions = AST::empty();
        self.global = self.runner.engine.new_global_runtime_state();
    }

    /// Compiles and runs `text` (called `name` in error frames) in the session.
    pub fn eval(&mut self, name: &str, text: &str) -> Result<Dynamic, Failure> {
        self.runner.sources.insert(name, text);
        self.inputs.push((name.to_string(), text.to_string()));
        let mut ast = match self.runner.engine.compile_with_scope(&self.scope, text) {
            Ok(ast) => ast,
            Err(e) => {
                let report = diagnostics::from_parse_error(&e, name);
                if let Class::Interrupted(code) = report.class {
                    // Ctrl-C or SIGTERM while compiling: as while running.
                    return Err(Failure::Interrupted(code));
                }
                return Err(Failure::Error(self.runner.report(&report)));
            }
        };
        ast.set_source(name);
        self.functions += ast.clone_functions_only();
        self.global.lib.clear();
        self.global.lib.push(self.functions.shared_lib().clone());
        self.global.source = Some(name.into());
        self.global.num_operations = Default::default();
        self.global.level = 0;
        self.global.scope_level = 0;
        let mut caches = Caches::new();
        // The internals API lets the global state (imports) outlive one evaluation.
        #[allow(deprecated)]
        let result = self.runner.engine.eval_statements_raw(
            &mut self.global,
            &mut caches,
            &mut self.scope,
            ast.statements(),
        );
        self.runner.calls.tell_deferred_traps();
        if let Ok(value) = &result {
            self.succeeded.push(Saved::new(text, &ast));
            // `ans` holds the last value shown, as in Julia (`()` leaves it as it was).
            if !value.is_unit() {
                self.scope.set_value("ans", value.clone());
            }
        }
        result.map_err(|err| {
            let report = diagnostics::from_eval_error(&err, name, &self.runner.calls);
            match report.class {
                Class::Interrupted(code) => Failure::Interrupted(code),
                Class::Exit(code) => {
                    if !report.message.is_empty() {
                        self.runner.report(&report);
                    }
                    Failure::Exit(code)
                }
                _ => Failure::Error(self.runner.report(&report)),
            }
        })
    }

    /// The inputs that ran without an error, in the order typed.
    pub fn succeeded(&self) -> &[Saved] {
        &self.succeeded
    }

    /// Variables in scope, in the order defined: name, type, constant.
    pub fn variables(&self) -> Vec<(String, String, bool)> {
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<(String, String, bool)> = self
            .scope
            .iter_raw()
            .collect::<Vec<_>>()
            .into_iter()
            .rev()
            .filter(|(name, _, _)| seen.insert(name.to_string()))
            .map(|(name, constant, value)| {
                let type_name = self.runner.engine.map_type_name(value.type_name());
                (name.to_string(), type_name.to_string(), constant)
            })
            .collect();
        out.reverse();
        out
    }

    /// The names completion offers, as of now.
    pub fn names(&self) -> Names {
        let mut functions = self.registered.clone();
        functions.extend(self.functions.iter_functions().map(|f| f.name.to_string()));
        functions.extend(self.global.iter_imports().map(|(n, _)| n.to_string()));
        functions.sort();
        functions.dedup();
        let variables = self
            .scope
            .iter_raw()
            .map(|(name, _, value)| (name.to_string(), value.is::<JsonDoc>()))
            .collect();
        let keys = self
            .scope
            .iter_raw()
            .filter(|(_, _, value)| value.is_map() || value.is_array())
            .map(|(name, _, value)| (name.to_string(), KeyTree::from_dynamic(value)))
            .collect();
        let modules = self
            .global
            .iter_imports()
            .map(|(alias, module)| {
                let mut members: Vec<String> = module
                    .iter_script_fn_info()
                    .filter(|f| f.1 == rhai::FnAccess::Public)
                    .map(|f| f.2.to_string())
                    .collect();
                members.extend(module.iter_var().map(|(n, _)| n.to_string()));
                members.sort();
                members.dedup();
                (alias.to_string(), members)
            })
            .collect();
        Names {
            functions,
            variables,
            keys,
            modules,
        }
    }
}

/// The global functions of the one registry, sorted.
fn registered_functions(_runner: &Runner) -> Vec<String> {
    let mut names = super::complete::registry_names(None);
    names.sort();
    names.dedup();
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn session() -> Session {
        Session::new(crate::bench_support::engine_with_full_api())
    }

    fn int(s: &mut Session, text: &str) -> i64 {
        s.eval("<test>", text).unwrap().as_int().unwrap()
    }

    #[test]
    fn a_redefined_function_replaces_the_old_one() {
        let mut s = session();
        let _ = s.eval("<1>", "fn f() { 1 }").unwrap();
        assert_eq!(int(&mut s, "f()"), 1);
        let _ = s.eval("<2>", "fn f() { 2 }").unwrap();
        assert_eq!(int(&mut s, "f()"), 2);
    }

    #[test]
    fn imports_constants_and_json_documents_persist() {
        let mut s = session();
        let _ = s
            .eval(
                "<1>",
                "import \"cognito/attributes\" as attrs; const N = 2;",
            )
            .unwrap();
        let _ = s
            .eval("<2>", "let doc = json(); doc.update_int(\"a.b\", 5);")
            .unwrap();
        assert_eq!(int(&mut s, "doc.int_of(\"a.b\") * N"), 10);
        let name = s
            .eval("<3>", "attrs::standard(\"email\", #{}).Name")
            .unwrap();
        assert_eq!(name.to_string(), "email");
        let names = s.names();
        assert!(names.variables.contains(&("doc".to_string(), true)));
        assert!(names.functions.contains(&"attrs".to_string()));
    }

    #[test]
    fn a_failed_input_keeps_what_came_before_and_clear_forgets_it() {
        let mut s = session();
        let _ = s.eval("<1>", "let x = 1;").unwrap();
        assert!(matches!(s.eval("<2>", "x + nope"), Err(Failure::Error(4))));
        assert_eq!(int(&mut s, "x"), 1);
        s.clear();
        assert!(s.eval("<3>", "x").is_err());
    }
}
