//! The client: lazy resolution, one shared HTTP pool, send with timeout, retries and interrupts.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use reqwest::Url;
use tokio::sync::OnceCell;

use super::Service;
use super::answer::Answer;
use super::clock::{Skew, is_skew_error};
use super::credentials::{CredentialSource, from_environment, resolve_offline, resolve_real};
use super::endpoint::{EndpointConfig, choose_endpoint, validate_endpoint};
use super::errors::{AwsError, decode_error_response, error_chain};
use super::network::{NetworkKind, classify};
use super::profile::{self, Profiles};
use super::retry::{
    NO_RETRY_INCREMENT, RETRY_COST, RetryMode, RetryQuota, TIMEOUT_RETRY_COST, backoff, retry_after,
};
use super::settings::{Settings, process_env};
use super::signing::{PreparedHeaders, prepare_headers, redact_headers};
use crate::interrupt::Interrupt;

/// A client for one service, region, endpoint and identity. Cheap to create and to clone
/// (clones share the resolved state); nothing is resolved until first use.
#[derive(Clone)]
pub struct Client {
    settings: Settings,
    service: Arc<Service>,
    http: Arc<HttpClients>,
    state: Arc<OnceCell<State>>,
    /// Standard mode's retry quota, shared by every call (and every override) of this client.
    quota: Arc<RetryQuota>,
    /// What the service's clock told us about ours.
    skew: Arc<Skew>,
}

/// The shared HTTP clients, each built on first use: one for `https://` endpoints, with the
/// system's trusted roots, and one for plain `http://` (loopback, or `--allow-http`), which
/// skips loading certificates it would never use (a measurable part of start-up).
#[derive(Default)]
struct HttpClients {
    tls: OnceLock<Result<reqwest::Client, String>>,
    plain: OnceLock<Result<reqwest::Client, String>>,
}

/// What one client resolved, once.
struct State {
    region: String,
    endpoint: Url,
    credentials: CredentialSource,
    /// Attempts per call and retry mode (settings, environment, then the profile).
    max_attempts: u32,
    mode: RetryMode,
    /// Whether attempts were set (settings, environment or profile): then they bound every
    /// attempt, a pacing gate's throttling retries included.
    attempts_set: bool,
}

/// What a client resolved: region, endpoint, and the name of the credential source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub region: String,
    pub endpoint: String,
    pub credentials_source: String,
}

/// A request as it would be sent, with the signature and session token redacted.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SignedRequest {
    pub url: String,
    /// Lower-case names; `authorization` ends in `Signature=***`, `x-amz-security-token` is `***`.
    pub headers: Vec<(String, String)>,
}

/// One operation for [`Client::transmit`]: the serialized JSON input, whether it is signed
/// (`false` sends no `Authorization`), and how the call service wants it sent.
pub(crate) struct Request<'a> {
    pub operation: &'a str,
    pub body: &'a [u8],
    pub signed: bool,
    pub interrupt: &'a Interrupt,
    /// Pacing around each attempt ([`Ungated`]: none).
    pub gate: &'a dyn Gate,
    /// Attempts for this call alone (a bulk run's `max_retries`); `None`: the client's.
    pub attempts: Option<u32>,
}

/// The result of [`Client::transmit`] and what happened on the way.
#[derive(Debug)]
pub struct Outcome {
    pub result: Result<Answer, AwsError>,
    pub attempts: Vec<Attempt>,
    /// HTTP status of the last response, if any arrived.
    pub status: Option<u16>,
    pub elapsed: Duration,
    /// Resolved region and endpoint (empty when resolution failed).
    pub region: String,
    pub endpoint: String,
    /// Request id of the last response, if it had one.
    pub request_id: Option<String>,
    /// Every header of the last response, in the order received (none is secret).
    pub headers: Vec<(String, String)>,
}

/// One try of a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Attempt {
    pub status: Option<u16>,
    /// The error's display text (never a secret), `None` on success.
    pub error: Option<String>,
    pub millis: u64,
}

/// Pacing around each attempt of a call: the call service's quota buckets implement it.
/// The client waits on [`Gate::admit`] before every attempt (retries included) and reports
/// what each attempt got through [`Gate::observe`].
pub trait Gate {
    /// Waits until the next attempt may be sent.
    fn admit(&self) -> Pin<Box<dyn Future<Output = ()> + '_>>;
    /// The attempt's outcome: `throttled` when the service said to slow down.
    fn observe(&self, throttled: bool);
    /// Throttling answers that may be retried beyond `max_attempts`: a paced call waits
    /// throttling out at the gate's (cut) rate instead of failing.
    fn throttle_retries(&self) -> u32 {
        0
    }
}

