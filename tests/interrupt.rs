//! Ctrl-C (SIGINT) and SIGTERM stop a running script, or a request in flight, with 130 / 143.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::support::server::{Reply, Server};

fn spawn(dir: &std::path::Path, script: &str, extra: &[&str]) -> Child {
    std::fs::write(dir.join("script.rhai"), script).unwrap();
    let args: Vec<&str> = extra
        .iter()
        .copied()
        .chain(["run", "script.rhai"])
        .collect();
    spawn_pooler(dir, &args)
}

/// `pooler ARGS` in `dir` with test credentials and no AWS files, stdout and stderr piped.
pub(crate) fn spawn_pooler(dir: &std::path::Path, args: &[&str]) -> Child {
    let nowhere = dir.join("none");
    Command::new(env!("CARGO_BIN_EXE_pooler"))
        .args(args)
        .current_dir(dir)
        .env("AWS_CONFIG_FILE", &nowhere)
        .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
        .env("AWS_ACCESS_KEY_ID", "AKIDTESTPOOLER")
        .env("AWS_SECRET_ACCESS_KEY", "test-secret")
        .env("AWS_REGION", "us-west-2")
        .env("NO_COLOR", "1")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap()
}

/// Waits until the script has printed its first line, so it is surely running.
fn wait_for_start(child: &mut Child) {
    use std::io::Read;
    let mut stdout = child.stdout.take().unwrap();
    let mut byte = [0u8; 1];
    let _ = stdout.read(&mut byte);
}

pub(crate) fn signal(child: &Child, name: &str) {
    let status = Command::new("kill")
        .args(["-s", name, &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
}

/// The exit code and the whole stderr; panics if `child` has not ended within `limit`.
pub(crate) fn wait_with_deadline(mut child: Child, limit: Duration) -> (i32, String) {
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut err = String::new();
            use std::io::Read;
            child
                .stderr
                .take()
                .unwrap()
                .read_to_string(&mut err)
                .unwrap();
            return (status.code().unwrap_or(-1), err);
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("pooler did not stop within {limit:?} of the signal");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

#[test]
fn sigint_stops_a_runaway_loop_with_130() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn(
        dir.path(),
        "print(\"go\");\nloop {}\n",
        &["--max-operations", "0"],
    );
    wait_for_start(&mut child);
    signal(&child, "INT");
    let (code, stderr) = wait_with_deadline(child, Duration::from_secs(5));
    assert_eq!(code, 130, "{stderr}");
    assert!(stderr.contains("interrupted"), "{stderr}");
}

#[test]
fn sigterm_stops_a_sleeping_script_with_143() {
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn(dir.path(), "print(\"go\");\nsleep(60);\n", &[]);
    wait_for_start(&mut child);
    signal(&child, "TERM");
    let (code, stderr) = wait_with_deadline(child, Duration::from_secs(5));
    assert_eq!(code, 143, "{stderr}");
}

#[test]
fn sigint_cancels_a_request_in_flight() {
    let server = Server::start(vec![Reply::json(200, "{\"UserPools\": []}").delayed(3_000)]);
    let dir = tempfile::tempdir().unwrap();
    let mut child = spawn(
        dir.path(),
        "print(\"go\");\ncognito.list_user_pools(#{ MaxResults: 1 });\nprint(\"not reached\");\n",
        &["--endpoint-url", server.url.as_str()],
    );
    wait_for_start(&mut child);
    // The barrier: the request has reached the server, whose reply is held back 3 s.
    server.wait_for_requests(1);
    signal(&child, "INT");
    let (code, stderr) = wait_with_deadline(child, Duration::from_secs(5));
    assert_eq!(code, 130, "{stderr}");
}
