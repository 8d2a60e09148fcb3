//! The import upload: one PUT of a CSV piece to the presigned URL CreateUserImportJob returned,
//! through the client's one HTTP pool (no redirects, so no `Referer` and nothing sent twice).
//! The URL must be `https` to an S3 host (`*.amazonaws.com`, `*.amazonaws.com.cn`), or go to
//! the host of the endpoint the calls go to (an emulator or test server named by
//! `--endpoint-url`, over http if that endpoint is http); `--allow-http` allows plain http and
//! other hosts. `file://` and other schemes are refused. Ctrl-C ends it at once. The URL's query
//! holds a signature: messages show it with every query value starred ([`query_starred`]).

use std::time::{Duration, Instant};

use reqwest::Url;

use crate::secrets::values::query_starred;

use super::client::Client;
use super::errors::{AwsError, error_chain};
use crate::interrupt::Interrupt;

/// What one upload did.
#[derive(Debug)]
pub struct Upload {
    /// HTTP status of the answer, if one arrived.
    pub status: Option<u16>,
    pub result: Result<(), AwsError>,
    pub elapsed: Duration,
}

/// Whether `host` is an AWS host: `amazonaws.com`, `amazonaws.com.cn` or one below them.
pub fn is_aws_host(host: &str) -> bool {
    let host = host.trim_end_matches('.').to_ascii_lowercase();
    ["amazonaws.com", "amazonaws.com.cn"]
        .iter()
        .any(|d| host == *d || host.ends_with(&format!(".{d}")))
}

/// Where an upload may go besides https to an S3 host.
#[derive(Clone, Debug)]
pub struct UploadPolicy {
    /// The endpoint the calls go to: its host is trusted too (an emulator serves both).
    pub endpoint: Url,
    /// `--allow-http`: plain http, and hosts that are not S3.
    pub allow_http: bool,
}

/// The presigned URL, checked against `policy`.
pub fn check_url(url: &str, policy: &UploadPolicy) -> Result<Url, AwsError> {
    let shown = query_starred(url);
    let refused = |why: String| AwsError::Endpoint {
        message: format!("refusing to upload to {shown}: {why}"),
    };
    let parsed = Url::parse(url).map_err(|e| refused(format!("not a URL ({e})")))?;
    let host = parsed.host_str().unwrap_or_default().to_string();
    let endpoint_host = policy
        .endpoint
        .host_str()
        .is_some_and(|h| h.eq_ignore_ascii_case(&host));
    match parsed.scheme() {
        "https" => {}
        "http" if policy.allow_http => {}
        "http" if endpoint_host && policy.endpoint.scheme() == "http" => {}
        "http" => {
            return Err(refused(
                "plain http would send the users' data unencrypted; the service's presigned \
                 URLs are https (pass --allow-http to allow it)"
                    .into(),
            ));
        }
        other => {
            return Err(refused(format!(
                "the scheme `{other}` is not https (uploads go to S3 over https only)"
            )));
        }
    }
    if host.is_empty() {
        return Err(refused("the URL has no host".into()));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(refused("the URL holds a user name or password".into()));
    }
    if !is_aws_host(&host) && !endpoint_host && !policy.allow_http {
        return Err(refused(format!(
            "`{host}` is not an S3 host (*.amazonaws.com) nor the endpoint's host; pass \
             --allow-http to upload elsewhere"
        )));
    }
    Ok(parsed)
}

