//! Which files the app may read, and opening them without races.
//!
//! Readable are: the app's own readable folder (built in), folders the user picked in the native
//! folder dialog, and files the user picked in the file dialog. Some places are never readable,
//! whatever was picked: the file system root, `/proc`, `/sys`, `/dev` and the app's private
//! folder (they are carved out of every allowed folder).
//!
//! [`open_file`] checks a path as written (before touching the disk), then canonicalized, then
//! opens it once without following a final symlink and without blocking on a FIFO, and checks
//! the open handle: a regular file, within the size cap, and the same file the scope check saw
//! (so a symlink or folder swapped in between cannot lead out).

use std::collections::BTreeSet;
use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};

/// Longest path accepted, in bytes (Linux's `PATH_MAX`).
pub const MAX_PATH_BYTES: usize = 4096;

/// System folders that are never readable (they expose the machine, not files).
#[cfg(unix)]
pub const SYSTEM_DENIED: &[&str] = &["/proc", "/sys", "/dev"];
#[cfg(not(unix))]
pub const SYSTEM_DENIED: &[&str] = &[];

/// The places reads are allowed from. Every path in it is canonical.
#[derive(Debug, Clone, Default)]
pub struct Scope {
    built_in: BTreeSet<PathBuf>,
    added: BTreeSet<PathBuf>,
    files: BTreeSet<PathBuf>,
    denied: Vec<PathBuf>,
}

/// A folder of the scope as the Settings view lists it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folder {
    pub path: PathBuf,
    /// Added by the user (and so removable); the built-in folder is not.
    pub added: bool,
}

/// A file that passed every check, opened for reading.
#[derive(Debug)]
pub struct OpenedFile {
    /// The canonical path (for display and the recent list).
    pub path: PathBuf,
    pub len: u64,
    pub file: tokio::fs::File,
}

impl Scope {
    /// A scope that never reads inside `denied` (the private folder) nor [`SYSTEM_DENIED`].
    /// Denied folders that do not exist (yet) are kept as written.
    pub fn new(denied: &[&Path]) -> Self {
        let system = SYSTEM_DENIED.iter().map(Path::new);
        let denied = denied
            .iter()
            .copied()
            .chain(system)
            .map(|path| std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
            .collect();
        Self {
            denied,
            ..Self::default()
        }
    }

    /// Allows the app's own readable folder; it cannot be removed.
    pub fn allow_built_in(&mut self, folder: &Path) -> Result<PathBuf> {
        let canonical = self.check_folder(folder)?;
        self.built_in.insert(canonical.clone());
        Ok(canonical)
    }

    /// Allows a folder the user picked. The root, the system folders and the private folder
    /// (and anything inside them) are refused.
    pub fn add_folder(&mut self, folder: &Path) -> Result<PathBuf> {
        let canonical = self.check_folder(folder)?;
        self.added.insert(canonical.clone());
        Ok(canonical)
    }

    /// Removes a folder the user added; returns whether it was one.
    pub fn remove_added(&mut self, folder: &Path) -> bool {
        self.added.remove(folder)
    }

    /// Allows one file the user picked (unless it lies in a denied folder).
    pub fn allow_file(&mut self, file: &Path) -> Result<PathBuf> {
        let canonical = canonicalize(file)?;
        self.refuse_denied(&canonical)?;
        self.files.insert(canonical.clone());
        Ok(canonical)
    }

    /// The built-in folders, then the added ones.
    pub fn folders(&self) -> Vec<Folder> {
        let listed = |paths: &BTreeSet<PathBuf>, added| {
            paths
                .iter()
                .map(move |path| Folder {
                    path: path.clone(),
                    added,
                })
                .collect::<Vec<_>>()
        };
        let mut folders = listed(&self.built_in, false);
        folders.extend(listed(&self.added, true));
        folders
    }

    pub fn is_added(&self, folder: &Path) -> bool {
        self.added.contains(folder)
    }

    /// Whether `path` (absolute, free of `..`) may be read.
    pub fn contains(&self, path: &Path) -> bool {
        !self.is_denied(path)
            && (self.files.contains(path)
                || self
                    .built_in
                    .iter()
                    .chain(&self.added)
                    .any(|folder| path.starts_with(folder)))
    }

    fn is_denied(&self, path: &Path) -> bool {
        self.denied.iter().any(|denied| path.starts_with(denied))
    }

    fn refuse_denied(&self, canonical: &Path) -> Result<()> {
        if canonical.parent().is_none() || self.is_denied(canonical) {
            return Err(Error::PermissionDenied(format!(
                "{} can never be readable",
                canonical.display()
            )));
        }
        Ok(())
    }

    fn check_folder(&self, folder: &Path) -> Result<PathBuf> {
        let canonical = canonicalize(folder)?;
        self.refuse_denied(&canonical)?;
        if !canonical.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{} is not a folder",
                folder.display()
            )));
        }
        Ok(canonical)
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

