//! The resume file of a bulk call: one JSON line per finished item, keyed by a stable key,
//! appended with one write per line (so runs sharing the file never mix lines). A last line cut
//! short by a crash is repaired on open, and a write that fails stops the run.

use std::collections::HashSet;
use std::io::{Read as _, Seek as _, SeekFrom, Write as _};
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::service::CallError;

fn failed(path: &Path, e: &std::io::Error) -> CallError {
    CallError::Output {
        what: format!("the resume file `{}`", path.display()),
        message: e.to_string(),
    }
}

/// Keys a previous run finished, from the resume file.
pub fn finished(path: &Path) -> Result<HashSet<String>, CallError> {
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(HashSet::new()),
        Err(e) => return Err(failed(path, &e)),
    };
    Ok(text
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v.get("key").and_then(Value::as_str).map(str::to_string))
        .collect())
}

/// One line per finished item.
pub struct ResumeLog(Option<(PathBuf, std::fs::File)>);

impl ResumeLog {
    /// Opens (creates) the file for appending; a last line without its newline gets one, so
    /// the next record starts on a line of its own.
    pub fn open(path: Option<&PathBuf>) -> Result<Self, CallError> {
        let Some(path) = path else {
            return Ok(Self(None));
        };
        // Keys are user names (and whatever `key` names): the file is private (0600).
        let mut file = crate::private_file::append(path).map_err(|e| failed(path, &e))?;
        let len = file.metadata().map_err(|e| failed(path, &e))?.len();
        if len > 0 {
            let mut last = [0u8; 1];
            file.seek(SeekFrom::Start(len - 1))
                .and_then(|_| file.read_exact(&mut last))
                .map_err(|e| failed(path, &e))?;
            if last[0] != b'\n' {
                file.write_all(b"\n").map_err(|e| failed(path, &e))?;
            }
        }
        Ok(Self(Some((path.clone(), file))))
    }

    /// Appends one record in a single write.
    pub fn record(&self, key: &str, result: &str) -> Result<(), CallError> {
        let Some((path, file)) = &self.0 else {
            return Ok(());
        };
        let mut line = serde_json::json!({ "key": key, "result": result }).to_string();
        line.push('\n');
        let mut file: &std::fs::File = file;
        file.write_all(line.as_bytes())
            .map_err(|e| failed(path, &e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_cut_last_line_is_repaired_before_the_next_record() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("resume.jsonl");
        std::fs::write(
            &path,
            "{\"key\":\"a\",\"result\":\"done\"}\n{\"key\":\"b\",\"res",
        )
        .unwrap();
        let log = ResumeLog::open(Some(&path)).unwrap();
        log.record("c", "done").unwrap();
        let keys = finished(&path).unwrap();
        assert!(
            keys.contains("a") && keys.contains("c") && !keys.contains("b"),
            "{keys:?}"
        );
    }

    #[test]
    fn a_full_disk_is_an_error() {
        let path = PathBuf::from("/dev/full");
        let log = ResumeLog::open(Some(&path)).unwrap();
        assert!(log.record("a", "done").is_err());
    }
}
