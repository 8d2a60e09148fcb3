//! `pooler export POOL --users FILE.csv`: every user, one ListUsers page at a time (memory does
//! not grow with the pool), in the import job's column layout, and beside it the sidecar
//! (`super::state`) with what the job cannot carry: disabled users and group memberships. After
//! each page both files are flushed; a stopped export (Ctrl-C, a failed call) leaves
//! `FILE.csv.resume` with the page token and both lengths, and continues there when run again.

use std::fs::{File, OpenOptions};
use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde_json::{Value, json};

use super::{CallError, Caller};

/// The import job's columns as the Cognito documentation lists them, for when GetCSVHeader is
/// not answered; the pool's custom attributes go before `cognito:mfa_enabled`.
pub const DOCUMENTED_HEADER: &[&str] = &[
    "name",
    "given_name",
    "family_name",
    "middle_name",
    "nickname",
    "preferred_username",
    "profile",
    "picture",
    "website",
    "email",
    "email_verified",
    "gender",
    "birthdate",
    "zoneinfo",
    "locale",
    "phone_number",
    "phone_number_verified",
    "address",
    "updated_at",
    "cognito:mfa_enabled",
    "cognito:username",
];

/// Why a users export stopped.
#[derive(Debug)]
pub enum UsersError {
    Call(CallError),
    File(String),
    /// The file is there and `--force` was not given.
    Exists(String),
}

impl std::fmt::Display for UsersError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UsersError::Call(e) => write!(f, "{e}"),
            UsersError::File(e) | UsersError::Exists(e) => write!(f, "{e}"),
        }
    }
}

impl UsersError {
    pub fn exit_code(&self) -> i32 {
        match self {
            UsersError::Call(e) => e.exit_code(),
            UsersError::File(_) => crate::exit::FAILURE,
            UsersError::Exists(_) => crate::exit::FAILURE,
        }
    }
}

/// What a users export did.
#[derive(Debug, Default)]
pub struct UsersReport {
    /// Users in the file (resumed runs count the earlier ones too).
    pub written: u64,
    /// Users with neither a verified email nor a verified phone number (the import job
    /// rejects them), and the first few of their names.
    pub unverified: u64,
    pub unverified_names: Vec<String>,
    /// Where the columns came from: `GetCSVHeader` or `documented layout`.
    pub header_source: &'static str,
    /// Stopped early on request; run again to resume.
    pub interrupted: bool,
    /// Continued an earlier, stopped export.
    pub resumed: bool,
}

/// The resume file beside `path`.
pub fn resume_path(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".resume");
    PathBuf::from(name)
}

fn file_err(path: &Path, e: impl std::fmt::Display) -> UsersError {
    UsersError::File(format!("`{}`: {e}", path.display()))
}