/// Opens `path` for reading if it is a regular file of at most `max_len` bytes inside `scope`.
///
/// A path outside the scope as written is refused before the disk is asked anything, so the
/// answer does not reveal whether files outside the scope exist; one that leads out through a
/// symlink is refused without saying where it leads.
pub async fn open_file(scope: Scope, path: &str, max_len: u64) -> Result<OpenedFile> {
    let written = check_syntax(path)?;
    if !scope.contains(&written) {
        return Err(outside(&written));
    }
    let (path, len, file) =
        tokio::task::spawn_blocking(move || open_blocking(&scope, &written, max_len)).await??;
    Ok(OpenedFile {
        path,
        len,
        file: tokio::fs::File::from_std(file),
    })
}

/// [`open_file`]'s checks and open, blocking, for a path already through [`check_syntax`]:
/// the canonical path, the length and the open file.
pub fn open_blocking(
    scope: &Scope,
    written: &Path,
    max_len: u64,
) -> Result<(PathBuf, u64, std::fs::File)> {
    let canonical = canonicalize(written)?;
    if !scope.contains(&canonical) {
        return Err(outside(written));
    }
    let file = open_no_follow(&canonical).map_err(|e| {
        if is_symlink_refusal(&e) {
            outside(written)
        } else {
            io_error(e, written)
        }
    })?;
    let meta = file.metadata().map_err(|e| io_error(e, written))?;
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
    // An intermediate folder may have been swapped for a symlink between the scope check and
    // the open: the handle must be the file that is inside the scope now.
    let now = canonicalize(written)?;
    if !scope.contains(&now) || !same_file(&file, &now).map_err(|e| io_error(e, written))? {
        return Err(Error::OutsideScope(format!(
            "{} changed while it was opened",
            written.display()
        )));
    }
    Ok((canonical, meta.len(), file))
}

/// Opens for reading without following a final symlink and without waiting for a FIFO writer.
#[cfg(unix)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::unix::fs::OpenOptionsExt;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK)
        .open(path)
}

#[cfg(windows)]
fn open_no_follow(path: &Path) -> std::io::Result<std::fs::File> {
    use std::os::windows::fs::OpenOptionsExt;
    const FILE_FLAG_OPEN_REPARSE_POINT: u32 = 0x0020_0000;
    std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(FILE_FLAG_OPEN_REPARSE_POINT)
        .open(path)
}

#[cfg(unix)]
fn is_symlink_refusal(error: &std::io::Error) -> bool {
    error.raw_os_error() == Some(libc::ELOOP)
}

#[cfg(windows)]
fn is_symlink_refusal(_: &std::io::Error) -> bool {
    false
}

/// Whether the open `file` is the file at `path` (device and inode).
#[cfg(unix)]
fn same_file(file: &std::fs::File, path: &Path) -> std::io::Result<bool> {
    use std::os::unix::fs::MetadataExt;
    let (opened, there) = (file.metadata()?, std::fs::metadata(path)?);
    Ok(opened.dev() == there.dev() && opened.ino() == there.ino())
}

#[cfg(windows)]
fn same_file(file: &std::fs::File, path: &Path) -> std::io::Result<bool> {
    Ok(same_file::Handle::from_file(file.try_clone()?)? == same_file::Handle::from_path(path)?)
}

