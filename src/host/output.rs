//! Values as text in scripts: `print` and string conversion of maps and arrays write JSON
//! (not Rhai's `#{…}` syntax), and `query(value, expr)` selects with JMESPath like `--query`.

use rhai::{Array, Dynamic, EvalAltResult, Map, Position};

use super::convert::{to_dynamic, to_json, to_json_shown};
use super::registry::{Registrar, global};

/// Pretty JSON for a map or array, timestamps as ISO 8601; Rhai's own text if it holds
/// something JSON cannot (a function pointer, a client).
fn json_text(value: &Dynamic, pretty: bool) -> String {
    match to_json_shown(value) {
        Ok(json) => {
            let json = crate::model::Model::embedded().iso_timestamps(&json);
            if pretty {
                serde_json::to_string_pretty(&json).unwrap_or_default()
            } else {
                serde_json::to_string(&json).unwrap_or_default()
            }
        }
        Err(_) => value.to_string(),
    }
}

fn query(value: Dynamic, expr: &str) -> Result<Dynamic, Box<EvalAltResult>> {
    let json = to_json(&value).map_err(|e| format!("query: {e}"))?;
    let json = crate::model::Model::embedded().iso_timestamps(&json);
    crate::output::query::search(&json, expr)
        .map(|v| to_dynamic(&v))
        .map_err(|e| {
            EvalAltResult::ErrorRuntime(e.replacen("--query", "query", 1).into(), Position::NONE)
                .into()
        })
}

pub fn register(reg: &mut Registrar<'_>) {
    let engine = reg.engine();
    engine.register_fn("print", |m: &mut Map| {
        json_text(&Dynamic::from_map(m.clone()), true)
    });
    engine.register_fn("print", |a: &mut Array| {
        json_text(&Dynamic::from_array(a.clone()), true)
    });
    engine.register_fn("to_string", |m: &mut Map| {
        json_text(&Dynamic::from_map(m.clone()), false)
    });
    engine.register_fn("to_string", |a: &mut Array| {
        json_text(&Dynamic::from_array(a.clone()), false)
    });
    reg.func(
        global(
            "query",
            "query(value, expr)",
            "selects from a map or array with JMESPath, like --query (`query(r, \"UserPools[].Id\")`)",
        ),
        query,
    );
}
