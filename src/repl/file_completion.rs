//! File-path completion for `:load` and `:save`: the entries of the typed directory whose
//! names start with the typed rest; directories end with `/`, dot files only when asked for.

use std::path::Path;

use super::complete::Choice;

/// Choices for the partial path `typed`, each replacing all of it.
pub fn complete(typed: &str) -> Vec<Choice> {
    let (dir, prefix) = match typed.rfind('/') {
        Some(i) => (&typed[..=i], &typed[i + 1..]),
        None => ("", typed),
    };
    let read = if dir.is_empty() { "." } else { dir };
    let Ok(entries) = std::fs::read_dir(Path::new(read)) else {
        return Vec::new();
    };
    let mut found: Vec<Choice> = entries
        .filter_map(Result::ok)
        .filter_map(|e| {
            let name = e.file_name().into_string().ok()?;
            if !name.starts_with(prefix) || (name.starts_with('.') && !prefix.starts_with('.')) {
                return None;
            }
            let slash = if e.path().is_dir() { "/" } else { "" };
            Some(Choice {
                display: format!("{name}{slash}"),
                replacement: format!("{dir}{name}{slash}"),
            })
        })
        .collect();
    found.sort_by(|a, b| a.display.cmp(&b.display));
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_matching_files_and_directories_under_the_typed_dir() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("lib")).unwrap();
        std::fs::write(dir.path().join("lib/setup.rhai"), "").unwrap();
        std::fs::write(dir.path().join("lib/seed.csv"), "").unwrap();
        std::fs::write(dir.path().join("lib/.hidden"), "").unwrap();
        let base = format!("{}/", dir.path().display());
        let all: Vec<String> = complete(&format!("{base}lib/"))
            .into_iter()
            .map(|c| c.display)
            .collect();
        assert_eq!(all, vec!["seed.csv", "setup.rhai"]);
        let one = complete(&format!("{base}lib/set"));
        assert_eq!(one[0].replacement, format!("{base}lib/setup.rhai"));
        let dirs = complete(&format!("{base}l"));
        assert_eq!(dirs[0].replacement, format!("{base}lib/"));
    }
}
