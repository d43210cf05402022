//! IPC Lab: one `run()` for desktop, Android and iOS. This file only wires: plugins, managed
//! state, the one command list, events and setup. Behaviour lives in `commands/` (thin IPC
//! adapters) over `services/` (plain Rust).

// Defined before the modules so `bindings` can use it too.
/// The one list of commands. `app_commands!(tauri::generate_handler)` builds the invoke handler;
/// `app_commands!(tauri_specta::collect_commands, tauri::Wry)` feeds the TypeScript bindings
/// (which need the generic commands' runtime spelled out).
macro_rules! app_commands {
    ($($collect:ident)::+ $(, $runtime:ty)?) => {
        $($collect)::+![
            crate::commands::basics::greet,
            crate::commands::basics::my_custom_command,
            crate::commands::basics::my_custom_command_snake,
            crate::commands::context::with_context$(::<$runtime>)?,
        ]
    };
}

pub mod bindings;
pub mod command_names;
pub mod commands;
pub mod error;
pub mod events;
pub mod handshake;
pub mod logging;
pub mod services;
pub mod state;

use tauri::{Builder, Runtime};

/// Everything but the context: tests call this on `tauri::test::mock_builder()`.
pub fn builder<R: Runtime>(builder: Builder<R>) -> Builder<R> {
    let events = tauri_specta::Builder::<R>::new().events(events::all());
    builder
        .plugin(tauri_plugin_dialog::init())
        .plugin(tauri_plugin_fs::init())
        .manage(state::AppState::default())
        .invoke_handler(app_commands!(tauri::generate_handler))
        .setup(move |app| {
            events.mount_events(app);
            handshake::install(app.handle());
            Ok(())
        })
}

/// The app's entry point on every platform.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    logging::init();
    builder(tauri::Builder::default())
        .run(tauri::generate_context!())
        .expect("error while running IPC Lab");
}
