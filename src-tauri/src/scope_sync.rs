//! Keeps the app's read scope and the fs plugin's scope in step: folders the app allows are
//! allowed for `fs:allow-read-text-file` too, and files the user picks through the dialog
//! plugin (which adds them to the fs scope) become readable by `read_file` and friends.

use std::path::Path;

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_fs::FsExt;

use crate::state::Files;

/// Mirrors the scope's folders into the fs plugin's and listens for picked paths.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let files = app.state::<Files>();
    for folder in files.folders() {
        allow_folder(app, &folder);
    }
    let handle = app.clone();
    app.fs_scope().listen(move |event| {
        if let tauri::scope::fs::Event::PathAllowed(path) = event {
            if let Err(e) = handle.state::<Files>().allow_picked(path) {
                log::warn!("could not allow a picked path: {e}");
            }
        }
    });
}

/// Allows `folder` (recursively) for the fs plugin too.
pub fn allow_folder<R: Runtime>(app: &AppHandle<R>, folder: &Path) {
    if let Err(e) = app.fs_scope().allow_directory(folder, true) {
        log::warn!("fs plugin scope: {e}");
    }
}

/// Forbids `folder` for the fs plugin. Its scope has no "disallow": a forbidden folder stays
/// forbidden there until the app restarts, even if it is added again.
pub fn forbid_folder<R: Runtime>(app: &AppHandle<R>, folder: &Path) {
    if let Err(e) = app.fs_scope().forbid_directory(folder, true) {
        log::warn!("fs plugin scope: {e}");
    }
}
