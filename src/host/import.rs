//! `cognito.import_users(pool_id, csv_path, opts)`: users through Cognito's import jobs (the
//! work is in `crate::service::import`). Returns `#{job_id, status, imported, skipped, failed,
//! users, jobs}`; a bad file or a failed call throws `#{type, message}`; Ctrl-C stops the
//! running job and ends the script (exit 130).
//! opts: the names of `IMPORT_OPTIONS` (`:help import_users` lists them).
//! Either method then restores the groups and disabled state of `FILE.csv.state.jsonl`
//! (the summary's `groups_added` and `disabled`).

use std::time::Duration;

use rhai::{Array, Dynamic, EvalAltResult, INT, Map as RhaiMap, Position};

use super::cognito::Cognito;
use super::registry::{OptDoc, Registrar, method};
use crate::exit;
use crate::service::import::{self, ImportError, Job, Options, Summary, restore};

type Res<T> = Result<T, Box<EvalAltResult>>;

/// A bad file or option (nothing sent, exit 5), as a catchable map.
fn invalid(message: String) -> Box<EvalAltResult> {
    thrown("ValidationError", message, exit::VALIDATION)
}

/// The catchable map, with the exit code it ends the run with when nothing catches it
/// (5 for a bad file or option, nothing sent; 6 for a refused upload, 7 for one unanswered).
fn thrown(kind: &str, message: String, code: i32) -> Box<EvalAltResult> {
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
        Some(v) => Err(invalid(format!(
            "opts.{key} must be a number, not {}",
            v.type_name()
        ))),
    }
}

fn string(opts: &RhaiMap, key: &str) -> Res<Option<String>> {
    match opts.get(key) {
        None => Ok(None),
        Some(v) if v.is_string() => Ok(Some(v.to_string())),
        Some(v) => Err(invalid(format!(
            "opts.{key} must be a string, not {}",
            v.type_name()
        ))),
    }
}

/// `opts.method`: `true` for AdminCreateUser, `false` for import jobs.
fn admin_method(opts: &RhaiMap) -> Res<bool> {
    match string(opts, "method")?.as_deref() {
        None | Some("job") => Ok(false),
        Some("admin-create-user") => Ok(true),
        Some(other) => Err(invalid(format!(
            "opts.method is \"job\" or \"admin-create-user\", not \"{other}\""
        ))),
    }
}

fn flag(opts: &RhaiMap, key: &str) -> Res<bool> {
    match opts.get(key) {
        None => Ok(false),
        Some(v) => v
            .as_bool()
            .map_err(|t| invalid(format!("opts.{key} must be true or false, not {t}"))),
    }
}

/// Refuses an unknown or mistyped option, for either method.
pub(crate) fn check_options(opts: &RhaiMap) -> Res<()> {
    options(opts, false)?;
    admin_method(opts)?;
    flag(opts, "send_invitation")?;
    Ok(())
}

