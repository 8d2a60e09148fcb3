//! Names the proxy and its answer when it refuses the CONNECT tunnel to an HTTPS endpoint.
//!
//! reqwest tunnels through the proxy the environment names (`HTTPS_PROXY`, `ALL_PROXY`,
//! `NO_PROXY`), using hyper-util's matcher and tunnel. A refused tunnel comes back as
//! "tunnel error: unsuccessful" (or "proxy authorization required" for a 407): the error keeps
//! neither the proxy nor its status line, and its type is private. So after such a failure
//! pooler finds the proxy with the same matcher, asks it once more with a bare CONNECT (the
//! same credentials, no request, no body) and reads the first line of its answer. The proxy is
//! named by host and port only, never with its credentials.

use std::time::Duration;

use hyper_util::client::proxy::matcher::{Intercept, Matcher};
use reqwest::Url;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

/// Longest status line kept from the proxy's answer.
const MAX_STATUS_CHARS: usize = 200;
/// Longest wait for the second answer (the first one came quickly).
const MAX_WAIT: Duration = Duration::from_secs(5);

/// hyper-util's texts for a proxy that was reached and refused the tunnel.
const REFUSALS: [&str; 4] = [
    "tunnel error: unsuccessful",
    "tunnel error: proxy authorization required",
    "tunnel error: unexpected end of file",
    "tunnel error: proxy response headers too long",
];

/// How a failed send involved a proxy.
enum ProxyFailure {
    /// The proxy answered the CONNECT with something other than 200.
    Refused,
    /// The proxy could not be reached, or the tunnel broke while it was set up.
    Unreachable,
}

/// What a proxy did to a failed send, in words.
pub(super) struct Tunnel {
    /// The proxy, the tunnel's target and, for a refusal, the proxy's status line.
    pub text: String,
    /// The proxy answered and said no: another attempt would be refused alike.
    pub refused: bool,
}

impl Tunnel {
    /// The error for a send that failed this way, `message` naming it whole: a refusal is not
    /// retried, a broken tunnel is (as any network failure).
    pub fn error(&self, message: String) -> super::AwsError {
        if self.refused {
            super::AwsError::ProxyRefused { message }
        } else {
            super::AwsError::Network {
                kind: super::NetworkKind::Proxy,
                message,
            }
        }
    }
}

/// What a proxy did when sending to `destination` failed with `e`; `None` when no proxy was
/// involved.
pub(super) async fn explain(
    e: &reqwest::Error,
    destination: &Url,
    connect_timeout: Duration,
) -> Option<Tunnel> {
    let failure = classify(e)?;
    let text = describe(&failure, destination, connect_timeout).await?;
    Some(Tunnel {
        text,
        refused: matches!(failure, ProxyFailure::Refused),
    })
}

/// Whether `e` failed in the tunnel through a proxy, and how.
fn classify(e: &reqwest::Error) -> Option<ProxyFailure> {
    let mut source: Option<&dyn std::error::Error> = Some(e);
    while let Some(err) = source {
        let text = err.to_string();
        if REFUSALS.contains(&text.as_str()) {
            return Some(ProxyFailure::Refused);
        }
        if text.starts_with("tunnel error: ") {
            return Some(ProxyFailure::Unreachable);
        }
        source = err.source();
    }
    None
}

/// What to say about a tunnel failure to `destination`: the proxy (host:port) and, for a
/// refusal, its status line. `None` when no proxy applies (the environment changed).
async fn describe(
    failure: &ProxyFailure,
    destination: &Url,
    connect_timeout: Duration,
) -> Option<String> {
    let uri: http::Uri = destination.as_str().parse().ok()?;
    let proxy = Matcher::from_system().intercept(&uri)?;
    let name = proxy_name(proxy.uri());
    let target = format!(
        "{}:{}",
        destination.host_str()?,
        destination.port_or_known_default()?
    );
    Some(match failure {
        ProxyFailure::Unreachable => format!("the tunnel through the proxy {name} failed"),
        ProxyFailure::Refused => {
            let wait = connect_timeout.min(MAX_WAIT);
            match tokio::time::timeout(wait, status_line(&proxy, &target)).await {
                Ok(Ok(line)) => {
                    format!("the proxy {name} refused the tunnel to {target}: {line}")
                }
                Ok(Err(why)) => format!(
                    "the proxy {name} refused the tunnel to {target} (asked again for its \
                     status line: {why})"
                ),
                Err(_) => format!(
                    "the proxy {name} refused the tunnel to {target} (asked again for its \
                     status line: no answer within {})",
                    super::errors::format_duration(wait)
                ),
            }
        }
    })
}

/// `host:port` of the proxy: the matcher has already moved any credentials out of the URI.
fn proxy_name(uri: &http::Uri) -> String {
    let host = uri.host().unwrap_or("?");
    let port = uri.port_u16().unwrap_or(match uri.scheme_str() {
        Some("https") => 443,
        _ => 80,
    });
    format!("{host}:{port}")
}

/// Sends one bare CONNECT to an `http://` proxy and returns the first line of its answer.
async fn status_line(proxy: &Intercept, target: &str) -> Result<String, String> {
    let uri = proxy.uri();
    if uri.scheme_str() != Some("http") {
        return Err(format!(
            "not done for a {} proxy",
            uri.scheme_str().unwrap_or("?")
        ));
    }
    let address = proxy_name(uri);
    let mut stream = tokio::net::TcpStream::connect(&address)
        .await
        .map_err(|e| e.to_string())?;
    let mut head = format!("CONNECT {target} HTTP/1.1\r\nHost: {target}\r\n");
    if let Some(auth) = proxy.basic_auth().and_then(|v| v.to_str().ok()) {
        head.push_str(&format!("Proxy-Authorization: {auth}\r\n"));
    }
    head.push_str(concat!(
        "User-Agent: pooler/",
        env!("CARGO_PKG_VERSION"),
        "\r\n\r\n"
    ));
    stream
        .write_all(head.as_bytes())
        .await
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    let mut buf = [0u8; 1024];
    while !answer.contains(&b'\n') && answer.len() < 4096 {
        let n = stream.read(&mut buf).await.map_err(|e| e.to_string())?;
        if n == 0 {
            break;
        }
        answer.extend_from_slice(&buf[..n]);
    }
    let text = String::from_utf8_lossy(&answer);
    let line = text.lines().next().unwrap_or("").trim();
    if line.is_empty() {
        return Err("the proxy closed the connection without a status line".to_string());
    }
    let cut: String = line.chars().take(MAX_STATUS_CHARS).collect();
    Ok(crate::printable::line(&cut).into_owned())
}
