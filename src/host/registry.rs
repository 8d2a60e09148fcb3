//! The one registry of script functions. Every area registers here, in [`register_all`], through
//! a [`Registrar`] that takes each function with its doc ([`FnDoc`]: a short signature, one
//! line, the options), written where the area registers it. [`entries`] is that one list; the
//! REPL's completion, `:help` and `:help NAME`, `pooler definitions`, the language server and the
//! function reference of docs/script-api.md are generated from it.

use std::path::Path;
use std::sync::OnceLock;

use rhai::{Engine, RhaiNativeFunc, Variant};

use super::{chilkat, cognito, date, import, json, output, util};
use crate::interrupt::Interrupt;
use crate::model::Model;

/// One script function as the user sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FnDoc {
    pub name: &'static str,
    /// The type it is called on (`cognito`, `json`, `CkRest`), `None` for globals.
    pub receiver: Option<&'static str>,
    pub signature: &'static str,
    pub summary: &'static str,
    /// The names its options map takes, each with one line (`:help NAME` lists them).
    pub options: &'static [OptDoc],
}

/// One option of a function's options map.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OptDoc {
    pub name: &'static str,
    pub about: &'static str,
}

impl FnDoc {
    /// The same function, taking `options`.
    pub const fn with_options(self, options: &'static [OptDoc]) -> FnDoc {
        FnDoc { options, ..self }
    }
}

/// A global function's doc: `global("env", "env(name)", "an environment variable")`.
pub const fn global(name: &'static str, signature: &'static str, summary: &'static str) -> FnDoc {
    FnDoc {
        name,
        receiver: None,
        signature,
        summary,
        options: &[],
    }
}

/// A method's doc: the function `name` called on a `receiver` value.
pub const fn method(
    receiver: &'static str,
    name: &'static str,
    signature: &'static str,
    summary: &'static str,
) -> FnDoc {
    FnDoc {
        name,
        receiver: Some(receiver),
        signature,
        summary,
        options: &[],
    }
}

/// Names scripts write that no area registers itself: Rhai's own `print` and `debug`, the
/// ambient `args`, and `cognito.call`, which the parser turns into `invoke`.
const SPELLED: &[FnDoc] = &[
    global("print", "print(value)", "writes a line to standard output"),
    global(
        "debug",
        "debug(value)",
        "writes the value and its place to standard error",
    ),
    global(
        "args",
        "args",
        "the script's arguments, an array of strings",
    ),
    method(
        "cognito",
        "call",
        "cognito.call(name) / cognito.call(name, input)",
        "runs an operation by name (CreateUserPool or create_user_pool)",
    ),
];

/// Every documented script function: what the areas register, as they document it there, and
/// [`SPELLED`]; globals first, then methods, each in registration order. Made once per process by registering every area into
/// a throwaway engine with a dry-run client.
pub fn entries() -> Vec<FnDoc> {
    static ENTRIES: OnceLock<Vec<FnDoc>> = OnceLock::new();
    ENTRIES
        .get_or_init(|| {
            let mut engine = Engine::new_raw();
            let mut reg = Registrar::new(&mut engine);
            register_documenting(&mut reg);
            let mut all: Vec<FnDoc> = reg.docs.iter().chain(SPELLED).copied().collect();
            all.sort_by_key(|e| e.receiver.is_some());
            all
        })
        .clone()
}

/// Registers every area as a dry run would, sending nowhere: how [`entries`] learns the docs.
fn register_documenting(reg: &mut Registrar<'_>) {
    use crate::service::{Context, Mode, Options, Service, Silent, pace::Pacer};
    let model = Model::embedded();
    let options = Options {
        mode: Mode::DryRun,
        validate: true,
        strict: false,
        lenient: false,
        verbose: false,
        collect_problems: false,
        transcript: None,
        pacer: Pacer::off(),
    };
    let interrupt = Interrupt::new();
    let ctx = Context::new(model, options, std::rc::Rc::new(Silent), interrupt.clone());
    let client = crate::aws::Client::new(
        crate::aws::Settings::default(),
        crate::service::service_of(model),
    );
    let service = Service::new(std::rc::Rc::new(ctx), client);
    register_all(
        reg,
        &interrupt,
        Path::new("."),
        model,
        cognito::Cognito::new(service),
        false,
    );
}

/// Registers functions into an engine, each with its doc.
pub struct Registrar<'e> {
    engine: &'e mut Engine,
    docs: Vec<FnDoc>,
}

/// More signatures of the function just documented (`reg.func(doc, f).or(g)`).
pub struct Overloads<'r> {
    engine: &'r mut Engine,
    name: &'static str,
}

impl Overloads<'_> {
    /// Another signature of the same function.
    pub fn or<A: 'static, const N: usize, const X: bool, R: Variant + Clone, const F: bool>(
        self,
        func: impl RhaiNativeFunc<A, N, X, R, F> + 'static,
    ) -> Self {
        self.engine.register_fn(self.name, func);
        self
    }
}

