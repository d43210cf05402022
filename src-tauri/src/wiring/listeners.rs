//! Registering the app's own Rust event listeners. Every `listen`, `once` and `unlisten` the
//! app does goes through here, so [`RustListeners`] counts them where they happen, and each
//! time one runs; a window's own listeners are unlistened when it is destroyed
//! (`windows::on_window_event`).

use tauri::{AppHandle, Event, EventId, Listener, Manager, Runtime, Window};

use crate::state::RustListeners;

// #region recipe:js-to-rust
/// `target.listen(event, handler)`, counted.
pub fn listen<R: Runtime>(
    app: &AppHandle<R>,
    target: &impl Listener<R>,
    event: &'static str,
    handler: impl Fn(Event) + Send + 'static,
) -> EventId {
    app.state::<RustListeners>().added(event);
    let handle = app.clone();
    target.listen(event, move |fired| {
        handle.state::<RustListeners>().heard(event);
        handler(fired);
    })
}
// #endregion recipe:js-to-rust

// #region recipe:once-unlisten
/// `target.once(event, handler)`, counted until it fires.
pub fn once<R: Runtime>(
    app: &AppHandle<R>,
    target: &impl Listener<R>,
    event: &'static str,
    handler: impl FnOnce(Event) + Send + 'static,
) -> EventId {
    app.state::<RustListeners>().added(event);
    let handle = app.clone();
    target.once(event, move |fired| {
        let listeners = handle.state::<RustListeners>();
        listeners.removed(event);
        listeners.heard(event);
        handler(fired);
    })
}
// #endregion recipe:once-unlisten

// #region recipe:window-events
/// `window.listen(event, handler)`: heard for events aimed at this window (and global ones),
/// counted, and unlistened by [`window_gone`].
pub fn listen_for_window<R: Runtime>(
    window: &Window<R>,
    event: &'static str,
    handler: impl Fn(Event) + Send + 'static,
) -> EventId {
    let handle = window.app_handle().clone();
    let id = window.listen(event, move |fired| {
        handle.state::<RustListeners>().heard(event);
        handler(fired);
    });
    window
        .state::<RustListeners>()
        .added_for_window(window.label(), event, id);
    id
}

/// The window `label` was destroyed: its own listeners are unlistened.
pub fn window_gone<R: Runtime>(app: &AppHandle<R>, label: &str) {
    let listeners = app.state::<RustListeners>();
    for (id, event) in listeners.take_window(label) {
        app.unlisten(id);
        listeners.removed(&event);
    }
}
// #endregion recipe:window-events
