//! The fault matrix, driven through the binary: `pooler run` against an in-process server that
//! misbehaves in one way per test; each asserts the exit code, error type, attempts (from the
//! transcript, one detail per attempt) and that the message names the operation and endpoint.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::os::fd::AsRawFd;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::Value;

use crate::support::{Output, Test};

/// What the server does with one connection.
#[derive(Clone)]
enum Act {
    /// Answers with this status and body (Content-Length set).
    Reply(u16, &'static str),
    /// Like `Reply`, after a pause.
    Slow(u64, u16, &'static str),
    /// Sends a 200 head promising 1000 bytes, 10 of them, then resets the connection.
    ResetMidBody,
    /// Claims a body of this many bytes and sends a little of it.
    Huge(u64),
    /// Answers with this status, extra headers and body.
    Full(u16, Vec<(String, String)>, String),
}

struct FaultServer {
    url: String,
    addr: std::net::SocketAddr,
    stop: Arc<AtomicBool>,
    hits: Arc<AtomicUsize>,
    handle: Option<std::thread::JoinHandle<()>>,
}

impl FaultServer {
    /// Serves `acts` in order; the last one repeats.
    fn start(acts: Vec<Act>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().unwrap();
        let stop = Arc::new(AtomicBool::new(false));
        let hits = Arc::new(AtomicUsize::new(0));
        let (stop2, hits2) = (stop.clone(), hits.clone());
        let busy = Arc::new(Mutex::new(()));
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let n = hits2.fetch_add(1, Ordering::SeqCst);
                let act = acts[n.min(acts.len() - 1)].clone();
                let _guard = busy.lock().unwrap();
                serve(stream, &act);
            }
        });
        Self {
            url: format!("http://{addr}"),
            addr,
            stop,
            hits,
            handle: Some(handle),
        }
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }
}

impl Drop for FaultServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn serve(stream: TcpStream, act: &Act) {
    let Ok(clone) = stream.try_clone() else {
        return;
    };
    let mut reader = BufReader::new(clone);
    let mut length = 0;
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 {
            return;
        }
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':')
            && k.eq_ignore_ascii_case("content-length")
        {
            length = v.trim().parse().unwrap_or(0);
        }
    }
    let mut body = vec![0; length];
    let _ = reader.read_exact(&mut body);
    let mut out = stream;
    let head = |status: u16, len: u64| {
        format!(
            "HTTP/1.1 {status} X\r\nContent-Type: application/x-amz-json-1.1\r\n\
             Content-Length: {len}\r\nConnection: close\r\n\r\n"
        )
    };
    let text = match act {
        Act::Reply(status, body) => format!("{}{body}", head(*status, body.len() as u64)),
        Act::Slow(ms, status, body) => {
            std::thread::sleep(Duration::from_millis(*ms));
            format!("{}{body}", head(*status, body.len() as u64))
        }
        Act::ResetMidBody => {
            let _ = out.write_all(format!("{}{{\"UserPools", head(200, 1000)).as_bytes());
            let _ = out.flush();
            std::thread::sleep(Duration::from_millis(50));
            reset(&out);
            return;
        }
        Act::Huge(len) => format!("{}{{\"UserPools\": [", head(200, *len)),
        Act::Full(status, headers, body) => {
            let mut text = head(*status, body.len() as u64);
            text.truncate(text.len() - 2);
            for (name, value) in headers {
                text.push_str(&format!("{name}: {value}\r\n"));
            }
            format!("{text}\r\n{body}")
        }
    };
    let _ = out.write_all(text.as_bytes());
    let _ = out.flush();
}

/// Closes with a TCP RST (SO_LINGER with a zero timeout) instead of a clean FIN.
fn reset(stream: &TcpStream) {
    let linger = libc::linger {
        l_onoff: 1,
        l_linger: 0,
    };
    // SAFETY: a valid socket descriptor and a correctly sized `linger` value.
    unsafe {
        libc::setsockopt(
            stream.as_raw_fd(),
            libc::SOL_SOCKET,
            libc::SO_LINGER,
            (&raw const linger).cast(),
            std::mem::size_of::<libc::linger>() as libc::socklen_t,
        );
    }
}

