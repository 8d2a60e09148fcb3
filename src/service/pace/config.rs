//! Where each category's quota comes from, in order: `--quota CATEGORY=RPS` (repeatable),
//! `POOLER_QUOTAS`, `pooler_quotas = …` in the profile of `~/.aws/config`, `GetProvisionedLimit`
//! (asked at run time, see `provisioned`), then the developer guide's defaults. Each source is
//! a comma-separated list of `CATEGORY=RPS`, or `none` to turn pacing off.

use std::collections::BTreeMap;
use std::fmt;

use crate::model::QuotaTable;

/// Where a category's quota came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QuotaSource {
    Flag,
    Environment,
    Profile,
    Service,
    Default,
}

impl fmt::Display for QuotaSource {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            QuotaSource::Flag => "--quota",
            QuotaSource::Environment => "POOLER_QUOTAS",
            QuotaSource::Profile => "pooler_quotas in ~/.aws/config",
            QuotaSource::Service => "GetProvisionedLimit",
            QuotaSource::Default => "default",
        })
    }
}

/// A quota setting that cannot be used.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{origin}: {message}")]
pub struct QuotaError {
    /// `--quota`, `POOLER_QUOTAS` or `pooler_quotas in ~/.aws/config`.
    pub origin: String,
    pub message: String,
}

/// The quotas the user set, resolved over the sources; categories not named here use
/// `GetProvisionedLimit` (when asked) or the default.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct QuotaConfig {
    off: bool,
    rates: BTreeMap<String, (f64, QuotaSource)>,
}

impl QuotaConfig {
    /// Pacing off (`--quota none`).
    pub fn off() -> QuotaConfig {
        QuotaConfig {
            off: true,
            rates: BTreeMap::new(),
        }
    }

    /// Resolves the sources, highest first: the `--quota` values (each `CATEGORY=RPS`, a
    /// comma-separated list of them, or `none`), `POOLER_QUOTAS`, the profile's
    /// `pooler_quotas`. For each category the highest source naming it wins. `none` turns
    /// pacing off unless a higher source sets rates; it cannot share a source with rates.
    pub fn resolve(
        table: &QuotaTable,
        flags: &[String],
        env: Option<&str>,
        profile: Option<&str>,
    ) -> Result<QuotaConfig, QuotaError> {
        let mut config = QuotaConfig::default();
        let flags = flags.join(",");
        let sources = [
            (QuotaSource::Flag, Some(flags.as_str())),
            (QuotaSource::Environment, env),
            (QuotaSource::Profile, profile),
        ];
        let mut rates_above = false;
        for (source, text) in sources {
            let Some(text) = text.filter(|t| !t.trim().is_empty()) else {
                continue;
            };
            match parse(table, text, source)? {
                Parsed::None if !rates_above => return Ok(QuotaConfig::off()),
                Parsed::None => {}
                Parsed::Rates(rates) => {
                    rates_above = true;
                    for (category, rps) in rates {
                        config.rates.entry(category).or_insert((rps, source));
                    }
                }
            }
        }
        Ok(config)
    }

    /// [`QuotaConfig::resolve`] with the embedded table, `POOLER_QUOTAS` from the process
    /// environment and `pooler_quotas` from `profile` (else `AWS_PROFILE`, else `default`).
    pub fn from_environment(
        flags: &[String],
        profile: Option<&str>,
    ) -> Result<QuotaConfig, QuotaError> {
        let env = |name: &str| std::env::var(name).ok();
        QuotaConfig::resolve(
            QuotaTable::embedded(),
            flags,
            env("POOLER_QUOTAS").as_deref(),
            profile_quotas(&env, profile).as_deref(),
        )
        .map_err(|mut e| {
            // Name the config file that was read (`AWS_CONFIG_FILE` when it is set).
            if e.origin == QuotaSource::Profile.to_string()
                && let Some(path) = crate::aws::shared_config_path(&env)
            {
                e.origin = format!("pooler_quotas in {}", path.display());
            }
            e
        })
    }

    /// Whether pacing is off.
    pub fn is_off(&self) -> bool {
        self.off
    }

    /// The quota the user set for `category`, and where it was set.
    pub fn explicit(&self, category: &str) -> Option<(f64, QuotaSource)> {
        self.rates.get(category).copied()
    }
}

enum Parsed {
    None,
    Rates(Vec<(String, f64)>),
}

fn parse(table: &QuotaTable, text: &str, source: QuotaSource) -> Result<Parsed, QuotaError> {
    let fail = |message: String| QuotaError {
        origin: source.to_string(),
        message,
    };
    let items: Vec<&str> = text
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let none = items.iter().any(|i| i.eq_ignore_ascii_case("none"));
    if none && items.len() > 1 {
        return Err(fail(
            "`none` turns pacing off and cannot be combined with CATEGORY=RPS".into(),
        ));
    }
    if none {
        return Ok(Parsed::None);
    }
    let mut rates = Vec::new();
    for item in items {
        let Some((name, value)) = item.split_once('=') else {
            return Err(fail(format!(
                "`{item}` is not CATEGORY=RPS (e.g. UserCreation=50) or `none`"
            )));
        };
        let (name, value) = (name.trim(), value.trim());
        let category = table
            .categories()
            .iter()
            .find(|c| c.name.eq_ignore_ascii_case(name))
            .ok_or_else(|| {
                let hint = table
                    .suggest_category(name)
                    .map(|s| format!(" (did you mean `{s}`?)"))
                    .unwrap_or_else(|| {
                        let names: Vec<&str> =
                            table.categories().iter().map(|c| c.name.as_str()).collect();
                        format!(" (categories: {})", names.join(", "))
                    });
                fail(format!("unknown quota category `{name}`{hint}"))
            })?;
        let rps: f64 = value.parse().map_err(|_| {
            fail(format!(
                "`{item}`: `{value}` is not a number of requests per second"
            ))
        })?;
        if !rps.is_finite() || rps <= 0.0 {
            return Err(fail(format!(
                "`{item}`: the rate must be a positive, finite number of requests per second \
                 (use `none` to turn pacing off)"
            )));
        }
        rates.push((category.name.clone(), rps));
    }
    // Within one source the last setting of a category wins.
    rates.reverse();
    Ok(Parsed::Rates(rates))
}