fn options(opts: &RhaiMap, dry_run: bool) -> Res<Options> {
    let known = |k: &str| IMPORT_OPTIONS.iter().any(|o| o.name == k);
    if let Some(bad) = opts.keys().find(|k| !known(k)) {
        let names: Vec<&str> = IMPORT_OPTIONS.iter().map(|o| o.name).collect();
        return Err(invalid(format!(
            "opts.{bad} is not an option (known: {})",
            names.join(", ")
        )));
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

fn summary_map(s: &Summary) -> RhaiMap {
    let mut m = RhaiMap::new();
    m.insert("job_id".into(), s.job_id.clone().into());
    m.insert("status".into(), s.status.clone().into());
    m.insert("imported".into(), (s.imported as INT).into());
    m.insert("skipped".into(), (s.skipped as INT).into());
    m.insert("failed".into(), (s.failed as INT).into());
    m.insert("users".into(), (s.users as INT).into());
    let jobs: Array = s.jobs.iter().map(job_map).collect();
    m.insert("jobs".into(), Dynamic::from_array(jobs));
    m
}

fn import_error(e: ImportError, ctx: &crate::service::Context) -> Box<EvalAltResult> {
    match e {
        ImportError::Interrupted(s) => {
            eprintln!("import: interrupted; stopped job {}", s.job_id);
            terminated(ctx)
        }
        ImportError::Call(crate::service::CallError::Interrupted { .. }) => terminated(ctx),
        ImportError::File(m) => invalid(m),
        ImportError::Upload(e) => thrown("UploadFailed", e.message, e.exit_code),
        ImportError::Call(e) => super::error::thrown(e, ctx.secrets),
    }
}

fn terminated(ctx: &crate::service::Context) -> Box<EvalAltResult> {
    let code = ctx.interrupt.exit_code();
    EvalAltResult::ErrorTerminated(Dynamic::from_int(code as INT), Position::NONE).into()
}

impl Cognito {
    fn import_users(&self, pool_id: &str, csv: &str, raw: &RhaiMap) -> Res<Dynamic> {
        let ctx = self.service.ctx();
        check_options(raw)?;
        let admin = admin_method(raw)?;
        let invite = flag(raw, "send_invitation")?;
        let facts = restore::facts(std::path::Path::new(csv)).map_err(|e| import_error(e, ctx))?;
        let mut map = if admin {
            let (users, s) = import::admin::create_users(
                &self.service,
                pool_id,
                std::path::Path::new(csv),
                invite,
            )
            .map_err(|e| import_error(e, ctx))?;
            let mut m = RhaiMap::new();
            let status = if s.failed.is_empty() {
                "Succeeded"
            } else {
                "Failed"
            };
            m.insert("status".into(), status.into());
            m.insert("imported".into(), (s.done as INT).into());
            m.insert("skipped".into(), ((s.skipped + s.resumed) as INT).into());
            m.insert("failed".into(), (s.failed.len() as INT).into());
            m.insert("users".into(), (users as INT).into());
            m.insert("job_id".into(), "".into());
            m.insert("jobs".into(), Dynamic::from_array(Array::new()));
            m.insert("failures".into(), super::cognito::failed_list(&s.failed));
            m
        } else {
            self.import_jobs(pool_id, csv, raw)?
        };
        let succeeded = map
            .get("status")
            .is_some_and(|s| s.to_string() == "Succeeded" || s.to_string() == "DryRun");
        if let (Some(facts), true) = (facts, succeeded) {
            let r = restore::restore(&self.service, pool_id, &facts)
                .map_err(|e| import_error(e, ctx))?;
            map.insert("groups_added".into(), (r.groups.done as INT).into());
            map.insert("disabled".into(), (r.disabled.done as INT).into());
            let mut failed = r.groups.failed.clone();
            failed.extend(r.disabled.failed.iter().cloned());
            map.insert(
                "restore_failures".into(),
                super::cognito::failed_list(&failed),
            );
        }
        Ok(Dynamic::from_map(map))
    }

    fn import_jobs(&self, pool_id: &str, csv: &str, opts: &RhaiMap) -> Res<RhaiMap> {
        let ctx = self.service.ctx();
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
            Err(e) => Err(import_error(e, ctx)),
        }
    }
}

/// The options of `import_users`, read by [`check_options`] (which refuses any other).
pub const IMPORT_OPTIONS: &[OptDoc] = &[
    OptDoc {
        name: "CloudWatchLogsRoleArn",
        about: "the role that lets Cognito write the job's CloudWatch Logs (import jobs)",
    },
    OptDoc {
        name: "job_name",
        about: "jobs are named NAME-1, NAME-2, … (default pooler-import)",
    },
    OptDoc {
        name: "max_users_per_job",
        about: "split the file into jobs of at most this many users (default 500,000)",
    },
    OptDoc {
        name: "max_bytes_per_job",
        about: "split the file into jobs of at most this many bytes (default 100 MB)",
    },
    OptDoc {
        name: "poll_seconds",
        about: "seconds between DescribeUserImportJob calls, 0.01 to 3600 (default 5)",
    },
    OptDoc {
        name: "dry_run",
        about: "true: check the file and validate the calls, create no job",
    },
    OptDoc {
        name: "method",
        about: "\"job\" (default: Cognito's import jobs) or \"admin-create-user\" (one call per user)",
    },
    OptDoc {
        name: "send_invitation",
        about: "true or false: with admin-create-user, send Cognito's invitation (default false)",
    },
];

/// Registers `cognito.import_users(pool_id, csv_path)` and `(pool_id, csv_path, opts)`.
pub fn register(reg: &mut Registrar<'_>) {
    reg.func(
        method(
            "cognito",
            "import_users",
            "cognito.import_users(pool_id, csv_path) / cognito.import_users(pool_id, csv_path, opts)",
            "moves users in with Cognito's CSV import jobs (or AdminCreateUser: opts.method \"admin-create-user\"), then restores groups and disabled state from FILE.csv.state.jsonl; returns #{job_id, status, imported, skipped, failed}",
        )
        .with_options(IMPORT_OPTIONS),
        |c: &mut Cognito, pool: &str, csv: &str, opts: RhaiMap| c.import_users(pool, csv, &opts),
    )
    .or(|c: &mut Cognito, pool: &str, csv: &str| {
        c.import_users(pool, csv, &RhaiMap::new())
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The import options documented are the ones `import::options` accepts, and its error
    /// lists them all.
    #[test]
    fn import_options_are_the_ones_import_users_reads() {
        use rhai::{Dynamic, Map};
        let sample = |name: &str| match name {
            "max_users_per_job" | "max_bytes_per_job" | "poll_seconds" => Dynamic::from_int(2),
            "dry_run" | "send_invitation" => Dynamic::TRUE,
            "method" => Dynamic::from("job"),
            _ => Dynamic::from("text"),
        };
        for o in IMPORT_OPTIONS {
            let mut opts = Map::new();
            opts.insert(o.name.into(), sample(o.name));
            assert!(check_options(&opts).is_ok(), "{}", o.name);
        }
        let mut bogus = Map::new();
        bogus.insert("bogus".into(), Dynamic::TRUE);
        let err = check_options(&bogus).unwrap_err().to_string();
        let names: Vec<&str> = IMPORT_OPTIONS.iter().map(|o| o.name).collect();
        assert!(
            err.contains(&format!("(known: {})", names.join(", "))),
            "{err}"
        );
    }
}