/// The columns: GetCSVHeader's, else the documented layout with the custom attributes.
fn header(caller: &dyn Caller, pool_id: &str) -> Result<(Vec<String>, &'static str), UsersError> {
    let key = json!({ "UserPoolId": pool_id });
    if let Ok(v) = caller.call("GetCSVHeader", key.clone())
        && let Some(Value::Array(cols)) = v.get("CSVHeader")
        && !cols.is_empty()
    {
        let cols = cols
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect();
        return Ok((cols, "GetCSVHeader"));
    }
    let pool = caller
        .call("DescribeUserPool", key)
        .map_err(UsersError::Call)?;
    let mut custom: Vec<String> = pool
        .pointer("/UserPool/SchemaAttributes")
        .and_then(Value::as_array)
        .map(|attrs| {
            attrs
                .iter()
                .filter_map(|a| a.get("Name").and_then(Value::as_str))
                .filter(|n| n.starts_with("custom:") || n.starts_with("dev:custom:"))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    custom.sort();
    let mut cols: Vec<String> = Vec::new();
    for c in DOCUMENTED_HEADER {
        if *c == "cognito:mfa_enabled" {
            cols.append(&mut custom);
        }
        cols.push((*c).to_string());
    }
    Ok((cols, "documented layout"))
}

/// One user as a row of `columns`.
fn row(user: &Value, columns: &[String]) -> Vec<String> {
    let attr = |name: &str| -> Option<&str> {
        user.get("Attributes")?
            .as_array()?
            .iter()
            .find(|a| a.get("Name").and_then(Value::as_str) == Some(name))?
            .get("Value")?
            .as_str()
    };
    columns
        .iter()
        .map(|c| match c.as_str() {
            "cognito:username" => user
                .get("Username")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_string(),
            "cognito:mfa_enabled" => {
                let on = user
                    .get("MFAOptions")
                    .and_then(Value::as_array)
                    .is_some_and(|a| !a.is_empty());
                on.to_string()
            }
            "email_verified" | "phone_number_verified" => {
                attr(c).unwrap_or("false").to_ascii_lowercase()
            }
            other => attr(other).unwrap_or_default().to_string(),
        })
        .collect()
}

fn verified(user: &Value) -> bool {
    let attrs = user.get("Attributes").and_then(Value::as_array);
    attrs.is_some_and(|attrs| {
        attrs.iter().any(|a| {
            matches!(
                a.get("Name").and_then(Value::as_str),
                Some("email_verified" | "phone_number_verified")
            ) && a.get("Value").and_then(Value::as_str) == Some("true")
        })
    })
}

/// Which part of the export a stopped run was in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Phase {
    /// Paging ListUsers (the CSV and the disabled users).
    Users,
    /// Listing the members of each group (the sidecar's memberships, redone whole).
    Groups,
}

/// Where a stopped export was: the next ListUsers page (none: the first) and the lengths of
/// the CSV and the sidecar written so far.
struct Resume {
    phase: Phase,
    token: Option<String>,
    written: u64,
    bytes: u64,
    state_bytes: u64,
    unverified: u64,
}

fn load_resume(path: &Path, pool_id: &str) -> Option<Resume> {
    let text = std::fs::read_to_string(resume_path(path)).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    if v.get("pool")?.as_str()? != pool_id {
        return None;
    }
    Some(Resume {
        phase: match v.get("phase")?.as_str()? {
            "users" => Phase::Users,
            "groups" => Phase::Groups,
            _ => return None,
        },
        token: v.get("token").and_then(Value::as_str).map(str::to_string),
        written: v.get("written")?.as_u64()?,
        bytes: v.get("bytes")?.as_u64()?,
        state_bytes: v.get("state_bytes")?.as_u64()?,
        unverified: v.get("unverified").and_then(Value::as_u64).unwrap_or(0),
    })
}

/// Writes the resume file whole (a new file renamed over the old), 0600.
fn save_resume(path: &Path, pool_id: &str, r: &Resume) -> Result<(), UsersError> {
    let target = resume_path(path);
    let tmp = {
        let mut t = target.as_os_str().to_owned();
        t.push(".tmp");
        PathBuf::from(t)
    };
    let phase = match r.phase {
        Phase::Users => "users",
        Phase::Groups => "groups",
    };
    let body = json!({"pool": pool_id, "phase": phase, "token": r.token, "written": r.written,
                      "bytes": r.bytes, "state_bytes": r.state_bytes, "unverified": r.unverified});
    crate::private_file::create(&tmp, true)
        .and_then(|mut f| f.write_all(body.to_string().as_bytes()))
        .map_err(|e| file_err(&tmp, e))?;
    std::fs::rename(&tmp, &target).map_err(|e| file_err(&target, e))
}

/// A new file for the export: 0600, an existing one refused unless `force`.
fn create(path: &Path, force: bool) -> Result<File, UsersError> {
    crate::private_file::create(path, force).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            UsersError::Exists(crate::private_file::exists_message(path, "--force"))
        } else {
            file_err(path, e)
        }
    })
}

/// An existing file cut back to `len`, positioned at its end (a resumed export).
fn reopen(path: &Path, len: u64) -> Result<File, UsersError> {
    let mut f = OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| file_err(path, e))?;
    f.set_len(len).map_err(|e| file_err(path, e))?;
    std::io::Seek::seek(&mut f, std::io::SeekFrom::End(0)).map_err(|e| file_err(path, e))?;
    Ok(f)
}

fn len_of(f: &File, path: &Path) -> Result<u64, UsersError> {
    Ok(f.metadata().map_err(|e| file_err(path, e))?.len())
}

