//! Automation helpers for scripts: `env`, `read_file`, `read_json`, `read_csv`, `sleep`, `exit`.
//! (`args` is a constant in the script's scope.)
//!
//! Reads resolve relative paths against the running script's directory (like `import`; the
//! REPL and `eval` use the working directory; a path found only from the working directory,
//! such as one given on the command line, is used as is), stop at [`MAX_READ_BYTES`], and run on a helper
//! thread so that Ctrl-C or SIGTERM ends a read of a FIFO or a terminal within a few
//! milliseconds. `exit(code)` takes 0 to 255; anything else is an error (exit code 4).

use std::io::Read as _;
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use rhai::{Array, Dynamic, EvalAltResult, FLOAT, INT, ImmutableString, Map as RhaiMap};

use super::convert::to_dynamic;
use super::registry::{Registrar, global};
use crate::interrupt::Interrupt;

type Result<T> = std::result::Result<T, Box<EvalAltResult>>;

/// The largest file `read_file`, `read_json` and `read_csv` read (256 MiB).
pub const MAX_READ_BYTES: u64 = 256 << 20;

/// How often a blocked read looks at the interrupt flag.
const POLL: Duration = Duration::from_millis(20);

/// The error that ends the script when Ctrl-C or SIGTERM arrives.
fn interrupted(interrupt: &Interrupt) -> Box<EvalAltResult> {
    EvalAltResult::ErrorTerminated(
        Dynamic::from_int(INT::from(interrupt.exit_code())),
        rhai::Position::NONE,
    )
    .into()
}

/// Where file helpers look: relative paths are taken from `base`.
#[derive(Clone)]
struct Files {
    base: PathBuf,
    interrupt: Interrupt,
}

impl Files {
    /// A relative path from the script's directory; when nothing is there but the path names
    /// a file from the working directory (a path given on the command line), that one.
    fn resolve(&self, path: &str) -> PathBuf {
        let p = Path::new(path);
        if p.is_absolute() || self.base.as_os_str().is_empty() {
            return p.to_path_buf();
        }
        let from_script = self.base.join(p);
        if !from_script.exists() && p.exists() {
            return p.to_path_buf();
        }
        from_script
    }

    /// The file's bytes, at most [`MAX_READ_BYTES`]. Opening and reading happen on a helper
    /// thread (opening a FIFO blocks until a writer comes), so an interrupt ends the wait.
    fn read_bytes(&self, path: &str) -> Result<Vec<u8>> {
        let full = self.resolve(path);
        let (tx, rx) = mpsc::channel();
        let spawned = std::thread::Builder::new()
            .name("read".into())
            .spawn(move || {
                let read = std::fs::File::open(&full).and_then(|f| {
                    let mut bytes = Vec::new();
                    f.take(MAX_READ_BYTES + 1).read_to_end(&mut bytes)?;
                    Ok(bytes)
                });
                let _ = tx.send(read);
            });
        if let Err(e) = spawned {
            return Err(format!("cannot read `{path}`: {e}").into());
        }
        loop {
            if self.interrupt.is_set() {
                // The helper stays blocked until the process ends; nothing waits for it.
                return Err(interrupted(&self.interrupt));
            }
            match rx.recv_timeout(POLL) {
                Ok(Ok(bytes)) if bytes.len() as u64 > MAX_READ_BYTES => {
                    return Err(format!(
                        "cannot read `{path}`: it is larger than the {} MiB limit of file reads",
                        MAX_READ_BYTES >> 20
                    )
                    .into());
                }
                Ok(Ok(bytes)) => return Ok(bytes),
                Ok(Err(e)) => return Err(format!("cannot read `{path}`: {e}").into()),
                Err(mpsc::RecvTimeoutError::Timeout) => {}
                Err(mpsc::RecvTimeoutError::Disconnected) => {
                    return Err(format!("cannot read `{path}`: the read failed").into());
                }
            }
        }
    }

    fn read_text(&self, path: &str) -> Result<String> {
        String::from_utf8(self.read_bytes(path)?)
            .map_err(|e| format!("cannot read `{path}`: not UTF-8 text ({e})").into())
    }

    fn read_json(&self, path: &str) -> Result<Dynamic> {
        let text = self.read_text(path)?;
        let value = crate::json_doc::parse_text(&text)
            .map_err(|e| format!("`{path}` is not valid JSON: {e}"))?;
        Ok(to_dynamic(&value))
    }