fn outside(written: &Path) -> Error {
    Error::OutsideScope(written.display().to_string())
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
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::Arc;
    use std::time::{Duration, Instant};

    use tokio::io::AsyncReadExt;

    use super::*;
    use crate::error::ErrorKind;

    fn scope_over(dir: &Path) -> Scope {
        let mut scope = Scope::new(&[]);
        scope.allow_built_in(dir).unwrap();
        scope
    }

    async fn kind_of(scope: &Scope, path: &str) -> ErrorKind {
        open_file(scope.clone(), path, 1024)
            .await
            .unwrap_err()
            .kind()
    }

    async fn read_all(opened: OpenedFile) -> Vec<u8> {
        let mut bytes = Vec::new();
        let mut file = opened.file;
        file.read_to_end(&mut bytes).await.unwrap();
        bytes
    }

    #[tokio::test]
    async fn files_inside_an_allowed_folder_open() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("a.txt");
        std::fs::write(&file, "hi").unwrap();
        let scope = scope_over(dir.path());
        let opened = open_file(scope.clone(), file.to_str().unwrap(), 1024)
            .await
            .unwrap();
        assert_eq!(opened.len, 2);
        assert_eq!(opened.path, file.canonicalize().unwrap());
        assert_eq!(read_all(opened).await, b"hi");
    }

    #[tokio::test]
    async fn syntax_is_checked_first() {
        let scope = Scope::new(&[]);
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
    async fn symlinks_leading_out_are_refused_without_saying_where() {
        let inside = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let secret = outside.path().join("secret.txt");
        std::fs::write(&secret, "secret").unwrap();
        let link = inside.path().join("link.txt");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        let dir_link = inside.path().join("dir");
        std::os::unix::fs::symlink(outside.path(), &dir_link).unwrap();
        let scope = scope_over(inside.path());
        for path in [link, dir_link.join("secret.txt")] {
            let err = open_file(scope.clone(), path.to_str().unwrap(), 1024)
                .await
                .unwrap_err();
            assert_eq!(err.kind(), ErrorKind::OutsideScope);
            let shown = outside.path().display().to_string();
            assert!(!err.to_string().contains(&shown), "{err}");
        }
    }

    #[tokio::test]
    async fn folders_special_files_and_big_files_are_refused() {
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
        let big = dir.path().join("big.bin");
        std::fs::write(&big, vec![0u8; 2048]).unwrap();
        assert_eq!(
            kind_of(&scope, big.to_str().unwrap()).await,
            ErrorKind::TooLarge
        );
    }

    #[tokio::test]
    async fn a_fifo_is_refused_without_waiting_for_a_writer() {
        let dir = tempfile::tempdir().unwrap();
        let fifo = dir.path().join("fifo");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let scope = scope_over(dir.path());
        // No writer ever opens the FIFO: a blocking open would never return.
        let answer = tokio::time::timeout(
            Duration::from_secs(1),
            open_file(scope, fifo.to_str().unwrap(), 1024),
        )
        .await
        .expect("opening a FIFO must not wait for a writer");
        assert_eq!(answer.unwrap_err().kind(), ErrorKind::InvalidInput);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_symlink_swapped_in_and_out_of_scope_never_yields_outside_bytes() {
        let inside = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        std::fs::write(outside.path().join("f.txt"), "OUTSIDE").unwrap();
        let real = inside.path().join("real");
        std::fs::create_dir(&real).unwrap();
        std::fs::write(real.join("f.txt"), "inside").unwrap();
        let scope = scope_over(inside.path());
        // `dir` flips between a real folder inside the scope and a symlink to the outside one;
        // `file` flips between a regular file and a symlink to the outside file.
        let dir = inside.path().join("dir");
        let file = inside.path().join("file.txt");
        let stop = Arc::new(AtomicBool::new(false));
        let swapper = {
            let (dir, file, real) = (dir.clone(), file.clone(), real.clone());
            let outside_dir = outside.path().to_path_buf();
            let stop = stop.clone();
            std::thread::spawn(move || {
                let (dir_tmp, file_tmp) = (dir.with_extension("tmp"), file.with_extension("tmp"));
                let mut flips = 0u64;
                while !stop.load(Ordering::Relaxed) {
                    let _ = std::fs::remove_file(&dir_tmp);
                    let _ = std::fs::remove_file(&file_tmp);
                    if flips % 2 == 0 {
                        std::os::unix::fs::symlink(&outside_dir, &dir_tmp).unwrap();
                        std::os::unix::fs::symlink(outside_dir.join("f.txt"), &file_tmp).unwrap();
                    } else {
                        std::os::unix::fs::symlink(&real, &dir_tmp).unwrap();
                        std::fs::write(&file_tmp, "inside").unwrap();
                    }
                    std::fs::rename(&dir_tmp, &dir).unwrap();
                    std::fs::rename(&file_tmp, &file).unwrap();
                    flips += 1;
                }
                flips
            })
        };
        let deadline = Instant::now() + Duration::from_secs(2);
        let (mut reads, mut refusals) = (0u32, 0u32);
        while Instant::now() < deadline {
            for path in [dir.join("f.txt"), file.clone()] {
                match open_file(scope.clone(), path.to_str().unwrap(), 1024).await {
                    Ok(opened) => {
                        assert_eq!(read_all(opened).await, b"inside");
                        reads += 1;
                    }
                    Err(e) => {
                        assert!(
                            matches!(e.kind(), ErrorKind::OutsideScope | ErrorKind::NotFound),
                            "{e}"
                        );
                        refusals += 1;
                    }
                }
            }
        }
        stop.store(true, Ordering::Relaxed);
        let flips = swapper.join().unwrap();
        assert!(flips > 100, "the swapper barely ran ({flips} flips)");
        assert!(
            reads > 0 && refusals > 0,
            "{reads} reads, {refusals} refusals"
        );
    }

    #[tokio::test]
    async fn picked_files_are_allowed_alone() {
        let dir = tempfile::tempdir().unwrap();
        let picked = dir.path().join("picked.txt");
        let other = dir.path().join("other.txt");
        std::fs::write(&picked, "p").unwrap();
        std::fs::write(&other, "o").unwrap();
        let mut scope = Scope::new(&[]);
        scope.allow_file(&picked).unwrap();
        assert!(open_file(scope.clone(), picked.to_str().unwrap(), 10)
            .await
            .is_ok());
        assert_eq!(
            kind_of(&scope, other.to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
    }

    #[tokio::test]
    async fn the_private_folder_is_carved_out_of_every_allowed_place() {
        let root = tempfile::tempdir().unwrap();
        let private = root.path().join("private");
        std::fs::create_dir(&private).unwrap();
        let secret = private.join("accounts.json");
        std::fs::write(&secret, "{}").unwrap();
        let mut scope = Scope::new(&[&private]);
        // The user adds the folder that holds the private one, and picks the secret file.
        scope.add_folder(root.path()).unwrap();
        assert_eq!(
            scope.allow_file(&secret).unwrap_err().kind(),
            ErrorKind::PermissionDenied
        );
        assert_eq!(
            kind_of(&scope, secret.to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
        let link = root.path().join("link.json");
        std::os::unix::fs::symlink(&secret, &link).unwrap();
        assert_eq!(
            kind_of(&scope, link.to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
    }

    #[test]
    fn the_root_and_system_folders_can_never_be_added() {
        let private = tempfile::tempdir().unwrap();
        let mut scope = Scope::new(&[private.path()]);
        for folder in ["/", "/proc", "/sys", "/dev", "/proc/self", "/dev/shm"] {
            let err = scope.add_folder(Path::new(folder)).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::PermissionDenied, "{folder}");
        }
        let err = scope.add_folder(private.path()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied);
        assert!(scope.folders().is_empty());
    }

    #[test]
    fn only_added_folders_can_be_removed() {
        let built_in = tempfile::tempdir().unwrap();
        let extra = tempfile::tempdir().unwrap();
        let mut scope = scope_over(built_in.path());
        let added = scope.add_folder(extra.path()).unwrap();
        // Adding the built-in folder again does not make it removable.
        let again = scope.add_folder(built_in.path()).unwrap();
        assert!(scope.remove_added(&again));
        assert!(scope.contains(&again.join("x")));
        assert!(scope.remove_added(&added));
        assert!(!scope.remove_added(&added));
        assert!(!scope.contains(&added.join("x")));
        let file = built_in.path().join("f");
        std::fs::write(&file, "").unwrap();
        assert_eq!(
            scope.add_folder(&file).unwrap_err().kind(),
            ErrorKind::InvalidInput
        );
    }
}