impl Client {
    /// PUTs `body` to the presigned `url` with `headers`, within `timeout`; an interrupt ends it
    /// at once. A 3xx is an error naming the status and `Location`; nothing is sent again.
    pub(crate) async fn put_presigned(
        &self,
        url: &str,
        headers: &[(&str, &str)],
        body: Vec<u8>,
        timeout: Duration,
        interrupt: &Interrupt,
    ) -> Upload {
        let started = Instant::now();
        let done = |status, result| Upload {
            status,
            result,
            elapsed: started.elapsed(),
        };
        let policy = match self.endpoint().await {
            Ok(endpoint) => UploadPolicy {
                endpoint,
                allow_http: self.settings().allow_http,
            },
            Err(e) => return done(None, Err(e)),
        };
        let parsed = match check_url(url, &policy) {
            Ok(u) => u,
            Err(e) => return done(None, Err(e)),
        };
        let http = match self.http(parsed.scheme() == "https") {
            Ok(h) => h,
            Err(e) => return done(None, Err(e)),
        };
        let destination = parsed.clone();
        let connect_timeout = self.settings().effective_connect_timeout();
        let mut request = http.put(parsed).body(body);
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let send = async {
            let response = match request.send().await {
                Ok(r) => r,
                Err(e) => {
                    let tunnel = super::proxy::explain(&e, &destination, connect_timeout).await;
                    let kind = super::network::classify(&e);
                    let chain = error_chain(&e.without_url());
                    return Err(match tunnel {
                        Some(t) => t.error(format!("upload failed: {} ({chain})", t.text)),
                        None => AwsError::Network {
                            kind,
                            message: format!("upload failed ({chain})"),
                        },
                    });
                }
            };
            let status = response.status().as_u16();
            let location = response
                .headers()
                .get("location")
                .map(|v| query_starred(&String::from_utf8_lossy(v.as_bytes())));
            let text = response.text().await.unwrap_or_default();
            Ok::<_, AwsError>((status, location, text))
        };
        let answer = tokio::select! {
            biased;
            _ = interrupt.wait() => return done(None, Err(AwsError::Interrupted)),
            r = tokio::time::timeout(timeout, send) => match r {
                Ok(r) => r,
                Err(_) => return done(None, Err(AwsError::Timeout { after: timeout })),
            },
        };
        let (status, location, text) = match answer {
            Ok(a) => a,
            Err(e) => return done(None, Err(e)),
        };
        let result = if (200..300).contains(&status) {
            Ok(())
        } else if (300..400).contains(&status) {
            let to = location.map_or("(no Location header)".to_string(), |l| format!("to {l}"));
            Err(AwsError::InvalidResponse {
                status,
                message: format!(
                    "the upload was answered with a redirect {to}; it was not followed and the \
                     file was not sent again"
                ),
            })
        } else {
            let excerpt: String = text.chars().take(200).collect();
            Err(AwsError::InvalidResponse {
                status,
                message: format!("the upload was refused: {}", excerpt.trim()),
            })
        };
        done(Some(status), result)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_https_to_s3_or_the_endpoint_host() {
        let policy = |endpoint: &str, allow_http| UploadPolicy {
            endpoint: Url::parse(endpoint).unwrap(),
            allow_http,
        };
        let aws = policy("https://cognito-idp.us-east-1.amazonaws.com/", false);
        let s3 = "https://bucket.s3.us-east-1.amazonaws.com/key?X-Amz-Signature=s";
        assert!(check_url(s3, &aws).is_ok());
        for bad in [
            "http://bucket.s3.us-east-1.amazonaws.com/key",
            "https://10.1.2.3/key",
            "https://evil.example/key",
            "https://amazonaws.com.evil.example/key",
            "file:///etc/passwd",
            "https://u:p@bucket.s3.amazonaws.com/k",
        ] {
            assert!(check_url(bad, &aws).is_err(), "{bad}");
        }
        let local = policy("http://127.0.0.1:4566/", false);
        assert!(check_url("http://127.0.0.1:9/u?X-Amz-Signature=s", &local).is_ok());
        assert!(check_url("http://10.1.2.3/u", &local).is_err());
        assert!(check_url("http://10.1.2.3/u", &policy("http://127.0.0.1:1/", true)).is_ok());
        let err = check_url("file:///tmp/x?sig=secret", &local)
            .expect_err("file")
            .to_string();
        assert!(err.contains("the scheme `file` is not https"), "{err}");
        assert!(!err.contains("secret"), "{err}");
    }
}