/// No pacing: every attempt goes at once.
pub struct Ungated;

impl Gate for Ungated {
    fn admit(&self) -> Pin<Box<dyn Future<Output = ()> + '_>> {
        Box::pin(std::future::ready(()))
    }

    fn observe(&self, _throttled: bool) {}
}

/// What one attempt produced.
struct AttemptResult {
    status: Option<u16>,
    request_id: Option<String>,
    headers: Vec<(String, String)>,
    result: Result<Answer, AwsError>,
}

impl AttemptResult {
    fn failed(error: AwsError) -> Self {
        Self {
            status: None,
            request_id: None,
            headers: Vec::new(),
            result: Err(error),
        }
    }
}

impl fmt::Debug for Client {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let state = self.state.get();
        f.debug_struct("Client")
            .field("service", &self.service.signing_name)
            .field("settings", &self.settings)
            .field("region", &state.map(|s| s.region.as_str()))
            .field("endpoint", &state.map(|s| s.endpoint.as_str()))
            .finish_non_exhaustive()
    }
}

impl Client {
    /// A client; region, endpoint and credentials are resolved on first use.
    pub fn new(settings: Settings, service: Service) -> Client {
        Client {
            settings,
            service: Arc::new(service),
            http: Arc::new(HttpClients::default()),
            state: Arc::new(OnceCell::new()),
            quota: Arc::new(RetryQuota::default()),
            skew: Arc::new(Skew::default()),
        }
    }

    /// Another client with some settings overridden; shares the HTTP connection pool.
    /// A `profile` override also drops credentials injected through `Settings::credentials`.
    pub fn with_overrides(
        &self,
        region: Option<String>,
        profile: Option<String>,
        endpoint_url: Option<String>,
    ) -> Client {
        let mut settings = self.settings.clone();
        if region.is_some() {
            settings.region = region;
        }
        if profile.is_some() {
            // Asking for a profile means its credentials, not ones injected for the parent.
            settings.profile = profile;
            settings.credentials = None;
        }
        if endpoint_url.is_some() {
            settings.endpoint_url = endpoint_url;
        }
        Client {
            settings,
            service: Arc::clone(&self.service),
            http: Arc::clone(&self.http),
            state: Arc::new(OnceCell::new()),
            quota: Arc::clone(&self.quota),
            skew: Arc::clone(&self.skew),
        }
    }

    /// The settings this client was made with.
    pub fn settings(&self) -> &Settings {
        &self.settings
    }

    /// Tokens left in the retry quota (standard mode; see [`RetryQuota`]).
    pub fn retry_quota(&self) -> u32 {
        self.quota.available()
    }

    /// The service this client talks to.
    pub fn service(&self) -> &Service {
        &self.service
    }

    /// Region, endpoint and credential source name (fetching credentials if need be).
    pub(crate) async fn resolve_identity(&self) -> Result<Resolved, AwsError> {
        let state = self.state().await?;
        Ok(Resolved {
            region: state.region.clone(),
            endpoint: state.endpoint.to_string(),
            credentials_source: state.credentials.source_name().await?,
        })
    }

    /// Whether the resolved endpoint is AWS's own (a host under `amazonaws.com`), not an
    /// emulator's or a test server's, however it was chosen (flag, environment, profile).
    pub(crate) async fn endpoint_is_aws(&self) -> bool {
        self.state().await.is_ok_and(|state| {
            state.endpoint.host_str().is_some_and(|host| {
                host.ends_with(".amazonaws.com") || host.ends_with(".amazonaws.com.cn")
            })
        })
    }

    /// Dry run: resolve, build and sign the request exactly as `transmit` would; send nothing.
    pub(crate) async fn sign_only(
        &self,
        operation: &str,
        body: &[u8],
        signed: bool,
    ) -> Result<SignedRequest, AwsError> {
        let state = self.state().await?;
        let headers = self.signed_headers(state, operation, body, signed).await?;
        Ok(SignedRequest {
            url: state.endpoint.to_string(),
            headers: redact_headers(&headers.0),
        })
    }

