//! Managed state shared by commands and event listeners. Plain Rust (no `tauri`): the app data
//! folder is given to it, which is what lets tests point it at a temp dir.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::Instant;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::services::accounts::Accounts;
use crate::services::fs_scope::{self, ResolvedFile, Scope};
use crate::services::recent::{self, RecentFiles};
use crate::services::sessions::Sessions;
use crate::services::{inbox, json_store};

/// App-wide counters, managed once in `lib.rs` and injected as `State<'_, AppState>`.
#[derive(Debug, Default)]
pub struct AppState {
    context_calls: AtomicU64,
}

impl AppState {
    /// Counts `with_context` calls (shows that injected State is shared across calls).
    pub fn record_context_call(&self) -> u64 {
        self.context_calls.fetch_add(1, Ordering::SeqCst) + 1
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

const SETTINGS_FILE: &str = "settings.json";

/// What the user chose that must survive a restart.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Settings {
    /// Folders the user added to the read scope (the app data folder is always in it).
    folders: Vec<PathBuf>,
}

/// The read scope, recent files and the upload inbox, rooted in the app data folder.
#[derive(Debug)]
pub struct Files {
    data_dir: PathBuf,
    scope: Mutex<Scope>,
    user_folders: Mutex<Vec<PathBuf>>,
    recent: Mutex<RecentFiles>,
}

impl Files {
    /// Loads the saved folders and recent files from `data_dir` (created when missing).
    pub fn open(data_dir: &Path) -> Result<Self> {
        std::fs::create_dir_all(data_dir)?;
        let mut scope = Scope::default();
        scope.allow_folder(data_dir)?;
        let settings: Settings = json_store::load(data_dir, SETTINGS_FILE)?;
        let mut user_folders = Vec::new();
        for folder in settings.folders {
            match scope.allow_folder(&folder) {
                Ok(canonical) => user_folders.push(canonical),
                Err(e) => log::warn!("dropping saved folder from the scope: {e}"),
            }
        }
        Ok(Self {
            data_dir: data_dir.to_path_buf(),
            scope: Mutex::new(scope),
            user_folders: Mutex::new(user_folders),
            recent: Mutex::new(json_store::load(data_dir, recent::FILE_NAME)?),
        })
    }

    pub fn inbox_dir(&self) -> PathBuf {
        self.data_dir.join("inbox")
    }

    /// Checks `path` against the scope and the cap (see `fs_scope::resolve_file`).
    pub async fn resolve(&self, path: &str, max_len: u64) -> Result<ResolvedFile> {
        let scope = lock(&self.scope).clone();
        fs_scope::resolve_file(&scope, path, max_len).await
    }

    /// Allows a file the user picked (through the dialog).
    pub fn allow_picked(&self, path: &Path) -> Result<PathBuf> {
        let mut scope = lock(&self.scope);
        if path.is_dir() {
            scope.allow_folder(path)
        } else {
            scope.allow_file(path)
        }
    }

    /// Every folder in the scope: the data folder and the user's.
    pub fn folders(&self) -> Vec<PathBuf> {
        lock(&self.scope).folders().map(Path::to_path_buf).collect()
    }

    /// Adds a folder to the scope and saves the choice.
    pub fn add_folder(&self, path: &str) -> Result<PathBuf> {
        let path = fs_scope::check_syntax(path)?;
        let canonical = lock(&self.scope).allow_folder(&path)?;
        let mut folders = lock(&self.user_folders);
        if !folders.contains(&canonical) {
            folders.push(canonical.clone());
            self.save_folders(&folders)?;
        }
        Ok(canonical)
    }

    /// Removes a folder the user added; the data folder cannot be removed.
    pub fn remove_folder(&self, path: &str) -> Result<()> {
        let path = fs_scope::check_syntax(path)?;
        let mut folders = lock(&self.user_folders);
        let before = folders.len();
        folders.retain(|f| f != &path);
        if folders.len() == before {
            return Err(Error::NotFound(format!(
                "{} is not a folder you added",
                path.display()
            )));
        }
        lock(&self.scope).remove_folder(&path);
        self.save_folders(&folders)
    }

    fn save_folders(&self, folders: &[PathBuf]) -> Result<()> {
        let settings = Settings {
            folders: folders.to_vec(),
        };
        json_store::save(&self.data_dir, SETTINGS_FILE, &settings)
    }

    /// Puts `path` first in the recent files and saves the list.
    pub fn remember(&self, path: &Path) {
        let mut recent = lock(&self.recent);
        if recent.touch(path) {
            if let Err(e) = json_store::save(&self.data_dir, recent::FILE_NAME, &*recent) {
                log::warn!("could not save the recent files: {e}");
            }
        }
    }

    pub fn recent(&self) -> Vec<PathBuf> {
        lock(&self.recent).paths().to_vec()
    }

    /// Lists the upload inbox.
    pub fn inbox(&self) -> Result<Vec<inbox::InboxEntry>> {
        inbox::list(&self.inbox_dir())
    }
}

/// Accounts and sessions. Accounts sit behind an `Arc` so slow password checks can run on a
/// blocking thread.
#[derive(Debug)]
pub struct Auth {
    accounts: Arc<Mutex<Accounts>>,
    sessions: Mutex<Sessions>,
}

impl Auth {
    pub fn open(data_dir: &Path) -> Result<Self> {
        Ok(Self {
            accounts: Arc::new(Mutex::new(Accounts::open(data_dir)?)),
            sessions: Mutex::default(),
        })
    }

    /// Runs `f` on the accounts on a blocking thread (Argon2 takes tens of milliseconds).
    pub async fn with_accounts<T: Send + 'static>(
        &self,
        f: impl FnOnce(&mut Accounts) -> Result<T> + Send + 'static,
    ) -> Result<T> {
        let accounts = Arc::clone(&self.accounts);
        tokio::task::spawn_blocking(move || f(&mut lock(&accounts))).await?
    }

    pub fn sessions(&self) -> MutexGuard<'_, Sessions> {
        lock(&self.sessions)
    }

    pub fn issue_upload_token(&self, window: &str) -> Result<String> {
        self.sessions().issue_upload_token(window, Instant::now())
    }

    pub fn redeem_upload_token(&self, token: &str, window: &str) -> Result<String> {
        self.sessions()
            .redeem_upload_token(token, window, Instant::now())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn context_calls_count_up() {
        let state = AppState::default();
        assert_eq!(state.record_context_call(), 1);
        assert_eq!(state.record_context_call(), 2);
    }

    #[test]
    fn added_folders_and_recent_files_survive_a_restart() {
        let data = tempfile::tempdir().unwrap();
        let extra = tempfile::tempdir().unwrap();
        let files = Files::open(data.path()).unwrap();
        let added = files.add_folder(extra.path().to_str().unwrap()).unwrap();
        files.remember(&extra.path().join("a.txt"));
        drop(files);

        let files = Files::open(data.path()).unwrap();
        assert!(files.folders().contains(&added));
        assert!(files
            .folders()
            .contains(&data.path().canonicalize().unwrap()));
        assert_eq!(files.recent(), [extra.path().join("a.txt")]);

        files.remove_folder(added.to_str().unwrap()).unwrap();
        let data_dir = data.path().canonicalize().unwrap();
        let err = files.remove_folder(data_dir.to_str().unwrap()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::NotFound);
        drop(files);
        let files = Files::open(data.path()).unwrap();
        assert!(!files.folders().contains(&added));
    }
}
