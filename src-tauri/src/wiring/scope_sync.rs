//! Makes what the user picks in the dialog plugin's `open` readable by the app's own read
//! commands (`read_file` and friends), unless the app refuses it (the root, `/proc`, `/sys`,
//! `/dev`, the private folder).
//!
//! Why the fs plugin is still initialized: tauri-plugin-dialog 2.x records a pick only in the
//! fs plugin's scope (`window.try_fs_scope()`, then tauri's own `Scopes`, which hold nothing
//! without the `protocol-asset` feature), and that scope's listener is the one place a pick
//! reaches the app (the fs plugin also allows files dropped on a window, which arrive here the
//! same way). No window is granted any fs plugin command (`tests/acl.rs` checks it): a
//! plugin command cannot be bounded, so every read goes through the app's commands.

use tauri::{AppHandle, Manager, Runtime};
use tauri_plugin_fs::FsExt;

use crate::state::Files;

/// Listens for paths the dialog plugin allows and adds them to the app's read scope.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    app.fs_scope().listen(move |event| {
        if let tauri::scope::fs::Event::PathAllowed(path) = event {
            if let Err(e) = handle.state::<Files>().allow_picked(path) {
                log::warn!("refused a picked path: {e}");
            }
        }
    });
}
