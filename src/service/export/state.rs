//! The users sidecar, `FILE.csv.state.jsonl`: what an import job cannot carry, one JSON object
//! a line: `{"user":"bob","enabled":false}` for each disabled user (in ListUsers order) and
//! `{"user":"alice","group":"admins"}` for each group membership (groups by name, members by
//! name). `pooler import` reads it back after the users exist.

use std::path::{Path, PathBuf};

use serde_json::{Value, json};

/// The sidecar beside the users CSV `csv`.
pub fn path(csv: &Path) -> PathBuf {
    let mut name = csv.as_os_str().to_owned();
    name.push(".state.jsonl");
    PathBuf::from(name)
}

/// One fact about a user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Fact {
    Disabled { user: String },
    Member { user: String, group: String },
}

impl Fact {
    /// The line for the file, without its newline.
    pub fn line(&self) -> String {
        match self {
            Fact::Disabled { user } => json!({ "user": user, "enabled": false }).to_string(),
            Fact::Member { user, group } => json!({ "user": user, "group": group }).to_string(),
        }
    }

    /// One line back; `Err` says what is wrong with it.
    pub fn parse(line: &str) -> Result<Fact, String> {
        let v: Value = serde_json::from_str(line).map_err(|e| format!("not JSON: {e}"))?;
        let obj = v.as_object().ok_or("not a JSON object")?;
        let user = obj
            .get("user")
            .and_then(Value::as_str)
            .filter(|u| !u.is_empty())
            .ok_or("no `user` text")?
            .to_string();
        if let Some(unknown) = obj
            .keys()
            .find(|k| !matches!(k.as_str(), "user" | "enabled" | "group"))
        {
            return Err(format!("unknown member `{unknown}` (user, enabled, group)"));
        }
        match (obj.get("enabled"), obj.get("group")) {
            (Some(Value::Bool(false)), None) => Ok(Fact::Disabled { user }),
            (Some(Value::Bool(true)), None) => {
                Err("`enabled: true` is the default; only disabled users are listed".into())
            }
            (None, Some(Value::String(g))) if !g.is_empty() => Ok(Fact::Member {
                user,
                group: g.clone(),
            }),
            _ => Err("expected either `enabled: false` or `group: \"NAME\"`".into()),
        }
    }
}

/// Every fact of the sidecar beside `csv`; `None` when there is no sidecar. A bad line is an
/// error naming the file and the line.
pub fn read(csv: &Path) -> Result<Option<Vec<Fact>>, String> {
    let p = path(csv);
    let text = match std::fs::read_to_string(&p) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(format!("cannot read `{}`: {e}", p.display())),
    };
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(n, l)| Fact::parse(l).map_err(|e| format!("`{}` line {}: {e}", p.display(), n + 1)))
        .collect::<Result<Vec<_>, _>>()
        .map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_round_trip_and_bad_lines_are_named() {
        for fact in [
            Fact::Disabled { user: "bob".into() },
            Fact::Member {
                user: "alice".into(),
                group: "admins".into(),
            },
        ] {
            assert_eq!(Fact::parse(&fact.line()), Ok(fact));
        }
        assert!(Fact::parse(r#"{"user":"a","enabled":true}"#).is_err());
        assert!(
            Fact::parse(r#"{"user":"a","grop":"x"}"#)
                .unwrap_err()
                .contains("`grop`")
        );
        let dir = tempfile::tempdir().unwrap();
        let csv = dir.path().join("u.csv");
        assert_eq!(read(&csv), Ok(None));
        std::fs::write(path(&csv), "{\"user\":\"a\",\"enabled\":false}\n[1]\n").unwrap();
        let err = read(&csv).unwrap_err();
        assert!(err.contains("u.csv.state.jsonl` line 2"), "{err}");
    }
}
