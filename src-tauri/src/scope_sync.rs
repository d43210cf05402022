//! Keeps the app's read scope and the fs plugin's scope in step: folders the app allows are
//! allowed for `fs:allow-read-text-file` too, and files the user picks through the dialog
//! plugin (which adds them to the fs scope) become readable by `read_file` and friends.

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_fs::FsExt;

use crate::commands::files::allow_in_fs_plugin;
use crate::state::Files;

pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let files = app.state::<Files>();
    for folder in files.folders() {
        allow_in_fs_plugin(app, &folder);
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
