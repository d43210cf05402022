//! The upload inbox: a folder in the app's readable folder that `upload` writes into,
//! atomically, under a validated file name.

use std::path::Path;
use std::time::UNIX_EPOCH;

use crate::error::{Error, Result};
use crate::models::InboxEntry;
use crate::services::store::atomic;

/// Largest upload accepted.
pub const MAX_UPLOAD_BYTES: usize = 32 * 1024 * 1024;
pub const MAX_NAME_BYTES: usize = 255;

/// Names Windows reserves for devices, whatever the extension (`con.txt` is `CON`), in any
/// case; `COM0`/`LPT0` and the superscript digits are on Microsoft's list too, and `CONIN$` /
/// `CONOUT$` (the console's input and output) open the console like `CON`.
const WINDOWS_DEVICES: &[&str] = &[
    "CON",
    "CONIN$",
    "CONOUT$",
    "PRN",
    "AUX",
    "NUL",
    "COM0",
    "COM1",
    "COM2",
    "COM3",
    "COM4",
    "COM5",
    "COM6",
    "COM7",
    "COM8",
    "COM9",
    "COM\u{b9}",
    "COM\u{b2}",
    "COM\u{b3}",
    "LPT0",
    "LPT1",
    "LPT2",
    "LPT3",
    "LPT4",
    "LPT5",
    "LPT6",
    "LPT7",
    "LPT8",
    "LPT9",
    "LPT\u{b9}",
    "LPT\u{b2}",
    "LPT\u{b3}",
];

/// Characters Windows refuses in a file name (besides control characters).
const WINDOWS_RESERVED: &[char] = &['<', '>', ':', '"', '/', '\\', '|', '?', '*'];

/// Accepts a plain file name that every platform can hold, so a file saved here can be synced
/// to Windows: no folders, no `.`/`..`, not hidden, no control characters, none of
/// `<>:"/\|?*`, no trailing dot or space, not a Windows device name (`CON`, `nul.txt`, `COM1`…).
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
    if let Some(reserved) = name.chars().find(|c| WINDOWS_RESERVED.contains(c)) {
        return bad(&format!(
            "contains `{reserved}`, which Windows does not allow"
        ));
    }
    if name.starts_with('.') {
        return bad("starts with a dot");
    }
    if name.ends_with(['.', ' ']) {
        return bad("ends with a dot or a space, which Windows drops");
    }
    // Windows reads `con.txt`, `CON.tar.gz` and `con .txt` all as the device CON.
    let stem = name.split('.').next().unwrap_or(name).trim_end_matches(' ');
    if WINDOWS_DEVICES
        .iter()
        .any(|device| device.eq_ignore_ascii_case(stem))
    {
        return bad("is a device name on Windows");
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
        for ok in [
            "a.txt",
            "photo 1.png",
            "Zoë.md",
            "x",
            "console.txt",
            "com10.txt",
            "lpt.txt",
            "nul-and-void.txt",
            "conin.txt",
            "conout$x",
            "my con.txt",
            "COM1x",
            "a.con",
            "a. b",
        ] {
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
            "a\x7fb",
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
    fn names_windows_cannot_hold_are_refused_on_every_platform() {
        for bad in [
            "CON",
            "con",
            "Con.txt",
            "con.tar.gz",
            "con .txt",
            "PRN",
            "aux.md",
            "NUL",
            "nul.txt",
            "COM1",
            "com9.log",
            "COM0",
            "LPT1",
            "lpt9.txt",
            "LPT0",
            "COM\u{b9}",
            "com\u{b2}.txt",
            "COM\u{b3}",
            "LPT\u{b9}",
            "lpt\u{b2}",
            "LPT\u{b3}.bin",
            "CONIN$",
            "conout$.txt",
            "a:b",
            "C:",
            "report:stream",
            "a<b",
            "a>b",
            "a\"b",
            "a|b",
            "a?b",
            "a*b",
            "a\tb",
            "a\rb",
            "a\u{1f}b",
            "trailing.",
            "trailing ",
            "name. ",
            "...",
        ] {
            let error = check_name(bad).unwrap_err();
            assert_eq!(error.kind(), ErrorKind::InvalidInput, "{bad:?}");
        }
        assert_eq!(
            check_name("con.txt").unwrap_err().to_string(),
            "invalid input: file name is a device name on Windows"
        );
        assert_eq!(
            check_name("a:b").unwrap_err().to_string(),
            "invalid input: file name contains `:`, which Windows does not allow"
        );
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
