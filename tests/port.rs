//! `pooler port`: every fixture in tests/fixtures/port/ is ported in both styles, the port is
//! dry-run with a transcript, and the transcript must show the operation, region and request
//! body written by hand in the fixture's `.expect.json`; the response code must run cleanly.

use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::support::{Test, repo_root};

fn fixtures() -> PathBuf {
    repo_root().join("tests/fixtures/port")
}

/// Ports `program` in `style`, dry-runs the result, and returns the script and the first
/// transcript line.
fn port_and_dry_run(program: &Path, style: &str, extra: &[&str]) -> (String, Value) {
    let program = program.to_string_lossy().into_owned();
    let mut args = vec![
        "port",
        program.as_str(),
        "-o",
        "ported.rhai",
        "--style",
        style,
    ];
    args.extend_from_slice(extra);
    let ported = Test::new().args(args).run();
    assert_eq!(
        ported.code, 0,
        "port {program} ({style}): {}",
        ported.stderr
    );
    let dir = ported._dir.path();
    let script = std::fs::read_to_string(dir.join("ported.rhai")).expect("the ported script");
    let transcript = dir.join("t.jsonl");
    let ran = Test::new()
        .args([
            "run",
            "--dry-run",
            "--transcript",
            transcript.to_str().unwrap(),
            dir.join("ported.rhai").to_str().unwrap(),
        ])
        .run();
    assert_eq!(
        ran.code, 0,
        "running the {style} port of {program} failed:\n{}\n--- script ---\n{script}",
        ran.stderr
    );
    let text = std::fs::read_to_string(&transcript).expect("a transcript");
    let line = text.lines().next().expect("one call in the transcript");
    (
        script,
        serde_json::from_str(line).expect("a JSON transcript line"),
    )
}

/// Checks one fixture in both styles against its `.expect.json`.
fn check(name: &str) {
    check_with(name, &[]);
}

/// Checks one fixture, porting with `extra` options.
fn check_with(name: &str, extra: &[&str]) {
    let program = fixtures().join(name);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let expect_path = fixtures().join(format!("{stem}.expect.json"));
    let expect: Value = serde_json::from_str(
        &std::fs::read_to_string(&expect_path).expect("the fixture's .expect.json"),
    )
    .expect("valid expected JSON");
    for style in ["idiomatic", "chilkat"] {
        let (script, line) = port_and_dry_run(&program, style, extra);
        assert_eq!(
            line["operation"], expect["operation"],
            "{name} ({style}) operation"
        );
        assert_eq!(line["region"], expect["region"], "{name} ({style}) region");
        assert_eq!(
            line["request"], expect["request"],
            "{name} ({style}) request body\n--- script ---\n{script}"
        );
        assert!(
            !script.contains("WRONG"),
            "{name} ({style}): a commented-out write was ported"
        );
    }
}

macro_rules! fixture_tests {
    ($($test:ident => $file:literal,)*) => {
        $(
            #[test]
            fn $test() {
                check($file);
            }
        )*
    };
}

fixture_tests! {
    port_lianja => "lianja.prg",
    port_foxpro => "foxpro.prg",
    port_csharp => "csharp.cs",
    port_vbnet => "vbnet.vb",
    port_vb6 => "vb6.bas",
    port_vbscript => "vbscript.vbs",
    port_python => "python.py",
    port_nodejs => "nodejs.js",
    port_java => "java.java",
    port_php => "php.php",
    port_ruby => "ruby.rb",
    port_perl => "perl.pl",
    port_powershell => "powershell.ps1",
    port_go => "go.go",
    port_c => "c.c",
    port_cpp => "cpp.cpp",
    port_delphi => "delphi.pas",
    port_tcl => "tcl.tcl",
    port_sql => "sql.sql",
    port_autoit => "autoit.au3",
    port_purebasic => "purebasic.pb",
    port_dataflex => "dataflex.src",
    port_powerbuilder => "powerbuilder.srw",
    port_objc => "objc.m",
    port_swift => "swift.swift",
    port_xojo => "xojo.xojo_code",
}

/// Unicode C and C++ share their extensions with C and C++, so `--lang` names them.
fn check_lang(name: &str, lang: &str) {
    check_with(name, &["--lang", lang]);
}

#[test]
fn port_unicode_c() {
    check_lang("unicode_c.c", "unicode-c");
}

#[test]
fn port_unicode_cpp() {
    check_lang("unicode_cpp.cpp", "unicode-cpp");
}

fixture_tests! {}

/// The nested I/J read loop, run against a real (canned) response with two users: both
/// styles must walk every user and attribute and print what they read.
#[test]
fn nested_read_loop_runs_over_a_real_response() {
    use crate::support::server::{Reply, Server};
    let body = r#"{"Users":[
        {"Username":"ann","Enabled":true,"Attributes":[{"Name":"email","Value":"a@x.io"},{"Name":"team","Value":"red"}]},
        {"Username":"bob","Enabled":false,"Attributes":[{"Name":"email","Value":"b@x.io"}]}]}"#;
    for style in ["idiomatic", "chilkat"] {
        let program = fixtures().join("nodejs.js");
        let ported = Test::new()
            .args(["port", program.to_str().unwrap(), "-o", "ported.rhai"])
            .args(["--style", style])
            .run();
        assert_eq!(ported.code, 0, "{}", ported.stderr);
        let dir = ported._dir.path();
        let mut script = std::fs::read_to_string(dir.join("ported.rhai")).unwrap();
        // Make the innermost reads visible: print each attribute the loop reads.
        script = script.replace(
            "let Value = ",
            "let Value = \"\"; print(`${Username}:${Name}`); let Value = ",
        );
        std::fs::write(dir.join("ported.rhai"), &script).unwrap();
        let server = Server::start(vec![Reply::json(200, body)]);
        let out = Test::new()
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
            .args([
                "run",
                "--endpoint-url",
                server.url.as_str(),
                dir.join("ported.rhai").to_str().unwrap(),
            ])
            .run();
        assert_eq!(out.code, 0, "{style}: {}\n{script}", out.stderr);
        assert_eq!(
            out.stdout, "ann:email\nann:team\nbob:email\n",
            "{style}\n{script}"
        );
    }
}
