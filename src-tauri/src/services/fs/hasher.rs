//! SHA-256 of a file, or of a folder, inside the read scope — blocking work for a job thread,
//! with progress and cancellation.
//!
//! A folder's digest is the SHA-256 of its manifest: one `sha256sum` line (`<hex>  <path>`)
//! per regular file, paths relative to the folder with `/`, sorted bytewise. So
//! `cd <folder> && find . -type f -printf '%P\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum`
//! gives the same digest: names are taken as bytes (not UTF-8 is fine), and a name with a
//! backslash, newline or carriage return is escaped as GNU `sha256sum` does (`\\`, `\n`, `\r`,
//! and the line starts with `\`). Symlinks, special files and whatever the scope refuses (the
//! private folder inside a picked folder) are skipped before anything about them is read or
//! counted, and every file is opened with the scope's race-free open.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use crate::error::{Error, Result};
use crate::services::fs::scope::{self, check_syntax, Scope};

/// Most files one folder job hashes.
pub const MAX_FOLDER_FILES: usize = 100_000;
/// Largest single file hashed (a job can be cancelled at any time; this only bounds a typo).
pub const MAX_FILE_BYTES: u64 = 1 << 40;
const CHUNK: usize = 256 * 1024;

/// What a hash job reads: one opened file, or a folder.
#[derive(Debug)]
pub enum Target {
    File {
        path: PathBuf,
        len: u64,
        file: std::fs::File,
    },
    Folder {
        path: PathBuf,
    },
}

impl Target {
    pub fn path(&self) -> &Path {
        match self {
            Target::File { path, .. } | Target::Folder { path } => path,
        }
    }
}

/// How far a hash job is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    pub bytes: u64,
    pub total_bytes: u64,
    pub files: u32,
    pub total_files: u32,
}

/// Opens what `path` names if the scope allows reading it: a file (opened now, so what is
/// hashed is what was checked) or a folder. Blocking.
pub fn open_target(scope: &Scope, path: &str) -> Result<Target> {
    let written = check_syntax(path)?;
    if !scope.contains_written(&written) {
        return Err(Error::OutsideScope(written.display().to_string()));
    }
    let canonical = scope::canonicalize(&written)?;
    if canonical.is_dir() {
        if !scope.contains(&canonical) {
            return Err(Error::OutsideScope(written.display().to_string()));
        }
        return Ok(Target::Folder { path: canonical });
    }
    let (path, len, file) = scope::open_blocking(scope, &written, MAX_FILE_BYTES)?;
    Ok(Target::File { path, len, file })
}

