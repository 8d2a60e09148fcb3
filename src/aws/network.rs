//! What kind of network failure a send met, read from the error's source chain by type
//! (reqwest's, hyper's, rustls's and `std::io`'s errors), never from its text.

use std::error::Error;
use std::io::ErrorKind;

/// How a request failed when no answer came. Everything above the transport reads this kind
/// (Chilkat's `ConnectFailReason`, the exit codes, the messages), never the error's text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkKind {
    /// The host name did not resolve.
    Dns,
    /// The server refused the connection.
    Refused,
    /// Connecting failed for another reason (no route, unreachable).
    Connect,
    /// Connecting took longer than the connect timeout.
    Timeout,
    /// The TLS handshake failed: a certificate, or a peer that does not speak TLS.
    Tls,
    /// The connection was reset or aborted.
    Reset,
    /// The server closed the connection before a whole answer came.
    Closed,
    /// A proxy could not be reached, or broke the tunnel while it was set up.
    Proxy,
    /// The HTTP client itself could not be set up (its certificates).
    Setup,
    /// The request failed otherwise.
    Other,
}

impl NetworkKind {
    /// The kind as the start of a message: `DNS lookup failed (…)`.
    pub fn describe(self) -> &'static str {
        match self {
            NetworkKind::Dns => "DNS lookup failed",
            NetworkKind::Refused => "connection refused",
            NetworkKind::Connect => "could not connect",
            NetworkKind::Timeout => "connect timed out",
            NetworkKind::Tls => "TLS error",
            NetworkKind::Reset => "connection reset",
            NetworkKind::Closed => "connection closed by the server",
            NetworkKind::Proxy => "proxy failed",
            NetworkKind::Setup => "could not set up the HTTP client",
            NetworkKind::Other => "request failed",
        }
    }
}

/// What the source chain of a failed send holds, each found by its type.
#[derive(Default)]
struct Found {
    dns: bool,
    timeout: bool,
    connecting: bool,
    tls: bool,
    closed: bool,
    io: Option<ErrorKind>,
}

/// The kind of `error`, a failed send or body read: walks every source and downcasts.
pub(crate) fn classify(error: &(dyn Error + 'static)) -> NetworkKind {
    let mut found = Found::default();
    let mut source: Option<&(dyn Error + 'static)> = Some(error);
    while let Some(err) = source {
        if let Some(e) = err.downcast_ref::<reqwest::Error>() {
            found.dns |= e.is_dns();
            found.timeout |= e.is_timeout();
            found.connecting |= e.is_connect();
        }
        if let Some(e) = err.downcast_ref::<hyper_util::client::legacy::Error>() {
            found.connecting |= e.is_connect();
        }
        if let Some(e) = err.downcast_ref::<hyper::Error>() {
            found.timeout |= e.is_timeout();
            found.closed |= e.is_incomplete_message() || e.is_closed() || e.is_canceled();
        }
        found.tls |= err.is::<rustls::Error>();
        let io = err.downcast_ref::<std::io::Error>();
        if let Some(e) = io {
            // The innermost I/O error is the one the socket reported.
            found.io = Some(e.kind());
        }
        // An I/O error's `source()` skips the error it wraps (tokio-rustls puts rustls's there):
        // step into it instead; its own sources follow.
        source = match io.and_then(std::io::Error::get_ref) {
            Some(inner) => Some(inner),
            None => err.source(),
        };
    }
    found.kind()
}

impl Found {
    fn kind(&self) -> NetworkKind {
        let io = self.io;
        if self.dns {
            NetworkKind::Dns
        } else if self.timeout || io == Some(ErrorKind::TimedOut) {
            NetworkKind::Timeout
        } else if self.tls || (self.connecting && io == Some(ErrorKind::InvalidData)) {
            // tokio-rustls reports a failed handshake as InvalidData around rustls's error.
            NetworkKind::Tls
        } else if io == Some(ErrorKind::ConnectionRefused) {
            NetworkKind::Refused
        } else if matches!(
            io,
            Some(ErrorKind::ConnectionReset | ErrorKind::ConnectionAborted | ErrorKind::BrokenPipe)
        ) {
            NetworkKind::Reset
        } else if self.closed || io == Some(ErrorKind::UnexpectedEof) {
            NetworkKind::Closed
        } else if self.connecting {
            NetworkKind::Connect
        } else {
            NetworkKind::Other
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An error with a source, as libraries wrap one another's errors.
    #[derive(Debug)]
    struct Wrapped(&'static str, Box<dyn Error + Send + Sync>);

    impl std::fmt::Display for Wrapped {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str(self.0)
        }
    }

    impl Error for Wrapped {
        fn source(&self) -> Option<&(dyn Error + 'static)> {
            Some(self.1.as_ref())
        }
    }

    fn io(kind: ErrorKind) -> Box<dyn Error + Send + Sync> {
        // The text says something else on purpose: only the kind counts.
        Box::new(std::io::Error::new(kind, "dns error: tls handshake"))
    }

    #[test]
    fn io_kinds_deep_in_the_chain_decide() {
        let cases = [
            (ErrorKind::ConnectionRefused, NetworkKind::Refused),
            (ErrorKind::ConnectionReset, NetworkKind::Reset),
            (ErrorKind::ConnectionAborted, NetworkKind::Reset),
            (ErrorKind::BrokenPipe, NetworkKind::Reset),
            (ErrorKind::TimedOut, NetworkKind::Timeout),
            (ErrorKind::UnexpectedEof, NetworkKind::Closed),
            (ErrorKind::InvalidData, NetworkKind::Other),
            (ErrorKind::PermissionDenied, NetworkKind::Other),
        ];
        for (kind, expected) in cases {
            let chain = Wrapped("outer", Box::new(Wrapped("middle", io(kind))));
            assert_eq!(classify(&chain), expected, "{kind:?}");
        }
    }

    #[test]
    fn a_rustls_error_anywhere_is_tls() {
        let inner = std::io::Error::new(
            ErrorKind::InvalidData,
            rustls::Error::InvalidCertificate(rustls::CertificateError::Expired),
        );
        let chain = Wrapped("connection refused", Box::new(inner));
        assert_eq!(classify(&chain), NetworkKind::Tls);
    }

    #[test]
    fn text_alone_decides_nothing() {
        let text: Box<dyn Error + Send + Sync> =
            "dns error: connection refused: certificate: tls handshake".into();
        assert_eq!(
            classify(&Wrapped("request failed", text)),
            NetworkKind::Other
        );
    }

    #[test]
    fn every_kind_reads_as_words() {
        let all = [
            NetworkKind::Dns,
            NetworkKind::Refused,
            NetworkKind::Connect,
            NetworkKind::Timeout,
            NetworkKind::Tls,
            NetworkKind::Reset,
            NetworkKind::Closed,
            NetworkKind::Proxy,
            NetworkKind::Setup,
            NetworkKind::Other,
        ];
        let words: std::collections::BTreeSet<&str> = all.iter().map(|k| k.describe()).collect();
        assert_eq!(words.len(), all.len());
    }
}
