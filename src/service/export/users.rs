//! `pooler export POOL --users FILE.csv`: every user, one ListUsers page at a time (memory does
//! not grow with the pool), in the import job's column layout. After each page the file is
//! flushed and `FILE.csv.resume` records the page token and the file length, so a stopped
//! export (Ctrl-C) continues where it was when run again.

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
}

impl std::fmt::Display for UsersError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            UsersError::Call(e) => write!(f, "{e}"),
            UsersError::File(e) => write!(f, "{e}"),
        }
    }
}

impl UsersError {
    pub fn exit_code(&self) -> i32 {
        match self {
            UsersError::Call(e) => e.exit_code(),
            UsersError::File(_) => crate::exit::FAILURE,
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

/// Where a stopped export was.
struct Resume {
    token: String,
    written: u64,
    bytes: u64,
    unverified: u64,
}

fn load_resume(path: &Path, pool_id: &str) -> Option<Resume> {
    let text = std::fs::read_to_string(resume_path(path)).ok()?;
    let v: Value = serde_json::from_str(&text).ok()?;
    if v.get("pool")?.as_str()? != pool_id {
        return None;
    }
    Some(Resume {
        token: v.get("token")?.as_str()?.to_string(),
        written: v.get("written")?.as_u64()?,
        bytes: v.get("bytes")?.as_u64()?,
        unverified: v.get("unverified").and_then(Value::as_u64).unwrap_or(0),
    })
}

fn save_resume(path: &Path, pool_id: &str, r: &Resume) -> Result<(), UsersError> {
    let target = resume_path(path);
    let tmp = {
        let mut t = target.as_os_str().to_owned();
        t.push(".tmp");
        PathBuf::from(t)
    };
    let body = json!({"pool": pool_id, "token": r.token, "written": r.written,
                      "bytes": r.bytes, "unverified": r.unverified});
    std::fs::write(&tmp, body.to_string()).map_err(|e| file_err(&tmp, e))?;
    std::fs::rename(&tmp, &target).map_err(|e| file_err(&target, e))
}

/// Writes every user of `pool_id` to `path`; `stop` is asked between pages, `progress` gets
/// the running count after each one.
pub fn export_users(
    caller: &dyn Caller,
    pool_id: &str,
    path: &Path,
    stop: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(u64),
) -> Result<UsersReport, UsersError> {
    let (columns, source) = header(caller, pool_id)?;
    let mut report = UsersReport {
        header_source: source,
        ..UsersReport::default()
    };
    let resume = load_resume(path, pool_id);
    let file = match &resume {
        Some(r) => {
            let f = OpenOptions::new()
                .write(true)
                .open(path)
                .map_err(|e| file_err(path, e))?;
            f.set_len(r.bytes).map_err(|e| file_err(path, e))?;
            report.written = r.written;
            report.unverified = r.unverified;
            report.resumed = true;
            let mut f = f;
            std::io::Seek::seek(&mut f, std::io::SeekFrom::End(0))
                .map_err(|e| file_err(path, e))?;
            f
        }
        None => File::create(path).map_err(|e| file_err(path, e))?,
    };
    let mut out = csv::Writer::from_writer(std::io::BufWriter::new(file));
    if resume.is_none() {
        out.write_record(&columns).map_err(|e| file_err(path, e))?;
    }
    let mut token = resume.map(|r| r.token);
    loop {
        let mut input = json!({ "UserPoolId": pool_id, "Limit": 60 });
        if let Some(t) = &token {
            input["PaginationToken"] = t.clone().into();
        }
        let page = caller.call("ListUsers", input).map_err(UsersError::Call)?;
        for user in page
            .get("Users")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
        {
            out.write_record(row(user, &columns))
                .map_err(|e| file_err(path, e))?;
            report.written += 1;
            if !verified(user) {
                report.unverified += 1;
                if report.unverified_names.len() < 10
                    && let Some(name) = user.get("Username").and_then(Value::as_str)
                {
                    report.unverified_names.push(name.to_string());
                }
            }
        }
        progress(report.written);
        token = page
            .get("PaginationToken")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .map(str::to_string);
        out.flush().map_err(|e| file_err(path, e))?;
        let Some(t) = &token else { break };
        if stop() {
            let bytes = out
                .get_ref()
                .get_ref()
                .metadata()
                .map_err(|e| file_err(path, e))?
                .len();
            let r = Resume {
                token: t.clone(),
                written: report.written,
                bytes,
                unverified: report.unverified,
            };
            save_resume(path, pool_id, &r)?;
            report.interrupted = true;
            return Ok(report);
        }
    }
    let mut inner = out.into_inner().map_err(|e| file_err(path, e))?;
    inner.flush().map_err(|e| file_err(path, e))?;
    let _ = std::fs::remove_file(resume_path(path));
    Ok(report)
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
                        json!({"Username": format!("u{n}"), "Attributes": [
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
        let first = export_users(&caller, "p", &path, &stop_now, &mut |_| {}).unwrap();
        assert!(first.interrupted);
        assert_eq!(first.written, 2);
        assert!(resume_path(&path).exists());
        let never = || false;
        let mut seen = Vec::new();
        let second = export_users(&caller, "p", &path, &never, &mut |n| seen.push(n)).unwrap();
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
    }
}
