//! Commands that show what Tauri injects: `AppHandle`, `WebviewWindow` and `State`.

use tauri::{AppHandle, Runtime, State, WebviewWindow};

use crate::state::AppState;

// #region recipe:injected
/// `"Called from window: <label>"`. The label comes from the injected `WebviewWindow`, so
/// every window gets its own answer; the app handle and shared state are used for the log line.
#[tauri::command]
#[specta::specta]
pub fn with_context<R: Runtime>(
    app: AppHandle<R>,
    window: WebviewWindow<R>,
    state: State<'_, AppState>,
) -> String {
    let label = window.label();
    let calls = state.record_context_call();
    log::debug!(
        "with_context #{calls} from {label} in {} {}",
        app.package_info().name,
        app.package_info().version
    );
    format!("Called from window: {label}")
}
// #endregion recipe:injected