/// The hex SHA-256 of `target`. `progress` gets the running totals after every chunk;
/// `cancelled` is asked as often, and a `true` ends the work as `cancelled`.
pub fn hash(
    target: Target,
    scope: &Scope,
    cancelled: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<String> {
    match target {
        Target::File { len, mut file, .. } => {
            let mut done = Progress {
                total_bytes: len,
                total_files: 1,
                ..Progress::default()
            };
            let digest = digest_of(&mut file, &mut done, cancelled, progress)?;
            done.files = 1;
            progress(done);
            Ok(digest)
        }
        Target::Folder { path } => hash_folder(scope, &path, cancelled, progress),
    }
}

fn hash_folder(
    scope: &Scope,
    root: &Path,
    cancelled: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<String> {
    let files = list_files(scope, root, cancelled)?;
    let mut done = Progress {
        total_bytes: files.iter().map(|file| file.len).sum(),
        total_files: files.len() as u32,
        ..Progress::default()
    };
    progress(done);
    let mut manifest = Sha256::new();
    for file in &files {
        let (_, _, mut opened) = scope::open_blocking(scope, &file.path, MAX_FILE_BYTES)?;
        let digest = digest_of(&mut opened, &mut done, cancelled, progress)?;
        manifest.update(manifest_line(&digest, &file.name));
        done.files += 1;
        progress(done);
    }
    Ok(hex::encode(manifest.finalize()))
}

/// A regular file of a hashed folder.
struct Listed {
    /// Where it is (opened by this path, never by its manifest name).
    path: PathBuf,
    /// Its path relative to the folder, as bytes, `/` between the parts.
    name: Vec<u8>,
    len: u64,
}

/// The regular files under `root` inside `scope` (not following symlinks), sorted bytewise by
/// relative path. An entry the scope refuses is skipped before its type or size is read.
fn list_files(scope: &Scope, root: &Path, cancelled: &dyn Fn() -> bool) -> Result<Vec<Listed>> {
    let mut files = Vec::new();
    let mut folders = vec![root.to_path_buf()];
    while let Some(folder) = folders.pop() {
        if cancelled() {
            return Err(Error::Cancelled);
        }
        let entries = std::fs::read_dir(&folder).map_err(|e| scope::io_error(e, &folder))?;
        for entry in entries {
            let entry = entry.map_err(|e| scope::io_error(e, &folder))?;
            let path = entry.path();
            if !scope.contains(&path) {
                continue;
            }
            let kind = entry.file_type()?;
            if kind.is_dir() {
                folders.push(path);
            } else if kind.is_file() {
                let len = entry.metadata()?.len();
                let name = relative_name(path.strip_prefix(root).unwrap_or(&path));
                files.push(Listed { path, name, len });
                if files.len() > MAX_FOLDER_FILES {
                    return Err(Error::TooLarge(format!(
                        "{} holds more than {MAX_FOLDER_FILES} files",
                        root.display()
                    )));
                }
            }
        }
    }
    files.sort_by(|a, b| a.name.cmp(&b.name));
    Ok(files)
}

/// `relative`'s parts as bytes joined by `/` (a `\` inside a Unix name stays a `\`).
fn relative_name(relative: &Path) -> Vec<u8> {
    let mut name = Vec::new();
    for (i, part) in relative.components().enumerate() {
        if i > 0 {
            name.push(b'/');
        }
        name.extend_from_slice(&name_bytes(part.as_os_str()));
    }
    name
}

#[cfg(unix)]
fn name_bytes(part: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    use std::os::unix::ffi::OsStrExt;
    std::borrow::Cow::Borrowed(part.as_bytes())
}

#[cfg(not(unix))]
fn name_bytes(part: &OsStr) -> std::borrow::Cow<'_, [u8]> {
    std::borrow::Cow::Owned(part.to_string_lossy().into_owned().into_bytes())
}

/// One `sha256sum` line for `name`. Like GNU `sha256sum`, a name holding `\`, a newline or a
/// carriage return is written escaped (`\\`, `\n`, `\r`) on a line that starts with `\`.
fn manifest_line(digest: &str, name: &[u8]) -> Vec<u8> {
    let escape = name.iter().any(|b| matches!(b, b'\\' | b'\n' | b'\r'));
    let mut line = Vec::with_capacity(name.len() + digest.len() + 4);
    if escape {
        line.push(b'\\');
    }
    line.extend_from_slice(digest.as_bytes());
    line.extend_from_slice(b"  ");
    for &byte in name {
        match byte {
            b'\\' => line.extend_from_slice(b"\\\\"),
            b'\n' => line.extend_from_slice(b"\\n"),
            b'\r' => line.extend_from_slice(b"\\r"),
            _ => line.push(byte),
        }
    }
    line.push(b'\n');
    line
}

fn digest_of(
    file: &mut std::fs::File,
    done: &mut Progress,
    cancelled: &dyn Fn() -> bool,
    progress: &mut dyn FnMut(Progress),
) -> Result<String> {
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; CHUNK];
    loop {
        if cancelled() {
            return Err(Error::Cancelled);
        }
        let n = file.read(&mut buf)?;
        if n == 0 {
            return Ok(hex::encode(hasher.finalize()));
        }
        hasher.update(&buf[..n]);
        done.bytes += n as u64;
        progress(*done);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;
    use std::cell::Cell;

    const ABC: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

    fn scope_of(dir: &Path) -> Scope {
        let mut scope = Scope::new(&[]);
        scope.allow_built_in(dir).unwrap();
        scope
    }

    fn run(scope: &Scope, path: &Path) -> (Result<String>, Vec<Progress>) {
        let mut seen = Vec::new();
        let result = open_target(scope, path.to_str().unwrap())
            .and_then(|target| hash(target, scope, &|| false, &mut |p| seen.push(p)));
        (result, seen)
    }

    #[test]
    fn a_file_hashes_to_its_sha256_with_progress_to_the_end() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("abc.txt");
        std::fs::write(&path, "abc").unwrap();
        let (digest, seen) = run(&scope_of(dir.path()), &path);
        assert_eq!(digest.unwrap(), ABC);
        let last = seen.last().unwrap();
        assert_eq!(
            (last.bytes, last.total_bytes, last.files, last.total_files),
            (3, 3, 1, 1)
        );
    }

    #[test]
    fn a_folder_hashes_to_the_digest_of_its_sorted_sha256sum_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tree");
        std::fs::create_dir_all(root.join("sub/deeper")).unwrap();
        std::fs::write(root.join("b.txt"), "abc").unwrap();
        std::fs::write(root.join("a.txt"), "").unwrap();
        std::fs::write(root.join("sub/deeper/c.bin"), vec![7u8; 600_000]).unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink("/etc/passwd", root.join("link")).unwrap();
        let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
        let c = hex::encode(Sha256::digest(vec![7u8; 600_000]));
        let manifest = format!("{empty}  a.txt\n{ABC}  b.txt\n{c}  sub/deeper/c.bin\n");
        let (digest, seen) = run(&scope_of(dir.path()), &root);
        assert_eq!(digest.unwrap(), hex::encode(Sha256::digest(manifest)));
        let last = seen.last().unwrap();
        assert_eq!((last.bytes, last.files, last.total_files), (600_003, 3, 3));
        assert!(seen.windows(2).all(|w| w[0].bytes <= w[1].bytes));
    }

    /// GNU `find -printf` and `sha256sum` (Linux).
    #[cfg(target_os = "linux")]
    #[test]
    fn the_digest_matches_sha256sum() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tree");
        std::fs::create_dir_all(root.join("x y")).unwrap();
        std::fs::write(root.join("x y/z.txt"), "zzz").unwrap();
        std::fs::write(root.join("Z.txt"), "upper").unwrap();
        let (digest, _) = run(&scope_of(dir.path()), &root);
        assert_eq!(digest.unwrap(), sha256sum_of(&root));
    }

    /// What GNU `sha256sum` makes of the folder, through the pipeline the module names.
    #[cfg(target_os = "linux")]
    fn sha256sum_of(root: &Path) -> String {
        let shell =
            "find . -type f -printf '%P\\0' | LC_ALL=C sort -z | xargs -0 sha256sum | sha256sum";
        let out = std::process::Command::new("sh")
            .args(["-c", shell])
            .current_dir(root)
            .output()
            .unwrap();
        assert!(out.status.success(), "{out:?}");
        let text = String::from_utf8(out.stdout).unwrap();
        text.split_whitespace().next().unwrap().to_owned()
    }

    fn sha(bytes: &[u8]) -> String {
        hex::encode(Sha256::digest(bytes))
    }

    /// Unix file names may hold `\\` (Windows' do not).
    #[cfg(unix)]
    #[test]
    fn a_backslash_in_a_name_is_part_of_the_name_not_a_separator() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tree");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/b"), "in the folder a").unwrap();
        std::fs::write(root.join("a\\b"), "named a-backslash-b").unwrap();
        // Sorted by bytes: `/` (0x2f) before `\` (0x5c); the escaped line starts with `\`.
        let manifest = format!(
            "{}  a/b\n\\{}  a\\\\b\n",
            sha(b"in the folder a"),
            sha(b"named a-backslash-b")
        );
        let (digest, _) = run(&scope_of(dir.path()), &root);
        assert_eq!(digest.unwrap(), sha(manifest.as_bytes()));
    }

    /// Linux names are any bytes (macOS's APFS and Windows want Unicode names).
    #[cfg(target_os = "linux")]
    #[test]
    fn a_name_that_is_not_utf8_is_hashed_under_its_bytes() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tree");
        std::fs::create_dir_all(&root).unwrap();
        let raw = OsStr::from_bytes(b"caf\xe9.txt");
        std::fs::write(root.join(raw), "latin-1 name").unwrap();
        let mut manifest = sha(b"latin-1 name").into_bytes();
        manifest.extend_from_slice(b"  caf\xe9.txt\n");
        let (digest, seen) = run(&scope_of(dir.path()), &root);
        assert_eq!(digest.unwrap(), sha(&manifest));
        assert_eq!(seen.last().unwrap().files, 1);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_digest_matches_sha256sum_for_escaped_and_raw_names() {
        use std::os::unix::ffi::OsStrExt;
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("tree");
        std::fs::create_dir_all(root.join("a")).unwrap();
        std::fs::write(root.join("a/b"), "slash").unwrap();
        std::fs::write(root.join("a\\b"), "backslash").unwrap();
        std::fs::write(root.join("two\nlines"), "newline").unwrap();
        std::fs::write(root.join("carriage\rreturn"), "cr").unwrap();
        std::fs::write(root.join("plain.txt"), "plain").unwrap();
        let raw = OsStr::from_bytes(b"raw\xff\xfe");
        std::fs::write(root.join(raw), "raw").unwrap();
        let (digest, _) = run(&scope_of(dir.path()), &root);
        assert_eq!(digest.unwrap(), sha256sum_of(&root));
    }

    #[test]
    fn a_folder_holding_the_private_folder_counts_and_hashes_only_what_the_scope_allows() {
        let dir = tempfile::tempdir().unwrap();
        let private = dir.path().join("private");
        std::fs::create_dir_all(private.join("deeper")).unwrap();
        std::fs::write(private.join("accounts.json"), vec![b's'; 5000]).unwrap();
        std::fs::write(private.join("deeper/sessions"), vec![b's'; 7000]).unwrap();
        std::fs::write(dir.path().join("readable.txt"), "abc").unwrap();
        let mut scope = Scope::new(&[&private]);
        scope.allow_built_in(dir.path()).unwrap();
        let (digest, seen) = run(&scope, dir.path());
        // The private folder is skipped before anything in it is counted: the first totals
        // already hold the readable file alone.
        let first = seen.first().unwrap();
        assert_eq!((first.total_bytes, first.total_files), (3, 1));
        assert!(seen.iter().all(|p| p.total_bytes == 3 && p.bytes <= 3));
        assert_eq!(
            digest.unwrap(),
            sha(format!("{ABC}  readable.txt\n").as_bytes())
        );
    }

    #[cfg(unix)]
    #[test]
    fn outside_the_scope_and_special_files_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let outside = tempfile::tempdir().unwrap();
        let scope = scope_of(dir.path());
        std::os::unix::fs::symlink(outside.path(), dir.path().join("out")).unwrap();
        let fifo = dir.path().join("fifo");
        assert!(std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success());
        let kind = |path: &Path| run(&scope, path).0.unwrap_err().kind();
        assert_eq!(kind(outside.path()), ErrorKind::OutsideScope);
        assert_eq!(kind(&dir.path().join("out")), ErrorKind::OutsideScope);
        assert_eq!(kind(&fifo), ErrorKind::InvalidInput);
        assert_eq!(kind(&dir.path().join("missing")), ErrorKind::NotFound);
        assert_eq!(
            run(&scope, Path::new("/proc")).0.unwrap_err().kind(),
            ErrorKind::OutsideScope
        );
    }

    #[test]
    fn a_cancel_stops_the_work_between_chunks() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.bin");
        std::fs::File::create(&path)
            .unwrap()
            .set_len(10 * CHUNK as u64)
            .unwrap();
        let scope = scope_of(dir.path());
        let chunks = Cell::new(0);
        let target = open_target(&scope, path.to_str().unwrap()).unwrap();
        let result = hash(target, &scope, &|| chunks.get() >= 3, &mut |_| {
            chunks.set(chunks.get() + 1);
        });
        assert_eq!(result.unwrap_err().kind(), ErrorKind::Cancelled);
        assert_eq!(chunks.get(), 3);
    }
}
