//! Which files the app may read: files the user picked, and folders (the app's data folder and
//! the ones the user added). Every path is checked twice — as written, before touching the
//! disk, and again after canonicalization, so `..` and symlinks cannot lead out.

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Longest path accepted, in bytes (Linux's PATH_MAX).
pub const MAX_PATH_BYTES: usize = 4096;

/// The places reads are allowed from. Folders and files are stored canonicalized.
#[derive(Debug, Default, Clone)]
pub struct Scope {
    folders: BTreeSet<PathBuf>,
    files: BTreeSet<PathBuf>,
}

/// A file that passed every check, ready to be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResolvedFile {
    pub path: PathBuf,
    pub len: u64,
}

impl Scope {
    /// Allows everything below `folder` (which must exist and be a directory).
    pub fn allow_folder(&mut self, folder: &Path) -> Result<PathBuf> {
        let canonical = canonicalize(folder)?;
        if !canonical.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{} is not a folder",
                folder.display()
            )));
        }
        self.folders.insert(canonical.clone());
        Ok(canonical)
    }

    /// Removes a folder added earlier; returns whether it was there.
    pub fn remove_folder(&mut self, folder: &Path) -> bool {
        let canonical = canonicalize(folder).unwrap_or_else(|_| folder.to_path_buf());
        self.folders.remove(&canonical) || self.folders.remove(folder)
    }

    /// Allows one file (one the user picked).
    pub fn allow_file(&mut self, file: &Path) -> Result<PathBuf> {
        let canonical = canonicalize(file)?;
        self.files.insert(canonical.clone());
        Ok(canonical)
    }

    pub fn folders(&self) -> impl Iterator<Item = &Path> {
        self.folders.iter().map(PathBuf::as_path)
    }

    /// Whether `path` (absolute, free of `..`) is a picked file or inside an allowed folder.
    pub fn contains(&self, path: &Path) -> bool {
        self.files.contains(path) || self.folders.iter().any(|folder| path.starts_with(folder))
    }
}

/// The checks that need no disk access: not empty, no NUL, not over-long, absolute, no `..`.
pub fn check_syntax(path: &str) -> Result<PathBuf> {
    if path.is_empty() {
        return Err(Error::InvalidInput("the path is empty".into()));
    }
    if path.len() > MAX_PATH_BYTES {
        return Err(Error::InvalidInput(format!(
            "the path is {} bytes long, the limit is {MAX_PATH_BYTES}",
            path.len()
        )));
    }
    if path.contains('\0') {
        return Err(Error::InvalidInput("the path contains a NUL byte".into()));
    }
    let path = PathBuf::from(path);
    if !path.is_absolute() {
        return Err(Error::InvalidInput(format!(
            "{} is not an absolute path",
            path.display()
        )));
    }
    if path.components().any(|c| c == Component::ParentDir) {
        return Err(Error::OutsideScope(format!(
            "{} contains `..`",
            path.display()
        )));
    }
    Ok(path)
}

/// Resolves `path` to a regular file of at most `max_len` bytes inside `scope`.
///
/// Order matters: a path outside the scope is refused before the disk is asked anything, so
/// the answer does not reveal whether files outside the scope exist.
pub async fn resolve_file(scope: &Scope, path: &str, max_len: u64) -> Result<ResolvedFile> {
    let written = check_syntax(path)?;
    if !scope.contains(&written) {
        return Err(Error::OutsideScope(written.display().to_string()));
    }
    let canonical = tokio::fs::canonicalize(&written)
        .await
        .map_err(|e| io_error(e, &written))?;
    if !scope.contains(&canonical) {
        return Err(Error::OutsideScope(format!(
            "{} leads to {}",
            written.display(),
            canonical.display()
        )));
    }
    let meta = tokio::fs::metadata(&canonical)
        .await
        .map_err(|e| io_error(e, &written))?;
    if meta.is_dir() {
        return Err(Error::InvalidInput(format!(
            "{} is a folder",
            written.display()
        )));
    }
    if !meta.is_file() {
        return Err(Error::InvalidInput(format!(
            "{} is not a regular file",
            written.display()
        )));
    }
    if meta.len() > max_len {
        return Err(Error::TooLarge(format!(
            "{} is {} bytes, the limit is {max_len}",
            written.display(),
            meta.len()
        )));
    }
    Ok(ResolvedFile {
        path: canonical,
        len: meta.len(),
    })
}

fn canonicalize(path: &Path) -> Result<PathBuf> {
    std::fs::canonicalize(path).map_err(|e| io_error(e, path))
}

