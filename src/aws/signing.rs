//! Builds the JSON-protocol request headers and signs them with SigV4 (aws-sigv4).

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{SignableBody, SignableRequest, SigningSettings, sign};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;
use reqwest::Url;

use super::Service;
use super::errors::AwsError;
use crate::secrets::values::header_shown;

/// The headers of one request, ready to send. Holds the real signature: never print it;
/// use [`redact_headers`] for anything shown.
pub(crate) struct PreparedHeaders(pub(crate) Vec<(String, String)>);

/// `host[:port]` as it goes in the `Host` header (port only when not the scheme's default).
pub(crate) fn host_header(url: &Url) -> String {
    let host = url.host_str().unwrap_or_default();
    match url.port() {
        Some(port) => format!("{host}:{port}"),
        None => host.to_string(),
    }
}

/// Headers for `POST {url}` of `operation`, signed when `credentials` is given.
pub(crate) fn prepare_headers(
    url: &Url,
    service: &Service,
    region: &str,
    operation: &str,
    body: &[u8],
    credentials: Option<&Credentials>,
    time: SystemTime,
) -> Result<PreparedHeaders, AwsError> {
    let mut headers = vec![
        (
            "content-type".to_string(),
            format!("application/x-amz-json-{}", service.json_version),
        ),
        ("host".to_string(), host_header(url)),
        (
            "x-amz-target".to_string(),
            format!("{}.{}", service.target_prefix, operation),
        ),
    ];
    let Some(credentials) = credentials else {
        return Ok(PreparedHeaders(headers));
    };
    let identity: Identity = credentials.clone().into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(&service.signing_name)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| signing_error(&e))?
        .into();
    let signable = SignableRequest::new(
        "POST",
        url.as_str(),
        headers.iter().map(|(k, v)| (k.as_str(), v.as_str())),
        SignableBody::Bytes(body),
    )
    .map_err(|e| signing_error(&e))?;
    let (instructions, _signature) = sign(signable, &params)
        .map_err(|e| signing_error(&e))?
        .into_parts();
    let (signed, _params) = instructions.into_parts();
    for header in signed {
        headers.push((
            header.name().to_ascii_lowercase(),
            header.value().to_string(),
        ));
    }
    Ok(PreparedHeaders(headers))
}

fn signing_error(e: &dyn std::fmt::Display) -> AwsError {
    AwsError::Credentials {
        message: format!("could not sign the request: {e}"),
    }
}

/// The headers as they may be shown: the signature and the session token starred
/// ([`header_shown`]).
pub(crate) fn redact_headers(headers: &[(String, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(name, value)| (name.clone(), header_shown(name, value)))
        .collect()
}
