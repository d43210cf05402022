//! The Tauri wiring: everything that needs an `AppHandle`, a window or a webview besides the
//! commands themselves — windows and their labels, the events and who listens to them, the
//! ready handshake, how channel messages reach a page, the `bench:` and `frames:` schemes, and
//! the native dialogs. It may use `state`, `services`, `models` and `error`; never `commands`.

pub mod bench_scheme;
pub mod channel_frames;
pub mod confirm_dialog;
pub mod events;
pub mod folder_picker;
pub mod handshake;
pub mod labels;
pub mod listeners;
pub mod platform;
pub mod scope_sync;
pub mod window_events;
pub mod windows;
