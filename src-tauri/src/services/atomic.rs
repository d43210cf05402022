//! Writing a file so that readers see the old content or the new one, never a partial file:
//! write a temporary file in the same folder, flush it to disk, rename it over the target.

use std::io::Write;
use std::path::Path;

use crate::error::Result;
use crate::services::random_hex;

/// Prefix of the temporary files; listings skip names that start with it.
pub const TEMP_PREFIX: &str = ".tmp-";

/// Writes `bytes` to `dir/name` atomically. On failure no temporary file is left behind.
pub fn write(dir: &Path, name: &str, bytes: &[u8]) -> Result<()> {
    std::fs::create_dir_all(dir)?;
    let temp = dir.join(format!("{TEMP_PREFIX}{}-{name}", random_hex(8)));
    let result = (|| {
        let mut file = std::fs::File::create_new(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        std::fs::rename(&temp, dir.join(name))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    Ok(result?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn replaces_the_file_and_leaves_no_temp() {
        let dir = tempfile::tempdir().unwrap();
        write(dir.path(), "a.json", b"one").unwrap();
        write(dir.path(), "a.json", b"two").unwrap();
        assert_eq!(std::fs::read(dir.path().join("a.json")).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["a.json"]);
    }

    #[test]
    fn a_failed_write_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("taken")).unwrap();
        // Renaming a file over a non-empty folder fails after the temp file was written.
        std::fs::write(dir.path().join("taken/x"), "").unwrap();
        assert!(write(dir.path(), "taken", b"data").is_err());
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, ["taken"]);
    }
}
