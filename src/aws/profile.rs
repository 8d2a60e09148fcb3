//! What the shared config file says beyond credentials and region: whether a named profile
//! exists, its retry settings (`max_attempts`, `retry_mode`) and its `services` section's
//! `endpoint_url` for one service (`[services NAME]` with a `service_key =` sub-section).

use std::path::PathBuf;

use super::credentials::{config_path, profile_properties};
use super::errors::AwsError;
use super::retry::RetryMode;
use super::retry_settings::{parse_attempts, parse_mode};

/// The settings of one profile that the client uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ProfileExtras {
    pub max_attempts: Option<u32>,
    pub retry_mode: Option<RetryMode>,
    /// `endpoint_url` for this service from the profile's `services` section.
    pub service_endpoint: Option<String>,
}

/// The profile asked for (`--profile`, else `AWS_PROFILE`), if any.
pub(crate) fn named_profile(
    explicit: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<String> {
    explicit
        .map(str::to_string)
        .or_else(|| env("AWS_PROFILE"))
        .map(|p| p.trim().to_string())
        .filter(|p| !p.is_empty())
}

fn read(path: Option<PathBuf>) -> String {
    path.and_then(|p| std::fs::read_to_string(p).ok())
        .unwrap_or_default()
}

/// Whether a section for `profile` is in either file (`[profile x]`/`[default]` in config,
/// `[x]` in credentials).
fn section_exists(text: &str, profile: &str, config_file: bool) -> bool {
    text.lines().any(|line| {
        let Some(header) = line.trim().strip_prefix('[') else {
            return false;
        };
        let name = header.split(']').next().unwrap_or_default().trim();
        if config_file {
            name.strip_prefix("profile ").map(str::trim) == Some(profile)
                || (name == "default" && profile == "default")
        } else {
            name == profile
        }
    })
}

/// An error when a profile was named but is in neither shared file (as the AWS CLI does);
/// `default` may be absent.
pub(crate) fn check_exists(
    profile: Option<&str>,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<(), AwsError> {
    let Some(profile) = profile.filter(|p| *p != "default") else {
        return Ok(());
    };
    let config = read(config_path(env, "AWS_CONFIG_FILE", "config"));
    let creds = read(config_path(
        env,
        "AWS_SHARED_CREDENTIALS_FILE",
        "credentials",
    ));
    if section_exists(&config, profile, true) || section_exists(&creds, profile, false) {
        return Ok(());
    }
    Err(AwsError::Credentials {
        message: format!(
            "the profile `{profile}` could not be found in the shared config or credentials \
             file (set by --profile or AWS_PROFILE)"
        ),
    })
}

/// The profile's retry settings and service endpoint; `service_key` is the config-file key of
/// the service, e.g. `cognito_identity_provider`. A bad `retry_mode` or `max_attempts` is a
/// configuration error naming the key, the profile and the file.
pub(crate) fn extras(
    profile: &str,
    service_key: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Result<ProfileExtras, AwsError> {
    let path = config_path(env, "AWS_CONFIG_FILE", "config");
    let text = read(path.clone());
    let file = path.map_or_else(
        || "the shared config file".to_string(),
        |p| p.display().to_string(),
    );
    extras_from(&text, profile, service_key).map_err(|message| AwsError::Credentials {
        message: format!("configuration error: {message} (in {file})"),
    })
}

/// [`extras`] from the config file's text; an error names the bad key and the profile.
pub(crate) fn extras_from(
    text: &str,
    profile: &str,
    service_key: &str,
) -> Result<ProfileExtras, String> {
    let props = profile_properties(text, profile, true);
    let source = |key: &str| format!("`{key}` of profile `{profile}`");
    Ok(ProfileExtras {
        max_attempts: props
            .get("max_attempts")
            .map(|v| parse_attempts(v, &source("max_attempts")))
            .transpose()?,
        retry_mode: props
            .get("retry_mode")
            .map(|v| parse_mode(v, &source("retry_mode")))
            .transpose()?,
        service_endpoint: props
            .get("services")
            .and_then(|section| service_endpoint(text, section, service_key)),
    })
}

/// `endpoint_url` under `service_key =` in `[services section]`.
fn service_endpoint(text: &str, section: &str, service_key: &str) -> Option<String> {
    let mut in_section = false;
    let mut in_service = false;
    for line in text.lines() {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') || trimmed.starts_with(';') {
            continue;
        }
        if let Some(header) = trimmed.strip_prefix('[') {
            let name = header.split(']').next().unwrap_or_default().trim();
            in_section = name.strip_prefix("services ").map(str::trim) == Some(section);
            in_service = false;
            continue;
        }
        if !in_section {
            continue;
        }
        let Some((key, value)) = trimmed.split_once('=') else {
            continue;
        };
        let (key, value) = (key.trim(), value.trim());
        if !line.starts_with(char::is_whitespace) {
            in_service = key.eq_ignore_ascii_case(service_key) && value.is_empty();
        } else if in_service && key.eq_ignore_ascii_case("endpoint_url") && !value.is_empty() {
            return Some(value.to_string());
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    const CONFIG: &str = "[profile dev]\nregion = eu-west-1\nmax_attempts = 7\nretry_mode = legacy\n\
        services = local\n\n[services local]\ns3 =\n  endpoint_url = http://s3.local\n\
        cognito_identity_provider =\n  endpoint_url = http://127.0.0.1:4566\n\n[profile other]\n";

    #[test]
    fn reads_the_service_endpoint_and_retry_settings() {
        let got = extras_from(CONFIG, "dev", "cognito_identity_provider").expect("good profile");
        assert_eq!(got.max_attempts, Some(7));
        assert_eq!(got.retry_mode, Some(RetryMode::Legacy));
        assert_eq!(
            got.service_endpoint.as_deref(),
            Some("http://127.0.0.1:4566")
        );
        assert_eq!(
            extras_from(CONFIG, "other", "s3"),
            Ok(ProfileExtras::default())
        );
    }

    #[test]
    fn bad_retry_settings_name_the_key_and_profile() {
        let err = extras_from("[profile p]\nmax_attempts = 0\n", "p", "s3").expect_err("0");
        assert!(
            err.starts_with("`max_attempts` of profile `p`: `0`"),
            "{err}"
        );
        let err =
            extras_from("[default]\nretry_mode = bogus\n", "default", "s3").expect_err("bogus");
        assert!(
            err.starts_with("`retry_mode` of profile `default`: `bogus`"),
            "{err}"
        );
    }

    #[test]
    fn finds_profile_sections() {
        assert!(section_exists(CONFIG, "dev", true));
        assert!(section_exists(CONFIG, "other", true));
        assert!(!section_exists(CONFIG, "local", true));
        assert!(section_exists("[x]\n", "x", false));
    }
}
