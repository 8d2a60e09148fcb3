//! The region and credential chains: aws-config for real runs, a network-free variant for dry runs.

use std::time::{Duration, SystemTime};

use aws_config::{BehaviorVersion, Region};
use aws_credential_types::Credentials;
use aws_credential_types::provider::error::CredentialsError;
use aws_credential_types::provider::{ProvideCredentials, SharedCredentialsProvider};
use tokio::sync::Mutex;

use super::errors::{AwsError, error_chain};
use super::profile::Profiles;
use super::settings::{Settings, StaticCredentials};
use crate::secrets::text::{FreeText, scrub};

/// Access key ID a dry run signs with when no credentials are configured.
pub const DRY_RUN_ACCESS_KEY_ID: &str = "AKIDDRYRUNEXAMPLE000";
const DRY_RUN_SECRET: &str = "dry-run-placeholder-secret-not-a-real-key";

/// Credentials closer than this to their expiry are fetched again.
const REFRESH_MARGIN: Duration = Duration::from_secs(60);

/// Region, profile-level endpoint settings and where credentials come from.
pub(crate) struct ResolvedConfig {
    pub region: String,
    pub profile_endpoint: Option<String>,
    pub profile_use_fips: Option<bool>,
    pub credentials: CredentialSource,
}

/// Either fixed credentials, or a provider chain whose answer is cached until near expiry.
pub(crate) enum CredentialSource {
    Fixed {
        credentials: Credentials,
        source: String,
    },
    Chain {
        provider: SharedCredentialsProvider,
        cached: Mutex<Option<Credentials>>,
        /// `-v`: a failing `credential_process`'s stderr is shown (redacted).
        verbose: bool,
    },
}

impl CredentialSource {
    /// Credentials to sign with (fetched from the chain on first use, refreshed near expiry).
    pub async fn get(&self) -> Result<Credentials, AwsError> {
        match self {
            CredentialSource::Fixed { credentials, .. } => Ok(credentials.clone()),
            CredentialSource::Chain {
                provider,
                cached,
                verbose,
            } => {
                let mut guard = cached.lock().await;
                if let Some(creds) = guard.as_ref() {
                    let fresh = creds
                        .expiry()
                        .is_none_or(|exp| exp > SystemTime::now() + REFRESH_MARGIN);
                    if fresh {
                        return Ok(creds.clone());
                    }
                }
                let creds = provider
                    .provide_credentials()
                    .await
                    .map_err(|e| credentials_error(&e, *verbose))?;
                *guard = Some(creds.clone());
                Ok(creds)
            }
        }
    }

    /// Which provider supplied the credentials (fetching them if need be). Never the secret.
    pub async fn source_name(&self) -> Result<String, AwsError> {
        match self {
            CredentialSource::Fixed { source, .. } => Ok(source.clone()),
            CredentialSource::Chain { .. } => Ok(provider_name(&self.get().await?)),
        }
    }
}

/// Which provider supplied the credentials, read from the source features the SDK's providers
/// record on them (the innermost first: an SSO login read through a profile is `SSO`).
fn provider_name(creds: &Credentials) -> String {
    use aws_credential_types::credential_feature::AwsCredentialFeature as F;
    let first = creds
        .get_property::<Vec<F>>()
        .and_then(|features| features.first());
    let name = match first {
        Some(F::CredentialsEnvVars) => "EnvironmentVariable",
        Some(F::CredentialsProfile | F::CredentialsProfileSourceProfile) => "ProfileFile",
        Some(F::CredentialsProfileNamedProvider) => "NamedProvider",
        Some(F::CredentialsImds) => "IMDSv2",
        Some(F::CredentialsSso | F::CredentialsProfileSso) => "SSO",
        Some(F::CredentialsProcess | F::CredentialsProfileProcess) => "CredentialProcess",
        Some(F::CredentialsHttp) => "EcsContainer",
        Some(
            F::CredentialsEnvVarsStsWebIdToken
            | F::CredentialsStsAssumeRoleWebId
            | F::CredentialsProfileStsWebIdToken,
        ) => "WebIdentityToken",
        Some(
            F::CredentialsStsAssumeRole
            | F::CredentialsStsAssumeRoleSaml
            | F::CredentialsStsFederationToken
            | F::CredentialsStsSessionToken,
        ) => "AssumeRoleProvider",
        Some(F::CredentialsLogin | F::CredentialsProfileLogin) => "Login",
        Some(F::CredentialsCode) => "settings",
        _ => "default credential chain",
    };
    name.to_string()
}

