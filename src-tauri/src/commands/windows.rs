//! Secondary windows. On desktop they are real windows with their own capability; on mobile
//! there is one webview and the frontend shows the same screen as a route instead.

use tauri::{AppHandle, Runtime, WebviewWindow};

use crate::error::{Error, Result};

/// Opens (or focuses) the desktop sign-in window; `false` on mobile, where the caller routes.
#[tauri::command]
#[specta::specta]
pub async fn open_login_window<R: Runtime>(app: AppHandle<R>) -> Result<bool> {
    #[cfg(desktop)]
    {
        use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};
        let failed = |e: tauri::Error| Error::Internal(e.to_string());
        let label = super::auth::LOGIN_WINDOW;
        if let Some(existing) = app.get_webview_window(label) {
            existing.set_focus().map_err(failed)?;
            return Ok(true);
        }
        let builder = WebviewWindowBuilder::new(&app, label, WebviewUrl::App("index.html".into()))
            .title("Sign in — IPC Lab")
            .inner_size(420.0, 560.0);
        crate::windows::guarded(builder, &app)
            .build()
            .map_err(failed)?;
        Ok(true)
    }
    #[cfg(mobile)]
    {
        let _ = app;
        Ok(false)
    }
}

/// Closes the calling window (the sign-in window's Close button). A window may close itself
/// only: `core:window:allow-close` would let its page close any window by label.
#[tauri::command]
#[specta::specta]
pub fn close_window<R: Runtime>(window: WebviewWindow<R>) -> Result<()> {
    window
        .close()
        .map_err(|e| Error::Internal(format!("could not close the window: {e}")))
}
