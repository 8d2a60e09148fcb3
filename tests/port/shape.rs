//! Programs of the shape Chilkat publishes for Cognito (status line, non-200 branch printing
//! the header and body, response reads with StringOf/IntOf/BoolOf/SizeOfArray, a loop over
//! `[i]`, a print after the loop), one per language, ported in both styles and run against an
//! in-process endpoint with a canned answer: the request on the wire and the script's output
//! must be what the original program would have sent and printed.

use serde_json::Value;

use crate::support::Test;
use crate::support::server::{Reply, Server};

const POOL: &str = "ap-southeast-2_AbC123";

const OK_BODY: &str = r#"{"UserPool":{"Id":"ap-southeast-2_AbC123","Name":"demo","EstimatedNumberOfUsers":42,"SchemaAttributes":[{"Name":"sub","Mutable":false},{"Name":"email","Mutable":true}]}}"#;

/// What every original prints for `OK_BODY`.
const OK_OUT: &str =
    "response status code = 200\nPool: ap-southeast-2_AbC123\nattr: sub\nattr: email\nusers: 42\n";

const ERR_BODY: &str = r#"{"__type":"ResourceNotFoundException","message":"User pool ap-southeast-2_AbC123 does not exist."}"#;

fn reply(status: u16, body: &str) -> Reply {
    let mut r = Reply::json(status, body);
    r.headers
        .push(("x-amzn-RequestId".into(), "req-4f2a".into()));
    r
}

/// Ports `file` in `style`; the script, which must have nothing left for review.
fn port(file: &str, style: &str, lang: Option<&str>) -> (Test, String) {
    port_layout(file, style, lang, Layout::AsWritten)
}

/// How the program's text is laid out before it is ported.
#[derive(Debug, Clone, Copy)]
enum Layout {
    AsWritten,
    /// Each line's leading whitespace removed.
    Stripped,
    /// Line breaks removed (see `layouts::flat`).
    Flat,
}

/// Ports `file`, laid out as `layout`, in `style`.
fn port_layout(file: &str, style: &str, lang: Option<&str>, layout: Layout) -> (Test, String) {
    let path = crate::support::repo_root()
        .join("tests/fixtures/port")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("the fixture");
    let id = pooler::port::port(&text, file, lang, pooler::port::Style::Chilkat)
        .expect("the original ports")
        .lang
        .id;
    let text = match layout {
        Layout::AsWritten => text,
        Layout::Stripped => super::layouts::stripped(&text),
        Layout::Flat => super::layouts::flat(&text, id),
    };
    let source = tempfile::tempdir().expect("a temporary directory");
    let program = source.path().join(file);
    std::fs::write(&program, &text).expect("write the laid-out program");
    let mut args = vec![
        "port".to_string(),
        program.to_string_lossy().into_owned(),
        "--strict".into(),
        "--style".into(),
        style.into(),
    ];
    if let Some(lang) = lang {
        args.extend(["--lang".to_string(), lang.to_string()]);
    }
    let out = Test::new().args(args).run();
    assert_eq!(out.code, 0, "{file} ({style}): {}", out.stderr);
    (Test::new().file("ported.rhai", &out.stdout), out.stdout)
}

fn run(test: Test, server: &Server) -> crate::support::Output {
    test.env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
        .args(["run", "--endpoint-url", server.url.as_str(), "ported.rhai"])
        .run()
}

/// Both styles of `file`, in every layout its language allows: the request sent, the output
/// on success, the output on a 400 — the same as the original's.
fn check(file: &str, lang: Option<&str>) {
    let text = std::fs::read_to_string(
        crate::support::repo_root()
            .join("tests/fixtures/port")
            .join(file),
    )
    .expect("the fixture");
    let id = pooler::port::port(&text, file, lang, pooler::port::Style::Chilkat)
        .expect("the original ports")
        .lang
        .id;
    let mut layouts = vec![Layout::AsWritten];
    if id != "python" {
        layouts.push(Layout::Stripped);
    }
    if super::layouts::FLAT_LANGS.contains(&id) {
        layouts.push(Layout::Flat);
    }
    for layout in layouts {
        check_layout(file, lang, layout);
    }
}

