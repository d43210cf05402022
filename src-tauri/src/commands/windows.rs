//! Secondary windows. On desktop they are real windows with their own capability; on mobile
//! there is one webview and the frontend shows the same screen as a route instead.

use tauri::{AppHandle, Runtime};

use crate::error::Result;

/// Opens (or focuses) the desktop sign-in window; `false` on mobile, where the caller routes.
#[tauri::command]
#[specta::specta]
pub async fn open_login_window<R: Runtime>(app: AppHandle<R>) -> Result<bool> {
    #[cfg(desktop)]
    {
        use tauri::{Manager, WebviewUrl, WebviewWindowBuilder};
        let failed = |e: tauri::Error| crate::error::Error::Internal(e.to_string());
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
