//! The read scope, reading inside it within the limits, recent files, the user's folders and
//! the upload inbox.

use std::future::Future;
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Duration;

use super::lock;
use crate::error::{Error, Result};
use crate::models::{FileInfo, InboxEntry, ScopeFolder};
use crate::services::fs::app_dirs::AppDirs;
use crate::services::fs::files::{self, CHUNK_BYTES, MAX_BYTES, MAX_STREAM_BYTES, MAX_TEXT_BYTES};
use crate::services::fs::inbox::{self, MAX_UPLOAD_BYTES};
use crate::services::fs::recent::{self, RecentFiles};
use crate::services::fs::scope::{self, check_syntax, OpenedFile, Scope};
use crate::services::store::json_store;
use crate::services::store::settings::Settings;
use crate::services::transport::raw_body::{self, Body};
use crate::services::work::limit::Limit;

/// Bulk reads (`read_file`, `read_file_bytes`, `load_image`) running at once, at most.
pub const READS_AT_ONCE: usize = 4;
/// How long a read waits for a place before it is `busy`.
pub const READ_WAIT: Duration = Duration::from_secs(2);

#[derive(Debug)]
pub struct Files {
    dirs: AppDirs,
    scope: Mutex<Scope>,
    settings: Mutex<Settings>,
    recent: Mutex<RecentFiles>,
    reads: Limit,
    /// Held while the folder picker is open: one at a time.
    picker: tokio::sync::Mutex<()>,
}

impl Files {
    /// The scope (the readable folder, and the folders saved in the settings), and the recent
    /// files. A saved folder that is gone or now refused is dropped from the scope.
    pub fn open(dirs: AppDirs) -> Result<Self> {
        let mut scope = Scope::new(&[&dirs.private]);
        scope.allow_built_in(&dirs.files)?;
        let mut settings = Settings::load(&dirs.private)?;
        settings
            .folders
            .retain(|folder| match scope.add_folder(folder) {
                Ok(_) => true,
                Err(e) => {
                    log::warn!("dropping a saved folder from the scope: {e}");
                    false
                }
            });
        Ok(Self {
            recent: Mutex::new(json_store::load(&dirs.private, recent::FILE_NAME)?),
            dirs,
            scope: Mutex::new(scope),
            settings: Mutex::new(settings),
            reads: Limit::new("bulk reads", READS_AT_ONCE, READ_WAIT),
            picker: tokio::sync::Mutex::new(()),
        })
    }

    pub fn dirs(&self) -> &AppDirs {
        &self.dirs
    }

    /// The read scope as it is now (for work that reads on its own thread, such as a job).
    pub fn scope(&self) -> Scope {
        lock(&self.scope).clone()
    }

    /// Opens `path` if the scope allows it (see `scope::open_file`).
    async fn open_file(&self, path: &str, max_len: u64) -> Result<OpenedFile> {
        scope::open_file(self.scope(), path, max_len).await
    }

    /// The file's UTF-8 text (at most [`MAX_TEXT_BYTES`]).
    pub async fn read_text(&self, path: &str) -> Result<String> {
        self.read(path, MAX_TEXT_BYTES, |file| {
            files::read_text(file, MAX_TEXT_BYTES)
        })
        .await
    }

    /// The file's bytes (at most [`MAX_BYTES`]).
    pub async fn read_bytes(&self, path: &str) -> Result<Vec<u8>> {
        self.read(path, MAX_BYTES, |file| files::read_bytes(file, MAX_BYTES))
            .await
    }

    /// The `len` bytes at `offset` of a file of at most [`MAX_STREAM_BYTES`] (a piece of a
    /// chunked read; fewer at its end, none past it).
    pub async fn read_piece(&self, path: &str, offset: u64, len: u32) -> Result<Vec<u8>> {
        self.read(path, MAX_STREAM_BYTES, |file| {
            files::read_piece(file, offset, len)
        })
        .await
    }

    /// Sends the file to `send` (which may wait) in ordered chunks (at most
    /// [`MAX_STREAM_BYTES`] in all); returns the byte count. Stops with the first error `send`
    /// returns.
    pub async fn stream<F: Future<Output = Result<()>>>(
        &self,
        path: &str,
        send: impl FnMut(Vec<u8>) -> F,
    ) -> Result<u64> {
        self.read(path, MAX_STREAM_BYTES, |file| {
            files::stream(file, MAX_STREAM_BYTES, CHUNK_BYTES, send)
        })
        .await
    }