fn check_layout(file: &str, lang: Option<&str>, layout: Layout) {
    for style in ["idiomatic", "chilkat"] {
        let (test, script) = port_layout(file, style, lang, layout);
        let file = format!("{file} {layout:?}");
        let file = file.as_str();
        let server = Server::start(vec![reply(200, OK_BODY)]);
        let out = run(test, &server);
        assert_eq!(out.code, 0, "{file} ({style}): {}\n{script}", out.stderr);
        assert_eq!(out.stdout, OK_OUT, "{file} ({style})\n{script}");
        let seen = server.requests();
        assert_eq!(seen.len(), 1, "{file} ({style}): one request");
        let body: Value = serde_json::from_str(&seen[0].body).expect("a JSON request");
        assert_eq!(
            body,
            serde_json::json!({ "UserPoolId": POOL }),
            "{file} ({style})"
        );
        assert_eq!(
            seen[0].header("x-amz-target"),
            Some("AWSCognitoIdentityProviderService.DescribeUserPool"),
            "{file} ({style})"
        );
        let auth = seen[0].header("authorization").unwrap_or_default();
        assert!(
            auth.contains("/ap-southeast-2/cognito-idp/aws4_request"),
            "{file} ({style}) signed for another region: {auth}"
        );

        // The service's error answer: the status line, then the header and body, then stop.
        let (test, _) = port_layout(file.split(' ').next().unwrap_or(file), style, lang, layout);
        let server = Server::start(vec![reply(400, ERR_BODY)]);
        let out = run(test, &server);
        assert_eq!(out.code, 0, "{file} ({style}): {}\n{script}", out.stderr);
        let text = out.stdout.replace("\r\n", "\n");
        assert!(
            text.starts_with("response status code = 400\nResponse Header:\n")
                && text.ends_with(&format!("Response Body:\n{ERR_BODY}\n")),
            "{file} ({style}):\n{text}\n{script}"
        );
        assert!(
            text.contains("req-4f2a"),
            "{file} ({style}): the header\n{text}"
        );
    }
}

macro_rules! shapes {
    ($($test:ident => $file:literal $(, $lang:literal)?;)*) => {
        $(
            #[test]
            fn $test() {
                #[allow(unused_mut, unused_assignments)]
                let mut lang = None;
                $(lang = Some($lang);)?
                check($file, lang);
            }
        )*
    };
}

shapes! {
    shape_csharp => "shape_csharp.cs";
    shape_cpp => "shape_cpp.cpp";
    shape_ruby => "shape_ruby.rb";
    shape_powershell => "shape_powershell.ps1";
    shape_vb6 => "shape_vb6.bas";
    shape_java => "shape_java.java";
    shape_go => "shape_go.go";
    shape_tcl => "shape_tcl.tcl";
    shape_python => "shape_python.py";
    shape_nodejs => "shape_nodejs.js";
    shape_php => "shape_php.php";
    shape_perl => "shape_perl.pl";
    shape_c => "shape_c.c";
    shape_vbnet => "shape_vbnet.vb";
    shape_vbscript => "shape_vbscript.vbs";
    shape_swift => "shape_swift.swift";
    shape_objc => "shape_objc.m";
    shape_delphi => "shape_delphi.pas";
    shape_foxpro => "shape_foxpro.prg";
    shape_autoit => "shape_autoit.au3";
    shape_chilkat2_python => "shape_chilkat2_python.py";
    shape_purebasic => "shape_purebasic.pb";
    shape_sql => "shape_sql.sql";
    shape_xojo => "shape_xojo.xojo_code";
    shape_lianja => "shape_lianja.prg";
    shape_dataflex => "shape_dataflex.src";
    shape_powerbuilder => "shape_powerbuilder.srw";
    shape_delphi_dll => "shape_delphi_dll.pas";
    shape_unicode_c => "shape_unicode_c.c", "unicode-c";
    shape_unicode_cpp => "shape_unicode_cpp.cpp", "unicode-cpp";
}

/// An endpoint nobody listens on.
fn closed_endpoint() -> String {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").expect("bind loopback");
    let addr = listener.local_addr().expect("local addr");
    drop(listener);
    format!("http://{addr}")
}

#[test]
fn a_request_that_gets_no_answer_runs_the_programs_failure_branch() {
    let url = closed_endpoint();
    for style in ["idiomatic", "chilkat"] {
        let (test, script) = port("shape_csharp.cs", style, None);
        let out = test
            .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
            .env("AWS_SECRET_ACCESS_KEY", "not-a-real-secret")
            .args(["run", "--max-attempts", "1", "--endpoint-url", url.as_str()])
            .args(["ported.rhai"])
            .run();
        assert_eq!(out.code, 0, "{style}: {}\n{script}", out.stderr);
        assert!(
            !out.stdout.contains("response status code"),
            "{style}: the program stops in its failure branch\n{}",
            out.stdout
        );
        assert!(
            out.stdout.contains("NetworkError") || out.stdout.contains("network error"),
            "{style}: LastErrorText says why\n{}",
            out.stdout
        );
        if style == "idiomatic" {
            // The connect branch comes first, with Chilkat's "connect rejected" code.
            assert!(
                out.stdout.starts_with("ConnectFailReason: 7\n"),
                "{}",
                out.stdout
            );
        }
    }
}
