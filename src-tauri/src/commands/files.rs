//! Reading files inside the scope — as text, as raw bytes, or streamed on a channel — and the
//! scope's folders and recent files. The scope grows only through the native pickers.

use tauri::{Runtime, State, Webview};

use crate::commands::ipc::{PageChannel, RawBytes};
use crate::error::Result;
use crate::models::{FileInfo, ScopeFolder};
use crate::state::Files;
use crate::wiring::folder_picker::FolderPicker;

// #region recipe:commands
/// `invoke('read_file', { path })` → the file's text (UTF-8, at most 10 MiB).
#[tauri::command]
#[specta::specta]
pub async fn read_file(path: String, files: State<'_, Files>) -> Result<String> {
    files.read_text(&path).await
}
// #endregion recipe:commands

// #region recipe:raw-response
/// `invoke('read_file_bytes', { path })` → an `ArrayBuffer` (at most 64 MiB).
#[tauri::command]
#[specta::specta]
pub async fn read_file_bytes(path: String, files: State<'_, Files>) -> Result<RawBytes> {
    files.read_bytes(&path).await.map(RawBytes)
}

/// `invoke('read_file_chunk', { path, offset, length })` → the `length` bytes at `offset` as an
/// `ArrayBuffer` (at most 4 MiB; fewer at the end of the file, none past it): a piece of a large
/// file (at most 256 MiB), which the page reads a few at once (`readFileChunked`).
#[tauri::command]
#[specta::specta]
pub async fn read_file_chunk(
    path: String,
    offset: u32,
    length: u32,
    files: State<'_, Files>,
) -> Result<RawBytes> {
    files
        .read_piece(&path, offset.into(), length)
        .await
        .map(RawBytes)
}
// #endregion recipe:raw-response

// #region recipe:channel-frames
/// `invoke('load_image', { path, reader })`: streams the file on `reader` as ordered
/// `ArrayBuffer` chunks of 1 MiB; resolves with the byte count once every chunk is sent.
/// Waits while the page holds its budget; stops (`cancelled`) as soon as the calling page is
/// gone, or (`timeout`) when it takes nothing for a while.
#[tauri::command]
#[specta::specta]
pub async fn load_image(
    path: String,
    reader: PageChannel<RawBytes>,
    files: State<'_, Files>,
) -> Result<u32> {
    let total = files
        .stream(&path, |chunk| reader.send(RawBytes(chunk)))
        .await?;
    Ok(total as u32)
}
// #endregion recipe:channel-frames

/// Size and type of a file in the scope.
#[tauri::command]
#[specta::specta]
pub async fn file_info(path: String, files: State<'_, Files>) -> Result<FileInfo> {
    files.info(&path).await
}

/// The recently read files, most recent first (kept across restarts).
#[tauri::command]
#[specta::specta]
pub fn recent_files(files: State<'_, Files>) -> Vec<String> {
    files
        .recent()
        .iter()
        .map(|p| p.display().to_string())
        .collect()
}

/// The folders reads are allowed from: the app's own readable folder and the ones the user added.
#[tauri::command]
#[specta::specta]
pub fn scope_folders(files: State<'_, Files>) -> Vec<ScopeFolder> {
    files.folders()
}

/// Opens the native folder picker; the folder the user picks joins the scope (and is saved).
/// The page cannot name a folder: only the user's pick widens the scope.
#[tauri::command]
#[specta::specta]
pub async fn add_scope_folder<R: Runtime>(
    webview: Webview<R>,
    files: State<'_, Files>,
    picker: State<'_, FolderPicker>,
) -> Result<Vec<ScopeFolder>> {
    files
        .add_picked_folder(|| picker.pick(webview.label()))
        .await?;
    Ok(files.folders())
}

/// Removes a folder the user added (never the app's own).
#[tauri::command]
#[specta::specta]
pub fn remove_scope_folder(path: String, files: State<'_, Files>) -> Result<Vec<ScopeFolder>> {
    files.remove_folder(&path)?;
    Ok(files.folders())
}
