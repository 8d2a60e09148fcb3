//! Files that can hold user data or secrets: created 0600, never overwritten silently.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::Path;

/// Creates `path` for writing with mode 0600. An existing file is refused
/// (`ErrorKind::AlreadyExists`) unless `overwrite`, in which case it is truncated and its
/// mode set to 0600.
pub fn create(path: &Path, overwrite: bool) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.write(true);
    if overwrite {
        opts.create(true).truncate(true);
    } else {
        opts.create_new(true);
    }
    private(&mut opts);
    let file = opts.open(path)?;
    restrict(&file)?;
    Ok(file)
}

/// Opens `path` for appending (and reading), creating it with mode 0600 when missing. An
/// existing file keeps its content; its mode is tightened to 0600.
pub fn append(path: &Path) -> io::Result<File> {
    let mut opts = OpenOptions::new();
    opts.read(true).append(true).create(true);
    private(&mut opts);
    let file = opts.open(path)?;
    restrict(&file)?;
    Ok(file)
}

/// The error text for a refused existing file, naming the way to overwrite it.
pub fn exists_message(path: &Path, force_hint: &str) -> String {
    format!(
        "{} already exists; not overwritten (use {force_hint} to replace it)",
        path.display()
    )
}

#[cfg(unix)]
fn private(opts: &mut OpenOptions) {
    use std::os::unix::fs::OpenOptionsExt;
    opts.mode(0o600);
}

#[cfg(not(unix))]
fn private(_opts: &mut OpenOptions) {}

#[cfg(unix)]
fn restrict(file: &File) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let meta = file.metadata()?;
    if meta.is_file() && meta.permissions().mode() & 0o077 != 0 {
        file.set_permissions(std::fs::Permissions::from_mode(0o600))?;
    }
    Ok(())
}

#[cfg(not(unix))]
fn restrict(_file: &File) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[cfg(unix)]
    fn mode(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    #[test]
    fn create_is_0600_and_refuses_an_existing_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("users.csv");
        create(&path, false).unwrap().write_all(b"a").unwrap();
        #[cfg(unix)]
        assert_eq!(mode(&path), 0o600);
        let err = create(&path, false).unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::AlreadyExists);
        assert_eq!(std::fs::read(&path).unwrap(), b"a");
        create(&path, true).unwrap().write_all(b"b").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"b");
    }

    #[cfg(unix)]
    #[test]
    fn append_tightens_an_existing_files_mode() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("t.jsonl");
        std::fs::write(&path, "x\n").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        append(&path).unwrap().write_all(b"y\n").unwrap();
        assert_eq!(mode(&path), 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "x\ny\n");
    }
}
