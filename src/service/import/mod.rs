//! `pooler import POOL FILE.csv` and `cognito.import_users`: users through Cognito's own import
//! jobs. GetCSVHeader, check the file against it (nothing is sent when it is wrong), then for
//! each piece of at most 500,000 users or 100 MB: CreateUserImportJob, upload to the presigned
//! URL, StartUserImportJob, poll DescribeUserImportJob. A stop request stops the running job.
//! `admin` creates the users with AdminCreateUser instead; `restore` then puts back the groups
//! and disabled state the sidecar lists, after either method.

pub mod admin;
pub mod csv_check;
pub mod restore;
pub mod upload;

use std::io::{Read as _, Seek as _, SeekFrom};
use std::path::Path;
use std::time::Duration;

use serde_json::{Value, json};

use super::export::{CallError, Caller};
pub use csv_check::Limits;
use upload::Uploader;

/// What an import needs: the calls and the upload (the call service is both).
pub trait ImportCaller: Caller + Uploader {}

impl<T: Caller + Uploader> ImportCaller for T {}

/// How to import.
#[derive(Clone, Debug)]
pub struct Options {
    /// CreateUserImportJob's `CloudWatchLogsRoleArn` (the service requires it).
    pub role_arn: Option<String>,
    /// Jobs are named `{job_name}-{n}` (default `pooler-import`).
    pub job_name: String,
    pub limits: Limits,
    /// Time between DescribeUserImportJob polls.
    pub poll: Duration,
    /// Check the file and validate the calls; create no job.
    pub dry_run: bool,
    /// Time allowed for one upload.
    pub upload_timeout: Duration,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            role_arn: None,
            job_name: "pooler-import".into(),
            limits: Limits::default(),
            poll: Duration::from_secs(5),
            dry_run: false,
            upload_timeout: Duration::from_secs(600),
        }
    }
}

/// One job's outcome.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Job {
    pub job_id: String,
    pub status: String,
    pub imported: u64,
    pub skipped: u64,
    pub failed: u64,
    pub message: String,
}

/// All jobs together: `status` is `Succeeded` when every job succeeded, else the first other
/// status; `job_id` is the last job's.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Summary {
    pub job_id: String,
    pub status: String,
    pub imported: u64,
    pub skipped: u64,
    pub failed: u64,
    pub users: u64,
    pub unverified: u64,
    pub jobs: Vec<Job>,
}

impl Summary {
    fn add(&mut self, job: Job) {
        self.job_id = job.job_id.clone();
        if self.status.is_empty() || self.status == "Succeeded" {
            self.status = job.status.clone();
        }
        self.imported += job.imported;
        self.skipped += job.skipped;
        self.failed += job.failed;
        self.jobs.push(job);
    }
}

/// Why an import did not finish.
#[derive(Debug)]
pub enum ImportError {
    /// The file is wrong; nothing was sent.
    File(String),
    Call(CallError),
    Upload(upload::UploadError),
    /// Stopped on request; the running job was stopped.
    Interrupted(Summary),
}

impl std::fmt::Display for ImportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ImportError::File(m) => write!(f, "{m}"),
            ImportError::Upload(e) => write!(f, "{e}"),
            ImportError::Call(e) => write!(f, "{e}"),
            ImportError::Interrupted(s) => {
                write!(f, "interrupted: stopped import job {}", s.job_id)
            }
        }
    }
}

impl ImportError {
    pub fn exit_code(&self) -> i32 {
        match self {
            ImportError::File(_) => crate::exit::VALIDATION,
            ImportError::Call(e) => e.exit_code(),
            ImportError::Upload(e) => e.exit_code,
            ImportError::Interrupted(_) => crate::exit::INTERRUPTED,
        }
    }
}

/// What the import reports while it runs.
pub enum Progress<'a> {
    Checked {
        users: u64,
        jobs: usize,
        unverified: u64,
        rows: &'a [u64],
    },
    Job {
        n: usize,
        of: usize,
        job: &'a Job,
    },
    DryRun {
        jobs: usize,
    },
}

