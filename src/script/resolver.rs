//! Resolves `import "name"`: the embedded stdlib first, then `.rhai` files relative to the
//! importing script. Records each module's text for code frames and caches compiled modules.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rhai::{Engine, EvalAltResult, Module, ModuleResolver, Position, Scope, Shared};

use super::sources::Sources;
use super::stdlib;

/// pooler's module resolver.
pub struct Resolver {
    base_dir: PathBuf,
    sources: Sources,
    cache: RefCell<HashMap<String, Shared<Module>>>,
}

impl Resolver {
    /// Files are looked up relative to the importing file, or to `base_dir` for the main input.
    pub fn new(base_dir: PathBuf, sources: Sources) -> Self {
        Self {
            base_dir,
            sources,
            cache: RefCell::new(HashMap::new()),
        }
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
        self.sources.insert(&name, &text);
        let in_module = |err: Box<EvalAltResult>| -> Box<EvalAltResult> {
            EvalAltResult::ErrorInModule(name.clone(), err, pos).into()
        };
        let mut ast = engine.compile(&text).map_err(|e| in_module(e.into()))?;
        ast.set_source(name.as_str());
        let mut module = Module::eval_ast_as_new(Scope::new(), &ast, engine).map_err(in_module)?;
        module.set_id(name.as_str());
        module.build_index();
        let module: Shared<Module> = module.into();
        self.cache.borrow_mut().insert(name, module.clone());
        Ok(module)
    }
}
