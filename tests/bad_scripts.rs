//! Bad scripts through the binary: every malformed kind of `json()` path, wrong argument types
//! to host functions, and limit hits each give a clear message, a code frame at the right place
//! and the documented exit code (4, a runtime error), never a panic.

use crate::support::run_script;

/// Asserts a runtime error (exit 4) with `message` and a frame pointing at line `line`.
fn assert_frame(script: &str, message: &str, line: usize) {
    let out = run_script(script);
    assert_eq!(out.code, 4, "{script}\n{}", out.stderr);
    assert!(out.stderr.contains(message), "{script}\n{}", out.stderr);
    assert!(
        out.stderr.contains(&format!("--> script.rhai:{line}:")),
        "{script}\n{}",
        out.stderr
    );
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
}

#[test]
fn every_malformed_json_path_kind_is_a_clear_error_with_a_frame() {
    let cases = [
        ("a[0", "`[` is never closed"),
        ("a[i", "`[` is never closed"),
        ("a..b", "empty member name"),
        (".a", "empty member name"),
        ("a.", "empty member name after the last delimiter"),
        ("a[x]", "`[x]` is not an index"),
        ("a[-1]", "`[-1]` is not an index"),
        ("a[]", "`[]` is not an index"),
        ("a[ 1 ]", "`[ 1 ]` is not an index"),
        ("a]", "`]` without a matching `[`"),
        ("a[0]]", "`]` without a matching `[`"),
        ("", "the path is empty"),
        ("a[99999999999999999999999]", "is too large an index"),
    ];
    for (path, message) in cases {
        for method in [
            "update_int(\"{p}\", 1)",
            "string_of(\"{p}\")",
            "delete(\"{p}\")",
        ] {
            let call = method.replace("{p}", path);
            let script = format!("let d = json();\nd.{call};\n");
            assert_frame(&script, message, 2);
            assert_frame(&script, "malformed path", 2);
        }
    }
}

#[test]
fn wrong_argument_types_to_host_functions_name_the_function() {
    assert_frame(
        "let x = 1;\ncognito.list_user_pools(42);\n",
        "list_user_pools",
        2,
    );
    assert_frame(
        "let d = json();\nd.update_string(\"a\", 5);\n",
        "update_string(path, value) takes a string",
        2,
    );
    assert_frame("\nlet t = read_file(42);\n", "read_file", 2);
}

#[test]
fn limit_hits_exit_4_with_a_frame() {
    assert_frame(
        "fn f(n) { f(n + 1) }\nf(0);\n",
        "functions nest too deeply",
        2,
    );
    assert_frame("let s = \"x\";\nloop { s += s; }\n", "string", 2);
}