    /// Sends one operation, retrying transient failures, waiting on the request's gate before
    /// every attempt and telling it the outcome. An interrupt ends the call at once. Only the
    /// call service sends (`tests/layering.rs` keeps it so): it has decided by then that the
    /// call goes out (not a dry run, not a planned write).
    pub(crate) async fn transmit(&self, request: Request<'_>) -> Outcome {
        let Request {
            operation,
            body,
            signed,
            interrupt,
            gate,
            attempts,
        } = request;
        let started = Instant::now();
        let mut outcome = Outcome {
            result: Err(AwsError::Interrupted),
            attempts: Vec::new(),
            status: None,
            elapsed: Duration::ZERO,
            region: String::new(),
            endpoint: String::new(),
            request_id: None,
            headers: Vec::new(),
        };
        let state = tokio::select! {
            biased;
            _ = interrupt.wait() => Err(AwsError::Interrupted),
            state = self.state() => state,
        };
        let state = match state {
            Ok(state) => state,
            Err(e) => {
                outcome.result = Err(e);
                outcome.elapsed = started.elapsed();
                return outcome;
            }
        };
        outcome.region = state.region.clone();
        outcome.endpoint = state.endpoint.to_string();
        let http = match self.http(state.endpoint.scheme() == "https") {
            Ok(http) => http,
            Err(e) => {
                outcome.result = Err(e);
                outcome.elapsed = started.elapsed();
                return outcome;
            }
        };
        // A per-call budget (a bulk run's `max_retries`) is a set number of attempts.
        let (max_attempts, attempts_set) = match attempts {
            Some(n) => (n.max(1), true),
            None => (state.max_attempts, state.attempts_set),
        };
        let mode = state.mode;
        let timeout = self.settings.effective_timeout();
        let retry_base = self.settings.effective_retry_base(&process_env);

        // Set attempts bound every attempt (as the SDKs count them); only the default leaves
        // a paced call room to wait throttling out at the gate's pace.
        let mut throttles_left = if attempts_set {
            0
        } else {
            gate.throttle_retries()
        };
        let mut number = 0;
        // Tokens the last retry took from the quota (given back if the call succeeds).
        let mut retry_cost = 0;
        let mut skew_corrected = false;
        loop {
            number += 1;
            let admitted = tokio::select! {
                biased;
                _ = interrupt.wait() => false,
                _ = gate.admit() => true,
            };
            if !admitted {
                outcome.result = Err(AwsError::Interrupted);
                break;
            }
            let attempt_started = Instant::now();
            let result = tokio::select! {
                biased;
                _ = interrupt.wait() => AttemptResult::failed(AwsError::Interrupted),
                r = tokio::time::timeout(timeout, self.attempt(state, &http, operation, body, signed)) => {
                    r.unwrap_or_else(|_| AttemptResult::failed(AwsError::Timeout { after: timeout }))
                }
            };
            let throttled =
                matches!(&result.result, Err(e) if super::retry::is_throttling(e.kind()));
            gate.observe(throttled);
            outcome.attempts.push(Attempt {
                status: result.status,
                error: result.result.as_ref().err().map(ToString::to_string),
                millis: u64::try_from(attempt_started.elapsed().as_millis()).unwrap_or(u64::MAX),
            });
            let header = |name: &str| {
                result
                    .headers
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
                    .map(|(_, v)| v.clone())
            };
            // A skew error with a server `Date`: sign again with the corrected clock, once.
            let skewed = matches!(&result.result,
                Err(AwsError::Service { kind, message, .. }) if is_skew_error(kind, message));
            let correct_skew = skewed
                && !skew_corrected
                && header("date").is_some_and(|date| self.skew.learn(&date));
            let wait_hint = match &result.result {
                Err(e) if throttled || e.status() == Some(503) => {
                    header("retry-after").and_then(|v| retry_after(&v))
                }
                _ => None,
            };
            let timed_out = matches!(&result.result, Err(AwsError::Timeout { .. }));
            if result.status.is_some() {
                outcome.status = result.status;
                outcome.request_id = result.request_id;
                outcome.headers = result.headers;
            }
            if result.result.is_ok() && mode != RetryMode::Legacy {
                self.quota.release(match retry_cost {
                    0 => NO_RETRY_INCREMENT,
                    cost => cost,
                });
            }
            if correct_skew {
                skew_corrected = true;
                number -= 1;
                outcome.result = result.result;
                continue;
            }
            // A paced call retries throttling at the gate's pace, within its own budget.
            let paced_retry = throttled && throttles_left > 0;
            let again = matches!(&result.result, Err(e) if e.retryable())
                && (number < max_attempts || paced_retry);
            outcome.result = result.result;
            if !again {
                break;
            }
            if paced_retry {
                throttles_left -= 1;
                number -= 1;
                continue;
            }
            if mode != RetryMode::Legacy {
                let cost = if timed_out {
                    TIMEOUT_RETRY_COST
                } else {
                    RETRY_COST
                };
                if !self.quota.acquire(cost) {
                    // The quota is spent: the service is struggling, so give up now.
                    break;
                }
                retry_cost = cost;
            }
            let delay = wait_hint.unwrap_or_else(|| backoff(retry_base, number));
            let interrupted = tokio::select! {
                biased;
                _ = interrupt.wait() => true,
                _ = tokio::time::sleep(delay) => false,
            };
            if interrupted {
                outcome.result = Err(AwsError::Interrupted);
                break;
            }
        }
        outcome.elapsed = started.elapsed();
        outcome
    }

