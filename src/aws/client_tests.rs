//! The AWS JSON-protocol client against in-process HTTP/1.1 servers on 127.0.0.1 (unit tests:
//! the transport's sending methods are the crate's own, reached only through the call service).

use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use crate::aws::{
    AwsError, Client, EndpointConfig, NetworkKind, Outcome, Request, Service, Settings,
    StaticCredentials, Ungated, choose_endpoint, validate_endpoint,
};
use crate::interrupt::Interrupt;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

const AKID: &str = "AKIDTESTEXAMPLE";
const SECRET: &str = "SENTINEL-secret-5f1d9c2e";
const TOKEN: &str = "SENTINEL-token-8a7b6c5d";

fn service() -> Service {
    Service {
        signing_name: "cognito-idp".into(),
        target_prefix: "AWSCognitoIdentityProviderService".into(),
        json_version: "1.1".into(),
        endpoint_prefix: "cognito-idp".into(),
        env_name: "COGNITO_IDENTITY_PROVIDER".into(),
    }
}

/// Settings for a test server: explicit region, endpoint and credentials, short timeouts and a
/// tiny retry base, so nothing depends on the environment or takes long.
fn settings(endpoint: &str) -> Settings {
    Settings {
        region: Some("us-east-1".into()),
        endpoint_url: Some(endpoint.into()),
        credentials: Some(StaticCredentials::new(AKID, SECRET, None)),
        max_attempts: Some(3),
        timeout: Some(Duration::from_secs(5)),
        connect_timeout: Some(Duration::from_secs(2)),
        retry_base: Some(Duration::from_millis(1)),
        ..Settings::default()
    }
}

// ---------------------------------------------------------------------------------------------
// A minimal HTTP/1.1 server: one request per connection, scripted replies, counted requests.

#[derive(Clone)]
enum Reply {
    Now(Vec<u8>),
    After(Duration, Vec<u8>),
    Hang,
}

fn reply(status: u16, reason: &str, headers: &[(&str, &str)], body: &[u8]) -> Reply {
    let mut out = format!(
        "HTTP/1.1 {status} {reason}\r\ncontent-length: {}\r\nconnection: close\r\n",
        body.len()
    );
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let mut bytes = out.into_bytes();
    bytes.extend_from_slice(body);
    Reply::Now(bytes)
}

fn json_reply(status: u16, reason: &str, body: &str) -> Reply {
    reply(
        status,
        reason,
        &[("content-type", "application/x-amz-json-1.1")],
        body.as_bytes(),
    )
}

fn error_reply(status: u16, kind: &str, message: &str) -> Reply {
    let body = json!({"__type": format!("com.amazonaws.cognito#{kind}"), "message": message});
    json_reply(status, "Error", &body.to_string())
}

#[derive(Debug, Clone)]
struct Recorded {
    method: String,
    path: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Recorded {
    fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

struct TestServer {
    addr: SocketAddr,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Serves `replies` in order; the last one repeats.
    async fn start(replies: Vec<Reply>) -> TestServer {
        assert!(!replies.is_empty());
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let hits = Arc::new(AtomicUsize::new(0));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let (h, r) = (Arc::clone(&hits), Arc::clone(&requests));
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (h, r, replies) = (Arc::clone(&h), Arc::clone(&r), replies.clone());
                tokio::spawn(serve(stream, h, r, replies));
            }
        });
        TestServer {
            addr,
            hits,
            requests,
            task,
        }
    }

    /// Writes `bytes` as soon as a connection is accepted, without reading a request
    /// (a plain-text answer to a TLS handshake); every connection counts as a hit.
    async fn start_raw(bytes: &'static [u8]) -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("local addr");
        let hits = Arc::new(AtomicUsize::new(0));
        let h = Arc::clone(&hits);
        let task = tokio::spawn(async move {
            while let Ok((mut stream, _)) = listener.accept().await {
                h.fetch_add(1, Ordering::SeqCst);
                let _ = stream.write_all(bytes).await;
                let _ = stream.shutdown().await;
            }
        });
        TestServer {
            addr,
            hits,
            requests: Arc::new(Mutex::new(Vec::new())),
            task,
        }
    }

    fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    fn hits(&self) -> usize {
        self.hits.load(Ordering::SeqCst)
    }

    fn request(&self, n: usize) -> Recorded {
        self.requests.lock().expect("lock")[n].clone()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(
    mut stream: TcpStream,
    hits: Arc<AtomicUsize>,
    requests: Arc<Mutex<Vec<Recorded>>>,
    replies: Vec<Reply>,
) {
    let Some(request) = read_request(&mut stream).await else {
        return;
    };
    let n = hits.fetch_add(1, Ordering::SeqCst);
    requests.lock().expect("lock").push(request);
    match replies[n.min(replies.len() - 1)].clone() {
        Reply::Now(bytes) => {
            let _ = stream.write_all(&bytes).await;
        }
        Reply::After(delay, bytes) => {
            tokio::time::sleep(delay).await;
            let _ = stream.write_all(&bytes).await;
        }
        Reply::Hang => tokio::time::sleep(Duration::from_secs(3600)).await,
    }
    let _ = stream.shutdown().await;
}

async fn read_request(stream: &mut TcpStream) -> Option<Recorded> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(pos) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break pos + 4;
        }
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 || buf.len() > 1 << 20 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let (method, path) = (first.next()?.to_string(), first.next()?.to_string());
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    Some(Recorded {
        method,
        path,
        headers,
        body,
    })
}

/// One unpaced send with the client's own attempts.
async fn send(
    client: &Client,
    operation: &str,
    body: &[u8],
    signed: bool,
    interrupt: &Interrupt,
) -> Outcome {
    client
        .transmit(Request {
            operation,
            body,
            signed,
            interrupt,
            gate: &Ungated,
            attempts: None,
        })
        .await
}