impl<'e> Registrar<'e> {
    pub fn new(engine: &'e mut Engine) -> Self {
        Self {
            engine,
            docs: Vec::new(),
        }
    }

    /// The engine, for types, getters, setters and Rhai's own conventions (`to_string`,
    /// operators), which are not documented as functions.
    pub fn engine(&mut self) -> &mut Engine {
        self.engine
    }

    /// A script function under `doc.name`, documented by `doc`; further signatures follow
    /// with [`Overloads::or`].
    pub fn func<A: 'static, const N: usize, const X: bool, R: Variant + Clone, const F: bool>(
        &mut self,
        doc: FnDoc,
        func: impl RhaiNativeFunc<A, N, X, R, F> + 'static,
    ) -> Overloads<'_> {
        self.docs.push(doc);
        self.engine.register_fn(doc.name, func);
        Overloads {
            engine: self.engine,
            name: doc.name,
        }
    }

    /// One method per operation of the model: documented by the model, not here.
    pub fn operation<
        A: 'static,
        const N: usize,
        const X: bool,
        R: Variant + Clone,
        const F: bool,
    >(
        &mut self,
        name: &str,
        func: impl RhaiNativeFunc<A, N, X, R, F> + 'static,
    ) -> &mut Self {
        self.engine.register_fn(name, func);
        self
    }

    /// The docs of the functions registered through [`Registrar::func`] so far.
    pub fn docs(&self) -> &[FnDoc] {
        &self.docs
    }
}

/// Registers the areas that need no AWS configuration (json, helpers); file helpers resolve
/// relative paths against `base` (the script's directory, like `import`).
/// `real` says whether calls are sent for real (an unset secret variable is then an error).
pub fn register_base(reg: &mut Registrar<'_>, interrupt: &Interrupt, base: &Path, real: bool) {
    json::register(reg);
    output::register(reg);
    date::register(reg);
    util::register(reg, interrupt, base.to_path_buf(), real);
}

/// Registers every area: the base ones, the token mapper (`cognito.with`, `cognito.call`,
/// interrupts while compiling), `cognito` with one method per operation, and the Chilkat layer
/// sending through `client`.
pub fn register_all(
    reg: &mut Registrar<'_>,
    interrupt: &Interrupt,
    base: &Path,
    model: &'static Model,
    client: cognito::Cognito,
    region_override: bool,
) {
    let real = client.service.ctx().mode == crate::service::Mode::Run;
    register_base(reg, interrupt, base, real);
    super::tokens::install(reg.engine(), interrupt);
    super::member_hint::install(reg.engine(), model);
    cognito::register(reg, model);
    import::register(reg);
    chilkat::register(reg, client, region_override);
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    /// Each function is documented once, with a signature naming it and a summary; every
    /// `ensure_*` kind is registered; the spelled names are no area's.
    #[test]
    fn every_function_is_documented_once() {
        let mut engine = Engine::new_raw();
        let mut reg = Registrar::new(&mut engine);
        register_documenting(&mut reg);
        let mut seen = BTreeSet::new();
        for doc in reg.docs() {
            assert!(seen.insert((doc.receiver, doc.name)), "{doc:?} twice");
            assert!(!doc.summary.is_empty() && doc.signature.contains(doc.name));
        }
        for kind in crate::service::ensure::ALL {
            assert!(
                seen.contains(&(Some("cognito"), kind.function)),
                "{}",
                kind.function
            );
        }
        for doc in SPELLED {
            assert!(!seen.contains(&(doc.receiver, doc.name)), "{doc:?}");
        }
        assert_eq!(entries().len(), reg.docs().len() + SPELLED.len());
    }

    /// Outside the registrar, an area may register only what is no function of its own: types'
    /// `to_string`/`to_debug`, operators, `print` of maps and arrays, getters and setters.
    #[test]
    fn areas_register_functions_only_through_the_registrar() {
        fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
            for entry in std::fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    files(&path, out);
                } else {
                    out.push(path);
                }
            }
        }
        let mut paths = Vec::new();
        files(
            &Path::new(env!("CARGO_MANIFEST_DIR")).join("src/host"),
            &mut paths,
        );
        let allowed = ["to_string", "to_debug", "print"];
        // registry.rs is the registrar (and this test's own text).
        for path in paths.iter().filter(|p| !p.ends_with("registry.rs")) {
            let text = std::fs::read_to_string(path).unwrap();
            for (at, _) in text.match_indices("register_fn(") {
                let rest = text[at + "register_fn(".len()..].trim_start();
                let name = rest.strip_prefix('"').and_then(|r| r.split('"').next());
                let Some(name) = name else {
                    // `register_fn(name, …)`: the registrar itself.
                    assert!(
                        path.ends_with("registry.rs"),
                        "{}: {rest:.40}",
                        path.display()
                    );
                    continue;
                };
                let operator = name.chars().all(|c| "=!<>+-*/%".contains(c));
                assert!(
                    allowed.contains(&name) || operator,
                    "{}: `{name}` is registered outside the registrar",
                    path.display()
                );
            }
        }
    }
}