    /// A bulk read: within the limit on reads at once, of a file the scope allows (at most
    /// `max_len` bytes), remembered as recent once `read` succeeds.
    async fn read<T, F>(
        &self,
        path: &str,
        max_len: u64,
        read: impl FnOnce(OpenedFile) -> F,
    ) -> Result<T>
    where
        F: Future<Output = Result<T>>,
    {
        let _place = self.reads.acquire().await?;
        let file = self.open_file(path, max_len).await?;
        let shown = file.path.clone();
        let value = read(file).await?;
        self.remember(&shown);
        Ok(value)
    }

    /// Size and media type of a file in the scope.
    pub async fn info(&self, path: &str) -> Result<FileInfo> {
        let file = self.open_file(path, MAX_STREAM_BYTES).await?;
        Ok(FileInfo {
            name: file
                .path
                .file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
            mime: files::mime_type(&file.path),
            size: file.len as u32,
            path: file.path.display().to_string(),
        })
    }

    /// Allows a file or folder the user picked in the dialog plugin's picker (for this session).
    pub fn allow_picked(&self, path: &Path) -> Result<PathBuf> {
        let mut scope = lock(&self.scope);
        if path.is_dir() {
            scope.add_folder(path)
        } else {
            scope.allow_file(path)
        }
    }

    /// Every folder in the scope: the built-in one, then the user's.
    pub fn folders(&self) -> Vec<ScopeFolder> {
        lock(&self.scope)
            .folders()
            .into_iter()
            .map(|folder| ScopeFolder {
                path: folder.path.display().to_string(),
                removable: folder.added,
            })
            .collect()
    }

    /// Asks the user for a folder with `pick` (one picker at a time) and adds it to the scope
    /// and the settings. Nothing changes when the user cancels.
    pub async fn add_picked_folder<F>(&self, pick: impl FnOnce() -> F) -> Result<()>
    where
        F: Future<Output = Result<Option<PathBuf>>>,
    {
        let _open = self
            .picker
            .try_lock()
            .map_err(|_| Error::Busy("the folder picker is already open".into()))?;
        let Some(folder) = pick().await? else {
            return Ok(());
        };
        let mut scope = lock(&self.scope);
        let canonical = scope.add_folder(&folder)?;
        let mut settings = lock(&self.settings);
        if !settings.folders.contains(&canonical) {
            let mut next = settings.clone();
            next.folders.push(canonical.clone());
            if let Err(e) = next.save(&self.dirs.private) {
                scope.remove_added(&canonical);
                return Err(e);
            }
            *settings = next;
        }
        Ok(())
    }

    /// Removes a folder the user added. The built-in folder cannot be removed.
    pub fn remove_folder(&self, path: &str) -> Result<()> {
        let path = check_syntax(path)?;
        let mut scope = lock(&self.scope);
        if !scope.is_added(&path) {
            let built_in = scope.folders().iter().any(|f| f.path == path && !f.added);
            return Err(if built_in {
                Error::PermissionDenied(format!(
                    "{} is the app's own folder and cannot be removed",
                    path.display()
                ))
            } else {
                Error::NotFound(format!("{} is not a folder you added", path.display()))
            });
        }
        let mut settings = lock(&self.settings);
        let mut next = settings.clone();
        next.folders.retain(|folder| folder != &path);
        next.save(&self.dirs.private)?;
        *settings = next;
        scope.remove_added(&path);
        Ok(())
    }

    /// Puts `path` first in the recent files and saves the list.
    pub fn remember(&self, path: &Path) {
        let mut recent = lock(&self.recent);
        if recent.touch(path) {
            if let Err(e) = json_store::save(&self.dirs.private, recent::FILE_NAME, &*recent) {
                log::warn!("could not save the recent files: {e}");
            }
        }
    }

    pub fn recent(&self) -> Vec<PathBuf> {
        lock(&self.recent).paths().to_vec()
    }