const SCRIPT: &str =
    "let r = cognito.list_user_pools(#{ MaxResults: 5 });\nprint(r.UserPools.len());\n";

/// Runs SCRIPT against `endpoint` with a transcript; returns the output and the one transcript line.
fn run_at(endpoint: &str, extra: &[&str]) -> (Output, Value) {
    let t = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "faultsecretfaultsecret")
        .env("AWS_REGION", "us-west-2")
        .env("POOLER_RETRY_BASE_MS", "1")
        .script(SCRIPT);
    let transcript = t.path().join("calls.jsonl");
    let mut args = vec![
        "run",
        "--endpoint-url",
        endpoint,
        "--transcript",
        transcript.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    args.push("script.rhai");
    let t = t.args(args.iter().map(|s| s.to_string()).collect::<Vec<_>>());
    let out = t.run();
    let text = std::fs::read_to_string(&transcript).unwrap_or_default();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "one transcript line:\n{text}\n{}",
        out.stderr
    );
    assert!(text.ends_with('\n'), "the line is whole");
    (
        out,
        serde_json::from_str(lines[0]).expect("transcript JSON"),
    )
}

/// Statuses of the recorded attempts (0 for none).
fn statuses(line: &Value) -> Vec<u64> {
    line["attempts_detail"]
        .as_array()
        .expect("attempts_detail")
        .iter()
        .map(|a| a["status"].as_u64().unwrap_or(0))
        .collect()
}

/// A failed call: exit code, error type, attempts, and a message naming operation and endpoint.
fn assert_failed(
    out: &Output,
    line: &Value,
    code: i32,
    kind: &str,
    attempts: usize,
    endpoint: &str,
) {
    assert_eq!(out.code, code, "{}", out.stderr);
    assert_eq!(line["error_type"], kind, "{line}");
    assert_eq!(line["attempts"], attempts, "{line}");
    assert_eq!(line["attempts_detail"].as_array().unwrap().len(), attempts);
    assert_eq!(line["operation"], "ListUserPools");
    assert!(out.stderr.contains(kind), "{}", out.stderr);
    assert!(out.stderr.contains("ListUserPools"), "{}", out.stderr);
    assert!(out.stderr.contains(endpoint), "{}", out.stderr);
    assert!(!out.stderr.contains("panicked"), "{}", out.stderr);
    assert!(out.stdout.is_empty(), "{}", out.stdout);
}

