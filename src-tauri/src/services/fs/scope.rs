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
//!
//! Platforms: paths are canonicalized with `dunce`, which on Windows drops the `\\?\` prefix
//! `std::fs::canonicalize` adds whenever the plain form means the same (so `C:\…` paths from a
//! dialog, and paths the page joins with `/`, compare with the scope's). A place is also known
//! by the path it was given as (macOS's `/var` → `/private/var`, Windows' `RUNNER~1` short
//! names, a symlinked home), so a path written the way the user's pick spelled it passes the
//! first check; the check on the canonical path decides. The denied folders are compared
//! ignoring case, as the default file systems of macOS and Windows do.

use std::collections::{BTreeMap, BTreeSet};
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
    /// Paths as given (a dialog's pick, the app's data folder) → their canonical form, where
    /// the two differ.
    aliases: BTreeMap<PathBuf, PathBuf>,
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
            .map(|path| dunce::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
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
        self.remember_alias(file, &canonical);
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

    /// Whether `path` (absolute, free of `..`) may be read: the check on a canonical path.
    pub fn contains(&self, path: &Path) -> bool {
        !self.is_denied(path)
            && (self.files.contains(path)
                || self
                    .built_in
                    .iter()
                    .chain(&self.added)
                    .any(|folder| path.starts_with(folder)))
    }

    /// Whether `written` (through [`check_syntax`], not canonical) is worth asking the disk
    /// about: inside the scope as written, or through the path a place was given as. Only a
    /// first filter, so that paths plainly outside get no answer that depends on the disk;
    /// [`Self::contains`] on the canonical path decides.
    pub fn contains_written(&self, written: &Path) -> bool {
        self.contains(written)
            || self.aliases.iter().any(|(given, canonical)| {
                written
                    .strip_prefix(given)
                    .is_ok_and(|rest| self.contains(&canonical.join(rest)))
            })
    }

    fn remember_alias(&mut self, given: &Path, canonical: &Path) {
        if given.is_absolute() && given != canonical {
            self.aliases
                .insert(given.to_path_buf(), canonical.to_path_buf());
        }
    }

    fn is_denied(&self, path: &Path) -> bool {
        self.denied
            .iter()
            .any(|denied| starts_with_ignoring_case(path, denied))
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

    fn check_folder(&mut self, folder: &Path) -> Result<PathBuf> {
        let canonical = canonicalize(folder)?;
        self.refuse_denied(&canonical)?;
        if !canonical.is_dir() {
            return Err(Error::InvalidInput(format!(
                "{} is not a folder",
                folder.display()
            )));
        }
        self.remember_alias(folder, &canonical);
        Ok(canonical)
    }
}

/// Whether `path` is `prefix` or inside it, comparing the parts ignoring case (Unicode
/// lowercase). Denying this way also holds where a file system ignores case (the default on
/// macOS and Windows) and a path is canonicalized in the case it was written in; on a file
/// system that minds case it denies at most a few more paths.
pub fn starts_with_ignoring_case(path: &Path, prefix: &Path) -> bool {
    let mut parts = path.components();
    prefix.components().all(|want| {
        parts.next().is_some_and(|part| {
            part == want
                || part.as_os_str().to_string_lossy().to_lowercase()
                    == want.as_os_str().to_string_lossy().to_lowercase()
        })
    })
}

/// The checks that need no disk access: not empty, no NUL, not over-long, rooted, no `..`.
///
/// Rooted rather than absolute: on Windows a path such as `/etc/hosts` or `\missing` (the
/// current drive's root) is not absolute, but it names no place relative to a working folder
/// either; it passes here and is outside every scope, whose places all name their drive, so it
/// is refused as `outsideScope` as on Unix. A drive-relative `C:x` or a relative path is
/// `invalidInput`. On Unix, rooted and absolute are the same. A verbatim `\\?\C:\…` path is
/// read in its plain form where that means the same (`dunce::simplified`).
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
    let path = dunce::simplified(Path::new(path)).to_path_buf();
    if !path.has_root() {
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
    if !scope.contains_written(&written) {
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
        } else if e.kind() == std::io::ErrorKind::PermissionDenied && canonical.is_dir() {
            // Windows refuses to open a folder as a file (ERROR_ACCESS_DENIED).
            folder_error(written)
        } else {
            io_error(e, written)
        }
    })?;
    let meta = file.metadata().map_err(|e| io_error(e, written))?;
    if meta.file_type().is_symlink() {
        // Windows opens a link swapped in after the check itself (FILE_FLAG_OPEN_REPARSE_POINT)
        // where Unix refuses it (ELOOP): never read through it either way.
        return Err(outside(written));
    }
    if meta.is_dir() {
        return Err(folder_error(written));
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

/// `FILE_FLAG_OPEN_REPARSE_POINT` (CreateFileW): a symlink or junction is opened itself, not
/// followed; `open_blocking` then refuses the handle as a link. No `FILE_FLAG_BACKUP_SEMANTICS`,
/// so a folder is not opened (and backup privileges never apply). A named pipe cannot be inside
/// a scope: the pipe namespace (`\\.\pipe\`) is no canonical path of a folder.
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

/// Windows opens the link itself instead (see `open_no_follow`).
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

fn folder_error(written: &Path) -> Error {
    Error::InvalidInput(format!("{} is a folder", written.display()))
}

/// The canonical path (`dunce`: without Windows' `\\?\` prefix where the plain form is the same).
pub fn canonicalize(path: &Path) -> Result<PathBuf> {
    dunce::canonicalize(path).map_err(|e| io_error(e, path))
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
        assert_eq!(opened.path, dunce::canonicalize(&file).unwrap());
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

    #[cfg(unix)]
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

    #[cfg(unix)]
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

    #[cfg(unix)]
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
        #[cfg(unix)]
        {
            let link = root.path().join("link.json");
            std::os::unix::fs::symlink(&secret, &link).unwrap();
            assert_eq!(
                kind_of(&scope, link.to_str().unwrap()).await,
                ErrorKind::OutsideScope
            );
        }
    }

    #[test]
    fn the_root_and_the_private_folder_can_never_be_added() {
        let private = tempfile::tempdir().unwrap();
        let mut scope = Scope::new(&[private.path()]);
        // `/` on Unix, the temp folder's drive (`C:\`) on Windows.
        let root = std::env::temp_dir()
            .ancestors()
            .last()
            .unwrap()
            .to_path_buf();
        let err = scope.add_folder(&root).unwrap_err();
        assert_eq!(
            err.kind(),
            ErrorKind::PermissionDenied,
            "{}",
            root.display()
        );
        let err = scope.add_folder(private.path()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied);
        assert!(scope.folders().is_empty());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_system_folders_can_never_be_added() {
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

    /// A folder reached through a symlinked parent, as macOS's temp folders are (`/var` →
    /// `/private/var`) or a symlinked home: the paths the pick spelled pass, the canonical ones
    /// too, and nothing else does once the folder is removed.
    #[cfg(unix)]
    #[tokio::test]
    async fn a_place_is_readable_by_the_path_it_was_picked_as() {
        let real = tempfile::tempdir().unwrap();
        let links = tempfile::tempdir().unwrap();
        let via = links.path().join("via");
        std::os::unix::fs::symlink(real.path(), &via).unwrap();
        std::fs::create_dir(real.path().join("folder")).unwrap();
        std::fs::write(real.path().join("folder/a.txt"), "a").unwrap();
        std::fs::write(real.path().join("picked.txt"), "p").unwrap();
        std::fs::write(real.path().join("other.txt"), "o").unwrap();
        let mut scope = Scope::new(&[]);
        let folder = scope.add_folder(&via.join("folder")).unwrap();
        assert_eq!(
            folder,
            dunce::canonicalize(real.path().join("folder")).unwrap()
        );
        scope.allow_file(&via.join("picked.txt")).unwrap();
        for path in [
            via.join("folder/a.txt"),
            folder.join("a.txt"),
            via.join("picked.txt"),
        ] {
            let opened = open_file(scope.clone(), path.to_str().unwrap(), 10)
                .await
                .unwrap();
            assert!(opened
                .path
                .starts_with(dunce::canonicalize(real.path()).unwrap()));
        }
        // The alias grants what the place grants, no more: not its siblings.
        assert_eq!(
            kind_of(&scope, via.join("other.txt").to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
        assert!(scope.remove_added(&folder));
        assert_eq!(
            kind_of(&scope, via.join("folder/a.txt").to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
        // Repointed after the pick, the alias leads where the canonical check refuses.
        let elsewhere = tempfile::tempdir().unwrap();
        std::fs::write(elsewhere.path().join("picked.txt"), "e").unwrap();
        std::fs::remove_file(&via).unwrap();
        std::os::unix::fs::symlink(elsewhere.path(), &via).unwrap();
        assert_eq!(
            kind_of(&scope, via.join("picked.txt").to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
    }

    #[test]
    fn denied_folders_are_compared_ignoring_case() {
        let yes = |path: &str, prefix: &str| {
            starts_with_ignoring_case(Path::new(path), Path::new(prefix))
        };
        assert!(yes("/a/Private/x.json", "/a/private"));
        assert!(yes("/A/PRIVATE", "/a/private"));
        assert!(yes("/a/Zoë/private", "/a/ZOË/Private"));
        assert!(yes("/a/private", "/a/private"));
        assert!(!yes("/a/privateer/x", "/a/private"));
        assert!(!yes("/a", "/a/private"));
        assert!(!yes("/b/private", "/a/private"));
    }

    /// Where the disk ignores case (macOS, Windows) `…/PRIVATE/accounts.json` is the private
    /// file; where it minds case (Linux) another one, refused all the same.
    #[tokio::test]
    async fn the_private_folder_is_refused_in_any_case() {
        let root = tempfile::tempdir().unwrap();
        let private = root.path().join("private");
        std::fs::create_dir(&private).unwrap();
        let upper = root.path().join("PRIVATE");
        std::fs::create_dir_all(&upper).unwrap();
        std::fs::write(upper.join("accounts.json"), "{}").unwrap();
        std::fs::write(root.path().join("open.txt"), "o").unwrap();
        let mut scope = Scope::new(&[&private]);
        scope.add_folder(root.path()).unwrap();
        assert_eq!(
            kind_of(&scope, upper.join("accounts.json").to_str().unwrap()).await,
            ErrorKind::OutsideScope
        );
        assert!(
            open_file(scope, root.path().join("open.txt").to_str().unwrap(), 10)
                .await
                .is_ok()
        );
    }
}
