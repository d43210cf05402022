//! The upload inbox: a folder in the app's readable folder that `upload` writes into,
//! atomically, under a validated file name.

use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::error::{Error, Result};
use crate::models::InboxEntry;
use crate::services::atomic;

/// Largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;
pub const MAX_NAME_BYTES: usize = 255;

/// Accepts a plain file name: no folders, no `.`/`..`, no control characters, not hidden.
pub fn check_name(name: &str) -> Result<()> {
    let bad = |why: &str| Err(Error::InvalidInput(format!("file name {why}")));
    if name.is_empty() {
        return bad("is empty");
    }
    if name.len() > MAX_NAME_BYTES {
        return bad(&format!("is over {MAX_NAME_BYTES} bytes"));
    }
    if name.contains(['/', '\\']) {
        return bad("contains a path separator");
    }
    if name.chars().any(char::is_control) {
        return bad("contains a control character");
    }
    if name.starts_with('.') {
        return bad("starts with a dot");
    }
    Ok(())
}

/// Writes `bytes` as `dir/name` (replacing a file of that name) and returns its entry. The
/// caller bounds the size (see `raw_body::upload_bytes`), before the bytes are copied.
pub fn save(dir: &Path, name: &str, bytes: &[u8]) -> Result<InboxEntry> {
    check_name(name)?;
    atomic::write(dir, name, bytes)?;
    entry(dir, name)
}

/// The inbox's files, newest first; temporary files are not listed.
pub fn list(dir: &Path) -> Result<Vec<InboxEntry>> {
    let read = match std::fs::read_dir(dir) {
        Ok(read) => read,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e.into()),
    };
    let mut entries = Vec::new();
    for item in read {
        let item = item?;
        let Ok(name) = item.file_name().into_string() else {
            continue;
        };
        if name.starts_with('.') || !item.file_type()?.is_file() {
            continue;
        }
        entries.push(entry(dir, &name)?);
    }
    entries.sort_by(|a, b| {
        b.modified_ms
            .total_cmp(&a.modified_ms)
            .then(a.name.cmp(&b.name))
    });
    Ok(entries)
}

fn entry(dir: &Path, name: &str) -> Result<InboxEntry> {
    let meta = std::fs::metadata(dir.join(name))?;
    let modified_ms = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(UNIX_EPOCH).ok())
        .map_or(0.0, |d| d.as_millis() as f64);
    Ok(InboxEntry {
        name: name.to_owned(),
        size: meta.len().try_into().unwrap_or(u32::MAX),
        modified_ms,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn names_are_plain() {
        for ok in ["a.txt", "photo 1.png", "Zoë.md", "x"] {
            check_name(ok).unwrap();
        }
        let long = "a".repeat(MAX_NAME_BYTES + 1);
        for bad in [
            "",
            "../x",
            "a/b",
            "a\\b",
            ".hidden",
            "..",
            "a\0b",
            "a\nb",
            long.as_str(),
        ] {
            assert_eq!(
                check_name(bad).unwrap_err().kind(),
                ErrorKind::InvalidInput,
                "{bad:?}"
            );
        }
    }

    #[test]
    fn saves_and_lists() {
        let dir = tempfile::tempdir().unwrap();
        let inbox = dir.path().join("inbox");
        assert!(list(&inbox).unwrap().is_empty());
        let saved = save(&inbox, "a.bin", &[1, 2, 3]).unwrap();
        assert_eq!((saved.name.as_str(), saved.size), ("a.bin", 3));
        assert_eq!(std::fs::read(inbox.join("a.bin")).unwrap(), [1, 2, 3]);
        let longest = "n".repeat(MAX_NAME_BYTES);
        save(&inbox, &longest, b"x").unwrap();
        let mut names: Vec<_> = list(&inbox).unwrap().into_iter().map(|e| e.name).collect();
        names.sort();
        assert_eq!(names, ["a.bin".to_string(), longest]);
    }
}
