//! Automation helpers for scripts: `env`, `read_file`, `read_json`, `read_csv`, `sleep`.
//! (`args` is a constant in the script's scope; `exit(code)` is Rhai's own.)

use std::time::{Duration, Instant};

use rhai::{Array, Dynamic, EvalAltResult, FLOAT, INT, ImmutableString, Map as RhaiMap};

use super::convert::to_dynamic;
use super::registry::Registrar;
use crate::interrupt::Interrupt;

type Result<T> = std::result::Result<T, Box<EvalAltResult>>;

fn read_text(path: &str) -> Result<String> {
    std::fs::read_to_string(path).map_err(|e| format!("cannot read `{path}`: {e}").into())
}

fn read_json(path: &str) -> Result<Dynamic> {
    let text = read_text(path)?;
    let value: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("`{path}` is not valid JSON: {e}"))?;
    Ok(to_dynamic(&value))
}

fn read_csv(path: &str) -> Result<Array> {
    let mut reader =
        csv::Reader::from_path(path).map_err(|e| format!("cannot read `{path}`: {e}"))?;
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
    }
    Ok(rows)
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
        std::thread::sleep(left.min(Duration::from_millis(20)));
    }
    Err(EvalAltResult::ErrorTerminated(
        Dynamic::from_int(INT::from(interrupt.exit_code())),
        rhai::Position::NONE,
    )
    .into())
}

/// `exit(code)`: ends the script with that process exit code. (Rhai's own `exit` only ends the
/// evaluation with a value, so a script could not choose its exit code.)
/// `exit(text)` prints the text as the error and exits 1.
fn exit_with(code: INT, message: Option<String>) -> Result<()> {
    let mut token = RhaiMap::new();
    token.insert("exit".into(), Dynamic::from_int(code));
    if let Some(text) = message {
        token.insert("message".into(), text.into());
    }
    Err(EvalAltResult::ErrorTerminated(Dynamic::from_map(token), rhai::Position::NONE).into())
}

/// Registers the helpers.
pub fn register(reg: &mut Registrar<'_>, interrupt: &Interrupt) {
    reg.func("env", |name: &str| -> Dynamic {
        std::env::var(name).map_or(Dynamic::UNIT, Dynamic::from)
    });
    reg.func(
        "env",
        |name: &str, default: ImmutableString| -> ImmutableString {
            std::env::var(name).map_or(default, Into::into)
        },
    );
    reg.func("exit", |code: INT| exit_with(code, None));
    reg.func("exit", || exit_with(0, None));
    reg.func("exit", |value: Dynamic| {
        exit_with(1, Some(value.to_string()))
    });
    reg.func("read_file", |path: &str| read_text(path));
    reg.func("read_json", |path: &str| read_json(path));
    reg.func("read_csv", |path: &str| read_csv(path));
    let slept = interrupt.clone();
    reg.func("sleep", move |seconds: INT| {
        sleep_for(&slept, seconds as f64)
    });
    let slept = interrupt.clone();
    reg.func("sleep", move |seconds: FLOAT| sleep_for(&slept, seconds));
}