/// The two open files of an export and where it is.
struct Out<'a> {
    path: &'a Path,
    state_path: PathBuf,
    csv: csv::Writer<std::io::BufWriter<File>>,
    state: std::io::BufWriter<File>,
}

impl Out<'_> {
    fn fact(&mut self, fact: &super::state::Fact) -> Result<(), UsersError> {
        writeln!(self.state, "{}", fact.line()).map_err(|e| file_err(&self.state_path, e))
    }

    fn flush(&mut self) -> Result<(), UsersError> {
        self.csv.flush().map_err(|e| file_err(self.path, e))?;
        self.state
            .flush()
            .map_err(|e| file_err(&self.state_path, e))
    }

    /// Flushes both and returns their lengths.
    fn lengths(&mut self) -> Result<(u64, u64), UsersError> {
        self.flush()?;
        Ok((
            len_of(self.csv.get_ref().get_ref(), self.path)?,
            len_of(self.state.get_ref(), &self.state_path)?,
        ))
    }
}

/// Writes every user of `pool_id` to `path` and their groups and disabled state to the
/// sidecar beside it (`super::state`). New files are 0600 and an existing one is refused
/// unless `force`; a resume file left by a stopped run continues that run instead. `stop` is
/// asked between pages, `progress` gets the running count after each one. Every way out
/// before the end (Ctrl-C during a call included) saves the resume file first.
pub fn export_users(
    caller: &dyn Caller,
    pool_id: &str,
    path: &Path,
    force: bool,
    stop: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(u64),
) -> Result<UsersReport, UsersError> {
    let state_path = super::state::path(path);
    let resume = load_resume(path, pool_id);
    if resume.is_none() && !force {
        for p in [path, state_path.as_path()] {
            if p.exists() {
                return Err(UsersError::Exists(crate::private_file::exists_message(
                    p, "--force",
                )));
            }
        }
    }
    let (columns, source) = header(caller, pool_id)?;
    let mut report = UsersReport {
        header_source: source,
        ..UsersReport::default()
    };
    let mut at = match resume {
        Some(r) => {
            report.written = r.written;
            report.unverified = r.unverified;
            report.resumed = true;
            r
        }
        None => Resume {
            phase: Phase::Users,
            token: None,
            written: 0,
            bytes: 0,
            state_bytes: 0,
            unverified: 0,
        },
    };
    let (csv_file, state_file) = if report.resumed {
        (
            reopen(path, at.bytes)?,
            reopen(&state_path, at.state_bytes)?,
        )
    } else {
        (create(path, force)?, create(&state_path, force)?)
    };
    let mut out = Out {
        path,
        state_path,
        csv: csv::Writer::from_writer(std::io::BufWriter::new(csv_file)),
        state: std::io::BufWriter::new(state_file),
    };
    if !report.resumed {
        out.csv
            .write_record(&columns)
            .map_err(|e| file_err(path, e))?;
    }
    let outcome = run(
        caller,
        pool_id,
        &columns,
        &mut out,
        &mut at,
        &mut report,
        stop,
        progress,
    );
    match outcome {
        Ok(true) => {
            out.flush()?;
            let _ = std::fs::remove_file(resume_path(path));
            Ok(report)
        }
        Ok(false) | Err(UsersError::Call(CallError::Interrupted { .. })) => {
            save(&mut out, pool_id, &mut at, &report)?;
            report.interrupted = true;
            Ok(report)
        }
        Err(e @ UsersError::Call(_)) => {
            save(&mut out, pool_id, &mut at, &report)?;
            Err(e)
        }
        Err(e) => Err(e),
    }
}

/// Saves where the export is: after the last whole page (the users) or before the groups.
fn save(
    out: &mut Out,
    pool_id: &str,
    at: &mut Resume,
    report: &UsersReport,
) -> Result<(), UsersError> {
    let (bytes, state_bytes) = out.lengths()?;
    if at.phase == Phase::Users {
        at.bytes = bytes;
        at.state_bytes = state_bytes;
    }
    at.written = report.written;
    at.unverified = report.unverified;
    save_resume(out.path, pool_id, at)
}

