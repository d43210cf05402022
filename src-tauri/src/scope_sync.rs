//! Keeps the app's read scope and the fs plugin's in step for what the user picks through the
//! dialog plugin's `open` (which adds the pick to the fs plugin's scope): the pick becomes
//! readable by `read_file` and friends too, unless the app refuses it (the root, `/proc`, `/sys`,
//! `/dev`, the private folder), in which case the fs plugin is made to refuse it as well. The
//! private folder is forbidden to the fs plugin from the start.
//!
//! Folders added in Settings are not mirrored: `readTextFile` reads the app's readable folder
//! (its capability scope) and picked files only.

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_fs::FsExt;

use crate::state::Files;

/// Forbids the private folder to the fs plugin (whatever its capability or a pick allows), and
/// listens for paths the dialog plugin allows.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let private = app.state::<Files>().dirs().private.clone();
    if let Err(e) = app.fs_scope().forbid_directory(&private, true) {
        log::error!("could not forbid the private folder in the fs plugin: {e}");
    }
    let handle = app.clone();
    app.fs_scope().listen(move |event| {
        if let tauri::scope::fs::Event::PathAllowed(path) = event {
            if let Err(e) = handle.state::<Files>().allow_picked(path) {
                log::warn!("refused a picked path: {e}");
                // The fs plugin's scope cannot take back an allowance, only forbid.
                let forbidden = if path.is_dir() {
                    handle.fs_scope().forbid_directory(path, true)
                } else {
                    handle.fs_scope().forbid_file(path)
                };
                if let Err(e) = forbidden {
                    log::error!("could not forbid a refused pick in the fs plugin: {e}");
                }
            }
        }
    });
}
