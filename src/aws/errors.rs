//! `AwsError` and decoding of error responses (JSON `__type`, headers, XML and HTML bodies).

use std::time::Duration;

use serde_json::Value;

use super::network::NetworkKind;
use super::retry;

/// Everything that can go wrong in a call. No variant ever carries a secret.
#[derive(Debug, thiserror::Error)]
pub enum AwsError {
    /// The service answered with an error.
    #[error("{kind}: {message} (HTTP {status}{})", request_id_suffix(.request_id))]
    Service {
        kind: String,
        message: String,
        status: u16,
        request_id: Option<String>,
        retryable: bool,
    },
    /// No answer came: DNS, connection refused or reset, TLS, …; `kind` says which (read from
    /// the error's type), the message says it in words with the details.
    #[error("network error: {message}")]
    Network { kind: NetworkKind, message: String },
    /// The proxy refused the CONNECT tunnel (407, 403, …): another attempt would be refused
    /// alike, so it is not retried. A network error by its type and exit code.
    #[error("network error: {message}")]
    ProxyRefused { message: String },
    /// An attempt took longer than the request timeout.
    #[error("request timed out after {}", format_duration(*.after))]
    Timeout { after: Duration },
    /// No credentials, or credentials that could not be used.
    #[error("{message}")]
    Credentials { message: String },
    /// No region was configured anywhere.
    #[error("{message}")]
    Region { message: String },
    /// A bad endpoint URL, or plain http on a non-loopback host without `--allow-http`.
    #[error("{message}")]
    Endpoint { message: String },
    /// A 2xx response whose body is not JSON, is truncated, or is larger than the cap.
    #[error("invalid response (HTTP {status}): {message}")]
    InvalidResponse { status: u16, message: String },
    /// Ctrl-C or SIGTERM arrived while the call was in flight.
    #[error("interrupted")]
    Interrupted,
}

fn request_id_suffix(id: &Option<String>) -> String {
    id.as_ref()
        .map(|id| format!(", request id {id}"))
        .unwrap_or_default()
}

/// `250 ms`, `1.5 s`, `60 s`.
pub(crate) fn format_duration(d: Duration) -> String {
    if d < Duration::from_secs(1) {
        format!("{} ms", d.as_millis())
    } else if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

impl AwsError {
    /// The error type: the service's (e.g. `UserNotFoundException`) or `NetworkError`,
    /// `TimeoutError`, `CredentialsError`, `RegionError`, `EndpointError`, `InvalidResponseError`, `Interrupted`.
    pub fn kind(&self) -> &str {
        match self {
            AwsError::Service { kind, .. } => kind,
            AwsError::Network { .. } | AwsError::ProxyRefused { .. } => "NetworkError",
            AwsError::Timeout { .. } => "TimeoutError",
            AwsError::Credentials { .. } => "CredentialsError",
            AwsError::Region { .. } => "RegionError",
            AwsError::Endpoint { .. } => "EndpointError",
            AwsError::InvalidResponse { .. } => "InvalidResponseError",
            AwsError::Interrupted => "Interrupted",
        }
    }

    /// Whether another attempt might succeed (throttling, 5xx, network failures, timeouts).
    pub fn retryable(&self) -> bool {
        match self {
            AwsError::Service { retryable, .. } => *retryable,
            AwsError::Network { .. } | AwsError::Timeout { .. } => true,
            _ => false,
        }
    }

    /// The HTTP status, when a response arrived.
    pub fn status(&self) -> Option<u16> {
        match self {
            AwsError::Service { status, .. } | AwsError::InvalidResponse { status, .. } => {
                Some(*status)
            }
            _ => None,
        }
    }

    /// The service's request id, when it sent one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            AwsError::Service { request_id, .. } => request_id.as_deref(),
            _ => None,
        }
    }

    /// The human-readable message without the kind prefix.
    pub fn message(&self) -> String {
        match self {
            AwsError::Service { message, .. } => message.clone(),
            AwsError::Network { message, .. }
            | AwsError::Credentials { message }
            | AwsError::Region { message }
            | AwsError::Endpoint { message }
            | AwsError::InvalidResponse { message, .. } => message.clone(),
            other => other.to_string(),
        }
    }
}

/// An error and its sources as one line (`a: b: c`), repeated parts dropped, at most 500 chars.
pub(crate) fn error_chain(err: &dyn std::error::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    let mut current: Option<&dyn std::error::Error> = Some(err);
    while let Some(e) = current {
        let text = e.to_string();
        if !parts.iter().any(|p| p.contains(&text)) {
            parts.push(text);
        }
        current = e.source();
    }
    shorten(&collapse_ws(&parts.join(": ")), 500)
}

/// Longest message kept from a JSON error body.
const MAX_MESSAGE_CHARS: usize = 1000;
/// Longest excerpt kept from an HTML or text body.
const MAX_EXCERPT_CHARS: usize = 200;

