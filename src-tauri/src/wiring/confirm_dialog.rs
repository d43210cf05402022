//! How the app asks the user to confirm a change a page asked for (allowing a local network):
//! a native message dialog (the dialog plugin's Rust API) parented to the calling window, with
//! the change named in it. The page cannot answer it; only the user's OK counts. It is managed
//! state so the IPC tests, which cannot click in a dialog, can answer for the user.

use std::future::Future;
use std::pin::Pin;

use tauri::{AppHandle, Runtime};

use crate::error::Result;
use crate::models::Question;

/// `true` when the user pressed the OK button; `false` when they cancelled or closed it.
pub type Answer = Pin<Box<dyn Future<Output = Result<bool>> + Send>>;

/// Asks `question` over the window with the given label.
type Ask = dyn Fn(&str, &Question) -> Answer + Send + Sync;

/// Asks the user a question in a dialog over the window with the given label.
pub struct ConfirmDialog(Box<Ask>);

impl ConfirmDialog {
    pub fn new(ask: impl Fn(&str, &Question) -> Answer + Send + Sync + 'static) -> Self {
        Self(Box::new(ask))
    }

    pub fn ask(&self, window: &str, question: &Question) -> Answer {
        (self.0)(window, question)
    }

    /// The native message dialog (also on Android and iOS).
    pub fn native<R: Runtime>(app: &AppHandle<R>) -> Self {
        use tauri_plugin_dialog::{DialogExt, MessageDialogButtons, MessageDialogKind};
        let app = app.clone();
        Self::new(move |window, question| {
            let (answer, answered) = tokio::sync::oneshot::channel();
            #[allow(unused_mut)]
            let mut dialog = app
                .dialog()
                .message(&question.message)
                .title(&question.title)
                .kind(MessageDialogKind::Warning)
                .buttons(MessageDialogButtons::OkCancelCustom(
                    question.ok.clone(),
                    "Cancel".into(),
                ));
            #[cfg(desktop)]
            {
                use tauri::Manager;
                if let Some(parent) = app.get_webview_window(window) {
                    dialog = dialog.parent(&parent);
                }
            }
            #[cfg(mobile)]
            let _ = window;
            dialog.show(move |ok| {
                let _ = answer.send(ok);
            });
            Box::pin(async move { Ok(answered.await.unwrap_or(false)) })
        })
    }
}
