//! An in-process Cognito stand-in for user import jobs (moto has none): GetCSVHeader,
//! CreateUserImportJob (its PreSignedUrl points back here), the PUT upload (which must carry
//! `x-amz-server-side-encryption: aws:kms`, like the presigned S3 URL demands),
//! StartUserImportJob, DescribeUserImportJob (Pending -> InProgress -> Succeeded or Failed, one
//! step per call) and StopUserImportJob, answered in the shapes the API reference documents.

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use serde_json::{Value, json};

use super::http;

/// How jobs end.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Ending {
    Succeed,
    /// Every job fails (as if CloudWatch Logs could not be written).
    Fail,
    /// Jobs stay InProgress until stopped.
    Hang,
}

/// One request the server received: the operation (`PUT` for uploads), headers and body.
#[derive(Clone, Debug)]
pub struct Seen {
    pub operation: String,
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }
}

#[derive(Default)]
struct JobState {
    name: String,
    role: String,
    status: String,
    /// Data rows of the uploaded file (None: nothing uploaded yet).
    rows: Option<u64>,
    file: String,
}

/// How the upload (the PUT to the presigned URL) is answered.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum UploadAnswer {
    /// Stored, 200.
    #[default]
    Accept,
    /// `307 Temporary Redirect` to this location.
    Redirect(String),
    /// Never answered (the connection is held for a minute).
    Hang,
}

#[derive(Default)]
struct State {
    seen: Vec<Seen>,
    jobs: BTreeMap<String, JobState>,
    upload: UploadAnswer,
    /// Where PreSignedUrl points instead of back here (`{base}/upload/{id}?…`).
    presigned_base: Option<String>,
}

pub struct ImportServer {
    pub url: String,
    state: Arc<Mutex<State>>,
    stop: Arc<AtomicBool>,
    addr: std::net::SocketAddr,
    handle: Option<JoinHandle<()>>,
}

/// The pool's columns: the documented layout plus one custom attribute.
pub fn pool_header() -> Vec<String> {
    "name,given_name,family_name,middle_name,nickname,preferred_username,profile,picture,website,\
     email,email_verified,gender,birthdate,zoneinfo,locale,phone_number,phone_number_verified,\
     address,updated_at,custom:team,cognito:mfa_enabled,cognito:username"
        .split(',')
        .map(str::to_string)
        .collect()
}

impl ImportServer {
    pub fn start(ending: Ending) -> Self {
        Self::start_with(ending, UploadAnswer::Accept, None)
    }

    /// A server whose uploads get `upload` and whose PreSignedUrl starts with
    /// `presigned_base` (else this server's own URL).
    pub fn start_with(
        ending: Ending,
        upload: UploadAnswer,
        presigned_base: Option<String>,
    ) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let url = format!("http://{addr}");
        let state = Arc::new(Mutex::new(State {
            upload,
            presigned_base,
            ..State::default()
        }));
        let stop = Arc::new(AtomicBool::new(false));
        let header = pool_header();
        let (state2, stop2, url2, header2) =
            (state.clone(), stop.clone(), url.clone(), header.clone());
        let handle = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stop2.load(Ordering::SeqCst) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                serve(stream, &state2, &url2, &header2, ending);
            }
        });
        Self {
            url,
            state,
            stop,
            addr,
            handle: Some(handle),
        }
    }

    pub fn requests(&self) -> Vec<Seen> {
        self.state.lock().unwrap().seen.clone()
    }

    /// The operations received, in order (`PUT` for uploads).
    pub fn operations(&self) -> Vec<String> {
        self.requests().into_iter().map(|s| s.operation).collect()
    }

    /// Every uploaded file, in job order.
    pub fn uploads(&self) -> Vec<String> {
        let state = self.state.lock().unwrap();
        state.jobs.values().map(|j| j.file.clone()).collect()
    }
}

impl Drop for ImportServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        let _ = TcpStream::connect(self.addr);
        if let Some(h) = self.handle.take() {
            let _ = h.join();
        }
    }
}

fn job_json(id: &str, j: &JobState, url: &str) -> Value {
    let (imported, failed) = match (j.status.as_str(), j.rows) {
        ("Succeeded", Some(n)) => (n, 0),
        ("Failed", Some(n)) => (0, n),
        _ => (0, 0),
    };
    let mut v = json!({
        "JobName": j.name, "JobId": id, "UserPoolId": "us-west-2_import",
        "PreSignedUrl": format!("{url}/upload/{id}?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIDPRESIGNED%2F20240101&X-Amz-Security-Token=presigned-token&X-Amz-Signature=presigned-secret"),
        "CreationDate": 1_700_000_000.0, "Status": j.status,
        "CloudWatchLogsRoleArn": j.role,
        "ImportedUsers": imported, "SkippedUsers": 0, "FailedUsers": failed,
    });
    if j.status != "Created" {
        v["StartDate"] = json!(1_700_000_001.0);
    }
    match j.status.as_str() {
        "Succeeded" => v["CompletionMessage"] = json!("Import Job Completed Successfully."),
        // With control bytes, as a hostile or broken service might send (they must not reach
        // the terminal raw).
        "Failed" => {
            v["CompletionMessage"] =
                json!("Import job failed:\u{1b}]0;owned\u{7}\u{1b}[2J no CloudWatch Logs access.")
        }
        "Stopped" => v["CompletionMessage"] = json!("Import job stopped by the user."),
        _ => {}
    }
    json!({ "UserImportJob": v })
}