/// Turns a non-2xx response into [`AwsError::Service`]. `header` looks up a response header
/// (case-insensitively); `body` may be JSON, XML, HTML, text, empty or cut at the size cap.
pub fn decode_error_response(
    status: u16,
    header: &dyn Fn(&str) -> Option<String>,
    body: &[u8],
) -> AwsError {
    let text = String::from_utf8_lossy(body);
    let trimmed = text.trim();
    let mut kind: Option<String> = None;
    let mut message: Option<String> = None;
    let mut request_id = header("x-amzn-requestid").or_else(|| header("x-amz-request-id"));

    if let Ok(Value::Object(map)) = serde_json::from_str::<Value>(trimmed) {
        let text_of = |key: &str| map.get(key).and_then(Value::as_str).map(str::to_string);
        kind = text_of("__type")
            .or_else(|| text_of("code"))
            .or_else(|| text_of("Code"))
            .map(|t| clean_type(&t))
            .filter(|t| !t.is_empty());
        message = text_of("message")
            .or_else(|| text_of("Message"))
            .or_else(|| text_of("errorMessage"))
            .map(|m| shorten(&collapse_ws(&m), MAX_MESSAGE_CHARS));
    } else if looks_like_html(trimmed) {
        message = tag_text(trimmed, "title")
            .map(|t| shorten(&collapse_ws(&t), MAX_EXCERPT_CHARS))
            .filter(|t| !t.is_empty())
            .or_else(|| excerpt(&strip_tags(trimmed)));
    } else if trimmed.starts_with('<') {
        kind = tag_text(trimmed, "Code")
            .map(|c| clean_type(&c))
            .filter(|c| !c.is_empty());
        message = tag_text(trimmed, "Message")
            .map(|m| shorten(&collapse_ws(&m), MAX_MESSAGE_CHARS))
            .filter(|m| !m.is_empty())
            .or_else(|| excerpt(&strip_tags(trimmed)));
        if request_id.is_none() {
            request_id = tag_text(trimmed, "RequestId").filter(|r| !r.is_empty());
        }
    } else if !trimmed.is_empty() {
        message = excerpt(trimmed);
    }

    let kind = kind
        .or_else(|| {
            header("x-amzn-errortype")
                .map(|t| clean_type(&t))
                .filter(|t| !t.is_empty())
        })
        .unwrap_or_else(|| kind_from_status(status));
    let mut message = message.unwrap_or_else(|| match reason(status) {
        Some(r) => format!("HTTP {status} {r}"),
        None => format!("HTTP {status}"),
    });
    if let Some(hint) = hint_for(&kind) {
        message.push_str(hint);
    }
    let retryable = retry::is_retryable(&kind, status);
    AwsError::Service {
        kind,
        message,
        status,
        request_id: request_id.map(|r| shorten(&collapse_ws(&r), 100)),
        retryable,
    }
}

/// Decodes a 2xx body: empty is `{}`, otherwise it must be JSON.
pub fn decode_success_body(
    status: u16,
    body: &[u8],
    limits: super::limited_json::ResponseLimits,
) -> Result<Value, AwsError> {
    build_success_body(status, body, limits, &super::limited_json::Json)
}

/// [`decode_success_body`] into what `builder` builds.
pub fn build_success_body<B: super::limited_json::Build>(
    status: u16,
    body: &[u8],
    limits: super::limited_json::ResponseLimits,
    builder: &B,
) -> Result<B::Value, AwsError> {
    use super::limited_json::{DecodeError, build};
    if body.iter().all(u8::is_ascii_whitespace) {
        return Ok(builder.end_map(builder.map()));
    }
    build(body, limits, builder).map_err(|e| AwsError::InvalidResponse {
        status,
        message: match e {
            DecodeError::Over(over) => over.to_string(),
            DecodeError::Json(e) => json_error(&e, body),
        },
    })
}

/// What is wrong with a body that is not JSON.
fn json_error(e: &serde_json::Error, body: &[u8]) -> String {
    if e.is_eof() {
        format!(
            "truncated JSON: the body ended early after {} bytes",
            body.len()
        )
    } else {
        let start =
            excerpt(&String::from_utf8_lossy(&body[..body.len().min(40)])).unwrap_or_default();
        format!("the body is not valid JSON ({e}); it starts with {start:?}")
    }
}

/// `aws.protocoltests#FooError:http://internal` -> `FooError`.
fn clean_type(raw: &str) -> String {
    let after_hash = raw.rsplit('#').next().unwrap_or(raw);
    let before_colon = after_hash.split(':').next().unwrap_or(after_hash);
    shorten(before_colon.trim(), 100)
}

fn hint_for(kind: &str) -> Option<&'static str> {
    match kind {
        "SignatureDoesNotMatch"
        | "InvalidSignatureException"
        | "IncompleteSignature"
        | "IncompleteSignatureException" => Some(
            " (hint: check the secret access key, and that the system clock is correct: \
             signatures are only valid for a few minutes)",
        ),
        "InvalidClientTokenId" | "UnrecognizedClientException" => Some(
            " (hint: check the access key ID, the session token, and that the region and \
             endpoint are the ones the credentials belong to)",
        ),
        _ => None,
    }
}

