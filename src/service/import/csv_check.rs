//! Checking a users CSV file against the pool's import columns before anything is sent, in one
//! streaming pass that also cuts the file into job-sized pieces (byte ranges of whole rows).

use std::collections::HashSet;
use std::path::Path;

/// Where the file may be cut: its header, then byte ranges of rows, each within the limits.
#[derive(Debug, Default)]
pub struct Layout {
    /// Bytes of the header line (with its line ending).
    pub header_len: u64,
    /// `(start, end, users)` of each piece, end exclusive.
    pub pieces: Vec<(u64, u64, u64)>,
    pub users: u64,
    /// Rows with neither `email_verified` nor `phone_number_verified` true (first few lines).
    pub unverified: u64,
    pub unverified_rows: Vec<u64>,
}

/// Limits of one import job.
#[derive(Clone, Copy, Debug)]
pub struct Limits {
    pub max_users: u64,
    pub max_bytes: u64,
}

impl Default for Limits {
    /// The service's: 500,000 users or 100 MB per file.
    fn default() -> Self {
        Self {
            max_users: 500_000,
            max_bytes: 100_000_000,
        }
    }
}

const BOOLEAN_COLUMNS: &[&str] = &[
    "email_verified",
    "phone_number_verified",
    "cognito:mfa_enabled",
];