    /// The resolved state, computed once per client.
    async fn state(&self) -> Result<&State, AwsError> {
        self.state
            .get_or_try_init(|| async {
                let named = profile::named_profile(self.settings.profile.as_deref(), &process_env);
                let profiles = Profiles::load(named.as_deref().unwrap_or("default"), &process_env)?;
                profiles.check_exists()?;
                let extras =
                    profiles.extras(&self.service.env_name.to_ascii_lowercase(), &process_env)?;
                let config_error = |message: String| AwsError::Credentials {
                    message: format!("configuration error: {message}"),
                };
                let mode = self
                    .settings
                    .mode_with(&process_env, extras.retry_mode)
                    .map_err(config_error)?;
                let max_attempts = self
                    .settings
                    .attempts_with(&process_env, extras.max_attempts, mode)
                    .map_err(config_error)?;
                let config = if self.settings.offline {
                    resolve_offline(&self.settings, &profiles, &process_env)
                } else if let Some(config) =
                    from_environment(&self.settings, &profiles, &process_env)
                {
                    config
                } else {
                    resolve_real(&self.settings).await?
                };
                // The profile's `services` section names a URL for this service alone.
                let profile_endpoint = extras
                    .service_endpoint
                    .clone()
                    .or_else(|| config.profile_endpoint.clone());
                let cfg = EndpointConfig {
                    explicit: self.settings.endpoint_url.as_deref(),
                    profile_endpoint: profile_endpoint.as_deref(),
                    profile_use_fips: config.profile_use_fips,
                    use_fips: self.settings.use_fips,
                    region: &config.region,
                    endpoint_prefix: &self.service.endpoint_prefix,
                    env_name: &self.service.env_name,
                };
                let chosen = choose_endpoint(&cfg, &process_env)?;
                let endpoint = validate_endpoint(&chosen, self.settings.allow_http)?;
                Ok(State {
                    region: config.region,
                    endpoint,
                    credentials: config.credentials,
                    max_attempts,
                    mode,
                    attempts_set: self.settings.max_attempts.is_some()
                        || process_env("AWS_MAX_ATTEMPTS").is_some()
                        || extras.max_attempts.is_some(),
                })
            })
            .await
    }

    /// The resolved endpoint.
    pub(super) async fn endpoint(&self) -> Result<Url, AwsError> {
        Ok(self.state().await?.endpoint.clone())
    }

    /// The shared HTTP client for this kind of endpoint, built on first use.
    pub(super) fn http(&self, secure: bool) -> Result<reqwest::Client, AwsError> {
        let connect_timeout = self.settings.effective_connect_timeout();
        let slot = if secure {
            &self.http.tls
        } else {
            &self.http.plain
        };
        slot.get_or_init(|| {
            // AWS JSON endpoints never redirect: a 3xx is an error, and nothing (no token, no
            // body) is ever sent to where it points.
            let builder = reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .connect_timeout(connect_timeout)
                .user_agent(concat!("pooler/", env!("CARGO_PKG_VERSION")));
            let builder = if secure {
                builder
            } else {
                builder.tls_certs_only(std::iter::empty())
            };
            builder.build().map_err(|e| error_chain(&e))
        })
        .clone()
        .map_err(|message| AwsError::Network {
            kind: NetworkKind::Setup,
            message: format!("{}: {message}", NetworkKind::Setup.describe()),
        })
    }

    /// The request headers for one attempt, signed unless the operation is unsigned.
    async fn signed_headers(
        &self,
        state: &State,
        operation: &str,
        body: &[u8],
        signed: bool,
    ) -> Result<PreparedHeaders, AwsError> {
        let credentials = match signed {
            true => Some(state.credentials.get().await?),
            false => None,
        };
        prepare_headers(
            &state.endpoint,
            &self.service,
            &state.region,
            operation,
            body,
            credentials.as_ref(),
            self.skew.now(),
        )
    }

