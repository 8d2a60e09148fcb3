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
    let program = fixtures().join(name);
    let stem = name.rsplit_once('.').map_or(name, |(s, _)| s);
    let expect_path = fixtures().join(format!("{stem}.expect.json"));
    let expect: Value = serde_json::from_str(
        &std::fs::read_to_string(&expect_path).expect("the fixture's .expect.json"),
    )
    .expect("valid expected JSON");
    for style in ["idiomatic", "chilkat"] {
        let (script, line) = port_and_dry_run(&program, style, &[]);
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
}
