//! Programs cut short (as copies from web pages often are) and programs with one long line:
//! nothing is added or dropped without a REVIEW line, and `--strict` refuses what was added.

use crate::support::Test;
use crate::support::server::{Reply, Server};

fn fixture(name: &str) -> String {
    crate::support::repo_root()
        .join("tests/fixtures/port")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

fn port(name: &str, style: &str, strict: bool) -> crate::support::Output {
    let file = fixture(name);
    let mut args = vec!["port", file.as_str(), "--style", style];
    if strict {
        args.push("--strict");
    }
    Test::new().args(args).run()
}

#[test]
fn a_program_cut_before_or_inside_its_json_names_the_missing_operation() {
    for name in ["cut_before_json.cs", "cut_inside_json.cs"] {
        let out = port(name, "idiomatic", false);
        assert_ne!(out.code, 0, "{name}: {}", out.stdout);
        assert!(
            out.stderr.contains(name) && out.stderr.contains("X-Amz-Target"),
            "{name}: {}",
            out.stderr
        );
    }
}

#[test]
fn a_program_cut_before_its_send_builds_the_request_and_sends_nothing() {
    for style in ["idiomatic", "chilkat"] {
        let out = port("cut_before_send.cs", style, false);
        assert_eq!(out.code, 0, "{style}: {}", out.stderr);
        assert!(
            out.stdout
                .contains("// REVIEW line 25: the program ends before it sends its request"),
            "{style}:\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("nothing is sent"),
            "{style}:\n{}",
            out.stdout
        );
        assert!(
            !out.stdout.contains(".FullRequestSb(") && !out.stdout.contains("describe_user_pool("),
            "{style}: a send the program never makes\n{}",
            out.stdout
        );
        let server = Server::start(vec![Reply::json(200, "{}")]);
        let ran = Test::new()
            .file("ported.rhai", &out.stdout)
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
            .args(["run", "--endpoint-url", server.url.as_str(), "ported.rhai"])
            .run();
        assert_eq!(ran.code, 0, "{style}: {}\n{}", ran.stderr, out.stdout);
        assert!(server.requests().is_empty(), "{style}: nothing is sent");

        let strict = port("cut_before_send.cs", style, true);
        assert_ne!(strict.code, 0, "{style}: --strict refuses");
        assert!(strict.stdout.is_empty(), "{style}: nothing written");
    }
}

#[test]
fn a_program_cut_before_its_reads_gets_no_load_it_never_made_without_review() {
    let chilkat = port("cut_before_reads.cs", "chilkat", false);
    assert_eq!(chilkat.code, 0, "{}", chilkat.stderr);
    assert!(
        chilkat
            .stdout
            .contains("the program ends before it reads the answer: the port's `LoadSb`"),
        "{}",
        chilkat.stdout
    );
    assert_ne!(port("cut_before_reads.cs", "chilkat", true).code, 0);
    // The idiomatic call reads nothing the program did not: nothing to review.
    let idiomatic = port("cut_before_reads.cs", "idiomatic", true);
    assert_eq!(idiomatic.code, 0, "{}", idiomatic.stderr);
}

#[test]
fn a_long_line_is_just_a_line_every_print_is_kept() {
    let text = std::fs::read_to_string(fixture("long_line.cs")).expect("the fixture");
    assert!(
        text.lines().any(|l| l.len() > 600),
        "the fixture has a long line"
    );
    for style in ["idiomatic", "chilkat"] {
        let out = port("long_line.cs", style, true);
        assert_eq!(out.code, 0, "{style}: {}", out.stderr);
        for print in [
            "\"Pool: \"",
            "\"attr: \"",
            "\"users: \"",
            "\"template: Your username is {username}",
        ] {
            assert!(
                out.stdout.contains(print),
                "{style}: {print}\n{}",
                out.stdout
            );
        }
    }
}

#[test]
fn a_program_that_lost_the_line_breaks_its_language_needs_says_so_and_strict_refuses() {
    let text = std::fs::read_to_string(fixture("shape_vb6.bas")).expect("the fixture");
    let flat = super::layouts::flat(&text, "vb6");
    let out = Test::new()
        .file("flat.bas", &flat)
        .args(["port", "flat.bas"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert!(
        out.stdout.contains(
            "REVIEW line ?: the program lost its line breaks, which Visual Basic 6.0 needs"
        ),
        "{}",
        out.stdout
    );
    let strict = Test::new()
        .file("flat.bas", &flat)
        .args(["port", "flat.bas", "--strict"])
        .run();
    assert_ne!(strict.code, 0, "{}", strict.stdout);
}