fn kind_from_status(status: u16) -> String {
    match reason(status) {
        Some(r) => r
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(|w| {
                let mut chars = w.chars();
                match chars.next() {
                    Some(first) => first.to_ascii_uppercase().to_string() + chars.as_str(),
                    None => String::new(),
                }
            })
            .collect(),
        None => format!("Http{status}Error"),
    }
}

fn reason(status: u16) -> Option<&'static str> {
    reqwest::StatusCode::from_u16(status)
        .ok()
        .and_then(|s| s.canonical_reason())
}

fn looks_like_html(text: &str) -> bool {
    let head: String = text
        .chars()
        .take(512)
        .collect::<String>()
        .to_ascii_lowercase();
    head.contains("<!doctype html") || head.contains("<html") || head.contains("<title")
}

/// The text of the first `<tag>…</tag>` (case-insensitive, attributes allowed), entities decoded.
fn tag_text(text: &str, tag: &str) -> Option<String> {
    let lower = text.to_ascii_lowercase();
    let tag = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(&format!("<{tag}")) {
        let start = from + pos;
        let after_name = start + tag.len() + 1;
        let next = lower.as_bytes().get(after_name).copied();
        if matches!(
            next,
            Some(b'>') | Some(b' ') | Some(b'\t') | Some(b'\n') | Some(b'\r')
        ) {
            let open_end = lower[after_name..].find('>')? + after_name + 1;
            let close = lower[open_end..].find(&format!("</{tag}"))? + open_end;
            return Some(decode_entities(text.get(open_end..close)?.trim()));
        }
        from = after_name;
    }
    None
}

fn strip_tags(text: &str) -> String {
    // ASCII lowercasing keeps byte offsets, and `<`/`>` are ASCII, so indices stay on boundaries.
    let lower = text.to_ascii_lowercase();
    let mut out = String::new();
    let mut i = 0;
    while i < text.len() && out.len() < 64 * 1024 {
        let Some(p) = text[i..].find('<') else {
            out.push_str(&text[i..]);
            break;
        };
        out.push_str(&text[i..i + p]);
        out.push(' ');
        let start = i + p;
        // Drop <script>, <style> and <title> contents wholesale (the title is used separately).
        let skip = [
            ("<script", "</script>"),
            ("<style", "</style>"),
            ("<title", "</title>"),
        ]
        .into_iter()
        .find(|(open, _)| lower[start..].starts_with(open));
        i = match skip {
            Some((_, close)) => lower[start..]
                .find(close)
                .map_or(text.len(), |q| start + q + close.len()),
            None => text[start..]
                .find('>')
                .map_or(text.len(), |q| start + q + 1),
        };
    }
    decode_entities(&out)
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

fn collapse_ws(text: &str) -> String {
    text.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control())
        .collect()
}

fn excerpt(text: &str) -> Option<String> {
    let short = shorten(&collapse_ws(text), MAX_EXCERPT_CHARS);
    (!short.is_empty()).then_some(short)
}

fn shorten(text: &str, max_chars: usize) -> String {
    if text.chars().count() <= max_chars {
        text.to_string()
    } else {
        let mut s: String = text.chars().take(max_chars).collect();
        s.push('…');
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_headers(_: &str) -> Option<String> {
        None
    }

    #[test]
    fn type_cleanup() {
        assert_eq!(
            clean_type("com.amazon#UserNotFoundException"),
            "UserNotFoundException"
        );
        assert_eq!(
            clean_type("ValidationException:http://x/y"),
            "ValidationException"
        );
        assert_eq!(clean_type("a#b#Thing:c:d"), "Thing");
    }

    #[test]
    fn json_error() {
        let e = decode_error_response(
            400,
            &no_headers,
            br#"{"__type":"x#ResourceNotFoundException","message":"no pool"}"#,
        );
        assert_eq!(e.kind(), "ResourceNotFoundException");
        assert_eq!(e.message(), "no pool");
        assert!(!e.retryable());
    }

    #[test]
    fn header_type_and_status_fallback() {
        let h = |n: &str| (n == "x-amzn-errortype").then(|| "ThrottlingException:http://x".into());
        let e = decode_error_response(400, &h, b"");
        assert_eq!(e.kind(), "ThrottlingException");
        assert!(e.retryable());
        let e = decode_error_response(503, &no_headers, b"");
        assert_eq!(e.kind(), "ServiceUnavailable");
        assert!(e.retryable());
    }

    #[test]
    fn html_script_is_skipped() {
        let e = decode_error_response(
            502,
            &no_headers,
            b"<html><script>var x = 1;</script><body><p>Bad &amp; gateway</p></body></html>",
        );
        assert_eq!(e.kind(), "BadGateway");
        assert_eq!(e.message(), "Bad & gateway");
    }
}