/// Where the SDK's message for a failing `credential_process` quotes the process's stderr.
const STDERR_MARK: &str = "Stderr: ";

/// A `credential_process` error without the process's stderr (it may echo keys or tokens);
/// with `verbose`, the stderr is kept with anything that looks like a key or token starred.
fn without_stderr(detail: &str, verbose: bool) -> String {
    let Some(pos) = detail.find(STDERR_MARK) else {
        return detail.to_string();
    };
    let (head, stderr) = detail.split_at(pos);
    let stderr = &stderr[STDERR_MARK.len()..];
    if !verbose {
        return format!("{head}(its stderr is shown with -v, with secrets starred)");
    }
    format!(
        "{head}{STDERR_MARK}{}",
        scrub(stderr, FreeText::ProcessOutput)
    )
}

fn credentials_error(e: &CredentialsError, verbose: bool) -> AwsError {
    let detail = without_stderr(&error_chain(e), verbose);
    let message = match e {
        CredentialsError::CredentialsNotLoaded(_) => format!(
            "no AWS credentials found (looked at the environment, the shared config and \
             credentials files, SSO, web identity, container and instance metadata): set \
             AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY or pass --profile ({detail})"
        ),
        CredentialsError::ProviderTimedOut(_) => {
            format!("timed out loading AWS credentials ({detail})")
        }
        _ => format!("could not load AWS credentials: {detail}"),
    };
    AwsError::Region { message }
}

fn to_credentials(c: &StaticCredentials, source: &'static str) -> Credentials {
    Credentials::new(
        c.access_key_id.clone(),
        c.secret_access_key.clone(),
        c.session_token.clone().filter(|t| !t.is_empty()),
        None,
        source,
    )
}

fn no_region(profile: Option<&str>) -> AwsError {
    let mut message = "no region: pass --region or set AWS_REGION".to_string();
    if let Some(p) = profile {
        message.push_str(&format!(
            " (profile {p:?} sets no region, or does not exist)"
        ));
    }
    AwsError::Region { message }
}

/// The standard chains through aws-config (may use the network: SSO, STS, IMDS, containers).
pub(crate) async fn resolve_real(settings: &Settings) -> Result<ResolvedConfig, AwsError> {
    let fixed = settings
        .credentials
        .as_ref()
        .map(|c| to_credentials(c, "settings"));
    // Everything given explicitly: nothing aws-config would find could change the outcome.
    if let (Some(region), Some(credentials), Some(_)) =
        (&settings.region, &fixed, &settings.endpoint_url)
    {
        return Ok(ResolvedConfig {
            region: region.clone(),
            profile_endpoint: None,
            profile_use_fips: None,
            credentials: CredentialSource::Fixed {
                credentials: credentials.clone(),
                source: "settings".to_string(),
            },
        });
    }
    // pooler reads and checks the retry settings itself (`retry_settings`); left to itself,
    // aws-config's retry provider panics on values it does not know (`retry_mode = legacy`).
    let mut loader = aws_config::defaults(BehaviorVersion::latest())
        .retry_config(aws_config::retry::RetryConfig::standard());
    if let Some(profile) = &settings.profile {
        loader = loader.profile_name(profile);
    }
    if let Some(region) = settings.region.as_ref().filter(|r| !r.trim().is_empty()) {
        loader = loader.region(Region::new(region.trim().to_string()));
    }
    if let Some(credentials) = &fixed {
        loader = loader.credentials_provider(credentials.clone());
    }
    let config = loader.load().await;
    let region = config
        .region()
        .map(|r| r.as_ref().trim().to_string())
        .filter(|r| !r.is_empty())
        .ok_or_else(|| no_region(settings.profile.as_deref()))?;
    let credentials = match (fixed, config.credentials_provider()) {
        (Some(credentials), _) => CredentialSource::Fixed {
            credentials,
            source: "settings".to_string(),
        },
        (None, Some(provider)) => CredentialSource::Chain {
            provider,
            cached: Mutex::new(None),
            verbose: settings.verbose,
        },
        (None, None) => {
            return Err(AwsError::Credentials {
                message: "no AWS credential provider is configured".to_string(),
            });
        }
    };
    Ok(ResolvedConfig {
        region,
        profile_endpoint: config.endpoint_url().map(str::to_string),
        profile_use_fips: config.use_fips(),
        credentials,
    })
}

