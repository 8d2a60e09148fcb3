//! The options of a bulk call (`cognito.each(op, inputs, opts)`), read from a Rhai map.

use std::io::IsTerminal as _;
use std::path::PathBuf;

use rhai::{Dynamic, EvalAltResult, Map as RhaiMap};

type Res<T> = Result<T, Box<EvalAltResult>>;

pub struct Opts {
    pub concurrency: usize,
    pub rate: f64,
    pub max_rate: f64,
    pub skip_existing: bool,
    pub resume: Option<PathBuf>,
    pub key: String,
    pub max_retries: u32,
    pub progress: bool,
}

fn number(v: &Dynamic, name: &str) -> Res<f64> {
    v.as_float()
        .ok()
        .or_else(|| v.as_int().ok().map(|i| i as f64))
        .filter(|n| n.is_finite() && *n > 0.0)
        .ok_or_else(|| format!("bulk option `{name}` must be a positive number, not {v}").into())
}

pub fn options(map: &RhaiMap) -> Res<Opts> {
    let mut o = Opts {
        concurrency: 16,
        rate: 25.0,
        max_rate: 1000.0,
        skip_existing: true,
        resume: None,
        key: "Username".into(),
        max_retries: 5,
        progress: std::io::stderr().is_terminal(),
    };
    for (name, v) in map {
        match name.as_str() {
            "concurrency" => o.concurrency = number(v, name)?.clamp(1.0, 256.0) as usize,
            "rate" => o.rate = number(v, name)?,
            "max_rate" => o.max_rate = number(v, name)?,
            "max_retries" => o.max_retries = v.as_int().unwrap_or(5).clamp(0, 100) as u32,
            "on_exists" => {
                o.skip_existing = match v.to_string().as_str() {
                    "skip" => true,
                    "fail" => false,
                    other => {
                        return Err(format!(
                            "bulk option `on_exists` is \"skip\" or \"fail\", not \"{other}\""
                        )
                        .into());
                    }
                }
            }
            "resume" => o.resume = Some(PathBuf::from(v.to_string())),
            "key" => o.key = v.to_string(),
            "progress" => o.progress = v.as_bool().unwrap_or(o.progress),
            other => {
                return Err(format!(
                    "unknown bulk option `{other}` (concurrency, rate, max_rate, on_exists, \
                     resume, key, max_retries, progress)"
                )
                .into());
            }
        }
    }
    o.max_rate = o.max_rate.max(o.rate);
    Ok(o)
}
