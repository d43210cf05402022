//! Events between Rust and one window.
//!
//! - Every window gets its own Rust listener for `window-specific-event` when it is built (and
//!   loses it when it is destroyed). It answers that window alone with `response-event`
//!   (`emit_to(EventTarget::window(label), …)`). JS `Window.emit` is a global emit, so every
//!   window's listener hears it and each answers its own window; `emitTo` a window label
//!   reaches that window's listener only.
//! - `open-file` goes to `main` and `file-viewer` only (`emit_filter`). The viewer's page gets
//!   its file again each time it announces `ready`, so a file sent while it was still loading
//!   is not lost; a forged `ready` only sends the same file again.
//!
//! These answers are emitted from inside a Rust listener. The webviews get them exactly as
//! targeted; Tauri 2.12 holds its table of Rust listeners meanwhile and replays such an emit
//! to every *Rust* listener of that event, target lost (tauri-apps/tauri issue 15759). No Rust
//! listener of the app listens to `response-event` or `open-file`.

use tauri::{AppHandle, EventTarget, Manager, Runtime, Window};
use tauri_specta::Event;

use crate::services::page::text::capped;
use crate::state::FileViewer;
use crate::wiring::events::{
    parse_payload, OpenFile, Ready, ResponseEvent, WindowSpecificEvent, MAX_ECHOED_CHARS,
};
use crate::wiring::labels::{FILE_VIEWER_WINDOW, MAIN_WINDOW};
use crate::wiring::listeners;
use crate::wiring::platform::window_target;

// #region recipe:emit-filter
/// The app-wide listener: the viewer's page announcing `ready` gets the viewer's file.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    listeners::listen(app, app, Ready::NAME, move |event| {
        let Ok(ready) = parse_payload::<Ready>(event.payload()) else {
            return; // malformed: nothing to send
        };
        if ready.window == FILE_VIEWER_WINDOW {
            if let Some(path) = handle.state::<FileViewer>().file() {
                send_open_file(&handle, path);
            }
        }
    });
}
// #endregion recipe:emit-filter

// #region recipe:window-events
/// A window was built: its own listeners.
pub fn on_created<R: Runtime>(window: &Window<R>) {
    let app = window.app_handle().clone();
    let label = window.label().to_owned();
    listeners::listen_for_window(
        window,
        WindowSpecificEvent::NAME,
        move |event| match parse_payload::<WindowSpecificEvent>(event.payload()) {
            Ok(message) => respond(&app, &label, message.text()),
            Err(e) => log::warn!("ignoring malformed window-specific-event: {e}"),
        },
    );
}
// #endregion recipe:window-events

// #region recipe:emit-to
/// Answers window `label` alone: `response-event` to `EventTarget::window(label)`, echoing
/// `text` capped.
pub fn respond<R: Runtime>(app: &AppHandle<R>, label: &str, text: &str) {
    let response = ResponseEvent {
        window: label.to_owned(),
        data: capped(text, MAX_ECHOED_CHARS),
    };
    if let Err(e) = response.emit_to(app, EventTarget::window(window_target(label))) {
        log::warn!("could not answer window-specific-event in {label}: {e}");
    }
}
// #endregion recipe:emit-to

// #region recipe:emit-filter
/// Sends `open-file` with `path` to `main` and `file-viewer` only (on mobile, to `main`).
pub fn send_open_file<R: Runtime>(app: &AppHandle<R>, path: String) {
    let targets = [MAIN_WINDOW, FILE_VIEWER_WINDOW].map(window_target);
    let sent = OpenFile(path).emit_filter(app, |target| match target {
        EventTarget::WebviewWindow { label } => targets.contains(&label.as_str()),
        _ => false,
    });
    if let Err(e) = sent {
        log::warn!("could not emit open-file: {e}");
    }
}
// #endregion recipe:emit-filter