    fn read_csv(&self, path: &str) -> Result<Array> {
        let bytes = self.read_bytes(path)?;
        let mut reader = csv::Reader::from_reader(bytes.as_slice());
        let headers = reader
            .headers()
            .map_err(|e| format!("`{path}`: bad CSV header row: {e}"))?
            .clone();
        let mut rows = Array::new();
        for (n, record) in reader.records().enumerate() {
            let record = record.map_err(|e| format!("`{path}`: bad CSV record {}: {e}", n + 1))?;
            let mut row = RhaiMap::new();
            for (key, value) in headers.iter().zip(record.iter()) {
                row.insert(key.into(), Dynamic::from(value.to_string()));
            }
            rows.push(Dynamic::from_map(row));
            if n % 4096 == 0 && self.interrupt.is_set() {
                return Err(interrupted(&self.interrupt));
            }
        }
        Ok(rows)
    }
}

/// Sleeps in short slices so that Ctrl-C is noticed at once.
fn sleep_for(interrupt: &Interrupt, seconds: f64) -> Result<()> {
    if !seconds.is_finite() || seconds < 0.0 {
        return Err(format!("sleep takes a non-negative number of seconds, not {seconds}").into());
    }
    let end = Instant::now() + Duration::from_secs_f64(seconds.min(86_400.0));
    while !interrupt.is_set() {
        let left = end.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return Ok(());
        }
        std::thread::sleep(left.min(POLL));
    }
    Err(interrupted(interrupt))
}

/// `exit(code)`: ends the script with that process exit code, 0 to 255; any other code is an
/// error (a process cannot exit with it: `exit(-1)` would otherwise look like success or 255).
/// (Rhai's own `exit` only ends the evaluation with a value, so a script could not choose its
/// exit code.) `exit(text)` prints the text as the error and exits 1.
fn exit_with(code: INT, message: Option<String>) -> Result<()> {
    if !(0..=255).contains(&code) {
        return Err(format!("exit({code}): an exit code is a number from 0 to 255").into());
    }
    let mut token = RhaiMap::new();
    token.insert("exit".into(), Dynamic::from_int(code));
    if let Some(text) = message {
        token.insert("message".into(), text.into());
    }
    Err(EvalAltResult::ErrorTerminated(Dynamic::from_map(token), rhai::Position::NONE).into())
}

/// `env(name)`: the variable's value, or `()` when it is unset. A secret an exported script
/// needs (`POOLER_SECRET_…`) that is unset stops a real run with an error naming it; a plan, a
/// dry run or `check` get a marker in its place that `ensure_*` reports as "not compared".
fn env_of(name: &str, real: bool) -> Result<Dynamic> {
    use crate::service::unread::{SECRET_ENV_PREFIX, marker};
    match std::env::var(name) {
        Ok(value) => Ok(value.into()),
        Err(_) if name.starts_with(SECRET_ENV_PREFIX) && real => Err(format!(
            "env(\"{name}\"): the environment variable {name} is unset; it holds a secret \
             this script sends (set it, e.g. `{name}=… pooler run …`)"
        )
        .into()),
        Err(_) if name.starts_with(SECRET_ENV_PREFIX) => Ok(marker(name).into()),
        Err(_) => Ok(Dynamic::UNIT),
    }
}

/// Registers the helpers; file reads resolve relative paths against `base` (the running
/// script's directory; empty or `.` for the working directory).
/// `real`: calls are sent for real, so an unset `POOLER_SECRET_…` variable is an error.
pub fn register(reg: &mut Registrar<'_>, interrupt: &Interrupt, base: PathBuf, real: bool) {
    reg.func(
        global(
            "env",
            "env(name) / env(name, default)",
            "an environment variable, () or the default when unset",
        ),
        move |name: &str| env_of(name, real),
    )
    .or(|name: &str, default: ImmutableString| -> ImmutableString {
        std::env::var(name).map_or(default, Into::into)
    });
    let files = Files {
        base,
        interrupt: interrupt.clone(),
    };
    let f = files.clone();
    reg.func(
        global(
            "read_file",
            "read_file(path)",
            "a file's text; relative paths are relative to the script",
        ),
        move |path: &str| f.read_text(path),
    );
    let f = files.clone();
    reg.func(
        global(
            "read_json",
            "read_json(path)",
            "a JSON file as a map or array",
        ),
        move |path: &str| f.read_json(path),
    );
    reg.func(
        global(
            "read_csv",
            "read_csv(path)",
            "a CSV file with a header row, as an array of maps",
        ),
        move |path: &str| files.read_csv(path),
    );
    let slept = interrupt.clone();
    let slept_float = interrupt.clone();
    reg.func(
        global("sleep", "sleep(seconds)", "waits; Ctrl-C stops it"),
        move |seconds: INT| sleep_for(&slept, seconds as f64),
    )
    .or(move |seconds: FLOAT| sleep_for(&slept_float, seconds));
    reg.func(
        global(
            "exit",
            "exit(code) / exit(message)",
            "ends the script with that exit code (a message exits 1)",
        ),
        |code: INT| exit_with(code, None),
    )
    .or(|| exit_with(0, None))
    .or(|value: Dynamic| exit_with(1, Some(value.to_string())));
}
