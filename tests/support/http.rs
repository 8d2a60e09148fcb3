//! The HTTP/1.1 both ends of the in-process test servers speak: read one request (request
//! line, headers, a `Content-Length` body) and write one `Connection: close` response.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;

/// The operation an `X-Amz-Target` value names:
/// `AWSCognitoIdentityProviderService.AdminCreateUser` → `AdminCreateUser`.
pub fn operation_of(target: &str) -> &str {
    target.rsplit('.').next().unwrap_or_default()
}

/// One request as a test server received it.
pub struct Request {
    pub method: String,
    pub path: String,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Request {
    /// A header's value (names compare without case).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// The operation named by `X-Amz-Target` (`AdminCreateUser`), or "".
    pub fn operation(&self) -> &str {
        operation_of(self.header("x-amz-target").unwrap_or_default())
    }

    /// The body as JSON (`null` when it is not).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_slice(&self.body).unwrap_or_default()
    }
}

/// Reads one request; `None` when the peer closed or sent something cut short.
pub fn read_request(stream: &TcpStream) -> Option<Request> {
    let mut reader = BufReader::new(stream.try_clone().ok()?);
    let mut line = String::new();
    reader.read_line(&mut line).ok()?;
    if line.is_empty() {
        return None;
    }
    let mut parts = line.split_whitespace();
    let method = parts.next().unwrap_or_default().to_string();
    let path = parts.next().unwrap_or_default().to_string();
    let mut headers = Vec::new();
    let mut length = 0;
    loop {
        let mut h = String::new();
        reader.read_line(&mut h).ok()?;
        let h = h.trim_end();
        if h.is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            if k.eq_ignore_ascii_case("content-length") {
                length = v.trim().parse().unwrap_or(0);
            }
            headers.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    let mut body = vec![0; length];
    reader.read_exact(&mut body).ok()?;
    Some(Request {
        method,
        path,
        headers,
        body,
    })
}

/// Writes one response with `headers` (besides `Content-Length` and `Connection: close`).
pub fn write_response(mut stream: &TcpStream, status: u16, headers: &[(&str, &str)], body: &[u8]) {
    let mut head = format!(
        "HTTP/1.1 {status} X\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for (k, v) in headers {
        head.push_str(&format!("{k}: {v}\r\n"));
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(body);
    let _ = stream.flush();
}

/// The content type of the AWS JSON protocol, for replies.
pub const AMZ_JSON: (&str, &str) = ("Content-Type", "application/x-amz-json-1.1");
