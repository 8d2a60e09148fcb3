//! `--output json|text|table` and `--query` on a recorded ListUserPools response, `print` of
//! maps and arrays as JSON, and `query()` in scripts.

use crate::support::{Test, assert_golden};

const POOLS: &str = include_str!("fixtures/output/list_user_pools.json");

fn eval_pools(options: &[&str]) -> crate::support::Output {
    let mut args: Vec<&str> = options.to_vec();
    args.extend(["eval", "read_json(\"pools.json\")"]);
    Test::new().file("pools.json", POOLS).args(args).run()
}

#[test]
fn output_text_prints_each_pool_on_a_tab_separated_line() {
    let out = eval_pools(&["--output", "text"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_golden("output_text.out", &out.stdout);
}

#[test]
fn output_table_draws_a_column_per_member() {
    let out = eval_pools(&["--output", "table"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_golden("output_table.out", &out.stdout);
}

#[test]
fn query_selects_and_text_prints_the_ids_bare() {
    let out = eval_pools(&["--query", "UserPools[].Id"]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_golden("query_ids.out", &out.stdout);
    let bare = eval_pools(&[
        "--output",
        "text",
        "--query",
        "UserPools[?Name=='DocsPoolTwo'].Id | [0]",
    ]);
    assert_eq!(bare.stdout, "us-east-1_XyZ789\n", "{}", bare.stderr);
}

#[test]
fn output_can_come_from_the_environment() {
    let out = Test::new()
        .file("pools.json", POOLS)
        .env("POOLER_OUTPUT", "text")
        .args([
            "--query",
            "UserPools[].Name",
            "eval",
            "read_json(\"pools.json\")",
        ])
        .run();
    assert_eq!(out.stdout, "DocsPoolOne\tDocsPoolTwo\n", "{}", out.stderr);
}

#[test]
fn a_query_that_is_not_jmespath_is_a_usage_error_before_anything_runs() {
    let out = Test::new()
        .args(["--query", "UserPools[", "eval", "print(\"ran\")"])
        .run();
    assert_eq!(out.code, 2);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
    assert!(out.stderr.contains("--query"), "{}", out.stderr);
    assert!(
        out.stderr.contains("not a JMESPath expression"),
        "{}",
        out.stderr
    );
}

#[test]
fn print_writes_maps_and_arrays_as_json_and_query_works_in_scripts() {
    let out = Test::new()
        .file("pools.json", POOLS)
        .script(
            "let r = read_json(\"pools.json\");\n\
             print(#{a: 1, b: [true, \"x\"]});\n\
             print(query(r, \"UserPools[].Name\"));\n\
             print(`ids: ${query(r, \"UserPools[].Id\")}`);\n",
        )
        .args(["run", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(
        out.stdout,
        "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    \"x\"\n  ]\n}\n[\n  \"DocsPoolOne\",\n  \"DocsPoolTwo\"\n]\nids: [\"us-east-1_AbC123\",\"us-east-1_XyZ789\"]\n"
    );
}

#[test]
fn a_bad_query_in_a_script_is_a_runtime_error_naming_it() {
    let out = Test::new()
        .script("query(#{a: 1}, \"a[\");\n")
        .args(["run", "script.rhai"])
        .run();
    assert_ne!(out.code, 0);
    assert!(out.stderr.contains("query `a[`"), "{}", out.stderr);
}
