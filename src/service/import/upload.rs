//! The upload of one CSV piece to the presigned URL CreateUserImportJob returned: an HTTP PUT
//! with the `x-amz-server-side-encryption: aws:kms` header the Cognito guide's upload example
//! sends (the URL is signed for it). The URL's query holds a signature: it is never shown.

use std::time::Duration;

/// The headers the upload carries besides `Content-Length`.
pub const UPLOAD_HEADERS: &[(&str, &str)] = &[("x-amz-server-side-encryption", "aws:kms")];

/// The URL without its query (which holds the signature), for messages.
pub fn shown_url(url: &str) -> &str {
    url.split('?').next().unwrap_or_default()
}

/// PUTs `body` to `url`; an error says what went wrong without the URL's signature.
pub fn put(url: &str, body: Vec<u8>, timeout: Duration) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("upload: {e}"))?;
    runtime.block_on(async {
        let secure = url.starts_with("https://");
        let builder = reqwest::Client::builder()
            .timeout(timeout)
            .user_agent(concat!("pooler/", env!("CARGO_PKG_VERSION")));
        let builder = if secure {
            builder
        } else {
            builder.tls_certs_only(std::iter::empty())
        };
        let client = builder.build().map_err(|e| format!("upload: {e}"))?;
        let mut request = client.put(url).body(body);
        for (name, value) in UPLOAD_HEADERS {
            request = request.header(*name, *value);
        }
        let response = request
            .send()
            .await
            .map_err(|e| format!("upload to {} failed: {}", shown_url(url), e.without_url()))?;
        let status = response.status();
        if status.is_success() {
            return Ok(());
        }
        let text = response.text().await.unwrap_or_default();
        let excerpt: String = text.chars().take(200).collect();
        Err(format!(
            "upload to {} failed: HTTP {}: {}",
            shown_url(url),
            status.as_u16(),
            excerpt.trim()
        ))
    })
}
