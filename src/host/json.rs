//! The `json()` document type for scripts: constructors, `update_*` writers, Chilkat-style
//! readers, `emit`, and the `i`/`j`/`k`/`delimiter` properties. Semantics live in `json_doc`.

use rhai::{Dynamic, EvalAltResult, INT, ImmutableString, Map as RhaiMap};
use serde_json::Value;

use super::convert::{to_dynamic, to_json};
use super::json_doc::{DocError, JsonDoc, number_from_text};
use super::registry::Registrar;

type Result<T> = std::result::Result<T, Box<EvalAltResult>>;

fn fail(err: DocError) -> Box<EvalAltResult> {
    err.to_string().into()
}

fn mismatch(method: &str, wanted: &str, got: &Dynamic, hint: &str) -> Box<EvalAltResult> {
    format!(
        "{method}(path, value) takes {wanted} as its value, not {}{hint}",
        got.type_name()
    )
    .into()
}

fn write(doc: &mut JsonDoc, path: &str, value: Value) -> Result<()> {
    doc.update(path, value).map_err(fail)
}

fn update_string(doc: &mut JsonDoc, path: &str, value: Dynamic) -> Result<()> {
    if value.is_string() {
        return write(doc, path, Value::String(value.to_string()));
    }
    Err(mismatch(
        "update_string",
        "a string",
        &value,
        ": use update_int, update_bool or update_number for other types, or write the text in quotes",
    ))
}

fn update_int(doc: &mut JsonDoc, path: &str, value: Dynamic) -> Result<()> {
    match value.as_int() {
        Ok(n) => write(doc, path, Value::Number(n.into())),
        Err(_) => Err(mismatch(
            "update_int",
            "an integer",
            &value,
            ": use update_number for decimals and numeric text",
        )),
    }
}

fn update_bool(doc: &mut JsonDoc, path: &str, value: Dynamic) -> Result<()> {
    match value.as_bool() {
        Ok(b) => write(doc, path, Value::Bool(b)),
        Err(_) => Err(mismatch("update_bool", "true or false", &value, "")),
    }
}

fn update_number(doc: &mut JsonDoc, path: &str, value: Dynamic) -> Result<()> {
    let number = if value.is_string() {
        number_from_text(&value.to_string()).map_err(fail)?
    } else if let Ok(n) = value.as_int() {
        n.into()
    } else if let Ok(f) = value.as_float() {
        serde_json::Number::from_f64(f).ok_or_else(|| fail(DocError::NotANumber(f.to_string())))?
    } else {
        return Err(mismatch(
            "update_number",
            "numeric text or a number",
            &value,
            "",
        ));
    };
    write(doc, path, Value::Number(number))
}

fn update_any(doc: &mut JsonDoc, path: &str, value: Dynamic) -> Result<()> {
    let json = to_json(&value).map_err(|e| e.to_string())?;
    write(doc, path, json)
}

fn from_text(text: &str) -> Result<JsonDoc> {
    JsonDoc::parse(text).map_err(fail)
}

fn from_map(map: RhaiMap) -> Result<JsonDoc> {
    let value = to_json(&Dynamic::from_map(map)).map_err(|e| e.to_string())?;
    JsonDoc::from_value(value).map_err(fail)
}

/// Registers `json()` and its methods and properties.
pub fn register(reg: &mut Registrar<'_>) {
    reg.engine().register_type_with_name::<JsonDoc>("json");
    reg.func("json", JsonDoc::new);
    reg.func("json", |text: ImmutableString| from_text(&text));
    reg.func("json", from_map);
    reg.func("json", |doc: JsonDoc| doc);

    reg.func("update_string", update_string);
    reg.func("update_int", update_int);
    reg.func("update_bool", update_bool);
    reg.func("update_number", update_number);
    reg.func("update", update_any);
    reg.func("update_null", |d: &mut JsonDoc, p: &str| {
        write(d, p, Value::Null)
    });
    reg.func("update_new_object", |d: &mut JsonDoc, p: &str| {
        write(d, p, Value::Object(serde_json::Map::new()))
    });
    reg.func("update_new_array", |d: &mut JsonDoc, p: &str| {
        write(d, p, Value::Array(Vec::new()))
    });

    reg.func("string_of", |d: &mut JsonDoc, p: &str| {
        d.string_of(p).map_err(fail)
    });
    reg.func("int_of", |d: &mut JsonDoc, p: &str| -> Result<INT> {
        d.int_of(p).map_err(fail)
    });
    reg.func("bool_of", |d: &mut JsonDoc, p: &str| {
        d.bool_of(p).map_err(fail)
    });
    reg.func("size_of_array", |d: &mut JsonDoc, p: &str| -> Result<INT> {
        d.size_of_array(p).map_err(fail)
    });
    reg.func("has_member", |d: &mut JsonDoc, p: &str| {
        d.has_member(p).map_err(fail)
    });
    reg.func("delete", |d: &mut JsonDoc, p: &str| {
        d.delete(p).map_err(fail)
    });
    reg.func("get", |d: &mut JsonDoc, p: &str| -> Result<Dynamic> {
        Ok(d.get(p).map_err(fail)?.map_or(Dynamic::UNIT, to_dynamic))
    });

    reg.func("emit", |d: &mut JsonDoc| d.emit());
    reg.func("emit_compact", |d: &mut JsonDoc| d.emit_compact());
    reg.func("to_map", |d: &mut JsonDoc| to_dynamic(&d.root));
    reg.func("to_string", |d: &mut JsonDoc| d.emit());
    reg.func("to_debug", |d: &mut JsonDoc| {
        format!("json({})", d.emit_compact())
    });

    reg.engine().register_get_set(
        "i",
        |d: &mut JsonDoc| d.i,
        |d: &mut JsonDoc, v: INT| d.i = v,
    );
    reg.engine().register_get_set(
        "j",
        |d: &mut JsonDoc| d.j,
        |d: &mut JsonDoc, v: INT| d.j = v,
    );
    reg.engine().register_get_set(
        "k",
        |d: &mut JsonDoc| d.k,
        |d: &mut JsonDoc, v: INT| d.k = v,
    );
    reg.engine()
        .register_get("delimiter", |d: &mut JsonDoc| d.delimiter.to_string());
    reg.engine().register_set(
        "delimiter",
        |d: &mut JsonDoc, v: ImmutableString| -> Result<()> { d.set_delimiter(&v).map_err(fail) },
    );
}
