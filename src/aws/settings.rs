//! Client settings (flags and environment) and their defaults.

use std::fmt;
use std::time::Duration;

/// Attempts per call when neither the settings nor `AWS_MAX_ATTEMPTS` say otherwise.
pub const DEFAULT_MAX_ATTEMPTS: u32 = 3;
/// Whole-request timeout per attempt.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Connect timeout.
pub const DEFAULT_CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// Largest response body accepted.
pub const DEFAULT_MAX_RESPONSE_BYTES: usize = 32 * 1024 * 1024;
/// Base delay of the exponential backoff.
pub const DEFAULT_RETRY_BASE: Duration = Duration::from_millis(100);

/// How a [`crate::aws::Client`] finds its region, endpoint and credentials, and how it sends.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// Region; `None` falls back to `AWS_REGION`, `AWS_DEFAULT_REGION`, then the profile.
    pub region: Option<String>,
    /// Named profile; `None` falls back to `AWS_PROFILE`, then `default`.
    pub profile: Option<String>,
    /// Endpoint URL overriding every other endpoint source.
    pub endpoint_url: Option<String>,
    /// Allow `http://` endpoints on hosts that are not loopback.
    pub allow_http: bool,
    /// Use the FIPS endpoint (also `AWS_USE_FIPS_ENDPOINT=true`).
    pub use_fips: bool,
    /// Total attempts per call; `None` -> `AWS_MAX_ATTEMPTS` -> 3.
    pub max_attempts: Option<u32>,
    /// Whole-request timeout per attempt; default 60 s.
    pub timeout: Option<Duration>,
    /// Connect timeout; default 10 s.
    pub connect_timeout: Option<Duration>,
    /// Resolve region and credentials without touching the network (no SSO, IMDS or
    /// `credential_process`): the call service sets it for a dry run, where nothing is sent.
    pub offline: bool,
    /// Largest response body accepted; default 32 MiB.
    pub max_response_bytes: Option<usize>,
    /// Explicit credentials, bypassing the credential chain (tests, embedders).
    pub credentials: Option<StaticCredentials>,
    /// Base delay of the retry backoff; `None` -> `POOLER_RETRY_BASE_MS` -> 100 ms.
    pub retry_base: Option<Duration>,
    /// Retry mode; `None` -> `AWS_RETRY_MODE` -> the profile's `retry_mode` -> standard.
    pub retry_mode: Option<super::RetryMode>,
    /// The array, map and string limits a response body is decoded under; `None`: the
    /// scripts' defaults.
    pub response_limits: Option<super::limited_json::ResponseLimits>,
    /// `-v`: error messages may show more (a failing `credential_process`'s stderr, redacted).
    pub verbose: bool,
}

impl Settings {
    /// Total attempts per call (at least 1): the setting, `AWS_MAX_ATTEMPTS`, then 3; a bad
    /// `AWS_MAX_ATTEMPTS` is an error naming it.
    pub fn effective_max_attempts(
        &self,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<u32, String> {
        self.attempts_with(env, None, super::RetryMode::Standard)
    }

    /// Total attempts: the setting, `AWS_MAX_ATTEMPTS`, the profile's `max_attempts`, then the
    /// retry mode's default.
    pub(crate) fn attempts_with(
        &self,
        env: &dyn Fn(&str) -> Option<String>,
        profile: Option<u32>,
        mode: super::RetryMode,
    ) -> Result<u32, String> {
        let default = if mode == super::RetryMode::Standard {
            DEFAULT_MAX_ATTEMPTS
        } else {
            mode.default_attempts()
        };
        let (_, from_env) = super::retry_settings::from_environment(env)?;
        Ok(self
            .max_attempts
            .or(from_env)
            .or(profile)
            .unwrap_or(default)
            .max(1))
    }

    /// The retry mode: the setting, `AWS_RETRY_MODE`, the profile's `retry_mode`, standard.
    pub(crate) fn mode_with(
        &self,
        env: &dyn Fn(&str) -> Option<String>,
        profile: Option<super::RetryMode>,
    ) -> Result<super::RetryMode, String> {
        let (from_env, _) = super::retry_settings::from_environment(env)?;
        Ok(self.retry_mode.or(from_env).or(profile).unwrap_or_default())
    }

    /// Whole-request timeout per attempt.
    pub fn effective_timeout(&self) -> Duration {
        self.timeout.unwrap_or(DEFAULT_TIMEOUT)
    }

    /// Connect timeout.
    pub fn effective_connect_timeout(&self) -> Duration {
        self.connect_timeout.unwrap_or(DEFAULT_CONNECT_TIMEOUT)
    }

    /// Largest response body accepted.
    pub fn effective_max_response_bytes(&self) -> usize {
        self.max_response_bytes
            .unwrap_or(DEFAULT_MAX_RESPONSE_BYTES)
    }

    /// Base delay of the retry backoff.
    pub fn effective_retry_base(&self, env: &dyn Fn(&str) -> Option<String>) -> Duration {
        self.retry_base
            .or_else(|| {
                env("POOLER_RETRY_BASE_MS")
                    .and_then(|v| v.trim().parse().ok())
                    .map(Duration::from_millis)
            })
            .unwrap_or(DEFAULT_RETRY_BASE)
    }
}

/// An access key pair (and optional session token) given explicitly. Debug never shows secrets.
#[derive(Clone, PartialEq, Eq)]
pub struct StaticCredentials {
    /// Access key ID (not secret; appears in the `Authorization` credential scope).
    pub access_key_id: String,
    /// Secret access key.
    pub secret_access_key: String,
    /// Session token of temporary credentials.
    pub session_token: Option<String>,
}

impl StaticCredentials {
    /// Credentials from their parts.
    pub fn new(
        access_key_id: impl Into<String>,
        secret_access_key: impl Into<String>,
        session_token: Option<String>,
    ) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            secret_access_key: secret_access_key.into(),
            session_token,
        }
    }
}

impl fmt::Debug for StaticCredentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("StaticCredentials")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"** redacted **")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "** redacted **"),
            )
            .finish()
    }
}

/// Reads the real process environment, treating empty values as unset.
pub(crate) fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok().filter(|v| !v.trim().is_empty())
}