/// `expected`: the columns GetCSVHeader named; `None` (a dry run) accepts the documented ones
/// and any `custom:` column.
pub fn check(path: &Path, expected: Option<&[String]>, limits: Limits) -> Result<Layout, String> {
    let shown = path.display();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_path(path)
        .map_err(|e| format!("cannot read `{shown}`: {e}"))?;
    let header: Vec<String> = reader
        .headers()
        .map_err(|e| format!("`{shown}`: bad header row: {e}"))?
        .iter()
        .map(|h| h.trim().to_string())
        .collect();
    let documented: Vec<String> = super::super::export::users::DOCUMENTED_HEADER
        .iter()
        .map(|s| s.to_string())
        .collect();
    let known = |c: &str| match expected {
        Some(cols) => cols.iter().any(|e| e == c),
        None => {
            documented.iter().any(|e| e == c)
                || c.starts_with("custom:")
                || c.starts_with("dev:custom:")
        }
    };
    let mut seen = HashSet::new();
    for (n, column) in header.iter().enumerate() {
        if !known(column) {
            let hint = match expected {
                Some(cols) => format!("the pool's import columns are: {}", cols.join(",")),
                None => {
                    "expected the import job's columns (`pooler export POOL --users` writes them)"
                        .into()
                }
            };
            return Err(format!(
                "`{shown}`: row 1, column {} `{column}` is not an import column of this pool; {hint}",
                n + 1
            ));
        }
        if !seen.insert(column.as_str()) {
            return Err(format!(
                "`{shown}`: row 1, column {} `{column}` appears twice",
                n + 1
            ));
        }
    }
    for required in ["cognito:username", "cognito:mfa_enabled"] {
        if !seen.contains(required) {
            return Err(format!(
                "`{shown}`: row 1: the required column `{required}` is missing"
            ));
        }
    }
    if !seen.contains("email_verified") && !seen.contains("phone_number_verified") {
        return Err(format!(
            "`{shown}`: row 1: needs an `email_verified` or a `phone_number_verified` column"
        ));
    }
    let index = |name: &str| header.iter().position(|h| h == name);
    let username = index("cognito:username").unwrap_or(0);
    let booleans: Vec<(usize, &str)> = BOOLEAN_COLUMNS
        .iter()
        .filter_map(|c| index(c).map(|i| (i, *c)))
        .collect();
    let verified: Vec<usize> = ["email_verified", "phone_number_verified"]
        .iter()
        .filter_map(|c| index(c))
        .collect();

    let mut layout = Layout::default();
    let mut record = csv::StringRecord::new();
    let mut piece: Option<(u64, u64)> = None; // (start, users)
    let mut last_end = 0;
    loop {
        let start = reader.position().byte();
        let more = reader
            .read_record(&mut record)
            .map_err(|e| format!("`{shown}`: {e}"))?;
        if layout.header_len == 0 {
            layout.header_len = start;
        }
        if !more {
            break;
        }
        let end = reader.position().byte();
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.len() == 1 && record.get(0) == Some("") {
            last_end = end;
            continue; // a blank line
        }
        if record.len() != header.len() {
            return Err(format!(
                "`{shown}`: row {line}: {} fields, but the header has {}",
                record.len(),
                header.len()
            ));
        }
        if record.get(username).unwrap_or_default().trim().is_empty() {
            return Err(format!(
                "`{shown}`: row {line}, column `cognito:username`: empty"
            ));
        }
        for (i, name) in &booleans {
            let v = record.get(*i).unwrap_or_default().trim();
            let ok = v.eq_ignore_ascii_case("true")
                || v.eq_ignore_ascii_case("false")
                || (v.is_empty() && *name != "cognito:mfa_enabled");
            if !ok {
                return Err(format!(
                    "`{shown}`: row {line}, column `{name}`: `{v}` is not true or false"
                ));
            }
        }
        if !verified.iter().any(|i| {
            record
                .get(*i)
                .is_some_and(|v| v.trim().eq_ignore_ascii_case("true"))
        }) {
            layout.unverified += 1;
            if layout.unverified_rows.len() < 10 {
                layout.unverified_rows.push(line);
            }
        }
        let (p_start, p_users) = piece.unwrap_or((start, 0));
        let too_big = layout.header_len + (end - p_start) > limits.max_bytes;
        if p_users > 0 && (p_users >= limits.max_users || too_big) {
            layout.pieces.push((p_start, start, p_users));
            piece = Some((start, 1));
        } else {
            if p_users == 0 && layout.header_len + (end - start) > limits.max_bytes {
                return Err(format!(
                    "`{shown}`: row {line} alone is larger than the {} bytes a job takes",
                    limits.max_bytes
                ));
            }
            piece = Some((p_start, p_users + 1));
        }
        layout.users += 1;
        last_end = end;
    }
    if let Some((p_start, p_users)) = piece {
        layout.pieces.push((p_start, last_end, p_users));
    }
    if layout.users == 0 {
        return Err(format!("`{shown}`: no users after the header row"));
    }
    Ok(layout)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(text: &str) -> tempfile::NamedTempFile {
        let mut f = tempfile::NamedTempFile::new().unwrap();
        std::io::Write::write_all(&mut f, text.as_bytes()).unwrap();
        f
    }

    const HEAD: &str = "cognito:username,email,email_verified,cognito:mfa_enabled\n";

    #[test]
    fn pieces_hold_whole_rows_within_the_limits() {
        let f = file(&format!(
            "{HEAD}a,a@x.io,true,false\nb,b@x.io,true,false\nc,c@x.io,false,false\n"
        ));
        let limits = Limits {
            max_users: 2,
            max_bytes: 1000,
        };
        let l = check(f.path(), None, limits).unwrap();
        assert_eq!(l.users, 3);
        assert_eq!(l.header_len, HEAD.len() as u64);
        assert_eq!(l.pieces.len(), 2);
        assert_eq!(l.pieces[0].2, 2);
        assert_eq!(l.pieces[1], (l.pieces[0].1, l.pieces[1].1, 1));
        assert_eq!(l.unverified, 1);
        assert_eq!(l.unverified_rows, [4]);
    }

    #[test]
    fn a_bad_column_or_row_is_named() {
        let f = file("cognito:username,emial,email_verified,cognito:mfa_enabled\na,b,true,false\n");
        let e = check(f.path(), None, Limits::default()).unwrap_err();
        assert!(e.contains("column 2 `emial`"), "{e}");
        let f = file(&format!("{HEAD}a,a@x.io,true,false\nb,b@x.io,yes,false\n"));
        let e = check(f.path(), None, Limits::default()).unwrap_err();
        assert!(e.contains("row 3, column `email_verified`"), "{e}");
    }
}
