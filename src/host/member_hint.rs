//! Reading a member a map does not have (`p.UserPools[0].Nmae`): the value stays `()`, and a
//! one-line hint on stderr names the nearest names, once per place and name. An answer's maps
//! carry their shape in the value's tag, so the hint also knows the members the service left
//! out, and says nothing for a member the shape has.

use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

use rhai::{Dynamic, Engine, Map, Position, Target};

use crate::model::{Model, nearest_names, or_list};

/// The tag of a map that is no answer's (Rhai's default). Rhai's tag type (`i32`, `i16` on
/// 32-bit targets) is not exported, so tags are widened to `i64` here.
const UNTAGGED: i64 = 0;

/// Marks every structure in `value` (an answer of shape `shape`) with its shape, for the hint.
pub fn tag_answer(model: &Model, value: &mut Dynamic, shape: Option<usize>) {
    let Some(shape) = shape else { return };
    if value.is_array() {
        let Some(item) = model.child_shape(shape, None) else {
            return;
        };
        if let Some(mut items) = value.write_lock::<rhai::Array>() {
            for v in items.iter_mut() {
                tag_answer(model, v, Some(item));
            }
        }
    } else if value.is_map() {
        let structure = model.structure_members(shape).is_some();
        if let Some(mut map) = value.write_lock::<Map>() {
            for (key, v) in map.iter_mut() {
                tag_answer(model, v, model.child_shape(shape, Some(key)));
            }
        }
        if structure && let Ok(tag) = (shape + 1).try_into() {
            value.set_tag(tag);
        }
    }
}

/// The hint for `name` missing from `map` (tagged `tag`), `None` when there is nothing to say:
/// the answer's shape has the member, or an untagged map has no key near it.
fn hint(model: &Model, map: &Map, name: &str, tag: i64) -> Option<String> {
    let keys = map.keys().map(|k| k.as_str());
    let structure = usize::try_from(tag)
        .ok()
        .filter(|_| tag != UNTAGGED)
        .and_then(|id| model.structure_members(id - 1));
    let (near, shape_name) = match structure {
        Some((shape_name, members)) => {
            let members: Vec<&str> = members.collect();
            if members.contains(&name) {
                return None;
            }
            (nearest_names(name, keys.chain(members)), Some(shape_name))
        }
        None => (nearest_names(name, keys), None),
    };
    let name = crate::printable::line(name);
    let place = shape_name.map_or_else(|| "here".to_string(), |s| format!("in `{s}`"));
    if !near.is_empty() {
        let near: Vec<String> = near
            .iter()
            .map(|n| format!("`{}`", crate::printable::line(n)))
            .collect();
        return Some(format!(
            "no member `{name}` {place}; did you mean {}?",
            or_list(&near)
        ));
    }
    shape_name.map(|s| format!("no member `{name}` {place} (`pooler describe {s}` lists them)"))
}

/// `src:line:col: `, or the part of it known.
fn place(source: Option<&str>, pos: Position) -> String {
    match (source, pos.line(), pos.position()) {
        (Some(src), Some(line), Some(col)) => format!("{src}:{line}:{col}: "),
        (None, Some(line), Some(col)) => format!("line {line}:{col}: "),
        _ => String::new(),
    }
}

/// A hint given: the source, where in it, and the name.
type Told = (Option<String>, Position, String);

/// Installs the hint on `engine`: a missing member reads as `()`, as without it.
pub fn install(engine: &mut Engine, model: &'static Model) {
    let told: Rc<RefCell<HashSet<Told>>> = Rc::default();
    engine.on_map_missing_property(move |map, name, tag, pos, context| {
        let source = context.source().map(str::to_string);
        let key = (source, pos, name.to_string());
        if !told.borrow().contains(&key)
            && let Some(text) = hint(model, map, name, tag.into())
        {
            eprintln!("hint: {}{text}", place(key.0.as_deref(), pos));
            told.borrow_mut().insert(key);
        }
        Ok(Target::from(Dynamic::UNIT))
    });
}