/// The `pooler_quotas` setting of `profile` (else `AWS_PROFILE`, else `default`) in the shared
/// files (`AWS_CONFIG_FILE`, else `~/.aws/config`, and the credentials file), read through `env`.
pub fn profile_quotas(
    env: &dyn Fn(&str) -> Option<String>,
    profile: Option<&str>,
) -> Option<String> {
    let profile = profile
        .map(str::to_string)
        .or_else(|| env("AWS_PROFILE"))
        .unwrap_or_else(|| "default".into());
    let profiles = crate::aws::Profiles::load(&profile, env).ok()?;
    profiles
        .get("pooler_quotas")
        .map(str::to_string)
        .filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> &'static QuotaTable {
        QuotaTable::embedded()
    }

    fn resolve(
        flags: &[&str],
        env: Option<&str>,
        profile: Option<&str>,
    ) -> Result<QuotaConfig, QuotaError> {
        let flags: Vec<String> = flags.iter().map(|s| s.to_string()).collect();
        QuotaConfig::resolve(table(), &flags, env, profile)
    }

    #[test]
    fn nothing_set_means_defaults() {
        let c = resolve(&[], None, None).unwrap();
        assert!(!c.is_off());
        assert_eq!(c.explicit("UserCreation"), None);
    }

    #[test]
    fn sources_in_order_per_category() {
        let c = resolve(
            &["UserCreation=80", "userlist=12"],
            Some("UserCreation=60, UserPoolRead=5"),
            Some("UserPoolRead=4,UserRead=200"),
        )
        .unwrap();
        assert_eq!(c.explicit("UserCreation"), Some((80.0, QuotaSource::Flag)));
        assert_eq!(c.explicit("UserList"), Some((12.0, QuotaSource::Flag)));
        assert_eq!(
            c.explicit("UserPoolRead"),
            Some((5.0, QuotaSource::Environment))
        );
        assert_eq!(c.explicit("UserRead"), Some((200.0, QuotaSource::Profile)));
        assert_eq!(c.explicit("UserUpdate"), None);
    }

    #[test]
    fn the_last_flag_for_a_category_wins() {
        let c = resolve(&["UserList=10", "UserList=20"], None, None).unwrap();
        assert_eq!(c.explicit("UserList"), Some((20.0, QuotaSource::Flag)));
    }

    #[test]
    fn none_turns_pacing_off_unless_a_higher_source_sets_rates() {
        assert!(
            resolve(&["none"], Some("UserList=5"), None)
                .unwrap()
                .is_off()
        );
        assert!(
            resolve(&[], Some("none"), Some("UserList=5"))
                .unwrap()
                .is_off()
        );
        assert!(resolve(&[], None, Some("NONE")).unwrap().is_off());
        let c = resolve(&["UserList=5"], Some("none"), None).unwrap();
        assert!(!c.is_off());
        assert_eq!(c.explicit("UserList"), Some((5.0, QuotaSource::Flag)));
    }

    #[test]
    fn clear_errors() {
        let err = resolve(&["UserCreaton=5"], None, None).unwrap_err();
        assert_eq!(
            err.to_string(),
            "--quota: unknown quota category `UserCreaton` (did you mean `UserCreation`?)"
        );
        let err = resolve(&[], Some("UserList=0"), None).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("POOLER_QUOTAS: `UserList=0`: the rate must be a positive")
        );
        for bad in ["UserList=-3", "UserList=inf", "UserList=NaN"] {
            assert!(resolve(&[bad], None, None).is_err(), "{bad}");
        }
        let err = resolve(&["UserList=fast"], None, None).unwrap_err();
        assert!(err.message.contains("not a number"), "{err}");
        let err = resolve(&["UserList"], None, None).unwrap_err();
        assert!(err.message.contains("CATEGORY=RPS"), "{err}");
        let err = resolve(&["none", "UserList=3"], None, None).unwrap_err();
        assert!(err.message.contains("cannot be combined"), "{err}");
        let err = resolve(&[], None, Some("Bogus=3")).unwrap_err();
        assert!(
            err.to_string()
                .starts_with("pooler_quotas in ~/.aws/config: unknown"),
            "{err}"
        );
    }

    #[test]
    fn reads_the_profile_setting() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("config");
        std::fs::write(
            &path,
            "[default]\npooler_quotas = UserList=7\n[profile ops]\nregion = eu-west-1\npooler_quotas = UserCreation=90, UserList=3\n",
        )
        .unwrap();
        let path_text = path.to_string_lossy().into_owned();
        let env = |profile: Option<&'static str>| {
            let path_text = path_text.clone();
            move |name: &str| match name {
                "AWS_CONFIG_FILE" => Some(path_text.clone()),
                "AWS_PROFILE" => profile.map(str::to_string),
                _ => None,
            }
        };
        assert_eq!(
            profile_quotas(&env(None), None).as_deref(),
            Some("UserList=7")
        );
        assert_eq!(
            profile_quotas(&env(Some("ops")), None).as_deref(),
            Some("UserCreation=90, UserList=3")
        );
        assert_eq!(
            profile_quotas(&env(None), Some("ops")).as_deref(),
            Some("UserCreation=90, UserList=3")
        );
        assert_eq!(profile_quotas(&env(None), Some("missing")), None);
    }
}