/// The pages, then the groups. `Ok(false)`: stopped on request between pages.
#[allow(clippy::too_many_arguments)]
fn run(
    caller: &dyn Caller,
    pool_id: &str,
    columns: &[String],
    out: &mut Out,
    at: &mut Resume,
    report: &mut UsersReport,
    stop: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(u64),
) -> Result<bool, UsersError> {
    while at.phase == Phase::Users {
        let mut input = json!({ "UserPoolId": pool_id, "Limit": 60 });
        if let Some(t) = &at.token {
            input["PaginationToken"] = t.clone().into();
        }
        let page = caller.call("ListUsers", input).map_err(UsersError::Call)?;
        for user in page
            .get("Users")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.csv
                .write_record(row(user, columns))
                .map_err(|e| file_err(out.path, e))?;
            report.written += 1;
            let name = user.get("Username").and_then(Value::as_str);
            if !verified(user) {
                report.unverified += 1;
                if report.unverified_names.len() < 10
                    && let Some(name) = name
                {
                    report.unverified_names.push(name.to_string());
                }
            }
            if user.get("Enabled") == Some(&Value::Bool(false))
                && let Some(name) = name
            {
                out.fact(&super::state::Fact::Disabled { user: name.into() })?;
            }
        }
        progress(report.written);
        at.token = page
            .get("PaginationToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        let (bytes, state_bytes) = out.lengths()?;
        at.bytes = bytes;
        at.state_bytes = state_bytes;
        if at.token.is_none() {
            at.phase = Phase::Groups;
        } else if stop() {
            return Ok(false);
        }
    }
    if stop() {
        return Ok(false);
    }
    memberships(caller, pool_id, out)?;
    Ok(true)
}

