//! The moto server that `bash tests/run.sh` starts: where it listens and the IAM key made for
//! it. Tests that need it are marked `#[ignore = "needs moto"]`, so a plain `cargo test` reports
//! them as ignored; `bash tests/run.sh` starts moto and runs them with `--include-ignored`, and
//! there a missing moto is a failure, never a pass.

/// Where moto listens and the IAM key the harness made for it.
pub struct Moto {
    pub endpoint: String,
    pub key_id: String,
    pub secret: String,
    pub region: String,
}

/// The moto server from tests/run.sh; panics (the test fails) when it is not there.
pub fn moto(test: &str) -> Moto {
    let var = |name: &str| std::env::var(name).ok().filter(|v| !v.is_empty());
    match (
        var("POOLER_TEST_ENDPOINT"),
        var("POOLER_TEST_ACCESS_KEY_ID"),
        var("POOLER_TEST_SECRET_ACCESS_KEY"),
    ) {
        (Some(endpoint), Some(key_id), Some(secret)) => Moto {
            endpoint,
            key_id,
            secret,
            region: var("POOLER_TEST_REGION").unwrap_or_else(|| "us-west-2".into()),
        },
        _ => panic!(
            "{test}: needs moto, but POOLER_TEST_ENDPOINT, POOLER_TEST_ACCESS_KEY_ID or \
             POOLER_TEST_SECRET_ACCESS_KEY is unset: run the tests with `bash tests/run.sh`"
        ),
    }
}

/// What a run of the binary against moto printed.
pub struct Run {
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Moto {
    /// `program` with moto's endpoint, region and key only: every AWS_* and POOLER_* variable
    /// of the caller removed, no shared config or credentials file, no instance metadata.
    pub fn command(&self, program: impl AsRef<std::ffi::OsStr>) -> std::process::Command {
        let mut cmd = std::process::Command::new(program);
        for (name, _) in std::env::vars_os() {
            let text = name.to_string_lossy();
            if text.starts_with("AWS_") || text.starts_with("POOLER_") {
                cmd.env_remove(&name);
            }
        }
        let nowhere = std::env::temp_dir().join("pooler-e2e-no-such-dir");
        cmd.env("AWS_CONFIG_FILE", nowhere.join("config"))
            .env("AWS_SHARED_CREDENTIALS_FILE", nowhere.join("credentials"))
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("AWS_REGION", &self.region)
            .env("AWS_ENDPOINT_URL", &self.endpoint)
            .env("AWS_ACCESS_KEY_ID", &self.key_id)
            .env("AWS_SECRET_ACCESS_KEY", &self.secret)
            .env("NO_COLOR", "1");
        cmd
    }

    /// `pooler ARGS` from the repository root with moto's endpoint, region and key only (no
    /// other AWS or POOLER variable, no shared config), plus `env`; the secret key must not
    /// appear in what it prints.
    pub fn pooler(&self, args: &[&str], env: &[(&str, &str)]) -> Run {
        self.pooler_stdin(args, env, None)
    }

    /// The same, with `stdin` as standard input (a pipe, not a terminal).
    pub fn pooler_stdin(&self, args: &[&str], env: &[(&str, &str)], stdin: Option<&str>) -> Run {
        let mut cmd = self.command(env!("CARGO_BIN_EXE_pooler"));
        cmd.args(args)
            .current_dir(super::repo_root())
            .stdin(if stdin.is_some() {
                std::process::Stdio::piped()
            } else {
                std::process::Stdio::null()
            })
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        for (k, v) in env {
            cmd.env(k, v);
        }
        let mut child = cmd.spawn().expect("start pooler");
        if let Some(text) = stdin {
            use std::io::Write as _;
            let mut pipe = child.stdin.take().expect("a stdin pipe");
            pipe.write_all(text.as_bytes()).expect("write stdin");
        }
        let out = child.wait_with_output().expect("wait for pooler");
        let run = Run {
            code: out.status.code(),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
        };
        assert!(
            !run.stdout.contains(&self.secret) && !run.stderr.contains(&self.secret),
            "the secret key appeared in the output"
        );
        run
    }
}

/// Fails the test with both outputs unless `run` exited 0.
pub fn ok(run: &Run, what: &str) {
    assert_eq!(
        run.code,
        Some(0),
        "{what} failed:\n{}\n{}",
        run.stdout,
        run.stderr
    );
}