/// A real run whose environment holds both keys and a region, with no profile asked for: the
/// standard chain would stop at the environment anyway, so skip building it (aws-config loads
/// TLS roots and HTTP clients for its other providers, most of a short run's start-up).
/// Profile-level `endpoint_url` and `use_fips_endpoint` still come from `profiles`.
pub(crate) fn from_environment(
    settings: &Settings,
    profiles: &Profiles,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<ResolvedConfig> {
    let set = |name: &str| env(name).is_some_and(|v| !v.trim().is_empty());
    let region_known = settings
        .region
        .as_ref()
        .is_some_and(|r| !r.trim().is_empty())
        || set("AWS_REGION")
        || set("AWS_DEFAULT_REGION");
    let plain = settings.profile.is_none() && !set("AWS_PROFILE") && settings.credentials.is_none();
    (plain && region_known && set("AWS_ACCESS_KEY_ID") && set("AWS_SECRET_ACCESS_KEY"))
        .then(|| resolve_offline(settings, profiles, env))
}

/// The offline chains: environment and the shared files (`profiles`, the selected profile)
/// only, never the network, and never failing (us-east-1 and placeholder credentials when
/// nothing is configured). Dry runs use it.
pub(crate) fn resolve_offline(
    settings: &Settings,
    profiles: &Profiles,
    env: &dyn Fn(&str) -> Option<String>,
) -> ResolvedConfig {
    let profile = profiles.name();
    let region = settings
        .region
        .clone()
        .filter(|r| !r.trim().is_empty())
        .or_else(|| env("AWS_REGION"))
        .or_else(|| env("AWS_DEFAULT_REGION"))
        .or_else(|| profiles.get("region").map(str::to_string))
        .map(|r| r.trim().to_string())
        .filter(|r| !r.is_empty())
        .unwrap_or_else(|| "us-east-1".to_string());

    let from_profile = match (
        profiles.get("aws_access_key_id"),
        profiles.get("aws_secret_access_key"),
    ) {
        (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => {
            Some(StaticCredentials::new(
                id.to_string(),
                secret.to_string(),
                profiles.get("aws_session_token").map(str::to_string),
            ))
        }
        _ => None,
    };
    let env_creds = match (env("AWS_ACCESS_KEY_ID"), env("AWS_SECRET_ACCESS_KEY")) {
        (Some(id), Some(secret)) => {
            Some(StaticCredentials::new(id, secret, env("AWS_SESSION_TOKEN")))
        }
        _ => None,
    };
    let (credentials, source) = if let Some(c) = &settings.credentials {
        (to_credentials(c, "settings"), "settings".to_string())
    } else if let Some(c) = env_creds {
        (
            to_credentials(&c, "EnvironmentVariable"),
            "EnvironmentVariable".to_string(),
        )
    } else if let Some(c) = from_profile {
        (
            to_credentials(&c, "ProfileFile"),
            format!("profile {profile} (static keys)"),
        )
    } else {
        (
            Credentials::new(DRY_RUN_ACCESS_KEY_ID, DRY_RUN_SECRET, None, None, "DryRun"),
            "dry-run placeholder".to_string(),
        )
    };

    let ignore_endpoints = env("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")
        .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"));
    ResolvedConfig {
        region,
        profile_endpoint: profiles
            .get("endpoint_url")
            .filter(|_| !ignore_endpoints)
            .map(str::to_string),
        profile_use_fips: profiles
            .get("use_fips_endpoint")
            .map(|v| v.eq_ignore_ascii_case("true")),
        credentials: CredentialSource::Fixed {
            credentials,
            source,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// No shared files: the `default` profile of nothing.
    fn none() -> Profiles {
        Profiles::load("default", &|_| None).expect("no files parse")
    }

    #[test]
    fn the_source_is_read_from_the_recorded_features_not_the_debug_text() {
        use aws_credential_types::credential_feature::AwsCredentialFeature as F;
        let mut creds = Credentials::new("AKID", "secret", None, None, "NotTheSource");
        assert_eq!(provider_name(&creds), "default credential chain");
        let features = creds.get_property_mut_or_default::<Vec<F>>();
        features.push(F::CredentialsSso);
        features.push(F::CredentialsProfile);
        assert_eq!(provider_name(&creds), "SSO");
    }

    #[test]
    fn environment_keys_and_region_skip_the_chain() {
        let env = |vars: &'static [(&'static str, &'static str)]| {
            move |name: &str| {
                vars.iter()
                    .find(|(k, _)| *k == name)
                    .map(|(_, v)| v.to_string())
            }
        };
        let full = env(&[
            ("AWS_ACCESS_KEY_ID", "AKIDENV"),
            ("AWS_SECRET_ACCESS_KEY", "secret"),
            ("AWS_REGION", "eu-west-1"),
            ("HOME", "/nonexistent"),
        ]);
        let settings = Settings::default();
        let resolved = from_environment(&settings, &none(), &full).expect("environment suffices");
        assert_eq!(resolved.region, "eu-west-1");
        assert!(matches!(
            resolved.credentials,
            CredentialSource::Fixed { ref source, .. } if source == "EnvironmentVariable"
        ));
        let no_region = env(&[("AWS_ACCESS_KEY_ID", "A"), ("AWS_SECRET_ACCESS_KEY", "s")]);
        assert!(from_environment(&settings, &none(), &no_region).is_none());
        let with_profile = Settings {
            profile: Some("dev".into()),
            ..Settings::default()
        };
        assert!(from_environment(&with_profile, &none(), &full).is_none());
        let only_key = env(&[("AWS_ACCESS_KEY_ID", "A"), ("AWS_REGION", "eu-west-1")]);
        assert!(from_environment(&settings, &none(), &only_key).is_none());
    }

    #[test]
    fn process_stderr_is_hidden_or_redacted() {
        let detail = "could not load: external process exited with code 1. Stderr: \
                      bad key AKIAIOSFODNN7EXAMPLE secret=wJalrXUtnFEMI token: abc123 done";
        let quiet = without_stderr(detail, false);
        assert!(
            !quiet.contains("AKIA") && !quiet.contains("wJal"),
            "{quiet}"
        );
        assert!(quiet.contains("shown with -v"), "{quiet}");
        let loud = without_stderr(detail, true);
        assert!(loud.contains("bad key"), "{loud}");
        for secret in ["AKIAIOSFODNN7EXAMPLE", "wJalrXUtnFEMI", "abc123"] {
            assert!(!loud.contains(secret), "{secret} in {loud}");
        }
        assert_eq!(without_stderr("no stderr here", false), "no stderr here");
    }

    #[tokio::test]
    async fn dry_run_reads_the_selected_profile() {
        let dir = std::env::temp_dir().join(format!("pooler-aws-dry-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let config = dir.join("config");
        let credentials = dir.join("credentials");
        std::fs::write(
            &config,
            "[profile dev]\nregion = ap-south-1\nendpoint_url = http://127.0.0.1:4566\n",
        )
        .expect("write config");
        std::fs::write(
            &credentials,
            "[dev]\naws_access_key_id = AKIDPROFILE\naws_secret_access_key = s3cret\n",
        )
        .expect("write credentials");
        let (config_s, credentials_s) = (
            config.to_string_lossy().to_string(),
            credentials.to_string_lossy().to_string(),
        );
        let env = move |name: &str| match name {
            "AWS_CONFIG_FILE" => Some(config_s.clone()),
            "AWS_SHARED_CREDENTIALS_FILE" => Some(credentials_s.clone()),
            "AWS_PROFILE" => Some("dev".to_string()),
            _ => None,
        };
        let settings = Settings {
            offline: true,
            ..Settings::default()
        };
        let profiles = Profiles::load("dev", &env).expect("the files parse");
        let resolved = resolve_offline(&settings, &profiles, &env);
        let _ = std::fs::remove_dir_all(&dir);
        assert_eq!(resolved.region, "ap-south-1");
        assert_eq!(
            resolved.profile_endpoint.as_deref(),
            Some("http://127.0.0.1:4566")
        );
        let creds = resolved.credentials.get().await.expect("credentials");
        assert_eq!(creds.access_key_id(), "AKIDPROFILE");
        assert_eq!(
            resolved.credentials.source_name().await.expect("source"),
            "profile dev (static keys)"
        );
    }

    #[test]
    fn dry_run_defaults_without_anything() {
        let settings = Settings {
            offline: true,
            ..Settings::default()
        };
        let resolved = resolve_offline(&settings, &none(), &|_| None);
        assert_eq!(resolved.region, "us-east-1");
        assert!(matches!(
            resolved.credentials,
            CredentialSource::Fixed { ref source, .. } if source == "dry-run placeholder"
        ));
    }
}
