//! Endpoint resolution: flag, `AWS_ENDPOINT_URL_*`, `AWS_ENDPOINT_URL`, profile, default (FIPS).

use std::net::IpAddr;

use reqwest::Url;

use super::errors::AwsError;

/// Everything endpoint resolution looks at, apart from the environment.
#[derive(Clone, Debug, Default)]
pub struct EndpointConfig<'a> {
    /// `--endpoint-url` (or `Settings::endpoint_url`): wins over everything.
    pub explicit: Option<&'a str>,
    /// The profile's (or SDK config's) `endpoint_url`.
    pub profile_endpoint: Option<&'a str>,
    /// The profile's `use_fips_endpoint`.
    pub profile_use_fips: Option<bool>,
    /// `--use-fips` (or `Settings::use_fips`).
    pub use_fips: bool,
    /// The resolved region.
    pub region: &'a str,
    /// Host prefix of the default endpoint, e.g. `cognito-idp`.
    pub endpoint_prefix: &'a str,
    /// Service part of `AWS_ENDPOINT_URL_{env_name}`.
    pub env_name: &'a str,
}

/// Picks the endpoint URL text by precedence. Pure: the environment comes through `env`.
///
/// Order: explicit → `AWS_ENDPOINT_URL_{env_name}` → `AWS_ENDPOINT_URL` → profile `endpoint_url`
/// → `https://{prefix}.{region}.amazonaws.com` (or `{prefix}-fips` when FIPS is on). Setting
/// `AWS_IGNORE_CONFIGURED_ENDPOINT_URLS=true` skips the environment and profile sources.
pub fn choose_endpoint(
    cfg: &EndpointConfig<'_>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<String, AwsError> {
    let env = |name: &str| env(name).filter(|v| !v.trim().is_empty());
    let is_true = |v: Option<String>| v.is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    if let Some(url) = cfg.explicit.filter(|u| !u.trim().is_empty()) {
        return Ok(url.trim().to_string());
    }
    if !is_true(env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")) {
        let service_var = format!("AWS_ENDPOINT_URL_{}", cfg.env_name);
        if let Some(url) = env(&service_var).or_else(|| env("AWS_ENDPOINT_URL")) {
            return Ok(url.trim().to_string());
        }
        if let Some(url) = cfg.profile_endpoint.filter(|u| !u.trim().is_empty()) {
            return Ok(url.trim().to_string());
        }
    }
    let region = cfg.region;
    let valid_label = |s: &str| {
        !s.is_empty()
            && s.len() <= 63
            && s.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !s.starts_with('-')
            && !s.ends_with('-')
    };
    if !valid_label(region) {
        return Err(AwsError::Endpoint {
            message: format!("invalid region {region:?}: expected something like us-east-1"),
        });
    }
    let fips = cfg.use_fips
        || match env("AWS_USE_FIPS_ENDPOINT") {
            Some(v) => is_true(Some(v)),
            None => cfg.profile_use_fips.unwrap_or(false),
        };
    let prefix = cfg.endpoint_prefix;
    Ok(if fips {
        format!("https://{prefix}-fips.{region}.amazonaws.com")
    } else {
        format!("https://{prefix}.{region}.amazonaws.com")
    })
}

/// Parses and checks an endpoint URL: http(s) only, a host, no credentials, query or fragment,
/// and `http://` only on loopback hosts unless `allow_http`.
pub fn validate_endpoint(url: &str, allow_http: bool) -> Result<Url, AwsError> {
    let parsed = Url::parse(url).map_err(|e| AwsError::Endpoint {
        message: format!("invalid endpoint URL {url:?}: {e}"),
    })?;
    let bad = |why: &str| AwsError::Endpoint {
        message: format!("invalid endpoint URL {url:?}: {why}"),
    };
    match parsed.scheme() {
        "https" | "http" => {}
        other => return Err(bad(&format!("scheme {other:?} is not http or https"))),
    }
    if parsed.host_str().is_none_or(str::is_empty) {
        return Err(bad("no host"));
    }
    if !parsed.username().is_empty() || parsed.password().is_some() {
        return Err(AwsError::Endpoint {
            message: "invalid endpoint URL: it must not contain a user name or password".into(),
        });
    }
    if parsed.query().is_some() || parsed.fragment().is_some() {
        return Err(bad("it must not have a query or fragment"));
    }
    if parsed.scheme() == "http" && !allow_http && !is_loopback(&parsed) {
        return Err(AwsError::Endpoint {
            message: format!(
                "refusing plain http endpoint {url:?}: requests and credentials would travel \
                 unencrypted; use https, a loopback host, or pass --allow-http"
            ),
        });
    }
    Ok(parsed)
}

/// Whether the URL's host is 127.0.0.0/8, ::1 or `localhost`.
fn is_loopback(url: &Url) -> bool {
    let Some(host) = url.host_str() else {
        return false;
    };
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    match bare.parse::<IpAddr>() {
        Ok(ip) => ip.is_loopback(),
        Err(_) => bare.eq_ignore_ascii_case("localhost"),
    }
}
/// The region in a Cognito host name: `cognito-idp.us-west-2.amazonaws.com` → `us-west-2`.
pub fn region_of_host(host: &str) -> Option<String> {
    let host = host
        .trim_start_matches("https://")
        .trim_start_matches("http://");
    let rest = host.strip_prefix("cognito-idp.")?;
    let region = rest.split('.').next()?;
    (!region.is_empty() && region.contains('-')).then(|| region.to_string())
}
