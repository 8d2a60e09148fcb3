//! `cognito.import_users(pool_id, csv_path, opts)`: users through Cognito's import jobs (the
//! work is in `crate::service::import`). Returns `#{job_id, status, imported, skipped, failed,
//! users, jobs}`; a bad file or a failed call throws `#{type, message}`; Ctrl-C stops the
//! running job and ends the script (exit 130).
//! opts: `CloudWatchLogsRoleArn`, `job_name`, `max_users_per_job`, `max_bytes_per_job`,
//! `poll_seconds`, `dry_run`.

use std::time::Duration;

use rhai::{Array, Dynamic, EvalAltResult, INT, Map as RhaiMap, Position};

use super::cognito::Cognito;
use super::registry::Registrar;
use crate::exit;
use crate::service::import::{self, ImportError, Job, Options, Summary};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// The catchable map, with the exit code it ends the run with when nothing catches it
/// (5 for a bad file or option, nothing sent; 6 for a failed upload).
fn thrown(kind: &str, message: String) -> Box<EvalAltResult> {
    let code = if kind == "ValidationError" {
        exit::VALIDATION
    } else {
        exit::SERVICE
    };
    let mut map = RhaiMap::new();
    map.insert("type".into(), kind.into());
    map.insert("operation".into(), "import_users".into());
    map.insert("message".into(), message.into());
    map.insert("exit_code".into(), Dynamic::from_int(INT::from(code)));
    EvalAltResult::ErrorRuntime(Dynamic::from_map(map), Position::NONE).into()
}

fn number(opts: &RhaiMap, key: &str) -> Res<Option<f64>> {
    match opts.get(key) {
        None => Ok(None),
        Some(v) if v.is_int() => Ok(Some(v.as_int().unwrap_or_default() as f64)),
        Some(v) if v.is_float() && v.as_float().is_ok_and(f64::is_finite) => {
            Ok(Some(v.as_float().unwrap_or_default()))
        }
        Some(v) => Err(thrown(
            "ValidationError",
            format!("opts.{key} must be a number, not {}", v.type_name()),
        )),
    }
}

fn string(opts: &RhaiMap, key: &str) -> Res<Option<String>> {
    match opts.get(key) {
        None => Ok(None),
        Some(v) if v.is_string() => Ok(Some(v.to_string())),
        Some(v) => Err(thrown(
            "ValidationError",
            format!("opts.{key} must be a string, not {}", v.type_name()),
        )),
    }
}

const KEYS: &[&str] = &[
    "CloudWatchLogsRoleArn",
    "job_name",
    "max_users_per_job",
    "max_bytes_per_job",
    "poll_seconds",
    "dry_run",
];

fn options(opts: &RhaiMap, dry_run: bool) -> Res<Options> {
    if let Some(bad) = opts.keys().find(|k| !KEYS.contains(&k.as_str())) {
        return Err(thrown(
            "ValidationError",
            format!("opts.{bad} is not an option (known: {})", KEYS.join(", ")),
        ));
    }
    let mut o = Options {
        dry_run: dry_run || opts.get("dry_run").and_then(|v| v.as_bool().ok()) == Some(true),
        role_arn: string(opts, "CloudWatchLogsRoleArn")?,
        ..Options::default()
    };
    if let Some(name) = string(opts, "job_name")? {
        o.job_name = name;
    }
    if let Some(n) = number(opts, "max_users_per_job")? {
        o.limits.max_users = n.max(1.0) as u64;
    }
    if let Some(n) = number(opts, "max_bytes_per_job")? {
        o.limits.max_bytes = n.max(1.0) as u64;
    }
    if let Some(s) = number(opts, "poll_seconds")? {
        o.poll = Duration::from_secs_f64(s.clamp(0.01, 3600.0));
    }
    Ok(o)
}

fn job_map(j: &Job) -> Dynamic {
    let mut m = RhaiMap::new();
    m.insert("job_id".into(), j.job_id.clone().into());
    m.insert("status".into(), j.status.clone().into());
    m.insert("imported".into(), (j.imported as INT).into());
    m.insert("skipped".into(), (j.skipped as INT).into());
    m.insert("failed".into(), (j.failed as INT).into());
    m.insert("message".into(), j.message.clone().into());
    Dynamic::from_map(m)
}

fn summary_map(s: &Summary) -> Dynamic {
    let mut m = RhaiMap::new();
    m.insert("job_id".into(), s.job_id.clone().into());
    m.insert("status".into(), s.status.clone().into());
    m.insert("imported".into(), (s.imported as INT).into());
    m.insert("skipped".into(), (s.skipped as INT).into());
    m.insert("failed".into(), (s.failed as INT).into());
    m.insert("users".into(), (s.users as INT).into());
    let jobs: Array = s.jobs.iter().map(job_map).collect();
    m.insert("jobs".into(), Dynamic::from_array(jobs));
    Dynamic::from_map(m)
}

impl Cognito {
    fn import_users(&self, pool_id: &str, csv: &str, opts: &RhaiMap) -> Res<Dynamic> {
        let ctx = &self.service.ctx;
        let planning = ctx.planning();
        let opts = options(opts, ctx.dry_run() || planning)?;
        let caller = &self.service;
        let interrupt = ctx.interrupt.clone();
        let stop = move || interrupt.is_set();
        let mut progress = |p: import::Progress| {
            let line = import::describe(&p);
            if planning {
                println!("plan: {line}");
            } else {
                eprintln!("{line}");
            }
        };
        match import::import(
            caller,
            pool_id,
            std::path::Path::new(csv),
            &opts,
            &stop,
            &mut progress,
        ) {
            Ok(summary) => Ok(summary_map(&summary)),
            Err(ImportError::Interrupted(s)) => {
                eprintln!("import: interrupted; stopped job {}", s.job_id);
                let code = ctx.interrupt.exit_code();
                Err(
                    EvalAltResult::ErrorTerminated(Dynamic::from_int(code as INT), Position::NONE)
                        .into(),
                )
            }
            Err(ImportError::File(m)) => Err(thrown("ValidationError", m)),
            Err(ImportError::Upload(m)) => Err(thrown("UploadFailed", m)),
            Err(ImportError::Call(e)) => Err(super::error::thrown(e, ctx.secrets)),
        }
    }
}

/// Registers `cognito.import_users(pool_id, csv_path)` and `(pool_id, csv_path, opts)`.
pub fn register(reg: &mut Registrar<'_>) {
    reg.func(
        "import_users",
        |c: &mut Cognito, pool: &str, csv: &str, opts: RhaiMap| c.import_users(pool, csv, &opts),
    );
    reg.func("import_users", |c: &mut Cognito, pool: &str, csv: &str| {
        c.import_users(pool, csv, &RhaiMap::new())
    });
}