fn text(v: &Value, pointer: &str) -> String {
    v.pointer(pointer)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

fn job_of(v: &Value) -> Job {
    let num = |k: &str| {
        v.pointer(&format!("/UserImportJob/{k}"))
            .and_then(Value::as_u64)
            .unwrap_or(0)
    };
    Job {
        job_id: text(v, "/UserImportJob/JobId"),
        status: text(v, "/UserImportJob/Status"),
        imported: num("ImportedUsers"),
        skipped: num("SkippedUsers"),
        failed: num("FailedUsers"),
        message: text(v, "/UserImportJob/CompletionMessage"),
    }
}

const DONE: &[&str] = &["Succeeded", "Failed", "Stopped", "Expired"];

/// Sleeps `total` in small steps; `false` when a stop was requested meanwhile.
fn wait(total: Duration, stop: &dyn Fn() -> bool) -> bool {
    let step = Duration::from_millis(20);
    let mut left = total;
    while !left.is_zero() {
        if stop() {
            return false;
        }
        let now = left.min(step);
        std::thread::sleep(now);
        left -= now;
    }
    !stop()
}

/// Imports the users in `csv` into `pool_id`.
pub fn import(
    caller: &dyn ImportCaller,
    pool_id: &str,
    csv: &Path,
    opts: &Options,
    stop: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<Summary, ImportError> {
    let expected = if opts.dry_run {
        None
    } else {
        let v = caller
            .call("GetCSVHeader", json!({ "UserPoolId": pool_id }))
            .map_err(ImportError::Call)?;
        let cols: Vec<String> = v
            .get("CSVHeader")
            .and_then(Value::as_array)
            .map(|a| {
                a.iter()
                    .filter_map(Value::as_str)
                    .map(str::to_string)
                    .collect()
            })
            .unwrap_or_default();
        Some(cols)
    };
    let layout =
        csv_check::check(csv, expected.as_deref(), opts.limits).map_err(ImportError::File)?;
    let of = layout.pieces.len();
    progress(Progress::Checked {
        users: layout.users,
        jobs: of,
        unverified: layout.unverified,
        rows: &layout.unverified_rows,
    });
    let mut summary = Summary {
        users: layout.users,
        unverified: layout.unverified,
        ..Summary::default()
    };
    let create_input = |n: usize| {
        let mut input = json!({
            "JobName": if of > 1 { format!("{}-{n}", opts.job_name) } else { opts.job_name.clone() },
            "UserPoolId": pool_id,
        });
        if let Some(arn) = &opts.role_arn {
            input["CloudWatchLogsRoleArn"] = arn.clone().into();
        }
        input
    };
    if opts.dry_run {
        for n in 1..=of {
            caller
                .call("CreateUserImportJob", create_input(n))
                .map_err(ImportError::Call)?;
        }
        progress(Progress::DryRun { jobs: of });
        summary.status = "DryRun".into();
        return Ok(summary);
    }
    let mut file = std::fs::File::open(csv)
        .map_err(|e| ImportError::File(format!("cannot read `{}`: {e}", csv.display())))?;
    let read_range = |file: &mut std::fs::File, start: u64, end: u64, into: &mut Vec<u8>| {
        file.seek(SeekFrom::Start(start))?;
        file.take(end - start).read_to_end(into).map(|_| ())
    };
    for (i, (start, end, _users)) in layout.pieces.iter().enumerate() {
        let n = i + 1;
        if stop() {
            return Err(ImportError::Interrupted(summary));
        }
        let mut body = Vec::with_capacity((layout.header_len + end - start) as usize);
        read_range(&mut file, 0, layout.header_len, &mut body)
            .and_then(|_| read_range(&mut file, *start, *end, &mut body))
            .map_err(|e| ImportError::File(format!("cannot read `{}`: {e}", csv.display())))?;
        let created = caller
            .call("CreateUserImportJob", create_input(n))
            .map_err(ImportError::Call)?;
        let job_id = text(&created, "/UserImportJob/JobId");
        let url = text(&created, "/UserImportJob/PreSignedUrl");
        if url.is_empty() || job_id.is_empty() {
            return Err(ImportError::Call(CallError::bad_input(
                "CreateUserImportJob",
                "the answer has no JobId or PreSignedUrl",
            )));
        }
        if let Err(failure) = caller.upload(&url, body, opts.upload_timeout) {
            if stop() {
                summary.job_id = job_id;
                return Err(ImportError::Interrupted(summary));
            }
            return Err(ImportError::Upload(failure));
        }
        if stop() {
            summary.job_id = job_id;
            return Err(ImportError::Interrupted(summary));
        }
        let key = json!({ "UserPoolId": pool_id, "JobId": job_id });
        let mut job = job_of(
            &caller
                .call("StartUserImportJob", key.clone())
                .map_err(ImportError::Call)?,
        );
        loop {
            progress(Progress::Job { n, of, job: &job });
            if DONE.contains(&job.status.as_str()) {
                break;
            }
            // Ctrl-C while waiting, or during the status call itself, stops the job.
            let described = if wait(opts.poll, stop) {
                caller.call("DescribeUserImportJob", key.clone())
            } else {
                Err(CallError::Interrupted { code: 130 })
            };
            match described {
                Ok(answer) => job = job_of(&answer),
                Err(CallError::Interrupted { .. }) => {
                    let stopped = caller.call_after_interrupt("StopUserImportJob", key.clone());
                    let last = stopped.as_ref().map(job_of).unwrap_or_else(|_| job.clone());
                    summary.add(Job {
                        job_id: job_id.clone(),
                        ..last
                    });
                    return Err(ImportError::Interrupted(summary));
                }
                Err(e) => return Err(ImportError::Call(e)),
            }
        }
        let succeeded = job.status == "Succeeded";
        summary.add(job);
        if !succeeded {
            break;
        }
    }
    Ok(summary)
}

/// One progress line (the caller decides where it goes).
pub fn describe(p: &Progress) -> String {
    match p {
        Progress::Checked {
            users,
            jobs,
            unverified,
            rows,
        } => {
            let mut line = format!("import: {users} users checked, {jobs} job(s)");
            if *unverified > 0 {
                let rows: Vec<String> = rows.iter().map(u64::to_string).collect();
                line.push_str(&format!(
                    "; {unverified} without a verified email or phone number (the job will reject them; rows {})",
                    rows.join(", ")
                ));
            }
            line
        }
        Progress::Job { n, of, job } => format!(
            "import: job {n}/{of} {}: {} (imported {}, skipped {}, failed {})",
            crate::printable::line(&job.job_id),
            crate::printable::line(&job.status),
            job.imported,
            job.skipped,
            job.failed
        ),
        Progress::DryRun { jobs } => {
            format!(
                "import: dry run: the file and {jobs} CreateUserImportJob call(s) are valid; no job created"
            )
        }
    }
}
