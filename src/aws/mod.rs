//! The AWS JSON-protocol client: credentials, endpoints, SigV4 signing, sending and retrying.
//!
//! This layer knows nothing about Rhai or the Cognito model: callers pass the operation name,
//! the serialized JSON body and the [`Service`] metadata, and get a checked JSON body (an
//! [`Answer`], decoded by the caller into what it needs) or an [`AwsError`] back.

mod answer;
mod client;
pub mod clock;
mod credentials;
pub mod endpoint;
pub mod errors;
pub mod json_text;
pub mod limited_json;
mod network;
mod profile;
mod proxy;
pub mod retry;
pub mod retry_settings;
mod settings;
mod signing;
pub mod upload;

pub use answer::Answer;
pub(crate) use client::Request;
pub use client::{Attempt, Client, Gate, Outcome, Resolved, SignedRequest, Ungated};
pub use endpoint::{EndpointConfig, choose_endpoint, validate_endpoint};
pub use errors::AwsError;
pub use json_text::JsonText;
pub use limited_json::{Build, Json, ResponseLimits, Unread};
pub use network::NetworkKind;
pub(crate) use profile::Profiles;
pub use retry::RetryMode;
pub use settings::{Settings, StaticCredentials};

/// The shared config file: `AWS_CONFIG_FILE`, else `~/.aws/config` (read through `env`).
pub(crate) fn shared_config_path(
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<std::path::PathBuf> {
    profile::config_path(env, "AWS_CONFIG_FILE", "config")
}

/// What the client needs to know about the service it talks to (from the API model's metadata).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Service {
    /// SigV4 signing name, e.g. `cognito-idp`.
    pub signing_name: String,
    /// `X-Amz-Target` prefix, e.g. `AWSCognitoIdentityProviderService`.
    pub target_prefix: String,
    /// JSON protocol version, e.g. `1.1` (gives `application/x-amz-json-1.1`).
    pub json_version: String,
    /// Host prefix of the default endpoint, e.g. `cognito-idp`.
    pub endpoint_prefix: String,
    /// Service part of `AWS_ENDPOINT_URL_{env_name}`, e.g. `COGNITO_IDENTITY_PROVIDER`.
    pub env_name: String,
}

/// Signs one CreateUserPool request for `benches/` (through `crate::bench_support`); returns the
/// header count so nothing secret leaves.
#[doc(hidden)]
pub(crate) fn signing_bench(
    url: &reqwest::Url,
    service: &Service,
    body: &[u8],
    credentials: &aws_credential_types::Credentials,
) -> usize {
    signing::prepare_headers(
        url,
        service,
        "us-west-2",
        "CreateUserPool",
        body,
        Some(credentials),
        std::time::SystemTime::now(),
    )
    .map(|h| h.0.len())
    .unwrap_or(0)
}
