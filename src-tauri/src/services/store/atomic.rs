//! Writing a file so that readers see the old content or the new one, never a partial file:
//! write a temporary file in the same folder, flush it to disk, rename it over the target
//! (`tempfile`'s `persist`). The temporary name does not depend on the target's, so any legal
//! file name can be written.

use std::io::Write;
use std::path::Path;

use crate::error::{Error, Result};

/// Prefix of the temporary files; listings skip names that start with a dot.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` to `dir/name` atomically. On failure no temporary file is left behind.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let mut temp = tempfile::Builder::new()
        .prefix(TEMP_PREFIX)
        .tempfile_in(dir)?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(dir.join(name))
        .map_err(|e| Error::Io(e.error))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(dir: &Path) -> Vec<std::ffi::OsString> {
        let mut names: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", b"one").unwrap();
        write(dir.path(), "a.json", b"two").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.json")).unwrap(), b"two");
        assert_eq!(names(dir.path()), ["a.json"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("taken")).unwrap();
        // Renaming a file over a non-empty folder fails after the temp file was written.
        std::fs::write(dir.path().join("taken/x"), "").unwrap();
        assert!(write(dir.path(), "taken", b"data").is_err());
        assert_eq!(names(dir.path()), ["taken"]);
    }

    #[test]
    fn a_name_of_the_longest_legal_length_is_written() {
        let dir = tempfile::tempdir().unwrap();
        let name = format!("{}.bin", "n".repeat(251));
        assert_eq!(name.len(), 255);
        write(dir.path(), &name, b"long").unwrap();
        assert_eq!(std::fs::read(dir.path().join(&name)).unwrap(), b"long");
        assert_eq!(names(dir.path()), [name.as_str()]);
    }
}
