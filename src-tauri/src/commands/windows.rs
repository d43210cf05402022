//! Secondary windows. On desktop they are real windows with their own capability; on mobile
//! there is one webview and the frontend shows the same screen as a route instead. Opening a
//! window that is open already focuses it.

use tauri::{AppHandle, Runtime, State, WebviewWindow};

use crate::error::{Error, Result};
use crate::models::WindowOpened;
use crate::state::{FileViewer, Files};
use crate::wiring::labels::{FILE_VIEWER, LOGIN, SETTINGS};
use crate::wiring::window_events::send_open_file;
use crate::wiring::windows;

/// Opens (or focuses) the desktop sign-in window.
#[tauri::command]
#[specta::specta]
pub async fn open_login_window<R: Runtime>(app: AppHandle<R>) -> Result<WindowOpened> {
    windows::open_or_focus(&app, LOGIN)
}

/// Opens (or focuses) the desktop settings window.
#[tauri::command]
#[specta::specta]
pub async fn open_settings_window<R: Runtime>(app: AppHandle<R>) -> Result<WindowOpened> {
    windows::open_or_focus(&app, SETTINGS)
}

// #region recipe:emit-filter
/// Shows `path` in the file viewer: checks it is a readable file in the scope (typed errors,
/// nothing opens otherwise), opens or focuses the viewer, and sends `open-file` to `main` and
/// `file-viewer`. A viewer just created gets it once its page announces `ready`.
#[tauri::command]
#[specta::specta]
pub async fn open_file_viewer<R: Runtime>(
    path: String,
    app: AppHandle<R>,
    files: State<'_, Files>,
    viewer: State<'_, FileViewer>,
) -> Result<WindowOpened> {
    let file = files.info(&path).await?.path;
    viewer.show(file.clone());
    let opened = windows::open_or_focus(&app, FILE_VIEWER)?;
    if opened != WindowOpened::Created {
        send_open_file(&app, file);
    }
    Ok(opened)
}
// #endregion recipe:emit-filter

/// Closes the calling window (the Close button of a secondary window). A window may close
/// itself only: `core:window:allow-close` would let its page close any window by label.
#[tauri::command]
#[specta::specta]
pub fn close_window<R: Runtime>(window: WebviewWindow<R>) -> Result<()> {
    window
        .close()
        .map_err(|e| Error::Internal(format!("could not close the window: {e}")))
}
