//! Writes a loaded [`Model`] as Rust static tables: the generator of `embedded_tables.rs`, and
//! the test that keeps that file equal to what the vendored JSON gives
//! (`POOLER_REGEN=1 cargo test --lib embedded_tables_are_current` rewrites it).

use std::fmt::Write;

use super::shapes::{Kind, Shape};
use super::{Model, Operation};

/// The whole `embedded_tables.rs` for `model`.
pub(crate) fn rust_tables(model: &Model) -> String {
    let mut out = String::with_capacity(1 << 20);
    out.push_str(
        "//! The embedded Cognito model as static tables, generated from \
         `model/cognito-idp/service-2.json` and `paginators-1.json` by `src/model/codegen.rs`: \
         do not edit (`POOLER_REGEN=1 cargo test --lib embedded_tables_are_current` \
         regenerates it).\n\n",
    );
    out.push_str("use super::pattern::Pattern;\n");
    out.push_str("use super::shapes::{Kind, Member, Shape};\n");
    out.push_str("use super::{Model, Operation, Paginator};\n\n");
    out.push_str(
        "const fn m(name: &'static str, shape: usize, flags: u8) -> Member {\n    \
         Member { name, shape, required: flags & 1 != 0, sensitive: flags & 2 != 0, \
         deprecated: flags & 4 != 0 }\n}\n\n",
    );
    let _ = writeln!(out, "pub(super) static EMBEDDED: Model = Model {{");
    let _ = writeln!(out, "    target_prefix: {:?},", model.target_prefix);
    let _ = writeln!(out, "    json_version: {:?},", model.json_version);
    let _ = writeln!(out, "    signing_name: {:?},", model.signing_name);
    let _ = writeln!(out, "    endpoint_prefix: {:?},", model.endpoint_prefix);
    out.push_str("    operations: &OPERATIONS,\n");
    out.push_str("    op_index: &[\n");
    for (name, i) in model.op_index {
        let _ = writeln!(out, "        ({name:?}, {i}),");
    }
    out.push_str("    ],\n    shapes: &SHAPES,\n    shape_index: &[\n");
    for (name, i) in model.shape_index {
        let _ = writeln!(out, "        ({name:?}, {i}),");
    }
    out.push_str("    ],\n    paginators: &[\n");
    for (op, p) in model.paginators {
        let _ = writeln!(
            out,
            "        ({op:?}, Paginator {{ input_token: {:?}, output_token: {:?}, limit_key: {:?}, \
             result_key: {:?} }}),",
            p.input_token, p.output_token, p.limit_key, p.result_key
        );
    }
    let _ = writeln!(
        out,
        "    ],\n    sensitive_names: &{:?},\n    timestamp_names: &{:?},\n}};\n",
        model.sensitive_names, model.timestamp_names
    );
    let _ = writeln!(
        out,
        "static OPERATIONS: [Operation; {}] = [",
        model.operations.len()
    );
    for op in model.operations {
        operation(&mut out, op);
    }
    let _ = writeln!(
        out,
        "];\n\nstatic SHAPES: [Shape; {}] = [",
        model.shapes.len()
    );
    for s in model.shapes {
        shape(&mut out, s);
    }
    out.push_str("];\n");
    out
}

fn operation(out: &mut String, op: &Operation) {
    let _ = writeln!(
        out,
        "    Operation {{ name: {:?}, snake_name: {:?}, input_shape: {:?}, output_shape: {:?}, \
         unsigned: {}, errors: &{:?} }},",
        op.name, op.snake_name, op.input_shape, op.output_shape, op.unsigned, op.errors
    );
}

fn shape(out: &mut String, s: &Shape) {
    let kind = match s.kind {
        Kind::Structure(members) => {
            let mut text = String::from("Kind::Structure(&[");
            for (i, m) in members.iter().enumerate() {
                let flags =
                    u8::from(m.required) | u8::from(m.sensitive) << 1 | u8::from(m.deprecated) << 2;
                let sep = if i == 0 { "" } else { ", " };
                let _ = write!(text, "{sep}m({:?}, {}, {flags})", m.name, m.shape);
            }
            text.push_str("])");
            text
        }
        Kind::List(item) => format!("Kind::List({item})"),
        Kind::Map { key, value } => format!("Kind::Map {{ key: {key}, value: {value} }}"),
        Kind::String => "Kind::String".into(),
        Kind::Integer => "Kind::Integer".into(),
        Kind::Long => "Kind::Long".into(),
        Kind::Double => "Kind::Double".into(),
        Kind::Float => "Kind::Float".into(),
        Kind::Boolean => "Kind::Boolean".into(),
        Kind::Timestamp => "Kind::Timestamp".into(),
        Kind::Blob => "Kind::Blob".into(),
        Kind::Any => "Kind::Any".into(),
    };
    let pattern = match &s.pattern {
        Some(p) => format!("Some(Pattern::new({:?}))", p.source()),
        None => "None".into(),
    };
    let _ = writeln!(
        out,
        "    Shape {{ name: {:?}, kind: {kind}, min: {:?}, max: {:?}, pattern: {pattern}, \
         enum_values: &{:?}, sensitive: {} }},",
        s.name, s.min, s.max, s.enum_values, s.sensitive
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    const TABLES: &str = "src/model/embedded_tables.rs";

    fn from_vendored_json() -> Model {
        let root = env!("CARGO_MANIFEST_DIR");
        let read = |name: &str| {
            std::fs::read_to_string(format!("{root}/model/cognito-idp/{name}"))
                .unwrap_or_else(|e| panic!("model/cognito-idp/{name}: {e}"))
        };
        Model::from_json(&read("service-2.json"), Some(&read("paginators-1.json")))
            .expect("the vendored model loads")
    }

    #[test]
    fn embedded_tables_are_current() {
        let want = rust_tables(&from_vendored_json());
        let path = format!("{}/{TABLES}", env!("CARGO_MANIFEST_DIR"));
        if std::env::var_os("POOLER_REGEN").is_some_and(|v| v == "1") {
            std::fs::write(&path, &want).expect("write the tables");
            return;
        }
        let have = std::fs::read_to_string(&path).expect("the tables exist");
        assert!(
            have == want,
            "{TABLES} is not what the vendored model gives: run \
             `POOLER_REGEN=1 cargo test --lib embedded_tables_are_current`"
        );
    }

    #[test]
    fn the_embedded_tables_read_back_as_the_model_they_were_written_from() {
        // Generating from the static model gives the same text as from the parsed one, so
        // every field the generator writes went through the tables unchanged.
        assert_eq!(
            rust_tables(Model::embedded()),
            rust_tables(&from_vendored_json())
        );
        assert!(Model::embedded().operations().len() > 100);
    }
}
