//! The options of a bulk call (`cognito.each(op, inputs, opts)`), read from JSON and checked:
//! a bad option is a clear error before anything is sent.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use serde_json::Value;

use crate::service::CallError;

pub struct Opts {
    /// Requests in flight at most; `None`: as many as the quota needs at the latency seen
    /// (Little's law), or 16 when nothing paces the operation.
    pub concurrency: Option<usize>,
    pub skip_existing: bool,
    pub resume: Option<PathBuf>,
    pub key: String,
    /// Retries per item beyond the first attempt; `None` keeps the run's `--max-attempts`.
    pub max_retries: Option<u32>,
    pub progress: bool,
}

fn bad(message: String) -> CallError {
    CallError::bad_input("bulk option", message)
}

fn number(v: &Value, name: &str, min: f64, max: f64) -> Result<f64, CallError> {
    v.as_f64()
        .filter(|n| n.is_finite() && *n >= min && *n <= max)
        .ok_or_else(|| {
            bad(format!(
                "`{name}` must be a number from {min} to {max}, not {v}"
            ))
        })
}

fn text(v: &Value, name: &str) -> Result<String, CallError> {
    v.as_str()
        .map(str::to_string)
        .ok_or_else(|| bad(format!("`{name}` must be text, not {v}")))
}

impl Opts {
    /// Reads the options map; unknown names and out-of-range values are errors.
    pub fn from_json(map: &Value) -> Result<Opts, CallError> {
        let mut o = Opts {
            concurrency: None,
            skip_existing: true,
            resume: None,
            key: "Username".into(),
            max_retries: None,
            progress: std::io::stderr().is_terminal(),
        };
        let Some(map) = map.as_object() else {
            return Err(bad(format!("the options must be a map, not {map}")));
        };
        for (name, v) in map {
            match name.as_str() {
                "concurrency" => o.concurrency = Some(number(v, name, 1.0, 256.0)? as usize),
                "rate" | "max_rate" => {
                    return Err(bad(format!(
                        "`{name}` is gone: every call is paced to its quota category; set one \
                         with --quota CATEGORY=RPS (or POOLER_QUOTAS)"
                    )));
                }
                "max_retries" => o.max_retries = Some(number(v, name, 0.0, 100.0)? as u32),
                "on_exists" => {
                    o.skip_existing = match text(v, name)?.as_str() {
                        "skip" => true,
                        "fail" => false,
                        other => {
                            return Err(bad(format!(
                                "`on_exists` is \"skip\" or \"fail\", not \"{other}\""
                            )));
                        }
                    }
                }
                "resume" => o.resume = Some(PathBuf::from(text(v, name)?)),
                "key" => o.key = text(v, name)?,
                "progress" => {
                    o.progress = v
                        .as_bool()
                        .ok_or_else(|| bad(format!("`progress` is true or false, not {v}")))?
                }
                other => {
                    return Err(bad(format!(
                        "unknown option `{other}` (concurrency, on_exists, resume, key, \
                         max_retries, progress)"
                    )));
                }
            }
        }
        Ok(o)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn out_of_range_and_non_finite_numbers_are_refused() {
        for bad in [
            json!(1e-20),
            json!(0),
            json!(-1),
            json!(1e30),
            json!("many"),
        ] {
            let err = Opts::from_json(&json!({ "concurrency": bad }))
                .err()
                .expect("refused");
            assert!(err.to_string().contains("`concurrency`"), "{err}");
        }
        let ok = Opts::from_json(&json!({"concurrency": 4})).unwrap();
        assert_eq!(ok.concurrency, Some(4));
        assert!(Opts::from_json(&json!({"bogus": 1})).is_err());
        let gone = Opts::from_json(&json!({"rate": 10}))
            .err()
            .expect("refused");
        assert!(gone.to_string().contains("--quota"), "{gone}");
    }
}