    /// Saves an upload into the inbox under the name in `name_header` (percent-encoded),
    /// atomically. The body's size is checked first, and a raw body is written where it lies
    /// (borrowed from the request, never copied); the write blocks this worker thread only
    /// (`block_in_place`: the runtime moves its other tasks elsewhere). Needs the multi-thread
    /// runtime Tauri runs async commands on.
    pub fn save_upload(&self, name_header: Option<&str>, body: Body<'_>) -> Result<InboxEntry> {
        let name = raw_body::file_name(name_header)?;
        inbox::check_name(&name)?;
        let bytes = raw_body::upload_bytes(body, MAX_UPLOAD_BYTES)?;
        let dir = self.dirs.inbox();
        tokio::task::block_in_place(|| inbox::save(&dir, &name, &bytes))
    }

    /// Lists the upload inbox.
    pub fn inbox(&self) -> Result<Vec<InboxEntry>> {
        inbox::list(&self.dirs.inbox())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn files_in(data: &Path) -> Files {
        Files::open(AppDirs::prepare(data, &[]).unwrap()).unwrap()
    }

    fn picked(folder: &Path) -> impl Future<Output = Result<Option<PathBuf>>> {
        std::future::ready(Ok(Some(folder.to_path_buf())))
    }

    #[tokio::test]
    async fn added_folders_and_recent_files_survive_a_restart() {
        let data = tempfile::tempdir().unwrap();
        let extra = tempfile::tempdir().unwrap();
        let files = files_in(data.path());
        files
            .add_picked_folder(|| picked(extra.path()))
            .await
            .unwrap();
        let added = dunce::canonicalize(extra.path()).unwrap();
        files.remember(&extra.path().join("a.txt"));
        drop(files);

        let files = files_in(data.path());
        let listed = files.folders();
        let built_in = dunce::canonicalize(data.path().join("files")).unwrap();
        let entry = |path: &Path, removable| ScopeFolder {
            path: path.display().to_string(),
            removable,
        };
        assert_eq!(listed, [entry(&built_in, false), entry(&added, true)]);
        assert_eq!(files.recent(), [extra.path().join("a.txt")]);

        files.remove_folder(added.to_str().unwrap()).unwrap();
        let err = files.remove_folder(built_in.to_str().unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied);
        let err = files.remove_folder(added.to_str().unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        drop(files);
        assert_eq!(files_in(data.path()).folders(), [entry(&built_in, false)]);
    }

    #[tokio::test]
    async fn a_cancelled_or_refused_pick_changes_nothing_and_one_picker_opens_at_a_time() {
        let data = tempfile::tempdir().unwrap();
        let files = files_in(data.path());
        let before = files.folders();
        files
            .add_picked_folder(|| std::future::ready(Ok(None)))
            .await
            .unwrap();
        let private = data.path().join("private");
        let err = files
            .add_picked_folder(|| picked(&private))
            .await
            .unwrap_err();
        assert_eq!(err.kind(), ErrorKind::PermissionDenied);
        assert_eq!(files.folders(), before);

        let (tx, rx) = tokio::sync::oneshot::channel::<Option<PathBuf>>();
        let open = files.add_picked_folder(|| async { Ok(rx.await.unwrap()) });
        let second = async {
            let err = files
                .add_picked_folder(|| picked(data.path()))
                .await
                .unwrap_err();
            tx.send(None).unwrap();
            err
        };
        let (first, second) = tokio::join!(open, second);
        first.unwrap();
        assert_eq!(second.kind(), ErrorKind::Busy);
        assert!(!data.path().join("private/settings.json").exists());
    }

    #[tokio::test]
    async fn reads_beyond_the_limit_are_busy() {
        let data = tempfile::tempdir().unwrap();
        let files = files_in(data.path());
        let path = data.path().join("files/a.txt");
        std::fs::write(&path, "a").unwrap();
        let path = path.to_str().unwrap();
        let mut held = Vec::new();
        for _ in 0..READS_AT_ONCE {
            held.push(files.reads.acquire().await.unwrap());
        }
        assert_eq!(
            files.read_text(path).await.unwrap_err().kind(),
            ErrorKind::Busy
        );
        drop(held);
        assert_eq!(files.read_text(path).await.unwrap(), "a");
    }
}