fn error(kind: &str, message: &str) -> (u16, String) {
    (400, json!({"__type": kind, "message": message}).to_string())
}

fn answer(
    state: &Mutex<State>,
    op: &str,
    body: &Value,
    url: &str,
    header: &[String],
    ending: Ending,
) -> (u16, String) {
    let mut state = state.lock().unwrap();
    let url = state
        .presigned_base
        .clone()
        .unwrap_or_else(|| url.to_string());
    let url = url.as_str();
    let id = body
        .get("JobId")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    match op {
        "GetCSVHeader" => (
            200,
            json!({"UserPoolId": body["UserPoolId"], "CSVHeader": header}).to_string(),
        ),
        "CreateUserImportJob" => {
            let Some(role) = body.get("CloudWatchLogsRoleArn").and_then(Value::as_str) else {
                return error(
                    "InvalidParameterException",
                    "CloudWatchLogsRoleArn is required",
                );
            };
            let id = format!("import-{:04}", state.jobs.len() + 1);
            let job = JobState {
                name: body["JobName"].as_str().unwrap_or_default().into(),
                role: role.into(),
                status: "Created".into(),
                ..JobState::default()
            };
            let out = job_json(&id, &job, url);
            state.jobs.insert(id, job);
            (200, out.to_string())
        }
        "StartUserImportJob" | "DescribeUserImportJob" | "StopUserImportJob" => {
            let Some(job) = state.jobs.get_mut(&id) else {
                return error("ResourceNotFoundException", "no such import job");
            };
            match op {
                "StartUserImportJob" => {
                    if job.status != "Created" || job.rows.is_none() {
                        return error(
                            "PreconditionNotMetException",
                            "the job is not ready to start",
                        );
                    }
                    job.status = "Pending".into();
                }
                "StopUserImportJob" => {
                    if job.status != "Pending" && job.status != "InProgress" {
                        return error("PreconditionNotMetException", "the job is not running");
                    }
                    job.status = "Stopped".into();
                }
                _ => {
                    job.status = match (job.status.as_str(), ending) {
                        ("Pending", _) => "InProgress".into(),
                        ("InProgress", Ending::Succeed) => "Succeeded".into(),
                        ("InProgress", Ending::Fail) => "Failed".into(),
                        (other, _) => other.to_string(),
                    };
                }
            }
            (200, job_json(&id, job, url).to_string())
        }
        // `--method admin-create-user`: nobody exists yet; creating succeeds.
        "AdminGetUser" => error("UserNotFoundException", "User does not exist."),
        "AdminCreateUser" => (
            200,
            json!({"User": {"Username": body["Username"], "Enabled": true,
                            "UserStatus": "FORCE_CHANGE_PASSWORD"}})
            .to_string(),
        ),
        // The restore after a job: nobody is in a group yet; adding and disabling succeed.
        "AdminListGroupsForUser" => (200, json!({"Groups": []}).to_string()),
        "AdminAddUserToGroup" | "AdminDisableUser" => (200, "{}".into()),
        _ => error("UnknownOperationException", op),
    }
}

fn serve(stream: TcpStream, state: &Mutex<State>, url: &str, header: &[String], ending: Ending) {
    let Some(request) = http::read_request(&stream) else {
        return;
    };
    let body = String::from_utf8_lossy(&request.body).into_owned();
    let (method, path, headers) = (request.method, request.path, request.headers);
    let target = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("x-amz-target"))
        .map(|(_, v)| super::http::operation_of(v).to_string());
    let seen = Seen {
        operation: if method == "PUT" {
            "PUT".into()
        } else {
            target.clone().unwrap_or_default()
        },
        headers: headers.clone(),
        body: body.clone(),
    };
    state.lock().unwrap().seen.push(seen.clone());
    let upload = state.lock().unwrap().upload.clone();
    if method == "PUT" && upload == UploadAnswer::Hang {
        // Held open (not answered) on its own thread, so the server stays free.
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(60));
            drop(stream);
        });
        return;
    }
    if let (true, UploadAnswer::Redirect(to)) = (method == "PUT", &upload) {
        http::write_response(&stream, 307, &[("Location", to.as_str())], b"");
        return;
    }
    let (status, reply, content_type) = if method == "PUT" {
        let id = path
            .trim_start_matches("/upload/")
            .split('?')
            .next()
            .unwrap_or_default()
            .to_string();
        let mut s = state.lock().unwrap();
        match (seen.header("x-amz-server-side-encryption"), s.jobs.get_mut(&id)) {
            (Some("aws:kms"), Some(job)) => {
                job.rows = Some(body.lines().skip(1).filter(|l| !l.is_empty()).count() as u64);
                job.file = body;
                (200, String::new(), "text/plain")
            }
            (Some("aws:kms"), None) => (404, "<Error><Code>NoSuchUpload</Code></Error>".into(), "application/xml"),
            _ => (
                403,
                "<Error><Code>AccessDenied</Code><Message>x-amz-server-side-encryption is required</Message></Error>".into(),
                "application/xml",
            ),
        }
    } else {
        let input: Value = serde_json::from_str(&body).unwrap_or(Value::Null);
        let (status, reply) = answer(
            state,
            target.as_deref().unwrap_or_default(),
            &input,
            url,
            header,
            ending,
        );
        (status, reply, "application/x-amz-json-1.1")
    };
    http::write_response(
        &stream,
        status,
        &[("Content-Type", content_type)],
        reply.as_bytes(),
    );
}