#[test]
fn unavailable_twice_then_ok_succeeds_on_the_third_attempt() {
    let s = FaultServer::start(vec![
        Act::Reply(503, "{}"),
        Act::Reply(503, "{}"),
        Act::Reply(200, r#"{"UserPools": [{"Id": "a"}]}"#),
    ]);
    let (out, line) = run_at(&s.url, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "1\n");
    assert_eq!(line["attempts"], 3);
    assert_eq!(statuses(&line), [503, 503, 200]);
    assert!(line["attempts_detail"][0]["error"].is_string());
    assert!(line["attempts_detail"][2]["error"].is_null());
    assert_eq!(s.hits(), 3);
}

#[test]
fn throttling_twice_then_ok_succeeds_on_the_third_attempt() {
    let throttled = r#"{"__type":"TooManyRequestsException","message":"Rate exceeded"}"#;
    let s = FaultServer::start(vec![
        Act::Reply(400, throttled),
        Act::Reply(400, throttled),
        Act::Reply(200, r#"{"UserPools": []}"#),
    ]);
    let (out, line) = run_at(&s.url, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "0\n");
    assert_eq!(statuses(&line), [400, 400, 200]);
    let first = line["attempts_detail"][0]["error"].as_str().unwrap();
    assert!(first.contains("TooManyRequestsException"), "{first}");
}

#[test]
fn server_error_on_every_attempt_gives_up_after_max_attempts() {
    let s = FaultServer::start(vec![Act::Reply(
        500,
        r#"{"__type":"InternalErrorException","message":"boom"}"#,
    )]);
    let (out, line) = run_at(&s.url, &["--max-attempts", "4"]);
    assert_failed(&out, &line, 6, "InternalErrorException", 4, &s.url);
    assert_eq!(statuses(&line), [500, 500, 500, 500]);
    assert_eq!(s.hits(), 4);
}

#[test]
fn connection_refused_is_a_network_error_after_every_attempt() {
    let url = {
        let l = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", l.local_addr().unwrap())
    };
    let (out, line) = run_at(&url, &["--max-attempts", "2"]);
    assert_failed(&out, &line, 7, "NetworkError", 2, &url);
    assert_eq!(statuses(&line), [0, 0]);
    assert!(out.stderr.contains("refused"), "{}", out.stderr);
}

#[test]
fn connection_reset_in_the_middle_of_the_body_is_retried_then_fails() {
    let s = FaultServer::start(vec![Act::ResetMidBody]);
    let (out, line) = run_at(&s.url, &["--max-attempts", "2"]);
    assert_failed(&out, &line, 7, "NetworkError", 2, &s.url);
    assert_eq!(s.hits(), 2);
}

#[test]
fn connection_reset_then_ok_succeeds() {
    let s = FaultServer::start(vec![
        Act::ResetMidBody,
        Act::Reply(200, r#"{"UserPools": []}"#),
    ]);
    let (out, line) = run_at(&s.url, &[]);
    assert_eq!(out.code, 0, "{}", out.stderr);
    // The head (status 200) arrived before the reset; the attempt still failed.
    assert_eq!(statuses(&line), [200, 200]);
    assert!(line["attempts_detail"][0]["error"].is_string(), "{line}");
    assert!(line["attempts_detail"][1]["error"].is_null(), "{line}");
}

#[test]
fn a_response_slower_than_the_timeout_is_a_timeout_error() {
    let s = FaultServer::start(vec![Act::Slow(1500, 200, r#"{"UserPools": []}"#)]);
    let (out, line) = run_at(&s.url, &["--timeout", "0.2", "--max-attempts", "1"]);
    assert_failed(&out, &line, 7, "TimeoutError", 1, &s.url);
}

#[test]
fn html_with_status_200_is_an_invalid_response() {
    let s = FaultServer::start(vec![Act::Reply(
        200,
        "<html><body>Captive portal</body></html>",
    )]);
    let (out, line) = run_at(&s.url, &[]);
    assert_failed(&out, &line, 6, "InvalidResponseError", 1, &s.url);
    assert_eq!(statuses(&line), [200]);
}

#[test]
fn truncated_json_with_status_200_is_an_invalid_response() {
    let s = FaultServer::start(vec![Act::Reply(200, r#"{"UserPools": [{"Id": "#)]);
    let (out, line) = run_at(&s.url, &[]);
    assert_failed(&out, &line, 6, "InvalidResponseError", 1, &s.url);
}

#[test]
fn signature_mismatch_suggests_checking_the_secret_key_and_the_clock() {
    let xml = "<ErrorResponse><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code>\
               <Message>The request signature we calculated does not match</Message></Error>\
               </ErrorResponse>";
    let s = FaultServer::start(vec![Act::Reply(403, xml)]);
    let (out, line) = run_at(&s.url, &[]);
    assert_failed(&out, &line, 6, "SignatureDoesNotMatch", 1, &s.url);
    assert!(out.stderr.contains("secret"), "{}", out.stderr);
    assert!(out.stderr.contains("clock"), "{}", out.stderr);
}

#[test]
fn a_body_over_the_cap_is_refused_without_reading_it() {
    let s = FaultServer::start(vec![Act::Huge(64 * 1024 * 1024)]);
    let (out, line) = run_at(&s.url, &[]);
    assert_failed(&out, &line, 6, "InvalidResponseError", 1, &s.url);
    assert!(out.stderr.contains("limit"), "{}", out.stderr);
}

#[test]
fn a_name_that_does_not_resolve_is_a_network_error() {
    let url = "http://pooler-test.invalid:9";
    let (out, line) = run_at(url, &["--max-attempts", "1", "--allow-http"]);
    assert_failed(&out, &line, 7, "NetworkError", 1, "pooler-test.invalid");
}

#[test]
fn plain_http_to_a_non_loopback_host_needs_allow_http() {
    let out = Test::new()
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "faultsecretfaultsecret")
        .env("AWS_REGION", "us-west-2")
        .script(SCRIPT)
        .args([
            "run",
            "--endpoint-url",
            "http://pooler-test.invalid",
            "script.rhai",
        ])
        .run();
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("--allow-http"), "{}", out.stderr);
    assert!(out.stderr.contains("EndpointError"), "{}", out.stderr);
}

#[test]
fn sigint_during_a_call_prints_what_completed_and_keeps_the_transcript_whole() {
    use std::process::{Command, Stdio};
    let fast = r#"{"UserPools": []}"#;
    let s = FaultServer::start(vec![Act::Reply(200, fast), Act::Slow(3_000, 200, fast)]);
    let dir = tempfile::tempdir().unwrap();
    let script = "cognito.list_user_pools(#{ MaxResults: 1 });\nprint(\"one done\");\n\
                  cognito.list_user_pools(#{ MaxResults: 2 });\nprint(\"not reached\");\n";
    std::fs::write(dir.path().join("script.rhai"), script).unwrap();
    let transcript = dir.path().join("calls.jsonl");
    let nowhere = dir.path().join("none");
    let mut child = Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(["run", "--endpoint-url", &s.url, "--transcript"])
        .arg(&transcript)
        .arg("script.rhai")
        .current_dir(dir.path())
        .env("AWS_CONFIG_FILE", &nowhere)
        .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "faultsecretfaultsecret")
        .env("AWS_REGION", "us-west-2")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 3];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The second call is now in flight (or about to be): the server holds it for 3 s.
    while s.hits() < 2 {
        std::thread::sleep(Duration::from_millis(10));
    }
    // SAFETY: sending a signal to our own child process.
    unsafe { libc::kill(child.id() as libc::pid_t, libc::SIGINT) };
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    let status = loop {
        if let Some(st) = child.try_wait().unwrap() {
            break st;
        }
        assert!(std::time::Instant::now() < deadline, "pooler did not stop");
        std::thread::sleep(Duration::from_millis(10));
    };
    let mut stderr = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut stderr)
        .unwrap();
    assert_eq!(status.code(), Some(130), "{stderr}");
    assert!(
        stderr.contains("interrupted after 2 calls: ListUserPools 1 ok, 1 stopped"),
        "{stderr}"
    );
    let text = std::fs::read_to_string(&transcript).unwrap();
    assert!(text.ends_with('\n'), "{text}");
    let lines: Vec<Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).expect("every line whole JSON"))
        .collect();
    assert_eq!(lines.len(), 2, "{text}");
    assert_eq!(lines[0]["status"], 200);
    assert_eq!(lines[1]["error_type"], "Interrupted");
}

/// A TLS server on loopback with a fresh self-signed certificate (openssl and python3 make it);
/// it is killed when dropped.
struct SelfSigned {
    child: std::process::Child,
    url: String,
    _dir: tempfile::TempDir,
}

impl SelfSigned {
    fn start() -> Self {
        use std::process::{Command, Stdio};
        let dir = tempfile::tempdir().unwrap();
        let made = Command::new("openssl")
            .args([
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1",
            ])
            .args([
                "-subj",
                "/CN=127.0.0.1",
                "-keyout",
                "key.pem",
                "-out",
                "cert.pem",
            ])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .status()
            .expect("openssl is needed for the TLS test");
        assert!(made.success(), "openssl req failed");
        let server = "import ssl, socket\n\
            ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)\n\
            ctx.load_cert_chain('cert.pem', 'key.pem')\n\
            s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()\n\
            print(s.getsockname()[1], flush=True)\n\
            while True:\n    c, _ = s.accept()\n    try:\n        ctx.wrap_socket(c, server_side=True).close()\n    except Exception:\n        pass\n";
        let mut child = Command::new("python3")
            .args(["-c", server])
            .current_dir(dir.path())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("python3 is needed for the TLS test");
        let mut port = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut port)
            .unwrap();
        Self {
            child,
            url: format!("https://127.0.0.1:{}", port.trim()),
            _dir: dir,
        }
    }
}

impl Drop for SelfSigned {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn an_untrusted_certificate_is_reported_as_such_and_never_ignored() {
    let s = SelfSigned::start();
    let (out, line) = run_at(&s.url, &["--max-attempts", "1", "--timeout", "10"]);
    assert_failed(&out, &line, 7, "NetworkError", 1, &s.url);
    assert!(out.stderr.contains("certificate"), "{}", out.stderr);
}

// ---------------------------------------------------------------------------------------------
// Hardening: redirects, error bodies in a 200, retry settings from the environment and the
// profile, the profile's service endpoint, missing profiles and credential_process output.

#[test]
fn a_redirect_to_another_host_is_an_error_and_nothing_follows_it() {
    let target = FaultServer::start(vec![Act::Reply(200, r#"{"UserPools":[]}"#)]);
    let location = format!("{}/elsewhere", target.url);
    let s = FaultServer::start(vec![Act::Full(
        308,
        vec![("Location".into(), location.clone())],
        String::new(),
    )]);
    let (out, line) = run_at(&s.url, &[]);
    assert_failed(&out, &line, 6, "InvalidResponseError", 1, &s.url);
    assert!(out.stderr.contains("308"), "{}", out.stderr);
    assert!(out.stderr.contains(&location), "{}", out.stderr);
    assert_eq!(target.hits(), 0, "the redirect target got nothing");
}

#[test]
fn a_200_whose_body_carries_type_is_a_service_error() {
    let s = FaultServer::start(vec![Act::Reply(
        200,
        r#"{"__type":"NotAuthorizedException","message":"not you"}"#,
    )]);
    let (out, line) = run_at(&s.url, &[]);
    assert_failed(&out, &line, 6, "NotAuthorizedException", 1, &s.url);
}

/// A run of SCRIPT with a config file, environment and arguments of the test's choosing.
fn run_with_config(config: &str, env: &[(&str, &str)], args: &[&str]) -> Output {
    let mut t = Test::new()
        .env("POOLER_RETRY_BASE_MS", "1")
        .file("aws/config", config)
        .script(SCRIPT);
    let config_path = t.path().join("aws/config");
    t = t.env("AWS_CONFIG_FILE", config_path.to_str().unwrap());
    for (k, v) in env {
        t = t.env(k, v);
    }
    let mut all = vec!["run"];
    all.extend_from_slice(args);
    all.push("script.rhai");
    t.args(all.iter().map(|s| s.to_string()).collect::<Vec<_>>())
        .run()
}

#[test]
fn the_profiles_services_endpoint_and_max_attempts_are_used() {
    let s = FaultServer::start(vec![Act::Reply(
        500,
        r#"{"__type":"InternalErrorException"}"#,
    )]);
    let config = format!(
        "[profile dev]\nregion = us-west-2\naws_access_key_id = AKIDPROFILE\n\
         aws_secret_access_key = profilesecretprofilesecret\nmax_attempts = 2\nservices = local\n\n\
         [services local]\ncognito_identity_provider =\n  endpoint_url = {}\n",
        s.url
    );
    let out = run_with_config(&config, &[], &["--profile", "dev"]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert!(out.stderr.contains(&s.url), "{}", out.stderr);
    assert_eq!(s.hits(), 2, "max_attempts = 2 from the profile");
}

#[test]
fn aws_retry_mode_legacy_makes_five_attempts() {
    let s = FaultServer::start(vec![Act::Reply(
        500,
        r#"{"__type":"InternalErrorException"}"#,
    )]);
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER"),
        ("AWS_SECRET_ACCESS_KEY", "faultsecretfaultsecret"),
        ("AWS_REGION", "us-west-2"),
        ("AWS_RETRY_MODE", "legacy"),
    ];
    let out = run_with_config("", &env, &["--endpoint-url", &s.url]);
    assert_eq!(out.code, 6, "{}", out.stderr);
    assert_eq!(s.hits(), 5);
}

#[test]
fn a_profile_that_does_not_exist_is_an_error_not_a_fallback() {
    let s = FaultServer::start(vec![Act::Reply(200, r#"{"UserPools":[]}"#)]);
    let env = [
        ("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER"),
        ("AWS_SECRET_ACCESS_KEY", "faultsecretfaultsecret"),
        ("AWS_REGION", "us-west-2"),
    ];
    let config = "[profile dev]\nregion = us-west-2\n";
    let out = run_with_config(
        config,
        &env,
        &["--profile", "doesnotexist", "--endpoint-url", &s.url],
    );
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert!(out.stderr.contains("doesnotexist"), "{}", out.stderr);
    assert!(out.stderr.contains("could not be found"), "{}", out.stderr);
    assert_eq!(s.hits(), 0);
}

#[test]
fn a_failing_credential_process_does_not_echo_its_stderr() {
    let s = FaultServer::start(vec![Act::Reply(200, r#"{"UserPools":[]}"#)]);
    let config = "[profile cp]\nregion = us-west-2\ncredential_process = sh -c \
                  \"echo 'denied AKIAIOSFODNN7EXAMPLE secret=SENTINELprocsecret' >&2; exit 1\"\n";
    let quiet = run_with_config(config, &[], &["--profile", "cp", "--endpoint-url", &s.url]);
    assert_eq!(quiet.code, 7, "{}", quiet.stderr);
    assert!(!quiet.stderr.contains("SENTINEL"), "{}", quiet.stderr);
    assert!(
        !quiet.stderr.contains("AKIAIOSFODNN7EXAMPLE"),
        "{}",
        quiet.stderr
    );
    assert!(!quiet.stderr.contains("denied"), "{}", quiet.stderr);
    assert!(quiet.stderr.contains("-v"), "{}", quiet.stderr);
    let loud = run_with_config(
        config,
        &[],
        &["-v", "--profile", "cp", "--endpoint-url", &s.url],
    );
    assert_eq!(loud.code, 7, "{}", loud.stderr);
    assert!(loud.stderr.contains("denied"), "{}", loud.stderr);
    assert!(!loud.stderr.contains("SENTINEL"), "{}", loud.stderr);
    assert!(
        !loud.stderr.contains("AKIAIOSFODNN7EXAMPLE"),
        "{}",
        loud.stderr
    );
    assert_eq!(s.hits(), 0);
}

#[test]
fn a_config_file_that_does_not_parse_is_a_configuration_error_naming_the_line() {
    let s = FaultServer::start(vec![Act::Reply(200, r#"{"UserPools":[]}"#)]);
    let t = Test::new()
        .file("aws/config", "[profile dev]\nregion = us-west-2\n[broken\n")
        .script(SCRIPT);
    let config_path = t.path().join("aws/config").display().to_string();
    let out = t
        .env("AWS_CONFIG_FILE", &config_path)
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "faultsecretfaultsecret")
        .args([
            "run",
            "--profile",
            "dev",
            "--endpoint-url",
            &s.url,
            "script.rhai",
        ])
        .run();
    assert_eq!(out.code, 7, "{}", out.stderr);
    assert_eq!(out.stdout, "");
    crate::support::assert_golden(
        "profile_parse_error.err",
        &out.stderr.replace(&config_path, "CONFIG"),
    );
    assert_eq!(s.hits(), 0);
}

#[test]
fn a_profiles_endpoint_url_is_not_asked_for_the_services_quota() {
    use crate::support::server::{Reply, Server};
    let server = Server::start(vec![Reply::json(200, r#"{"User":{"Username":"ann"}}"#)]);
    let config = format!(
        "[profile dev]\nregion = us-west-2\naws_access_key_id = AKIDPROFILE\n\
         aws_secret_access_key = profilesecretprofilesecret\nendpoint_url = {}\n",
        server.url
    );
    let t = Test::new().file("aws/config", &config).script(
        "let r = cognito.admin_create_user(#{ UserPoolId: \"us-west-2_abc\", Username: \"ann\" });\n\
         print(r.User.Username);\n",
    );
    let config_path = t.path().join("aws/config").display().to_string();
    let out = t
        .env("AWS_CONFIG_FILE", &config_path)
        .args(["run", "--profile", "dev", "script.rhai"])
        .run();
    assert_eq!(out.code, 0, "{}", out.stderr);
    assert_eq!(out.stdout, "ann\n");
    assert_eq!(out.stderr, "");
    let targets: Vec<String> = server
        .requests()
        .iter()
        .map(|r| r.header("x-amz-target").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        targets,
        ["AWSCognitoIdentityProviderService.AdminCreateUser"],
        "GetProvisionedLimit is for AWS's own endpoint only"
    );
}