async fn call(client: &Client, operation: &str, body: &str) -> Outcome {
    send(client, operation, body.as_bytes(), true, &Interrupt::new()).await
}

// ---------------------------------------------------------------------------------------------

#[tokio::test]
async fn success_sends_a_signed_json_request() {
    let server = TestServer::start(vec![reply(
        200,
        "OK",
        &[("x-amzn-RequestId", "req-123")],
        br#"{"UserPool":{"Id":"us-east-1_abc","Name":"p"}}"#,
    )])
    .await;
    let mut s = settings(&server.url());
    s.credentials = Some(StaticCredentials::new(AKID, SECRET, Some(TOKEN.into())));
    let client = Client::new(s, service());
    let body = r#"{"PoolName":"p"}"#;
    let outcome = call(&client, "CreateUserPool", body).await;

    let value = outcome.result.expect("success").json().unwrap();
    assert_eq!(value["UserPool"]["Id"], "us-east-1_abc");
    assert_eq!(outcome.attempts.len(), 1);
    assert_eq!(outcome.status, Some(200));
    assert_eq!(outcome.request_id.as_deref(), Some("req-123"));
    assert_eq!(outcome.region, "us-east-1");
    assert_eq!(outcome.endpoint, format!("{}/", server.url()));
    assert_eq!(server.hits(), 1);

    let req = server.request(0);
    assert_eq!(req.method, "POST");
    assert_eq!(req.path, "/");
    assert_eq!(req.body, body.as_bytes());
    assert_eq!(
        req.header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.CreateUserPool")
    );
    assert_eq!(
        req.header("content-type"),
        Some("application/x-amz-json-1.1")
    );
    let auth = req.header("authorization").expect("authorization");
    assert!(
        auth.starts_with(&format!("AWS4-HMAC-SHA256 Credential={AKID}/")),
        "{auth}"
    );
    assert!(
        auth.contains("/us-east-1/cognito-idp/aws4_request"),
        "{auth}"
    );
    assert!(auth.contains("x-amz-target"), "{auth}");
    assert!(auth.contains("Signature="), "{auth}");
    assert!(req.header("x-amz-date").is_some());
    assert_eq!(req.header("x-amz-security-token"), Some(TOKEN));
    assert_eq!(req.header("host"), Some(server.addr.to_string().as_str()));
}

#[tokio::test]
async fn no_session_token_means_no_token_header() {
    let server = TestServer::start(vec![json_reply(200, "OK", "{}")]).await;
    let client = Client::new(settings(&server.url()), service());
    call(&client, "ListUserPools", "{}")
        .await
        .result
        .expect("success");
    let req = server.request(0);
    assert!(req.header("authorization").is_some());
    assert!(req.header("x-amz-security-token").is_none());
}

