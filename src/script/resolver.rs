//! Resolves `import "name"`: the embedded stdlib first, then `.rhai` files relative to the
//! importing script. Records each module's text for code frames and caches compiled modules.
//! A module that imports itself, directly or through others, is an import cycle: reported with
//! the chain of files (a compile error), never followed until the stack overflows.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rhai::{Dynamic, Engine, EvalAltResult, Map, Module, ModuleResolver, Position, Scope, Shared};

use super::sources::Sources;
use super::stdlib;
use crate::interrupt::Interrupt;

/// The `type` of the error value an import cycle throws (see [`cycle_message`]).
const CYCLE_TYPE: &str = "ImportCycle";

/// pooler's module resolver.
pub struct Resolver {
    base_dir: PathBuf,
    sources: Sources,
    interrupt: Interrupt,
    cache: RefCell<HashMap<String, Shared<Module>>>,
    /// The modules being loaded, outermost first: (shown name, identity).
    loading: RefCell<Vec<(String, PathBuf)>>,
}

/// What identifies a module: its canonical path (stdlib modules: their name).
fn identity(name: &str) -> PathBuf {
    std::fs::canonicalize(name).unwrap_or_else(|_| PathBuf::from(name))
}

/// The message of an import cycle's error value, if `value` is one.
pub fn cycle_message(value: &Dynamic) -> Option<String> {
    let map = value.read_lock::<Map>()?;
    let is_cycle = map.get("type").is_some_and(|t| t.to_string() == CYCLE_TYPE);
    is_cycle.then(|| {
        map.get("message")
            .map(ToString::to_string)
            .unwrap_or_default()
    })
}

/// Takes the loading stack back to its length before a module, however its loading ends.
struct Loading<'a>(&'a RefCell<Vec<(String, PathBuf)>>, usize);

impl Drop for Loading<'_> {
    fn drop(&mut self) {
        self.0.borrow_mut().truncate(self.1);
    }
}

impl Resolver {
    /// Files are looked up relative to the importing file, or to `base_dir` for the main input.
    /// `interrupt` stops a module's compilation as it stops the main script's.
    pub fn new(base_dir: PathBuf, sources: Sources, interrupt: Interrupt) -> Self {
        Self {
            base_dir,
            sources,
            interrupt,
            cache: RefCell::new(HashMap::new()),
            loading: RefCell::new(Vec::new()),
        }
    }

    /// An error when `name` is being loaded already (the main script counts).
    fn check_cycle(&self, name: &str, pos: Position) -> Result<(), Box<EvalAltResult>> {
        let id = identity(name);
        let loading = self.loading.borrow();
        let Some(start) = loading.iter().position(|(_, other)| *other == id) else {
            return Ok(());
        };
        let mut chain: Vec<&str> = loading[start..].iter().map(|(n, _)| n.as_str()).collect();
        chain.push(name);
        let mut error = Map::new();
        error.insert("type".into(), CYCLE_TYPE.into());
        error.insert(
            "message".into(),
            format!("import cycle: {}", chain.join(" imports ")).into(),
        );
        Err(EvalAltResult::ErrorRuntime(Dynamic::from_map(error), pos).into())
    }

    fn locate(&self, importer: Option<&str>, path: &str) -> PathBuf {
        let mut file = PathBuf::from(path);
        if file.extension().is_none() {
            file.set_extension("rhai");
        }
        if file.is_absolute() {
            return file;
        }
        let dir = importer
            .filter(|src| !src.starts_with("stdlib/") && !src.starts_with('<'))
            .and_then(|src| Path::new(src).parent().map(Path::to_path_buf))
            .unwrap_or_else(|| self.base_dir.clone());
        dir.join(file)
    }
}

impl ModuleResolver for Resolver {
    fn resolve(
        &self,
        engine: &Engine,
        source: Option<&str>,
        path: &str,
        pos: Position,
    ) -> Result<Shared<Module>, Box<EvalAltResult>> {
        let (name, text) = match stdlib::find(path) {
            Some(text) => (stdlib::display_name(path), text.to_string()),
            None => {
                let file = self.locate(source, path);
                let name = file.display().to_string();
                if let Some(module) = self.cache.borrow().get(&name) {
                    return Ok(module.clone());
                }
                match std::fs::read_to_string(&file) {
                    Ok(text) => (name, text),
                    Err(_) => {
                        return Err(
                            EvalAltResult::ErrorModuleNotFound(path.to_string(), pos).into()
                        );
                    }
                }
            }
        };
        if let Some(module) = self.cache.borrow().get(&name) {
            return Ok(module.clone());
        }
        // The main script (the importer when nothing is loading yet) counts as loading too.
        let before = self.loading.borrow().len();
        let _loading = Loading(&self.loading, before);
        let root = source.filter(|s| !s.starts_with("stdlib/") && !s.starts_with('<'));
        if let (0, Some(root)) = (before, root) {
            self.loading
                .borrow_mut()
                .push((root.to_string(), identity(root)));
        }
        self.check_cycle(&name, pos)?;
        self.loading
            .borrow_mut()
            .push((name.clone(), identity(&name)));
        self.sources.insert(&name, &text);
        let in_module = |err: Box<EvalAltResult>| -> Box<EvalAltResult> {
            EvalAltResult::ErrorInModule(name.clone(), err, pos).into()
        };
        let mut ast =
            crate::host::tokens::compile(engine, &text, &self.interrupt).map_err(|e| {
                match crate::host::tokens::interrupted(e.err_type()) {
                    // Stopped by Ctrl-C or SIGTERM: reported like an interrupt while running.
                    Some(code) => {
                        EvalAltResult::ErrorTerminated(Dynamic::from_int(code.into()), pos).into()
                    }
                    None => in_module(e.into()),
                }
            })?;
        ast.set_source(name.as_str());
        let mut module = Module::eval_ast_as_new(Scope::new(), &ast, engine).map_err(in_module)?;
        module.set_id(name.as_str());
        module.build_index();
        let module: Shared<Module> = module.into();
        self.cache.borrow_mut().insert(name, module.clone());
        Ok(module)
    }
}