/// Every group (by name) and its members (by name) as sidecar lines.
fn memberships(caller: &dyn Caller, pool_id: &str, out: &mut Out) -> Result<(), UsersError> {
    let names = |op: &str, list: &str, member: &str, extra: (&str, &str)| {
        let mut all = Vec::new();
        let mut input = json!({ "UserPoolId": pool_id, "Limit": 60 });
        if !extra.0.is_empty() {
            input[extra.0] = extra.1.into();
        }
        loop {
            let page = caller.call(op, input.clone()).map_err(UsersError::Call)?;
            all.extend(
                page.get(list)
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                    .filter_map(|g| g.get(member).and_then(Value::as_str))
                    .map(str::to_string),
            );
            match page.get("NextToken").and_then(Value::as_str) {
                Some(t) if !t.is_empty() => input["NextToken"] = t.into(),
                _ => break,
            }
        }
        all.sort();
        Ok::<_, UsersError>(all)
    };
    for group in names("ListGroups", "Groups", "GroupName", ("", ""))? {
        for user in names(
            "ListUsersInGroup",
            "Users",
            "Username",
            ("GroupName", &group),
        )? {
            out.fact(&super::state::Fact::Member {
                user,
                group: group.clone(),
            })?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::cell::Cell;

    /// Three ListUsers pages of two users; GetCSVHeader unsupported.
    struct Pages {
        calls: Cell<usize>,
    }

    impl Caller for Pages {
        fn call(&self, operation: &str, input: Value) -> Result<Value, CallError> {
            self.calls.set(self.calls.get() + 1);
            match operation {
                "GetCSVHeader" => Err(CallError::bad_input("GetCSVHeader", "not supported")),
                "DescribeUserPool" => Ok(json!({"UserPool": {"SchemaAttributes": [
                    {"Name": "email"}, {"Name": "custom:team"}]}})),
                "ListUsers" => {
                    let page: usize = input
                        .get("PaginationToken")
                        .and_then(Value::as_str)
                        .map_or(0, |t| t.parse().unwrap());
                    let user = |n: usize| {
                        let verified = if n == 5 { "false" } else { "true" };
                        json!({"Username": format!("u{n}"), "Enabled": n != 4, "Attributes": [
                            {"Name": "email", "Value": format!("u{n}@x.io")},
                            {"Name": "email_verified", "Value": verified},
                            {"Name": "custom:team", "Value": "a,b"}]})
                    };
                    let mut v = json!({"Users": [user(2 * page + 1), user(2 * page + 2)]});
                    if page < 2 {
                        v["PaginationToken"] = (page + 1).to_string().into();
                    }
                    Ok(v)
                }
                "ListGroups" => Ok(json!({"Groups": [{"GroupName": "b"}, {"GroupName": "a"}]})),
                "ListUsersInGroup" => Ok(match input["GroupName"].as_str() {
                    Some("a") => json!({"Users": [{"Username": "u3"}, {"Username": "u1"}]}),
                    _ => json!({"Users": []}),
                }),
                other => panic!("unexpected {other}"),
            }
        }
    }

    #[test]
    fn a_stopped_export_resumes_where_it_was() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.csv");
        let caller = Pages {
            calls: Cell::new(0),
        };
        let stop_now = || true;
        let first = export_users(&caller, "p", &path, false, &stop_now, &mut |_| {}).unwrap();
        assert!(first.interrupted);
        assert_eq!(first.written, 2);
        assert!(resume_path(&path).exists());
        let never = || false;
        let mut seen = Vec::new();
        let second =
            export_users(&caller, "p", &path, false, &never, &mut |n| seen.push(n)).unwrap();
        assert!(second.resumed && !second.interrupted);
        assert_eq!(second.written, 6);
        assert_eq!(seen, [4, 6]);
        assert_eq!(second.unverified, 1);
        assert_eq!(second.unverified_names, ["u5"]);
        assert_eq!(second.header_source, "documented layout");
        assert!(!resume_path(&path).exists());
        let mut reader = csv::Reader::from_path(&path).unwrap();
        let header: Vec<String> = reader
            .headers()
            .unwrap()
            .iter()
            .map(str::to_string)
            .collect();
        assert_eq!(
            &header[header.len() - 3..],
            ["custom:team", "cognito:mfa_enabled", "cognito:username"]
        );
        let names: Vec<String> = reader
            .records()
            .map(|r| r.unwrap().get(header.len() - 1).unwrap().to_string())
            .collect();
        assert_eq!(names, ["u1", "u2", "u3", "u4", "u5", "u6"]);
        let state = std::fs::read_to_string(super::super::state::path(&path)).unwrap();
        assert_eq!(
            state,
            "{\"user\":\"u4\",\"enabled\":false}\n{\"user\":\"u1\",\"group\":\"a\"}\n{\"user\":\"u3\",\"group\":\"a\"}\n"
        );
    }

    #[test]
    fn an_existing_file_is_refused_without_force() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.csv");
        std::fs::write(&path, "keep").unwrap();
        let caller = Pages {
            calls: Cell::new(0),
        };
        let err = export_users(&caller, "p", &path, false, &|| false, &mut |_| {}).unwrap_err();
        assert!(matches!(err, UsersError::Exists(_)), "{err}");
        assert!(err.to_string().contains("--force"), "{err}");
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "keep");
        assert_eq!(caller.calls.get(), 0, "nothing asked before the refusal");
        let done = export_users(&caller, "p", &path, true, &|| false, &mut |_| {}).unwrap();
        assert_eq!(done.written, 6);
    }

    /// A caller whose second ListUsers page is interrupted mid-call.
    struct CutOff(Pages);

    impl Caller for CutOff {
        fn call(&self, operation: &str, input: Value) -> Result<Value, CallError> {
            if operation == "ListUsers" && input.get("PaginationToken").is_some() {
                return Err(CallError::Interrupted { code: 130 });
            }
            self.0.call(operation, input)
        }
    }

    #[test]
    fn an_interrupted_call_saves_the_resume_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.csv");
        let cut = CutOff(Pages {
            calls: Cell::new(0),
        });
        let first = export_users(&cut, "p", &path, false, &|| false, &mut |_| {}).unwrap();
        assert!(first.interrupted);
        assert!(resume_path(&path).exists());
        let whole = Pages {
            calls: Cell::new(0),
        };
        let second = export_users(&whole, "p", &path, false, &|| false, &mut |_| {}).unwrap();
        assert!(second.resumed);
        assert_eq!(second.written, 6);
        assert_eq!(csv::Reader::from_path(&path).unwrap().records().count(), 6);
    }
}
