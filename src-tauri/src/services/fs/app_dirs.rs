//! Where the app keeps its data, under the platform's app data folder:
//!
//! - `private/`: accounts (password hashes), settings and recent files. No read path reaches it:
//!   it is carved out of the read scope, denied to the fs plugin, and created owner-only.
//! - `files/`: the readable part (the upload inbox, downloads). Built into the read scope.
//!
//! Data an older version kept elsewhere (at the root of this folder, or in the folder of the
//! old `dev.ipclab.app` identifier) is moved into place on first start.

use std::path::{Path, PathBuf};

use crate::error::Result;

pub const PRIVATE: &str = "private";
pub const FILES: &str = "files";
pub const INBOX: &str = "inbox";
pub const DOWNLOADS: &str = "downloads";
/// The app data folder's name under the identifier this app had before.
pub const LEGACY_IDENTIFIER: &str = "dev.ipclab.app";
/// What older versions kept at the root of the data folder: (name, new home).
const LEGACY_ENTRIES: &[(&str, &str)] = &[
    ("accounts.json", PRIVATE),
    ("settings.json", PRIVATE),
    ("recent.json", PRIVATE),
    (INBOX, FILES),
];

/// The app's folders, created and migrated by [`AppDirs::prepare`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AppDirs {
    pub private: PathBuf,
    pub files: PathBuf,
}

impl AppDirs {
    /// Creates the folders under `data_dir` (the private one owner-only) and moves in the data
    /// of older versions found at the root of `data_dir` or in one of `legacy_dirs`. Nothing
    /// already in place is overwritten.
    pub fn prepare(data_dir: &Path, legacy_dirs: &[PathBuf]) -> Result<Self> {
        let dirs = Self {
            private: data_dir.join(PRIVATE),
            files: data_dir.join(FILES),
        };
        std::fs::create_dir_all(&dirs.files)?;
        create_private(&dirs.private)?;
        for source in std::iter::once(data_dir).chain(legacy_dirs.iter().map(PathBuf::as_path)) {
            for (name, home) in LEGACY_ENTRIES {
                let (from, to) = (source.join(name), data_dir.join(home).join(name));
                if from.exists() && !to.exists() {
                    log::info!("moving {} to {}", from.display(), to.display());
                    move_entry(&from, &to)?;
                }
            }
        }
        Ok(dirs)
    }

    pub fn inbox(&self) -> PathBuf {
        self.files.join(INBOX)
    }

    pub fn downloads(&self) -> PathBuf {
        self.files.join(DOWNLOADS)
    }
}

#[cfg(unix)]
fn create_private(dir: &Path) -> std::io::Result<()> {
    use std::os::unix::fs::{DirBuilderExt, PermissionsExt};
    std::fs::DirBuilder::new()
        .recursive(true)
        .mode(0o700)
        .create(dir)?;
    std::fs::set_permissions(dir, std::fs::Permissions::from_mode(0o700))
}

#[cfg(not(unix))]
fn create_private(dir: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(dir)
}

/// Renames `from` to `to`; across file systems, copies (a file) and removes the original.
fn move_entry(from: &Path, to: &Path) -> std::io::Result<()> {
    match std::fs::rename(from, to) {
        Err(_) if from.is_file() => {
            std::fs::copy(from, to)?;
            std::fs::remove_file(from)
        }
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn creates_a_private_folder_for_the_owner_only() {
        let data = tempfile::tempdir().unwrap();
        let dirs = AppDirs::prepare(data.path(), &[]).unwrap();
        assert!(dirs.files.is_dir());
        assert_eq!(dirs.inbox(), data.path().join("files/inbox"));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&dirs.private)
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o700);
        }
    }

    #[test]
    fn old_data_moves_in_without_overwriting_newer_data() {
        let data = tempfile::tempdir().unwrap();
        let old_identifier = tempfile::tempdir().unwrap();
        std::fs::write(data.path().join("accounts.json"), "root accounts").unwrap();
        std::fs::create_dir(data.path().join("inbox")).unwrap();
        std::fs::write(data.path().join("inbox/a.bin"), "a").unwrap();
        std::fs::write(old_identifier.path().join("accounts.json"), "older").unwrap();
        std::fs::write(old_identifier.path().join("recent.json"), "[]").unwrap();

        let dirs = AppDirs::prepare(data.path(), &[old_identifier.path().to_path_buf()]).unwrap();
        let read = |p: PathBuf| std::fs::read_to_string(p).unwrap();
        assert_eq!(read(dirs.private.join("accounts.json")), "root accounts");
        assert_eq!(read(dirs.private.join("recent.json")), "[]");
        assert_eq!(read(dirs.inbox().join("a.bin")), "a");
        assert!(!data.path().join("accounts.json").exists());
        assert!(!data.path().join("inbox").exists());
        // The second copy of the accounts stays where it was rather than replace the first.
        assert_eq!(read(old_identifier.path().join("accounts.json")), "older");

        // A second start changes nothing.
        assert_eq!(AppDirs::prepare(data.path(), &[]).unwrap(), dirs);
    }
}