#[tokio::test]
async fn unsigned_call_has_no_authorization() {
    let server = TestServer::start(vec![json_reply(200, "OK", r#"{"Session":"s"}"#)]).await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = send(&client, "InitiateAuth", b"{}", false, &Interrupt::new()).await;
    assert_eq!(
        outcome.result.expect("success").json().unwrap()["Session"],
        "s"
    );
    let req = server.request(0);
    assert!(req.header("authorization").is_none());
    assert!(req.header("x-amz-security-token").is_none());
    assert_eq!(
        req.header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.InitiateAuth")
    );
}

#[tokio::test]
async fn throttling_on_400_is_retried() {
    let server = TestServer::start(vec![
        error_reply(400, "TooManyRequestsException", "slow down"),
        error_reply(400, "TooManyRequestsException", "slow down"),
        json_reply(200, "OK", r#"{"ok":true}"#),
    ])
    .await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "ListUsers", "{}").await;
    assert_eq!(outcome.result.expect("success").json().unwrap()["ok"], true);
    assert_eq!(outcome.attempts.len(), 3);
    assert_eq!(outcome.attempts[0].status, Some(400));
    assert!(
        outcome.attempts[0]
            .error
            .as_deref()
            .is_some_and(|e| e.contains("TooManyRequestsException"))
    );
    assert_eq!(outcome.attempts[2].error, None);
    assert_eq!(outcome.status, Some(200));
    assert_eq!(server.hits(), 3);
}

#[tokio::test]
async fn service_unavailable_then_success() {
    let server = TestServer::start(vec![
        reply(503, "Service Unavailable", &[], b""),
        json_reply(200, "OK", "{}"),
    ])
    .await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "ListUsers", "{}").await;
    assert!(outcome.result.is_ok());
    assert_eq!(outcome.attempts.len(), 2);
    assert_eq!(outcome.attempts[0].status, Some(503));
    assert_eq!(server.hits(), 2);
}

#[tokio::test]
async fn persistent_500_gives_up_after_max_attempts() {
    let server = TestServer::start(vec![error_reply(500, "InternalErrorException", "boom")]).await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "ListUsers", "{}").await;
    let err = outcome.result.expect_err("error");
    assert_eq!(err.kind(), "InternalErrorException");
    assert_eq!(err.status(), Some(500));
    assert!(err.retryable());
    assert!(matches!(err, AwsError::Service { status: 500, .. }));
    assert_eq!(outcome.attempts.len(), 3);
    assert_eq!(server.hits(), 3);
}

#[tokio::test]
async fn limit_exceeded_is_not_retried() {
    let server = TestServer::start(vec![error_reply(
        400,
        "LimitExceededException",
        "too many pools",
    )])
    .await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "CreateUserPool", "{}").await;
    let err = outcome.result.expect_err("error");
    assert_eq!(err.kind(), "LimitExceededException");
    assert_eq!(err.message(), "too many pools");
    assert!(!err.retryable());
    assert_eq!(outcome.attempts.len(), 1);
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn other_4xx_errors_decode_and_are_not_retried() {
    let server = TestServer::start(vec![reply(
        400,
        "Bad Request",
        &[
            ("x-amzn-ErrorType", "UserNotFoundException:http://internal/"),
            ("x-amzn-RequestId", "rid-9"),
        ],
        b"",
    )])
    .await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "AdminGetUser", "{}").await;
    let err = outcome.result.expect_err("error");
    assert_eq!(err.kind(), "UserNotFoundException");
    assert_eq!(err.request_id(), Some("rid-9"));
    assert_eq!(outcome.request_id.as_deref(), Some("rid-9"));
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn slow_response_times_out_after_retries() {
    let server = TestServer::start(vec![Reply::After(
        Duration::from_secs(3),
        b"HTTP/1.1 200 OK\r\ncontent-length: 2\r\n\r\n{}".to_vec(),
    )])
    .await;
    let mut s = settings(&server.url());
    s.timeout = Some(Duration::from_millis(200));
    s.max_attempts = Some(2);
    let client = Client::new(s, service());
    let started = Instant::now();
    let outcome = call(&client, "ListUsers", "{}").await;
    let err = outcome.result.expect_err("timeout");
    assert!(matches!(err, AwsError::Timeout { after } if after == Duration::from_millis(200)));
    assert_eq!(err.kind(), "TimeoutError");
    assert!(err.to_string().contains("200 ms"), "{err}");
    assert_eq!(outcome.attempts.len(), 2);
    assert_eq!(server.hits(), 2);
    assert!(started.elapsed() < Duration::from_secs(2));
}

#[tokio::test]
async fn connection_refused_is_a_network_error() {
    let port = {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
        listener.local_addr().expect("addr").port()
    };
    let mut s = settings(&format!("http://127.0.0.1:{port}"));
    s.max_attempts = Some(2);
    let client = Client::new(s, service());
    let outcome = call(&client, "ListUsers", "{}").await;
    let err = outcome.result.expect_err("refused");
    assert!(
        matches!(
            err,
            AwsError::Network {
                kind: NetworkKind::Refused,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), "NetworkError");
    assert!(err.to_string().contains("connection refused"), "{err}");
    assert!(err.retryable());
    assert_eq!(outcome.attempts.len(), 2);
    assert_eq!(outcome.status, None);
}

#[tokio::test]
async fn tls_to_a_plain_http_server_is_a_tls_network_error() {
    let server =
        TestServer::start_raw(b"HTTP/1.1 400 Bad Request\r\ncontent-length: 0\r\n\r\n").await;
    let mut s = settings(&format!("https://{}", server.addr));
    s.max_attempts = Some(1);
    let err = call(&Client::new(s, service()), "ListUsers", "{}")
        .await
        .result
        .expect_err("tls");
    assert!(
        matches!(
            err,
            AwsError::Network {
                kind: NetworkKind::Tls,
                ..
            }
        ),
        "{err:?}"
    );
    assert_eq!(err.kind(), "NetworkError");
    assert!(err.to_string().contains("TLS"), "{err}");
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn a_server_that_closes_without_answering_is_a_closed_connection() {
    let server = TestServer::start_raw(b"").await;
    let mut s = settings(&format!("http://{}", server.addr));
    s.max_attempts = Some(1);
    let err = call(&Client::new(s, service()), "ListUsers", "{}")
        .await
        .result
        .expect_err("closed");
    assert!(
        matches!(
            err,
            AwsError::Network {
                kind: NetworkKind::Closed,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("network error: connection closed by the server ("),
        "{err}"
    );
}

#[tokio::test]
async fn a_name_that_does_not_resolve_is_a_dns_failure() {
    // `.invalid` never resolves (RFC 2606).
    let mut s = settings("https://pooler-test.invalid");
    s.max_attempts = Some(1);
    let err = call(&Client::new(s, service()), "ListUsers", "{}")
        .await
        .result
        .expect_err("dns");
    assert!(
        matches!(
            err,
            AwsError::Network {
                kind: NetworkKind::Dns,
                ..
            }
        ),
        "{err:?}"
    );
    assert!(
        err.to_string()
            .starts_with("network error: DNS lookup failed ("),
        "{err}"
    );
}

#[tokio::test]
async fn html_error_page_is_summarised() {
    let filler = "lorem ipsum dolor sit amet ".repeat(400);
    let page = format!(
        "<!DOCTYPE html><html><head><title>500 Internal Server Error</title>\
         <style>body {{ color: red }}</style></head><body><h1>Internal Server Error</h1>\
         <p>{filler}</p></body></html>"
    );
    let server = TestServer::start(vec![reply(
        500,
        "Internal Server Error",
        &[("content-type", "text/html")],
        page.as_bytes(),
    )])
    .await;
    let mut s = settings(&server.url());
    s.max_attempts = Some(1);
    let client = Client::new(s, service());
    let err = call(&client, "CreateUserPool", "{}")
        .await
        .result
        .expect_err("error");
    assert_eq!(err.kind(), "InternalServerError");
    assert_eq!(err.status(), Some(500));
    assert_eq!(err.message(), "500 Internal Server Error");
    assert!(err.to_string().len() < 300, "{err}");
    assert!(!err.to_string().contains("lorem"));
}

#[tokio::test]
async fn html_without_title_gives_a_short_excerpt() {
    let page = format!("<html><body><p>{}</p></body></html>", "word ".repeat(2000));
    let server = TestServer::start(vec![reply(502, "Bad Gateway", &[], page.as_bytes())]).await;
    let mut s = settings(&server.url());
    s.max_attempts = Some(1);
    let err = call(&Client::new(s, service()), "X", "{}")
        .await
        .result
        .expect_err("error");
    assert_eq!(err.kind(), "BadGateway");
    assert!(err.message().starts_with("word word"));
    assert!(err.message().chars().count() <= 201);
}

#[tokio::test]
async fn xml_signature_error_has_a_hint() {
    let xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<ErrorResponse><Error>\
               <Type>Sender</Type><Code>SignatureDoesNotMatch</Code>\
               <Message>The request signature we calculated does not match the signature you provided.</Message>\
               </Error><RequestId>xml-rid-1</RequestId></ErrorResponse>";
    let server = TestServer::start(vec![reply(
        403,
        "Forbidden",
        &[("content-type", "text/xml")],
        xml.as_bytes(),
    )])
    .await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "ListUserPools", "{}").await;
    let err = outcome.result.expect_err("error");
    assert_eq!(err.kind(), "SignatureDoesNotMatch");
    assert_eq!(err.status(), Some(403));
    assert_eq!(err.request_id(), Some("xml-rid-1"));
    let message = err.message();
    assert!(message.starts_with("The request signature we calculated"));
    assert!(message.contains("secret access key"), "{message}");
    assert!(message.contains("clock"), "{message}");
    assert_eq!(outcome.attempts.len(), 1);
}

#[tokio::test]
async fn xml_invalid_client_token_id() {
    let xml = "<ErrorResponse><Error><Code>InvalidClientTokenId</Code>\
               <Message>The security token included in the request is invalid.</Message>\
               </Error></ErrorResponse>";
    let server = TestServer::start(vec![reply(403, "Forbidden", &[], xml.as_bytes())]).await;
    let client = Client::new(settings(&server.url()), service());
    let err = call(&client, "ListUserPools", "{}")
        .await
        .result
        .expect_err("error");
    assert_eq!(err.kind(), "InvalidClientTokenId");
    assert!(!err.retryable());
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn empty_success_body_is_an_empty_object() {
    let server = TestServer::start(vec![reply(200, "OK", &[], b"")]).await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "DeleteUserPool", "{}").await;
    assert_eq!(outcome.result.expect("success").json().unwrap(), json!({}));
}

#[tokio::test]
async fn truncated_json_is_an_invalid_response() {
    let server = TestServer::start(vec![json_reply(200, "OK", r#"{"UserPool":{"Id":"#)]).await;
    let client = Client::new(settings(&server.url()), service());
    let outcome = call(&client, "DescribeUserPool", "{}").await;
    let err = outcome.result.expect_err("invalid");
    assert!(matches!(err, AwsError::InvalidResponse { status: 200, .. }));
    assert!(err.to_string().contains("truncated"), "{err}");
    assert!(!err.retryable());
    assert_eq!(outcome.attempts.len(), 1);
}

#[tokio::test]
async fn non_json_success_body_is_an_invalid_response() {
    let server = TestServer::start(vec![reply(200, "OK", &[], b"<html>hello</html>")]).await;
    let client = Client::new(settings(&server.url()), service());
    let err = call(&client, "DescribeUserPool", "{}")
        .await
        .result
        .expect_err("invalid");
    assert_eq!(err.kind(), "InvalidResponseError");
    assert!(err.to_string().contains("not valid JSON"), "{err}");
}

#[tokio::test]
async fn body_over_the_cap_is_refused() {
    let big = format!(r#"{{"x":"{}"}}"#, "a".repeat(4096));
    // With a content-length, and without one (body delimited by closing the connection).
    let mut unframed = b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\n".to_vec();
    unframed.extend_from_slice(big.as_bytes());
    let server = TestServer::start(vec![json_reply(200, "OK", &big), Reply::Now(unframed)]).await;
    let mut s = settings(&server.url());
    s.max_response_bytes = Some(1024);
    let client = Client::new(s, service());
    for _ in 0..2 {
        let err = call(&client, "ListUsers", "{}")
            .await
            .result
            .expect_err("too big");
        assert!(matches!(err, AwsError::InvalidResponse { .. }), "{err:?}");
        assert!(err.to_string().contains("1024-byte limit"), "{err}");
    }
    assert_eq!(server.hits(), 2);
    // The same body fits under the default cap.
    let server = TestServer::start(vec![json_reply(200, "OK", &big)]).await;
    let client = Client::new(settings(&server.url()), service());
    assert!(call(&client, "ListUsers", "{}").await.result.is_ok());
}

#[tokio::test]
async fn interrupt_cancels_a_slow_request() {
    let server = TestServer::start(vec![Reply::Hang]).await;
    let client = Client::new(settings(&server.url()), service());
    let interrupt = Interrupt::new();
    let trigger = interrupt.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(150)).await;
        trigger.trigger();
    });
    let started = Instant::now();
    let outcome = send(&client, "ListUsers", b"{}", true, &interrupt).await;
    assert!(matches!(outcome.result, Err(AwsError::Interrupted)));
    assert!(started.elapsed() < Duration::from_secs(2));
    assert_eq!(outcome.attempts.len(), 1);
    assert_eq!(server.hits(), 1);
}

#[tokio::test]
async fn interrupt_cancels_the_backoff_sleep() {
    let server = TestServer::start(vec![reply(503, "Service Unavailable", &[], b"")]).await;
    let mut s = settings(&server.url());
    s.retry_base = Some(Duration::from_secs(30));
    s.max_attempts = Some(5);
    let client = Client::new(s, service());
    let interrupt = Interrupt::new();
    let trigger = interrupt.clone();
    tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        trigger.trigger();
    });
    let started = Instant::now();
    let outcome = send(&client, "ListUsers", b"{}", true, &interrupt).await;
    assert!(matches!(outcome.result, Err(AwsError::Interrupted)));
    assert!(started.elapsed() < Duration::from_secs(3));
    assert!(server.hits() >= 1);
}

#[tokio::test]
async fn already_interrupted_sends_nothing() {
    let server = TestServer::start(vec![json_reply(200, "OK", "{}")]).await;
    let client = Client::new(settings(&server.url()), service());
    let interrupt = Interrupt::new();
    interrupt.trigger();
    let outcome = send(&client, "ListUsers", b"{}", true, &interrupt).await;
    assert!(matches!(outcome.result, Err(AwsError::Interrupted)));
    assert_eq!(server.hits(), 0);
}

#[tokio::test]
async fn max_attempts_comes_from_settings() {
    let server = TestServer::start(vec![reply(500, "Internal Server Error", &[], b"")]).await;
    let mut s = settings(&server.url());
    s.max_attempts = Some(5);
    let outcome = call(&Client::new(s.clone(), service()), "ListUsers", "{}").await;
    assert_eq!(outcome.attempts.len(), 5);
    assert_eq!(server.hits(), 5);
    s.max_attempts = Some(1);
    let outcome = call(&Client::new(s, service()), "ListUsers", "{}").await;
    assert_eq!(outcome.attempts.len(), 1);
    assert_eq!(server.hits(), 6);
    let err = outcome.result.expect_err("error");
    assert_eq!(err.kind(), "InternalServerError");
}

/// A gate that offers a paced call room to wait throttling out.
struct Patient;

impl crate::aws::Gate for Patient {
    fn admit(&self) -> std::pin::Pin<Box<dyn std::future::Future<Output = ()> + '_>> {
        Box::pin(std::future::ready(()))
    }

    fn observe(&self, _throttled: bool) {}

    fn throttle_retries(&self) -> u32 {
        10
    }
}

#[tokio::test]
async fn a_per_call_attempt_budget_bounds_that_call_alone() {
    let server = TestServer::start(vec![error_reply(400, "ThrottlingException", "slow")]).await;
    let client = Client::new(settings(&server.url()), service());
    let interrupt = Interrupt::new();
    let budget = |attempts| Request {
        operation: "ListUsers",
        body: b"{}",
        signed: true,
        interrupt: &interrupt,
        gate: &Patient,
        attempts,
    };
    // The budget is set attempts: the gate's throttling retries do not extend it.
    let outcome = client.transmit(budget(Some(2))).await;
    assert_eq!(outcome.attempts.len(), 2);
    assert_eq!(server.hits(), 2);
    // Zero means one try; the client's own setting (3) is untouched for the next call.
    let outcome = client.transmit(budget(Some(0))).await;
    assert_eq!(outcome.attempts.len(), 1);
    assert_eq!(server.hits(), 3);
    let outcome = call(&client, "ListUsers", "{}").await;
    assert_eq!(outcome.attempts.len(), 3);
    assert_eq!(server.hits(), 6);
}

#[test]
fn max_attempts_defaults() {
    let s = Settings::default();
    assert_eq!(s.effective_max_attempts(&|_| None), Ok(3));
    assert_eq!(
        s.effective_max_attempts(&|n| (n == "AWS_MAX_ATTEMPTS").then(|| "7".into())),
        Ok(7)
    );
    let bad = s
        .effective_max_attempts(&|n| (n == "AWS_MAX_ATTEMPTS").then(|| "abc".into()))
        .expect_err("abc is not a number of attempts");
    assert!(bad.starts_with("AWS_MAX_ATTEMPTS: `abc`"), "{bad}");
    let s = Settings {
        max_attempts: Some(0),
        ..Settings::default()
    };
    assert_eq!(s.effective_max_attempts(&|_| None), Ok(1));
}

#[test]
fn endpoint_precedence() {
    type Env = &'static [(&'static str, &'static str)];
    type Case = (
        &'static str,
        Option<&'static str>,
        Option<&'static str>,
        bool,
        Env,
        &'static str,
    );
    let cases: &[Case] = &[
        // (name, explicit, profile endpoint, use_fips, env, expected)
        (
            "default",
            None,
            None,
            false,
            &[],
            "https://cognito-idp.eu-west-1.amazonaws.com",
        ),
        (
            "fips flag",
            None,
            None,
            true,
            &[],
            "https://cognito-idp-fips.eu-west-1.amazonaws.com",
        ),
        (
            "fips env",
            None,
            None,
            false,
            &[("AWS_USE_FIPS_ENDPOINT", "true")],
            "https://cognito-idp-fips.eu-west-1.amazonaws.com",
        ),
        (
            "profile",
            None,
            Some("http://profile:1"),
            false,
            &[],
            "http://profile:1",
        ),
        (
            "global env beats profile",
            None,
            Some("http://profile:1"),
            false,
            &[("AWS_ENDPOINT_URL", "http://global:2")],
            "http://global:2",
        ),
        (
            "service env beats global env",
            None,
            Some("http://profile:1"),
            false,
            &[
                ("AWS_ENDPOINT_URL", "http://global:2"),
                (
                    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                    "http://service:3",
                ),
            ],
            "http://service:3",
        ),
        (
            "explicit beats everything",
            Some("http://flag:4"),
            Some("http://profile:1"),
            true,
            &[
                ("AWS_ENDPOINT_URL", "http://global:2"),
                (
                    "AWS_ENDPOINT_URL_COGNITO_IDENTITY_PROVIDER",
                    "http://service:3",
                ),
            ],
            "http://flag:4",
        ),
        (
            "empty env values are ignored",
            None,
            None,
            false,
            &[("AWS_ENDPOINT_URL", "  ")],
            "https://cognito-idp.eu-west-1.amazonaws.com",
        ),
        (
            "ignore configured endpoints",
            None,
            Some("http://profile:1"),
            false,
            &[
                ("AWS_ENDPOINT_URL", "http://global:2"),
                ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", "true"),
            ],
            "https://cognito-idp.eu-west-1.amazonaws.com",
        ),
    ];
    for (name, explicit, profile, fips, env, expected) in cases {
        let cfg = EndpointConfig {
            explicit: *explicit,
            profile_endpoint: *profile,
            profile_use_fips: None,
            use_fips: *fips,
            region: "eu-west-1",
            endpoint_prefix: "cognito-idp",
            env_name: "COGNITO_IDENTITY_PROVIDER",
        };
        let lookup = |k: &str| {
            env.iter()
                .find(|(n, _)| *n == k)
                .map(|(_, v)| v.to_string())
        };
        let got = choose_endpoint(&cfg, &lookup).expect(name);
        assert_eq!(&got, expected, "case {name}");
    }
    let bad_region = EndpointConfig {
        region: "us-east-1/evil",
        endpoint_prefix: "cognito-idp",
        ..EndpointConfig::default()
    };
    assert!(matches!(
        choose_endpoint(&bad_region, &|_| None),
        Err(AwsError::Endpoint { .. })
    ));
}

#[test]
fn endpoint_validation() {
    let err = validate_endpoint("http://cognito.example.com", false).expect_err("refused");
    assert!(matches!(err, AwsError::Endpoint { .. }));
    assert!(err.to_string().contains("--allow-http"), "{err}");
    assert!(validate_endpoint("http://cognito.example.com", true).is_ok());
    for ok in [
        "http://127.0.0.1:9229",
        "http://127.9.9.9",
        "http://[::1]:5000",
        "http://localhost:4566/",
        "https://cognito-idp.us-east-1.amazonaws.com",
    ] {
        assert!(validate_endpoint(ok, false).is_ok(), "{ok}");
    }
    let err = validate_endpoint("not a url", false).expect_err("invalid");
    assert!(err.to_string().contains("not a url"), "{err}");
    assert!(validate_endpoint("ftp://127.0.0.1", false).is_err());
    let err = validate_endpoint("https://user:pw-secret@host", false).expect_err("userinfo");
    assert!(!err.to_string().contains("pw-secret"));
}

#[tokio::test]
async fn http_endpoint_on_a_remote_host_is_refused_before_sending() {
    let client = Client::new(settings("http://cognito.example.com"), service());
    let outcome = call(&client, "ListUsers", "{}").await;
    let err = outcome.result.expect_err("refused");
    assert_eq!(err.kind(), "EndpointError");
    assert!(err.to_string().contains("--allow-http"));
    assert!(outcome.attempts.is_empty());
}

#[tokio::test]
async fn resolve_and_overrides() {
    let first = TestServer::start(vec![json_reply(200, "OK", r#"{"n":1}"#)]).await;
    let second = TestServer::start(vec![json_reply(200, "OK", r#"{"n":2}"#)]).await;
    let client = Client::new(settings(&first.url()), service());
    let resolved = client.resolve_identity().await.expect("resolve");
    assert_eq!(resolved.region, "us-east-1");
    assert_eq!(resolved.endpoint, format!("{}/", first.url()));
    assert_eq!(resolved.credentials_source, "settings");

    let other = client.with_overrides(Some("eu-central-1".into()), None, Some(second.url()));
    let resolved = other.resolve_identity().await.expect("resolve");
    assert_eq!(resolved.region, "eu-central-1");
    assert_eq!(resolved.endpoint, format!("{}/", second.url()));
    assert_eq!(
        call(&other, "X", "{}")
            .await
            .result
            .expect("ok")
            .json()
            .unwrap()["n"],
        2
    );
    assert_eq!(
        call(&client, "X", "{}")
            .await
            .result
            .expect("ok")
            .json()
            .unwrap()["n"],
        1
    );
    let auth = second.request(0);
    assert!(
        auth.header("authorization")
            .is_some_and(|a| a.contains("/eu-central-1/cognito-idp/aws4_request"))
    );
    assert_eq!((first.hits(), second.hits()), (1, 1));
}

#[tokio::test]
async fn dry_run_signs_without_sending() {
    // Nothing listens on the endpoint: a dry run must not try.
    let mut s = settings("http://127.0.0.1:9");
    s.offline = true;
    s.credentials = Some(StaticCredentials::new(AKID, SECRET, Some(TOKEN.into())));
    let client = Client::new(s, service());
    let started = Instant::now();
    let signed = client
        .sign_only("CreateUserPool", br#"{"PoolName":"p"}"#, true)
        .await
        .expect("signed");
    assert!(started.elapsed() < Duration::from_secs(1));
    assert_eq!(signed.url, "http://127.0.0.1:9/");
    let header = |n: &str| {
        signed
            .headers
            .iter()
            .find(|(k, _)| k == n)
            .map(|(_, v)| v.as_str())
    };
    assert_eq!(
        header("x-amz-target"),
        Some("AWSCognitoIdentityProviderService.CreateUserPool")
    );
    let auth = header("authorization").expect("authorization");
    assert!(auth.starts_with(&format!("AWS4-HMAC-SHA256 Credential={AKID}/")));
    assert!(auth.contains("/us-east-1/cognito-idp/aws4_request, SignedHeaders="));
    assert!(auth.ends_with("Signature=***"), "{auth}");
    assert_eq!(header("x-amz-security-token"), Some("***"));

    let unsigned = client
        .sign_only("InitiateAuth", b"{}", false)
        .await
        .expect("unsigned");
    assert!(unsigned.headers.iter().all(|(k, _)| k != "authorization"));
}

#[tokio::test]
async fn dry_run_without_region_or_endpoint_settings_still_signs() {
    // Region, endpoint and credentials come from whatever the environment has (or defaults);
    // allow_http keeps an `AWS_ENDPOINT_URL=http://…` in the environment from failing this.
    let s = Settings {
        offline: true,
        allow_http: true,
        ..Settings::default()
    };
    let client = Client::new(s, service());
    let signed = client
        .sign_only("ListUserPools", b"{}", true)
        .await
        .expect("dry run never fails to resolve");
    assert!(
        signed
            .headers
            .iter()
            .any(|(k, v)| k == "authorization" && v.contains("/cognito-idp/aws4_request"))
    );
    let resolved = client.resolve_identity().await.expect("resolve");
    assert!(!resolved.region.is_empty());
}

#[tokio::test]
async fn secrets_never_appear_in_output() {
    let server = TestServer::start(vec![
        error_reply(400, "ThrottlingException", "slow"),
        json_reply(200, "OK", "{}"),
    ])
    .await;
    let mut s = settings(&server.url());
    s.credentials = Some(StaticCredentials::new(AKID, SECRET, Some(TOKEN.into())));
    let client = Client::new(s.clone(), service());
    let outcome = call(&client, "ListUsers", "{}").await;
    assert!(outcome.result.is_ok());
    let sent = server.request(1);
    let signature = sent
        .header("authorization")
        .and_then(|a| a.split("Signature=").nth(1))
        .expect("signature")
        .to_string();
    let resolved = client.resolve_identity().await.expect("resolve");
    let mut dry = s.clone();
    dry.offline = true;
    let dry_client = Client::new(dry, service());
    let signed = dry_client
        .sign_only("ListUsers", b"{}", true)
        .await
        .expect("signed");

    let errors = [
        AwsError::Service {
            kind: "SignatureDoesNotMatch".into(),
            message: "m".into(),
            status: 403,
            request_id: Some("r".into()),
            retryable: false,
        },
        AwsError::Network {
            kind: crate::aws::NetworkKind::Refused,
            message: "connection refused".into(),
        },
        AwsError::Timeout {
            after: Duration::from_millis(1500),
        },
        AwsError::Credentials {
            message: "no credentials".into(),
        },
        AwsError::Endpoint {
            message: "bad".into(),
        },
        AwsError::InvalidResponse {
            status: 200,
            message: "truncated".into(),
        },
        AwsError::Interrupted,
    ];
    let mut texts = vec![
        format!("{outcome:?}"),
        format!("{resolved:?}"),
        format!("{signed:?}"),
        format!("{s:?}"),
        format!("{:?}", s.credentials),
        format!("{client:?}"),
        format!("{dry_client:?}"),
    ];
    for e in &errors {
        texts.push(format!("{e}"));
        texts.push(format!("{e:?}"));
    }
    for attempt in &outcome.attempts {
        texts.push(format!("{attempt:?}"));
    }
    for text in &texts {
        assert!(!text.contains(SECRET), "secret in {text}");
        assert!(!text.contains(TOKEN), "token in {text}");
        assert!(!text.contains(&signature), "signature in {text}");
    }
    assert!(texts[3].contains(AKID), "the access key id is not secret");
}

#[test]
fn error_accessors() {
    let e = AwsError::Timeout {
        after: Duration::from_secs(60),
    };
    assert_eq!(
        (e.kind(), e.retryable(), e.status()),
        ("TimeoutError", true, None)
    );
    assert_eq!(e.to_string(), "request timed out after 60 s");
    let e = AwsError::Region {
        message: "no region: pass --region or set AWS_REGION".into(),
    };
    assert_eq!((e.kind(), e.retryable()), ("RegionError", false));
    let e = AwsError::InvalidResponse {
        status: 200,
        message: "x".into(),
    };
    assert_eq!(e.status(), Some(200));
    assert_eq!(AwsError::Interrupted.kind(), "Interrupted");
    let e = AwsError::Service {
        kind: "UserNotFoundException".into(),
        message: "User does not exist.".into(),
        status: 400,
        request_id: Some("abc".into()),
        retryable: false,
    };
    assert_eq!(
        e.to_string(),
        "UserNotFoundException: User does not exist. (HTTP 400, request id abc)"
    );
}

#[test]
fn works_with_block_on_of_a_current_thread_runtime() {
    // The host's pattern: one current-thread runtime, `block_on` per call, from sync code.
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .expect("runtime");
    let server = runtime.block_on(TestServer::start(vec![
        reply(503, "Service Unavailable", &[], b""),
        json_reply(200, "OK", r#"{"ok":1}"#),
    ]));
    let client = Client::new(settings(&server.url()), service());
    let interrupt = Interrupt::new();
    let resolved = runtime
        .block_on(client.resolve_identity())
        .expect("resolve");
    assert_eq!(resolved.region, "us-east-1");
    let outcome = runtime.block_on(send(&client, "ListUsers", b"{}", true, &interrupt));
    assert_eq!(outcome.result.expect("success").json().unwrap()["ok"], 1);
    assert_eq!(outcome.attempts.len(), 2);
    let outcome = runtime.block_on(send(&client, "ListUsers", b"{}", true, &interrupt));
    assert!(outcome.result.is_ok());
    assert_eq!(server.hits(), 3);
    drop(server);
}

// ---------------------------------------------------------------------------------------------
// AWS client conventions: redirects, retry quota, Retry-After, clock skew.

#[tokio::test]
async fn a_redirect_is_an_error_and_is_never_followed() {
    let elsewhere = TestServer::start(vec![json_reply(200, "OK", "{}")]).await;
    let location = format!("{}/stolen", elsewhere.url());
    let server = TestServer::start(vec![reply(
        307,
        "Temporary Redirect",
        &[("location", location.as_str())],
        b"",
    )])
    .await;
    let mut s = settings(&server.url());
    s.credentials = Some(StaticCredentials::new(AKID, SECRET, Some(TOKEN.into())));
    let outcome = call(&Client::new(s, service()), "AdminCreateUser", "{}").await;
    let err = outcome.result.expect_err("a redirect is an error");
    assert_eq!(err.kind(), "InvalidResponseError");
    assert_eq!(err.status(), Some(307));
    assert!(err.to_string().contains(&location), "{err}");
    assert_eq!(server.hits(), 1, "not retried");
    assert_eq!(elsewhere.hits(), 0, "nothing went to the redirect target");
}

#[tokio::test]
async fn type_in_a_success_body_is_an_error() {
    let server = TestServer::start(vec![json_reply(
        200,
        "OK",
        r#"{"__type":"com.amazonaws.cognito#NotAuthorizedException","message":"nope"}"#,
    )])
    .await;
    let outcome = call(&Client::new(settings(&server.url()), service()), "X", "{}").await;
    let err = outcome.result.expect_err("an error body is an error");
    assert_eq!(err.kind(), "NotAuthorizedException");
    assert_eq!(err.message(), "nope");
}

#[tokio::test]
async fn the_retry_quota_stops_retries_when_spent_and_refills_on_success() {
    use crate::aws::retry::{QUOTA_CAPACITY, RETRY_COST};
    let server = TestServer::start(vec![error_reply(500, "InternalErrorException", "down")]).await;
    let client = Client::new(settings(&server.url()), service());
    // Each failing call takes two retries (3 attempts) until the bucket is empty.
    let calls = QUOTA_CAPACITY / (2 * RETRY_COST);
    for _ in 0..calls {
        let outcome = call(&client, "ListUserPools", "{}").await;
        assert_eq!(outcome.attempts.len(), 3);
    }
    assert_eq!(client.retry_quota(), 0);
    let before = server.hits();
    let outcome = call(&client, "ListUserPools", "{}").await;
    assert_eq!(outcome.attempts.len(), 1, "no token left for a retry");
    assert_eq!(server.hits(), before + 1);
    assert_eq!(
        outcome.result.expect_err("still failing").kind(),
        "InternalErrorException"
    );

    let ok = TestServer::start(vec![json_reply(200, "OK", "{}")]).await;
    let healthy = client.with_overrides(None, None, Some(ok.url()));
    call(&healthy, "ListUserPools", "{}")
        .await
        .result
        .expect("ok");
    assert_eq!(
        client.retry_quota(),
        1,
        "a first-attempt success gives a token back"
    );
}

#[tokio::test]
async fn retry_after_replaces_the_backoff() {
    let server = TestServer::start(vec![
        reply(503, "Service Unavailable", &[("retry-after", "0")], b""),
        json_reply(200, "OK", r#"{"ok":true}"#),
    ])
    .await;
    let mut s = settings(&server.url());
    // A backoff this long would outlast the test's bound: only Retry-After can be obeyed.
    s.retry_base = Some(Duration::from_secs(3600));
    let client = Client::new(s, service());
    let outcome = tokio::time::timeout(
        Duration::from_secs(60),
        call(&client, "ListUserPools", "{}"),
    )
    .await
    .expect("Retry-After: 0 is obeyed instead of an hour-long backoff");
    assert_eq!(
        outcome.result.expect("second attempt").json().unwrap(),
        json!({"ok": true})
    );
    assert_eq!(outcome.attempts.len(), 2);
}

/// `X-Amz-Date` (`20261201T134104Z`) as seconds since the epoch.
fn amz_date_secs(text: &str) -> u64 {
    let http = format!(
        "Xxx, {} {} {} {}:{}:{} GMT",
        &text[6..8],
        [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"
        ][text[4..6].parse::<usize>().expect("month") - 1],
        &text[0..4],
        &text[9..11],
        &text[11..13],
        &text[13..15]
    );
    crate::aws::clock::parse_http_date(&http)
        .expect("date")
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs()
}

#[tokio::test]
async fn a_skew_error_is_retried_with_the_servers_clock() {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    let server_now = now + 20 * 60;
    let date = crate::aws::clock::format_http_date(server_now);
    let server = TestServer::start(vec![
        reply(
            400,
            "Bad Request",
            &[
                ("date", date.as_str()),
                ("content-type", "application/x-amz-json-1.1"),
            ],
            br#"{"__type":"InvalidSignatureException","message":"Signature expired: 20261201T000000Z is now earlier than 20261201T001500Z"}"#,
        ),
        json_reply(200, "OK", r#"{"UserPools":[]}"#),
    ])
    .await;
    let mut s = settings(&server.url());
    s.max_attempts = Some(1);
    let outcome = call(&Client::new(s, service()), "ListUserPools", "{}").await;
    assert_eq!(
        outcome
            .result
            .expect("the corrected retry succeeds")
            .json()
            .unwrap(),
        json!({"UserPools": []})
    );
    let first = amz_date_secs(server.request(0).header("x-amz-date").expect("signed"));
    let second = amz_date_secs(server.request(1).header("x-amz-date").expect("signed"));
    assert!(
        first.abs_diff(now) < 120,
        "first attempt used the local clock"
    );
    assert!(
        second.abs_diff(server_now) < 120,
        "the retry is signed with the server's clock ({second} vs {server_now})"
    );
}
