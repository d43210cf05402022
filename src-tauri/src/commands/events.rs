//! Events on request: `broadcast` has Rust emit a `backend-event` to every window, and
//! `rust_listener_count` shows the app's own Rust listeners.

use tauri::{AppHandle, Runtime, State};
use tauri_specta::Event;

use crate::error::{Error, Result};
use crate::models::ListenerCount;
use crate::services::page::text::check_chars;
use crate::state::RustListeners;
use crate::wiring::events::BackendEvent;

// #region recipe:events-global
/// Longest `broadcast` message, in characters.
pub const MAX_BROADCAST_CHARS: usize = 1000;

/// Rust emits `message` as a `backend-event` to every window (`app.emit`).
#[tauri::command]
#[specta::specta]
pub fn broadcast<R: Runtime>(message: String, app: AppHandle<R>) -> Result<()> {
    check_chars("message", &message, MAX_BROADCAST_CHARS)?;
    BackendEvent(message)
        .emit(&app)
        .map_err(|e| Error::Internal(format!("could not emit backend-event: {e}")))
}
// #endregion recipe:events-global

// #region recipe:js-to-rust
/// The app's own Rust event listeners now, per event name.
#[tauri::command]
#[specta::specta]
pub fn rust_listener_count(listeners: State<'_, RustListeners>) -> Vec<ListenerCount> {
    listeners.counts()
}
// #endregion recipe:js-to-rust
