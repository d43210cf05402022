//! Reading files inside the scope — as text, as raw bytes, or streamed on a channel — and the
//! scope's folders and recent files.

use std::path::Path;

use serde::Serialize;
use specta::Type;
use tauri::ipc::Channel;
use tauri::{AppHandle, Runtime, State};

use crate::error::{Error, Result};
use crate::ipc::RawBytes;
use crate::scope_sync;
use crate::services::files::{self, CHUNK_BYTES, MAX_BYTES, MAX_STREAM_BYTES, MAX_TEXT_BYTES};
use crate::state::Files;

/// `invoke('read_file', { path })` → the file's text (UTF-8, at most 10 MiB).
#[tauri::command]
#[specta::specta]
pub async fn read_file(path: String, files: State<'_, Files>) -> Result<String> {
    let file = files.resolve(&path, MAX_TEXT_BYTES).await?;
    let text = files::read_text(&file, MAX_TEXT_BYTES).await?;
    files.remember(&file.path);
    Ok(text)
}

/// `invoke('read_file_bytes', { path })` → an `ArrayBuffer` (at most 64 MiB).
#[tauri::command]
#[specta::specta]
pub async fn read_file_bytes(path: String, files: State<'_, Files>) -> Result<RawBytes> {
    let file = files.resolve(&path, MAX_BYTES).await?;
    let bytes = files::read_bytes(&file, MAX_BYTES).await?;
    files.remember(&file.path);
    Ok(RawBytes(bytes))
}

/// `invoke('load_image', { path, reader })`: streams the file on `reader` as ordered
/// `ArrayBuffer` chunks of 64 KiB; resolves with the byte count once every chunk is sent.
#[tauri::command]
#[specta::specta]
pub async fn load_image(
    path: String,
    reader: Channel<RawBytes>,
    files: State<'_, Files>,
) -> Result<u32> {
    let file = files.resolve(&path, MAX_STREAM_BYTES).await?;
    let total = files::stream(&file, MAX_STREAM_BYTES, CHUNK_BYTES, |chunk| {
        reader
            .send(RawBytes(chunk))
            .map_err(|e| Error::Internal(format!("the channel closed: {e}")))
    })
    .await?;
    files.remember(&file.path);
    Ok(total as u32)
}

/// What the Files view shows about a file before reading it.
#[derive(Debug, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    pub path: String,
    pub name: String,
    pub size: u32,
    /// A media type guessed from the extension (`application/octet-stream` when unknown).
    pub mime: String,
}

/// Size and type of a file in the scope.
#[tauri::command]
#[specta::specta]
pub async fn file_info(path: String, files: State<'_, Files>) -> Result<FileInfo> {
    let file = files.resolve(&path, MAX_STREAM_BYTES).await?;
    Ok(FileInfo {
        name: file
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default(),
        mime: files::mime_type(&file.path).into(),
        size: file.len as u32,
        path: file.path.display().to_string(),
    })
}

/// The recently read files, most recent first (kept across restarts).
#[tauri::command]
#[specta::specta]
pub fn recent_files(files: State<'_, Files>) -> Vec<String> {
    display_all(&files.recent())
}

/// The folders reads are allowed from: the app data folder and the ones the user added.
#[tauri::command]
#[specta::specta]
pub fn scope_folders(files: State<'_, Files>) -> Vec<String> {
    display_all(&files.folders())
}

/// Adds a folder to the scope (saved), and to the fs plugin's scope for `readTextFile`.
#[tauri::command]
#[specta::specta]
pub async fn add_scope_folder<R: Runtime>(
    path: String,
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Vec<String>> {
    let folder = files.add_folder(&path)?;
    scope_sync::allow_folder(&app, &folder);
    Ok(display_all(&files.folders()))
}

/// Removes a folder the user added.
#[tauri::command]
#[specta::specta]
pub async fn remove_scope_folder<R: Runtime>(
    path: String,
    app: AppHandle<R>,
    files: State<'_, Files>,
) -> Result<Vec<String>> {
    files.remove_folder(&path)?;
    scope_sync::forbid_folder(&app, Path::new(&path));
    Ok(display_all(&files.folders()))
}

fn display_all(paths: &[std::path::PathBuf]) -> Vec<String> {
    paths.iter().map(|p| p.display().to_string()).collect()
}
