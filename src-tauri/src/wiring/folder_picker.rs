//! How `add_scope_folder` asks the user for a folder: the native folder dialog (the dialog
//! plugin's Rust API), parented to the calling window. It is managed state so the IPC tests,
//! which cannot click in a dialog, can stand in for the user.

use std::future::Future;
use std::path::PathBuf;
use std::pin::Pin;

use tauri::{AppHandle, Runtime};

use crate::error::Result;

/// The folder the user picked, `None` when they cancelled.
pub type Picked = Pin<Box<dyn Future<Output = Result<Option<PathBuf>>> + Send>>;

/// Shows a folder picker for the window with the given label.
pub struct FolderPicker(Box<dyn Fn(&str) -> Picked + Send + Sync>);

impl FolderPicker {
    pub fn new(pick: impl Fn(&str) -> Picked + Send + Sync + 'static) -> Self {
        Self(Box::new(pick))
    }

    pub fn pick(&self, window: &str) -> Picked {
        (self.0)(window)
    }

    /// The native folder dialog.
    #[cfg(desktop)]
    pub fn native<R: Runtime>(app: &AppHandle<R>) -> Self {
        use tauri::Manager;
        use tauri_plugin_dialog::DialogExt;
        let app = app.clone();
        Self::new(move |window| {
            let (answer, picked) = tokio::sync::oneshot::channel();
            let mut dialog = app.dialog().file().set_title("Add a readable folder");
            if let Some(parent) = app.get_webview_window(window) {
                dialog = dialog.set_parent(&parent);
            }
            dialog.pick_folder(move |folder| {
                let _ = answer.send(folder.and_then(|f| f.into_path().ok()));
            });
            Box::pin(async move { Ok(picked.await.ok().flatten()) })
        })
    }

    /// Mobile dialogs answer with content URIs, which the read scope cannot hold.
    #[cfg(mobile)]
    pub fn native<R: Runtime>(_: &AppHandle<R>) -> Self {
        Self::new(|_| {
            Box::pin(std::future::ready(Err(crate::error::Error::InvalidInput(
                "folders cannot be added on this device; pick files in the Files view".into(),
            ))))
        })
    }
}
