//! A small builder for running the `pooler` binary in a scratch directory with a clean,
//! AWS-free environment: `Test::new().script("...").args(["run", "script.rhai"]).run()`.

pub mod http;
pub mod import_server;
pub mod moto;
pub mod pool_server;
pub mod quota_driver;
pub mod quota_server;
pub mod server;
pub mod throttle;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What a finished run left behind.
#[derive(Debug)]
pub struct Output {
    pub code: i32,
    pub stdout: String,
    pub stderr: String,
    /// The scratch directory, kept as long as the output so files written there can be read.
    pub _dir: tempfile::TempDir,
}

/// One invocation of the binary.
pub struct Test {
    dir: tempfile::TempDir,
    args: Vec<String>,
    env: Vec<(String, String)>,
    cwd: Option<PathBuf>,
}

/// The repository root (where Cargo.toml is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

impl Test {
    pub fn new() -> Self {
        Self {
            dir: tempfile::tempdir().expect("a temporary directory"),
            args: Vec::new(),
            env: Vec::new(),
            cwd: None,
        }
    }

    /// Writes `script.rhai` into the scratch directory.
    pub fn script(self, text: &str) -> Self {
        self.file("script.rhai", text)
    }

    /// Writes any file into the scratch directory.
    pub fn file(self, name: &str, text: &str) -> Self {
        let path = self.dir.path().join(name);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).expect("create fixture dir");
        }
        std::fs::write(path, text).expect("write fixture");
        self
    }

    pub fn args<I: IntoIterator<Item = S>, S: Into<String>>(mut self, args: I) -> Self {
        self.args.extend(args.into_iter().map(Into::into));
        self
    }

    pub fn env(mut self, key: &str, value: &str) -> Self {
        self.env.push((key.to_string(), value.to_string()));
        self
    }

    /// Runs from the repository root instead of the scratch directory.
    pub fn in_repo(mut self) -> Self {
        self.cwd = Some(repo_root());
        self
    }

    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    pub fn run(self) -> Output {
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_pooler"));
        cmd.args(&self.args)
            .current_dir(self.cwd.as_deref().unwrap_or(self.dir.path()))
            .stdin(Stdio::null());
        for (key, _) in std::env::vars() {
            if key.starts_with("AWS_") || key.starts_with("POOLER_") {
                cmd.env_remove(key);
            }
        }
        let nowhere = self.dir.path().join("no-such-aws-file");
        cmd.env("AWS_CONFIG_FILE", &nowhere)
            .env("AWS_SHARED_CREDENTIALS_FILE", &nowhere)
            .env("AWS_EC2_METADATA_DISABLED", "true")
            .env("NO_COLOR", "1");
        for (key, value) in &self.env {
            cmd.env(key, value);
        }
        let out = cmd.output().expect("run pooler");
        Output {
            code: out.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&out.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&out.stderr).into_owned(),
            _dir: self.dir,
        }
    }
}

/// Runs `text` as a script with `pooler run` and returns the output.
pub fn run_script(text: &str) -> Output {
    Test::new().script(text).args(["run", "script.rhai"]).run()
}

/// Compares `actual` with the golden file `tests/golden/NAME`; `POOLER_BLESS=1` rewrites it.
pub fn assert_golden(name: &str, actual: &str) {
    let path = repo_root().join("tests/golden").join(name);
    if std::env::var_os("POOLER_BLESS").is_some() {
        std::fs::write(&path, actual).expect("write golden file");
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("read {}: {e} (POOLER_BLESS=1 writes it)", path.display()));
    assert_eq!(actual, expected, "output differs from {}", path.display());
}
