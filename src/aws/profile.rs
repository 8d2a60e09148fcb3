//! The shared config and credentials files, read with aws-config's profile parser: whether a
//! named profile exists, one profile's keys (region, static keys, retry settings,
//! `pooler_quotas`) and the `endpoint_url` its `services` section names for one service.
//! Everything pooler reads from those files comes through [`Profiles`].

use std::borrow::Cow;
use std::collections::HashMap;
use std::path::PathBuf;
use std::pin::pin;
use std::task::{Context, Poll, Waker};

use aws_config::profile::ProfileSet;
use aws_runtime::env_config::file::EnvConfigFiles as ProfileFiles;
use aws_runtime::env_config::property::PropertiesKey;
use aws_types::os_shim_internal::{Env, Fs};

use super::errors::{AwsError, error_chain};
use super::retry::RetryMode;
use super::retry_settings::{parse_attempts, parse_mode};

/// The variables that say where the shared files are (`~` is `HOME`, else `USERPROFILE`).
const FILE_VARS: [&str; 4] = [
    "AWS_CONFIG_FILE",
    "AWS_SHARED_CREDENTIALS_FILE",
    "HOME",
    "USERPROFILE",
];

/// The settings of one profile that the client uses.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct ProfileExtras {
    pub max_attempts: Option<u32>,
    pub retry_mode: Option<RetryMode>,
    /// `endpoint_url` for this service from the profile's `services` section.
    pub service_endpoint: Option<String>,
}

/// Both shared files, parsed and merged (the credentials file wins), with one profile selected.
pub(crate) struct Profiles {
    set: ProfileSet,
}