/// Maps an I/O error on `path` to the contract, naming the path the caller gave.
pub fn io_error(error: std::io::Error, path: &Path) -> Error {
    let shown = path.display();
    match error.kind() {
        std::io::ErrorKind::NotFound => Error::NotFound(shown.to_string()),
        std::io::ErrorKind::PermissionDenied => Error::PermissionDenied(shown.to_string()),
        _ => Error::Io(std::io::Error::new(
            error.kind(),
            format!("{shown}: {error}"),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn scope_over(dir: &Path) -> Scope {
        let mut scope = Scope::default();
        scope.allow_folder(dir).unwrap();
        scope
    }

    async fn kind_of(scope: &Scope, path: &str) -> ErrorKind {
        resolve_file(scope, path, 1024).await.unwrap_err().kind()
    }

    #[tokio::test]
    async fn files_inside_an_allowed_folder_resolve() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "hi").unwrap();
        let scope = scope_over(dir.path());
        let resolved = resolve_file(&scope, file.to_str().unwrap(), 1024)
            .await
            .unwrap();
        assert_eq!(resolved.len, 2);
        assert_eq!(resolved.path, file.canonicalize().unwrap());
    }

    #[tokio::test]
    async fn syntax_is_checked_first() {
        let scope = Scope::default();
        assert_eq!(kind_of(&scope, "").await, ErrorKind::InvalidInput);
        assert_eq!(
            kind_of(&scope, "relative/a.txt").await,
            ErrorKind::InvalidInput
        );
        assert_eq!(kind_of(&scope, "/tmp/a\0b").await, ErrorKind::InvalidInput);
        let long = format!("/{}", "a".repeat(MAX_PATH_BYTES));
        assert_eq!(kind_of(&scope, &long).await, ErrorKind::InvalidInput);
        assert_eq!(
            kind_of(&scope, "/tmp/../etc/passwd").await,
            ErrorKind::OutsideScope
        );
    }

    #[tokio::test]
    async fn outside_paths_are_refused_without_revealing_existence() {
        let dir = tempfile::tempdir().unwrap();
        let scope = scope_over(&dir.path().join("."));
        assert_eq!(
            kind_of(&scope, "/etc/passwd").await,
            ErrorKind::OutsideScope
        );
        assert_eq!(
            kind_of(&scope, "/no/such/file").await,
            ErrorKind::OutsideScope
        );
    }

    #[tokio::test]
    async fn traversal_inside_the_folder_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let scope = scope_over(dir.path());
        let sneaky = format!("{}/../{}", dir.path().display(), "x");
        assert_eq!(kind_of(&scope, &sneaky).await, ErrorKind::OutsideScope);
    }

    #[tokio::test]
    async fn symlinks_leading_out_are_refused() {
        let inside = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "secret").unwrap();
        let link = inside.path().join("link.txt");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let dir_link = inside.path().join("dir");
        std::os::unix::fs::symlink(outside.path(), &dir_link).unwrap();
        let scope = scope_over(inside.path());
        assert_eq!(
            kind_of(&scope, link.to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
        let via_dir = dir_link.join("secret.txt");
        assert_eq!(
            kind_of(&scope, via_dir.to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
    }

    #[tokio::test]
    async fn missing_folders_and_special_files_and_big_files() {
        let dir = tempfile::tempdir().unwrap();
        let scope = scope_over(dir.path());
        let missing = dir.path().join("missing.txt");
        assert_eq!(
            kind_of(&scope, missing.to_str().unwrap()).await,
            ErrorKind::NotFound
        );
        assert_eq!(
            kind_of(&scope, dir.path().to_str().unwrap()).await,
            ErrorKind::InvalidInput
        );
        let fifo = dir.path().join("fifo");
        let status = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(status.success());
        assert_eq!(
            kind_of(&scope, fifo.to_str().unwrap()).await,
            ErrorKind::InvalidInput
        );
        let big = dir.path().join("big.bin");
        std::fs::write(&big, vec![0u8; 2048]).unwrap();
        assert_eq!(
            kind_of(&scope, big.to_str().unwrap()).await,
            ErrorKind::TooLarge
        );
    }

    #[tokio::test]
    async fn picked_files_are_allowed_alone() {
        let dir = tempfile::tempdir().unwrap();
        let picked = dir.path().join("picked.txt");
        let other = dir.path().join("other.txt");
        std::fs::write(&picked, "p").unwrap();
        std::fs::write(&other, "o").unwrap();
        let mut scope = Scope::default();
        scope.allow_file(&picked).unwrap();
        assert!(resolve_file(&scope, picked.to_str().unwrap(), 10)
            .await
            .is_ok());
        assert_eq!(
            kind_of(&scope, other.to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
    }

    #[test]
    fn folders_can_be_removed() {
        let dir = tempfile::tempdir().unwrap();
        let mut scope = scope_over(dir.path());
        assert_eq!(scope.folders().count(), 1);
        assert!(scope.remove_folder(dir.path()));
        assert!(!scope.remove_folder(dir.path()));
        assert_eq!(scope.folders().count(), 0);
        let file = dir.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert_eq!(
            scope.allow_folder(&file).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
}
