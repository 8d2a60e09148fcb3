//! The json() document: every method, path edge cases, order and number fidelity, through the
//! library and through scripts.

use pooler::json_doc::{DocError, JsonDoc};
use serde_json::json;

use crate::support::run_script;

fn doc() -> JsonDoc {
    JsonDoc::new()
}

#[test]
fn update_creates_missing_objects_and_arrays() {
    let mut d = doc();
    d.update(
        "Schema[0].StringAttributeConstraints.MaxLength",
        json!("2048"),
    )
    .unwrap();
    assert_eq!(
        d.root,
        json!({"Schema": [{"StringAttributeConstraints": {"MaxLength": "2048"}}]})
    );
}

#[test]
fn nested_arrays_are_created_and_appended() {
    let mut d = doc();
    d.update("m[0][0]", json!(1)).unwrap();
    d.update("m[0][1]", json!(2)).unwrap();
    d.update("m[1][0].x", json!(3)).unwrap();
    assert_eq!(d.root, json!({"m": [[1, 2], [{"x": 3}]]}));
}

#[test]
fn writing_index_n_appends_and_past_the_end_is_an_error_naming_the_path() {
    let mut d = doc();
    d.update("a[0]", json!("x")).unwrap();
    d.update("a[1]", json!("y")).unwrap();
    d.update("a[0]", json!("z")).unwrap();
    assert_eq!(d.root, json!({"a": ["z", "y"]}));
    let err = d.update("a[5]", json!("w")).unwrap_err();
    assert!(
        matches!(
            err,
            DocError::PastEnd {
                index: 5,
                len: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let text = err.to_string();
    assert!(
        text.contains("`a[5]`") && text.contains("write index 2 to append"),
        "{text}"
    );
}

#[test]
fn index_variables_substitute_i_j_k() {
    let mut d = doc();
    d.i = 0;
    d.j = 0;
    d.k = 0;
    d.update("t[i].r[j].c[k]", json!("00")).unwrap();
    d.k = 1;
    d.update("t[i].r[j].c[k]", json!("01")).unwrap();
    d.i = 1;
    d.update("t[i].name", json!("second")).unwrap();
    assert_eq!(
        d.root,
        json!({"t": [{"r": [{"c": ["00", "01"]}]}, {"name": "second"}]})
    );
    d.j = -1;
    let err = d.update("t[j]", json!(1)).unwrap_err();
    assert!(
        matches!(
            err,
            DocError::NegativeIndex {
                var: "j",
                value: -1,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(
        d.string_of("t[j]").unwrap(),
        "",
        "negative index reads as missing"
    );
}

#[test]
fn custom_delimiter_lets_keys_contain_dots_and_spaces() {
    let mut d = doc();
    d.set_delimiter("/").unwrap();
    d.update("example.com/first name", json!("Ann")).unwrap();
    assert_eq!(d.root, json!({"example.com": {"first name": "Ann"}}));
    assert_eq!(d.string_of("example.com/first name").unwrap(), "Ann");
    assert!(d.set_delimiter("ab").is_err());
    assert!(d.set_delimiter("[").is_err());
}

#[test]
fn keys_with_spaces_work_with_the_default_delimiter() {
    let mut d = doc();
    d.update("user pool.display name", json!("x")).unwrap();
    assert_eq!(d.root, json!({"user pool": {"display name": "x"}}));
}

#[test]
fn malformed_paths_are_errors_for_reads_and_writes() {
    for path in ["a[", "a[x]", "a..b", "[0]", "", "a.", "a]"] {
        let mut d = doc();
        assert!(
            matches!(d.update(path, json!(1)), Err(DocError::Path(_))),
            "write {path:?}"
        );
        assert!(
            matches!(d.string_of(path), Err(DocError::Path(_))),
            "read {path:?}"
        );
        assert!(
            matches!(d.delete(path), Err(DocError::Path(_))),
            "delete {path:?}"
        );
    }
}

#[test]
fn reads_of_missing_paths_give_empty_values() {
    let d = JsonDoc::parse(r#"{"a": {"b": [1, 2]}, "s": "7", "t": "true", "f": 2.9}"#).unwrap();
    assert_eq!(d.string_of("nope.x").unwrap(), "");
    assert_eq!(d.int_of("nope").unwrap(), 0);
    assert!(!d.bool_of("nope").unwrap());
    assert_eq!(d.size_of_array("nope").unwrap(), -1);
    assert_eq!(
        d.size_of_array("a").unwrap(),
        -1,
        "an object is not an array"
    );
    assert_eq!(d.size_of_array("a.b").unwrap(), 2);
    assert!(!d.has_member("a.b[2]").unwrap());
    assert!(d.has_member("a.b[1]").unwrap());
    assert_eq!(d.int_of("s").unwrap(), 7);
    assert_eq!(d.int_of("f").unwrap(), 2);
    assert!(d.bool_of("t").unwrap());
    assert_eq!(d.string_of("a.b[0]").unwrap(), "1");
    assert_eq!(d.string_of("a").unwrap(), r#"{"b":[1,2]}"#);
}

#[test]
fn updating_an_existing_member_keeps_its_position_and_delete_keeps_the_rest_in_order() {
    let mut d = doc();
    for key in ["z", "a", "m", "b"] {
        d.update(key, json!(1)).unwrap();
    }
    d.update("a", json!("changed")).unwrap();
    assert_eq!(d.emit_compact(), r#"{"z":1,"a":"changed","m":1,"b":1}"#);
    assert!(d.delete("a").unwrap());
    assert!(!d.delete("a").unwrap());
    assert_eq!(d.emit_compact(), r#"{"z":1,"m":1,"b":1}"#);
}

#[test]
fn delete_removes_array_elements() {
    let mut d = JsonDoc::parse(r#"{"a": [1, 2, 3]}"#).unwrap();
    assert!(d.delete("a[1]").unwrap());
    assert!(!d.delete("a[7]").unwrap());
    assert_eq!(d.emit_compact(), r#"{"a":[1,3]}"#);
}

#[test]
fn writing_through_a_scalar_is_an_error_naming_both_paths() {
    let mut d = doc();
    d.update("a", json!("text")).unwrap();
    let err = d.update("a.b", json!(1)).unwrap_err().to_string();
    assert!(
        err.contains("`a.b`") && err.contains("`a` holds a string, not an object"),
        "{err}"
    );
}

#[test]
fn parse_errors_give_line_and_column() {
    let err = JsonDoc::parse("{\n  \"a\": 1,\n  \"b\": ?\n}").unwrap_err();
    match &err {
        DocError::Parse { line, column, .. } => assert_eq!((*line, *column), (3, 8)),
        other => panic!("{other:?}"),
    }
    assert!(err.to_string().contains("line 3, column 8"), "{err}");
    assert!(matches!(
        JsonDoc::parse("[1]"),
        Err(DocError::RootNotObject("an array"))
    ));
}

#[test]
fn numbers_keep_integer_and_float_identity() {
    let mut d = JsonDoc::parse(r#"{"big": 9007199254740993, "f": 1.0, "neg": -5}"#).unwrap();
    d.update(
        "n",
        serde_json::Value::Number(pooler::json_doc::number_from_text("42").unwrap()),
    )
    .unwrap();
    d.update(
        "x",
        serde_json::Value::Number(pooler::json_doc::number_from_text("2.50").unwrap()),
    )
    .unwrap();
    assert_eq!(
        d.emit_compact(),
        r#"{"big":9007199254740993,"f":1.0,"neg":-5,"n":42,"x":2.5}"#
    );
    assert!(pooler::json_doc::number_from_text("12abc").is_err());
    assert!(pooler::json_doc::number_from_text("NaN").is_err());
}

#[test]
fn script_uses_every_method() {
    let out = run_script(
        r#"
        let d = json();
        d.update_string("PoolName", "P");
        d.update_int("Policies.PasswordPolicy.MinimumLength", 8);
        d.update_bool("Policies.PasswordPolicy.RequireSymbols", true);
        d.update_number("Ratio", "0.25");
        d.update_number("Count", "12");
        d.update_null("Nothing");
        d.update_new_object("LambdaConfig");
        d.update_new_array("Tags");
        d.i = 0;
        d.update_string("Schema[i].Name", "email");
        print(d.emit_compact());
        print(d.string_of("PoolName"));
        print(d.int_of("Policies.PasswordPolicy.MinimumLength") + 1);
        print(d.bool_of("Policies.PasswordPolicy.RequireSymbols"));
        print(d.size_of_array("Schema"));
        print(d.size_of_array("PoolName"));
        print(d.has_member("LambdaConfig"));
        print(d.delete("Nothing"));
        print(d.has_member("Nothing"));
        let m = d.to_map();
        print(m.Policies.PasswordPolicy.MinimumLength);
        print(type_of(m.Count));
        let e = json(`{"b": 1, "a": [true, null]}`);
        print(e.emit_compact());
        let f = json(#{ x: 1 });
        print(f.emit_compact());
        d.delimiter = "/";
        d.update_string("a.b/c", "v");
        print(d.string_of("a.b/c"));
        print(d.delimiter);
        print(json(`{"k": 1}`));
        "#,
    );
    assert_eq!(out.code, 0, "{}", out.stderr);
    let expected = [
        r#"{"PoolName":"P","Policies":{"PasswordPolicy":{"MinimumLength":8,"RequireSymbols":true}},"Ratio":0.25,"Count":12,"Nothing":null,"LambdaConfig":{},"Tags":[],"Schema":[{"Name":"email"}]}"#,
        "P",
        "9",
        "true",
        "1",
        "-1",
        "true",
        "true",
        "false",
        "8",
        "i64",
        r#"{"b":1,"a":[true,null]}"#,
        r#"{"x":1}"#,
        "v",
        "/",
        "{\n  \"k\": 1\n}",
    ]
    .join("\n");
    assert_eq!(out.stdout.trim_end(), expected);
}

#[test]
fn script_emit_is_pretty_with_two_spaces() {
    let out = run_script(r#"let d = json(); d.update_int("a.b", 1); print(d.emit());"#);
    assert_eq!(out.stdout, "{\n  \"a\": {\n    \"b\": 1\n  }\n}\n");
}

#[test]
fn script_type_mismatch_names_the_method_and_the_fix() {
    let out = run_script(r#"let d = json(); d.update_string("MaxLength", 2048);"#);
    assert_eq!(out.code, 4);
    assert!(
        out.stderr
            .contains("update_string(path, value) takes a string"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr.contains("--> script.rhai:1:19"),
        "{}",
        out.stderr
    );
}

#[test]
fn script_bad_json_text_reports_line_and_column() {
    let out = run_script("let d = json(\"{\\\"a\\\": }\");");
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr.contains("invalid JSON at line 1, column 7"),
        "{}",
        out.stderr
    );
}

#[test]
fn script_malformed_path_error_underlines_the_bad_part() {
    let out = run_script("let d = json();\nd.update_int(\"Schema[x].Max\", 1);\n");
    assert_eq!(out.code, 4);
    assert!(
        out.stderr.contains("`[x]` is not an index"),
        "{}",
        out.stderr
    );
    assert!(
        out.stderr
            .contains("  |     Schema[x].Max\n  |           ^^^\n"),
        "{}",
        out.stderr
    );
}

/// A script building a document 10,000 members deep (the path limit) and printing `emit()`.
const DEEP_EMIT: &str = r#"
let d = json();
let path = "a";
for i in 0..9999 { path += ".a"; }
d.update_int(path, 7);
print(d.emit());
"#;

#[test]
fn read_json_and_json_text_take_back_what_emit_wrote_at_the_path_limit() {
    let out = crate::support::run_script(DEEP_EMIT);
    assert_eq!(out.code, 0, "{}", out.stderr);
    let emitted = out.stdout.clone();
    assert!(emitted.matches('{').count() >= 10_000);
    let script = r#"
let v = read_json("deep.json");
print(type_of(v));
let path = "a";
for i in 0..9999 { path += ".a"; }
let doc = json(read_file("deep.json"));
print(doc.int_of(path));
"#;
    let out = crate::support::Test::new()
        .file("deep.json", &emitted)
        .script(script)
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "map\n7\n");
    // One level deeper than any path builds is a clear error, not an abort.
    let deeper = format!("{}1{}", "[".repeat(10_003), "]".repeat(10_003));
    let out = crate::support::Test::new()
        .file("deeper.json", &deeper)
        .script("read_json(\"deeper.json\");")
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 4, "{}", out.stderr);
    assert!(
        out.stderr
            .contains("`deeper.json` is not valid JSON: it nests deeper than 10001 levels"),
        "{}",
        out.stderr
    );
}