impl Profiles {
    /// The shared files found through `env` (`AWS_CONFIG_FILE`, `AWS_SHARED_CREDENTIALS_FILE`,
    /// else `~/.aws/config` and `~/.aws/credentials`); missing files are empty. A file that does
    /// not parse is a configuration error naming the file and the line.
    pub(crate) fn load(
        profile: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<Profiles, AwsError> {
        let vars: HashMap<String, String> = FILE_VARS
            .iter()
            .filter_map(|name| env(name).map(|value| (name.to_string(), value)))
            .collect();
        Self::parse(&Env::from(vars), &ProfileFiles::default(), profile)
    }

    fn parse(env: &Env, files: &ProfileFiles, profile: &str) -> Result<Profiles, AwsError> {
        let fs = Fs::real();
        let loading =
            aws_config::profile::load(&fs, env, files, Some(Cow::Owned(profile.to_string())));
        // The parser reads the files with blocking calls inside its `async fn` (no runtime is
        // involved), so its future is ready at the first poll.
        let result = match pin!(loading).poll(&mut Context::from_waker(Waker::noop())) {
            Poll::Ready(result) => result,
            Poll::Pending => {
                return Err(config_error(
                    "reading the shared config files did not finish".into(),
                ));
            }
        };
        result
            .map(|set| Profiles { set })
            .map_err(|e| config_error(error_chain(&e)))
    }

    /// The selected profile's name.
    pub(crate) fn name(&self) -> &str {
        self.set.selected_profile()
    }

    /// A top-level key of the selected profile (keys are case-insensitive).
    pub(crate) fn get(&self, key: &str) -> Option<&str> {
        self.set.get(key)
    }

    /// An error when the selected profile was named but is in neither shared file (as the AWS
    /// CLI does); `default` may be absent.
    pub(crate) fn check_exists(&self) -> Result<(), AwsError> {
        let profile = self.name();
        if profile == "default" || self.set.get_profile(profile).is_some() {
            return Ok(());
        }
        Err(AwsError::Credentials {
            message: format!(
                "the profile `{profile}` could not be found in the shared config or credentials \
                 file (set by --profile or AWS_PROFILE)"
            ),
        })
    }

    /// `endpoint_url` under `service_key =` in the `[services NAME]` section the profile's
    /// `services` key names.
    fn service_endpoint(&self, service_key: &str) -> Option<String> {
        let key = PropertiesKey::builder()
            .section_key("services")
            .section_name(self.get("services")?)
            .property_name(service_key)
            .sub_property_name("endpoint_url")
            .build()
            .ok()?;
        self.set
            .other_sections()
            .get(&key)
            .filter(|url| !url.is_empty())
            .cloned()
    }

    /// The profile's retry settings and service endpoint; `service_key` is the config-file key
    /// of the service, e.g. `cognito_identity_provider`. A bad `retry_mode` or `max_attempts` is
    /// an error naming the key and the profile.
    fn extras_or_message(&self, service_key: &str) -> Result<ProfileExtras, String> {
        let profile = self.name();
        let source = |key: &str| format!("`{key}` of profile `{profile}`");
        Ok(ProfileExtras {
            max_attempts: self
                .get("max_attempts")
                .map(|v| parse_attempts(v, &source("max_attempts")))
                .transpose()?,
            retry_mode: self
                .get("retry_mode")
                .map(|v| parse_mode(v, &source("retry_mode")))
                .transpose()?,
            service_endpoint: self.service_endpoint(service_key),
        })
    }

    /// [`Profiles::extras_or_message`] as a configuration error that also names the config file.
    pub(crate) fn extras(
        &self,
        service_key: &str,
        env: &dyn Fn(&str) -> Option<String>,
    ) -> Result<ProfileExtras, AwsError> {
        self.extras_or_message(service_key).map_err(|message| {
            let file = config_path(env, "AWS_CONFIG_FILE", "config").map_or_else(
                || "the shared config file".to_string(),
                |p| p.display().to_string(),
            );
            config_error(format!("{message} (in {file})"))
        })
    }
}

fn config_error(message: String) -> AwsError {
    AwsError::Credentials {
        message: format!("configuration error: {message}"),
    }
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

/// `$VAR`, else `~/.aws/{file}`: where a shared file is, for naming it in messages.
pub(crate) fn config_path(
    env: &dyn Fn(&str) -> Option<String>,
    var: &str,
    file: &str,
) -> Option<PathBuf> {
    let home = || env("HOME").or_else(|| env("USERPROFILE"));
    match env(var) {
        Some(path) => match path.strip_prefix("~/") {
            Some(rest) => home().map(|h| PathBuf::from(h).join(rest)),
            None => Some(PathBuf::from(path)),
        },
        None => home().map(|h| PathBuf::from(h).join(".aws").join(file)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use aws_runtime::env_config::file::EnvConfigFileKind;

    const CONFIG: &str = "[profile dev]\nregion = eu-west-1\nmax_attempts = 7\nretry_mode = legacy\n\
        services = local\n\n[services local]\ns3 =\n  endpoint_url = http://s3.local\n\
        cognito_identity_provider =\n  endpoint_url = http://127.0.0.1:4566\n\n[profile other]\n";

    fn from_texts(config: &str, credentials: &str, profile: &str) -> Result<Profiles, AwsError> {
        let files = ProfileFiles::builder()
            .include_default_config_file(false)
            .include_default_credentials_file(false)
            .with_contents(EnvConfigFileKind::Config, config)
            .with_contents(EnvConfigFileKind::Credentials, credentials)
            .build();
        Profiles::parse(&Env::from_slice(&[]), &files, profile)
    }

    fn extras_from(config: &str, profile: &str, key: &str) -> Result<ProfileExtras, String> {
        from_texts(config, "", profile)
            .expect("parses")
            .extras_or_message(key)
    }

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
        let exists = |config: &str, credentials: &str, profile: &str| {
            from_texts(config, credentials, profile)
                .expect("parses")
                .check_exists()
                .is_ok()
        };
        assert!(exists(CONFIG, "", "dev"));
        assert!(exists(CONFIG, "", "other"));
        assert!(!exists(CONFIG, "", "local"));
        assert!(exists("", "[x]\n", "x"));
        assert!(!exists("[x]\n", "", "x"), "config sections need `profile `");
    }

    #[test]
    fn merges_both_files_the_credentials_file_winning() {
        let config = "[default]\nregion = eu-west-1\n[profile dev]\nREGION=us-west-2\n\
                      s3 =\n  region = nope\naws_access_key_id = AKID\n[sso-session x]\nregion = no\n";
        let dev = from_texts(config, "[dev]\naws_access_key_id = A\n; c\n", "dev").expect("dev");
        assert_eq!(dev.get("region"), Some("us-west-2"));
        assert_eq!(dev.get("aws_access_key_id"), Some("A"));
        let default = from_texts(config, "", "default").expect("default");
        assert_eq!(default.get("region"), Some("eu-west-1"));
    }

    #[test]
    fn a_file_that_does_not_parse_is_a_configuration_error() {
        let Err(AwsError::Credentials { message }) = from_texts("region = x\n", "", "default")
        else {
            panic!("a property outside a profile must not parse");
        };
        assert!(
            message.starts_with("configuration error: could not parse profile file"),
            "{message}"
        );
    }
}
