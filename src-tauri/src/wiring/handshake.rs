//! The startup handshake and the always-on event listeners.
//!
//! The main page emits `ready` as it starts, once it listens for the answers. Rust answers the
//! first one (`app.once`): it `eval`s JavaScript in the main webview (a console line and a
//! visible badge), and broadcasts `backend-event`. `frontend-event` and `file-selected` are
//! logged for as long as the app runs. Started with `--exit-when-ready`, the app exits there
//! (the startup benchmark). Any window can emit these events with any payload: what they carry
//! is only logged (escaped and capped), and nothing is decided on it.

use tauri::{AppHandle, Manager, Runtime};
use tauri_specta::Event;

use crate::services::bench::run_mode::RunMode;
use crate::services::page::text::for_log;
use crate::wiring::events::{parse_payload, BackendEvent, FileSelected, FrontendEvent, Ready};
use crate::wiring::listeners;

// #region recipe:eval
/// The JavaScript Rust evaluates in the main webview after the handshake. It logs, and hands
/// the text to the page's `ipc-lab:eval` DOM event, which the shell shows.
pub const EVAL_SCRIPT: &str = "console.log('hello from Rust'); \
window.dispatchEvent(new CustomEvent('ipc-lab:eval', { detail: 'hello from Rust' }));";
// #endregion recipe:eval

// #region recipe:handshake
/// Registers the listeners; called from `setup`.
pub fn install<R: Runtime>(app: &AppHandle<R>) {
    let handle = app.clone();
    listeners::once(app, app, Ready::NAME, move |event| {
        match parse_payload::<Ready>(event.payload()) {
            Ok(ready) => on_ready(&handle, &ready),
            Err(e) => log::warn!("ignoring malformed ready event: {e}"),
        }
    });
    // #region recipe:js-to-rust
    listeners::listen(app, app, FrontendEvent::NAME, |event| {
        match parse_payload::<FrontendEvent>(event.payload()) {
            Ok(FrontendEvent(message)) => log::info!("frontend-event: {}", for_log(&message)),
            Err(e) => log::warn!("ignoring malformed frontend-event: {e}"),
        }
    });
    listeners::listen(app, app, FileSelected::NAME, |event| {
        match parse_payload::<FileSelected>(event.payload()) {
            Ok(FileSelected(path)) => log::info!("file-selected: {}", for_log(&path)),
            Err(e) => log::warn!("ignoring malformed file-selected: {e}"),
        }
    });
    // #endregion recipe:js-to-rust
}

fn on_ready<R: Runtime>(app: &AppHandle<R>, ready: &Ready) {
    log::info!(
        "app is ready (first frontend: window {})",
        for_log(&ready.window)
    );
    // #region recipe:eval
    if let Some(main) = app.get_webview_window("main") {
        if let Err(e) = main.eval(EVAL_SCRIPT) {
            log::warn!("eval in main failed: {e}");
        }
    }
    // #endregion recipe:eval
    let greeting = BackendEvent(format!("Rust saw window {} get ready", ready.window));
    if let Err(e) = greeting.emit(app) {
        log::warn!("could not emit backend-event: {e}");
    }
    if app.state::<RunMode>().exit_when_ready {
        println!("IPC_LAB_READY");
        app.exit(0);
    }
}
// #endregion recipe:handshake