    /// One try: sign, send, read the body under the size cap, decode.
    async fn attempt(
        &self,
        state: &State,
        http: &reqwest::Client,
        operation: &str,
        body: &[u8],
        signed: bool,
    ) -> AttemptResult {
        let headers = match self.signed_headers(state, operation, body, signed).await {
            Ok(h) => h,
            Err(e) => return AttemptResult::failed(e),
        };
        let mut request = http.post(state.endpoint.clone()).body(body.to_vec());
        for (name, value) in &headers.0 {
            request = request.header(name.as_str(), value.as_str());
        }
        let mut response = match request.send().await {
            Ok(r) => r,
            Err(e) => {
                let timeout = self.settings.effective_connect_timeout();
                let tunnel = super::proxy::explain(&e, &state.endpoint, timeout).await;
                return AttemptResult::failed(network_error(&e, timeout, tunnel));
            }
        };
        let status = response.status().as_u16();
        let header = |name: &str| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        let request_id = header("x-amzn-requestid").or_else(|| header("x-amz-request-id"));
        let headers: Vec<(String, String)> = response
            .headers()
            .iter()
            .map(|(n, v)| {
                (
                    n.to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect();
        let header_snapshot: Vec<(String, String)> =
            ["x-amzn-requestid", "x-amz-request-id", "x-amzn-errortype"]
                .iter()
                .filter_map(|n| header(n).map(|v| (n.to_string(), v)))
                .collect();
        let cap = self.settings.effective_max_response_bytes();
        let (bytes, over_cap) = match read_capped(&mut response, cap).await {
            Ok(read) => read,
            Err(e) => {
                return AttemptResult {
                    status: Some(status),
                    request_id,
                    headers,
                    result: Err(e),
                };
            }
        };
        let success = (200..300).contains(&status);
        let lookup = |name: &str| {
            header_snapshot
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case(name))
                .map(|(_, v)| v.clone())
        };
        let result = if (300..400).contains(&status) {
            let location = headers
                .iter()
                .find(|(n, _)| n.eq_ignore_ascii_case("location"))
                .map_or("(no Location header)".to_string(), |(_, v)| {
                    format!("to {v}")
                });
            Err(AwsError::InvalidResponse {
                status,
                message: format!(
                    "the endpoint answered with a redirect {location}; AWS endpoints never \
                     redirect, so it was not followed and nothing was sent again"
                ),
            })
        } else if success && over_cap {
            Err(AwsError::InvalidResponse {
                status,
                message: format!("the response body is larger than the {cap}-byte limit"),
            })
        } else if success {
            let limits = self.settings.response_limits.unwrap_or_default();
            Answer::check(status, bytes, limits, &lookup)
        } else {
            Err(decode_error_response(status, &lookup, &bytes))
        };
        AttemptResult {
            status: Some(status),
            request_id,
            headers,
            result,
        }
    }
}

/// Reads at most `cap` bytes of the body; the flag says whether there was more.
async fn read_capped(
    response: &mut reqwest::Response,
    cap: usize,
) -> Result<(Vec<u8>, bool), AwsError> {
    if response
        .content_length()
        .is_some_and(|len| len > u64::try_from(cap).unwrap_or(u64::MAX))
    {
        return Ok((Vec::new(), true));
    }
    let mut bytes = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                let room = cap - bytes.len();
                if chunk.len() > room {
                    bytes.extend_from_slice(&chunk[..room]);
                    return Ok((bytes, true));
                }
                bytes.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok((bytes, false)),
            Err(e) => {
                return Err(AwsError::Network {
                    kind: classify(&e),
                    message: format!(
                        "connection lost while reading the response body: {}",
                        error_chain(&e)
                    ),
                });
            }
        }
    }
}

/// The transport failure with its kind (DNS, refused, reset, TLS, …, read from the error's
/// types) in words, and the details. `tunnel` says what a proxy did when the failure was in its
/// tunnel (`proxy::explain`).
fn network_error(
    e: &reqwest::Error,
    connect_timeout: Duration,
    tunnel: Option<super::proxy::Tunnel>,
) -> AwsError {
    let chain = error_chain(e);
    if let Some(tunnel) = tunnel {
        return tunnel.error(format!("{} ({chain})", tunnel.text));
    }
    let kind = classify(e);
    let what = match kind {
        NetworkKind::Timeout => format!(
            "connect timed out after {}",
            super::errors::format_duration(connect_timeout)
        ),
        kind => kind.describe().to_string(),
    };
    AwsError::Network {
        kind,
        message: format!("{what} ({chain})"),
    }
}

#[cfg(test)]
#[path = "client_tests.rs"]
mod tests;
