//! The resume file of a bulk call: one JSON line per finished item, keyed by a stable key and
//! flushed as each item ends, so an interrupted run continues where it stopped.

use std::cell::RefCell;
use std::collections::HashSet;
use std::io::Write as _;
use std::path::PathBuf;

use rhai::EvalAltResult;
use serde_json::Value;

type Res<T> = Result<T, Box<EvalAltResult>>;

/// Keys a previous run finished, from the resume file.
pub fn finished(path: &PathBuf) -> Res<HashSet<String>> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => {
            return Err(format!("cannot read the resume file `{}`: {e}", path.display()).into());
        }
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v.get("key").and_then(Value::as_str).map(str::to_string))
        .collect())
}

/// One line per finished item, flushed at once so an interrupted run loses nothing.
pub struct ResumeLog(Option<RefCell<std::fs::File>>);

impl ResumeLog {
    pub fn open(path: Option<&PathBuf>) -> Res<Self> {
        let Some(path) = path else {
            return Ok(Self(None));
        };
        let file = std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("cannot write the resume file `{}`: {e}", path.display()))?;
        Ok(Self(Some(RefCell::new(file))))
    }

    pub fn record(&self, key: &str, result: &str) {
        if let Some(file) = &self.0 {
            let line = serde_json::json!({ "key": key, "result": result });
            let mut file = file.borrow_mut();
            if writeln!(file, "{line}")
                .and_then(|()| file.flush())
                .is_err()
            {
                eprintln!("warning: cannot write the resume file");
            }
        }
    }
}
