//! A proxy that refuses the CONNECT tunnel (HTTPS_PROXY pointing at an in-process fake on
//! 127.0.0.1): the error names the proxy by host:port (never its credentials) and its status
//! line, with the network exit code, for Cognito calls and for the import upload alike.

use std::io::{Read, Write};
use std::net::TcpListener;
use std::sync::{Arc, Mutex};

use crate::import_upload::import_command;
use crate::support::import_server::{Ending, ImportServer, UploadAnswer};
use crate::support::{Output, Test, assert_golden};

/// A fake proxy answering every CONNECT with `status`; keeps the request heads it read.
struct RefusingProxy {
    port: u16,
    heads: Arc<Mutex<Vec<String>>>,
}

impl RefusingProxy {
    fn start(status: &'static str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let port = listener.local_addr().unwrap().port();
        let heads = Arc::new(Mutex::new(Vec::new()));
        let seen = heads.clone();
        std::thread::spawn(move || {
            for stream in listener.incoming() {
                let Ok(mut stream) = stream else { continue };
                let mut head = Vec::new();
                let mut buf = [0u8; 1024];
                while !head.windows(4).any(|w| w == b"\r\n\r\n") {
                    match stream.read(&mut buf) {
                        Ok(0) | Err(_) => break,
                        Ok(n) => head.extend_from_slice(&buf[..n]),
                    }
                }
                seen.lock()
                    .unwrap()
                    .push(String::from_utf8_lossy(&head).into_owned());
                let answer = format!(
                    "{status}\r\nProxy-Authenticate: Basic realm=\"test\"\r\nContent-Length: 0\r\n\r\n"
                );
                let _ = stream.write_all(answer.as_bytes());
            }
        });
        Self { port, heads }
    }

    /// Runs one call (with the global flags `extra`) through this proxy, written as
    /// `proxy_url` with `PORT` for the port.
    fn call_through(&self, proxy_url: &str, extra: &[&str]) -> Output {
        let test = Test::new()
            .args(extra.iter().copied())
            .args(["eval", "cognito.list_user_pools(#{MaxResults: 1})"])
            .env("AWS_ACCESS_KEY_ID", "AKIDSENTINEL")
            .env("AWS_SECRET_ACCESS_KEY", "sentinel-secret")
            .env("AWS_REGION", "us-east-1");
        self.through(test, proxy_url).run()
    }

    /// `test` with this proxy as the HTTPS proxy (`proxy_url`, `PORT` for the port).
    fn through(&self, test: Test, proxy_url: &str) -> Test {
        let url = proxy_url.replace("PORT", &self.port.to_string());
        test.env("HTTPS_PROXY", &url)
            .env("https_proxy", &url)
            .env("NO_PROXY", "")
            .env("no_proxy", "")
    }

    /// `text` with this proxy's port written as `PORT`, for golden files.
    fn ported(&self, text: &str) -> String {
        text.replace(&format!("127.0.0.1:{}", self.port), "127.0.0.1:PORT")
    }
}

#[test]
fn a_407_from_the_proxy_names_it_and_its_status_without_the_password() {
    let proxy = RefusingProxy::start("HTTP/1.1 407 Proxy Authentication Required");
    let out = proxy.call_through(
        "http://tunneluser:hunter2pw@127.0.0.1:PORT",
        &["--max-attempts", "1"],
    );
    assert_eq!(out.code, 7, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(!out.stderr.contains("hunter2pw"), "{}", out.stderr);
    assert!(!out.stderr.contains("tunneluser"), "{}", out.stderr);
    assert_golden("proxy_407.err", &proxy.ported(&out.stderr));
    // The tunnel and the one diagnostic CONNECT both carried the proxy's credentials.
    let heads = proxy.heads.lock().unwrap().clone();
    assert_eq!(heads.len(), 2, "{heads:?}");
    for head in &heads {
        assert!(
            head.starts_with("CONNECT cognito-idp.us-east-1.amazonaws.com:443 HTTP/1.1\r\n"),
            "{head}"
        );
        let auth = head
            .lines()
            .find_map(|l| {
                l.split_once(':')
                    .filter(|(n, _)| n.eq_ignore_ascii_case("proxy-authorization"))
            })
            .map(|(_, v)| v.trim());
        // base64("tunneluser:hunter2pw")
        assert_eq!(auth, Some("Basic dHVubmVsdXNlcjpodW50ZXIycHc="), "{head}");
    }
}

#[test]
fn a_403_from_the_proxy_names_it_and_its_status_and_is_not_retried() {
    let proxy = RefusingProxy::start("HTTP/1.1 403 Forbidden");
    // The default attempts (3): a refusal is not retried, so one tunnel and one diagnostic.
    let out = proxy.call_through("http://127.0.0.1:PORT", &[]);
    assert_eq!(out.code, 7, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
    assert_golden("proxy_403.err", &proxy.ported(&out.stderr));
    assert_eq!(proxy.heads.lock().unwrap().len(), 2);
}

#[test]
fn a_407_for_the_import_upload_names_the_proxy_and_its_status() {
    let proxy = RefusingProxy::start("HTTP/1.1 407 Proxy Authentication Required");
    // Cognito is the plain-http fake (no proxy); the presigned URL is https on an S3 host.
    let server = ImportServer::start_with(
        Ending::Succeed,
        UploadAnswer::Accept,
        Some("https://bucket.s3.us-west-2.amazonaws.com".into()),
    );
    let test = import_command(&server, &["--max-attempts", "1"]);
    let out = proxy
        .through(test, "http://importuser:s3cretpw@127.0.0.1:PORT")
        .run();
    assert_eq!(out.code, 7, "stderr: {}", out.stderr);
    assert_eq!(out.stdout, "");
    assert!(!out.stderr.contains("s3cretpw"), "{}", out.stderr);
    assert!(!out.stderr.contains("importuser"), "{}", out.stderr);
    assert_golden(
        "proxy_upload_407.err",
        &proxy.ported(&out.stderr.replace(&server.url, "http://127.0.0.1:COGNITO")),
    );
    assert!(!server.operations().contains(&"PUT".to_string()));
}
