//! The `json()` document type for scripts: constructors, `update_*` writers, Chilkat-style
//! readers, `emit`, and the `i`/`j`/`k`/`delimiter` properties. Semantics live in `json_doc`.

use rhai::{Dynamic, EvalAltResult, INT, ImmutableString, Map as RhaiMap};
use serde_json::Value;

use super::convert::{to_dynamic, to_json};
use super::registry::{Registrar, global, method};
use crate::json_doc::{DocError, JsonDoc, number_from_text};

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
    reg.func(
        global(
            "json",
            "json() / json(text) / json(map)",
            "a JSON document that keeps member order (Chilkat's CkJsonObject)",
        ),
        JsonDoc::new,
    )
    .or(|text: ImmutableString| from_text(&text))
    .or(from_map)
    .or(|doc: JsonDoc| doc);

    let doc = |name, signature, summary| method("json", name, signature, summary);
    reg.func(
        doc(
            "update_string",
            "doc.update_string(path, text)",
            "writes text at a path, creating what is missing",
        ),
        update_string,
    );
    reg.func(
        doc(
            "update_int",
            "doc.update_int(path, n)",
            "writes an integer at a path",
        ),
        update_int,
    );
    reg.func(
        doc(
            "update_bool",
            "doc.update_bool(path, b)",
            "writes true or false at a path",
        ),
        update_bool,
    );
    reg.func(
        doc(
            "update_number",
            "doc.update_number(path, n)",
            "writes a number (or numeric text) at a path",
        ),
        update_number,
    );
    reg.func(
        doc(
            "update",
            "doc.update(path, value)",
            "writes any value (map, array, …) at a path",
        ),
        update_any,
    );
    reg.func(
        doc(
            "update_null",
            "doc.update_null(path)",
            "writes null at a path",
        ),
        |d: &mut JsonDoc, p: &str| write(d, p, Value::Null),
    );
    reg.func(
        doc(
            "update_new_object",
            "doc.update_new_object(path)",
            "writes an empty object at a path",
        ),
        |d: &mut JsonDoc, p: &str| write(d, p, Value::Object(serde_json::Map::new())),
    );
    reg.func(
        doc(
            "update_new_array",
            "doc.update_new_array(path)",
            "writes an empty array at a path",
        ),
        |d: &mut JsonDoc, p: &str| write(d, p, Value::Array(Vec::new())),
    );

    reg.func(
        doc("string_of", "doc.string_of(path)", "the text at a path"),
        |d: &mut JsonDoc, p: &str| d.string_of(p).map_err(fail),
    );
    reg.func(
        doc("int_of", "doc.int_of(path)", "the integer at a path"),
        |d: &mut JsonDoc, p: &str| -> Result<INT> { d.int_of(p).map_err(fail) },
    );
    reg.func(
        doc("bool_of", "doc.bool_of(path)", "the boolean at a path"),
        |d: &mut JsonDoc, p: &str| d.bool_of(p).map_err(fail),
    );
    reg.func(
        doc(
            "size_of_array",
            "doc.size_of_array(path)",
            "the length of the array at a path (-1 when none)",
        ),
        |d: &mut JsonDoc, p: &str| -> Result<INT> { d.size_of_array(p).map_err(fail) },
    );
    reg.func(
        doc(
            "has_member",
            "doc.has_member(path)",
            "whether a path exists",
        ),
        |d: &mut JsonDoc, p: &str| d.has_member(p).map_err(fail),
    );
    reg.func(
        doc("delete", "doc.delete(path)", "removes a member"),
        |d: &mut JsonDoc, p: &str| d.delete(p).map_err(fail),
    );
    reg.func(
        doc(
            "get",
            "doc.get(path)",
            "the value at a path as a Rhai value",
        ),
        |d: &mut JsonDoc, p: &str| -> Result<Dynamic> {
            Ok(d.get(p).map_err(fail)?.map_or(Dynamic::UNIT, to_dynamic))
        },
    );

    reg.func(
        doc("emit", "doc.emit()", "the document as pretty JSON"),
        |d: &mut JsonDoc| d.emit(),
    );
    reg.func(
        doc(
            "emit_compact",
            "doc.emit_compact()",
            "the document as one line of JSON",
        ),
        |d: &mut JsonDoc| d.emit_compact(),
    );
    reg.func(
        doc("to_map", "doc.to_map()", "the document as a Rhai map"),
        |d: &mut JsonDoc| to_dynamic(&d.root),
    );
    reg.engine()
        .register_fn("to_string", |d: &mut JsonDoc| d.emit())
        .register_fn("to_debug", |d: &mut JsonDoc| {
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
