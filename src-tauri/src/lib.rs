//! IPC Lab: one `run()` for desktop, Android and iOS. This file only wires: plugins, managed
//! state, the one command list, events and setup. Behaviour lives in `commands/` (thin IPC
//! adapters) over `services/` (plain Rust).

include!("commands/list.rs");

/// The invoke handler of every command in the list (generic ones are inferred from `R`).
macro_rules! invoke_handler {
    ($($module:ident::$name:ident $(<$runtime:ident>)?,)*) => {
        tauri::generate_handler![$(crate::commands::$module::$name),*]
    };
}

pub mod bindings;
pub mod commands;
pub mod error;
pub mod logging;
pub mod models;
pub mod services;
pub mod state;
pub mod wiring;

use std::sync::Arc;

use tauri::{AppHandle, Builder, Manager, Runtime};

use crate::services::bench::run_mode::RunMode;
use crate::services::fs::app_dirs::{AppDirs, LEGACY_IDENTIFIER};
use crate::services::net::disk::FreeSpace;
use crate::services::net::http::NetLimits;
use crate::wiring::confirm_dialog::ConfirmDialog;
use crate::wiring::folder_picker::FolderPicker;
use crate::wiring::{
    bench_scheme, channel_frames, events, handshake, scope_sync, window_events, windows,
};

/// Everything but the context: the logger ([`logging`]; tests on the mock runtime add theirs),
/// the wiring, the bounded channel delivery
/// ([`channel_frames::intercept`]; tests on the mock runtime put in their own and call it when
/// they play the page), and `setup` running [`init`] with the app data folder Tauri resolves
/// for this platform. The main window is built first, so that the webview starts its processes
/// and loads the page while `init` opens the state: on the desktop no call of the page runs
/// before `setup` returns (the event loop that serves them is the one running `setup`), and one
/// that came sooner elsewhere would get Tauri's "state not managed" error, not a crash.
pub fn builder<R: Runtime>(builder: Builder<R>, run_mode: RunMode) -> Builder<R> {
    let builder = builder
        .plugin(logging::plugin())
        // #region recipe:channel-frames
        .channel_interceptor(channel_frames::intercept);
    // #endregion recipe:channel-frames
    wire(builder, run_mode).setup(|app| {
        let data_dir = app.path().app_data_dir()?;
        let legacy: Vec<_> = data_dir
            .parent()
            .map(|parent| parent.join(LEGACY_IDENTIFIER))
            .into_iter()
            .collect();
        let dirs = AppDirs::prepare(&data_dir, &legacy)?;
        windows::create_main(app.handle())?;
        init(
            app.handle(),
            dirs,
            Natives::real(app.handle()),
            NetLimits::default(),
        )?;
        Ok(())
    })
}

/// Plugins, app state (with how this run was started), window hooks, the `bench:` scheme and
/// the command handler. Tests build on this and call [`init`] themselves, because the mock
/// runtime never runs `setup`.
pub fn wire<R: Runtime>(builder: Builder<R>, run_mode: RunMode) -> Builder<R> {
    builder
        .plugin(tauri_plugin_dialog::init())
        // Only for its scope, where the dialog plugin records picks (`scope_sync`): no window
        // is granted an fs command.
        .plugin(tauri_plugin_fs::init())
        .manage(state::AppState::default())
        .manage(state::Pages::default())
        .manage(state::BenchRuns::default())
        .manage(run_mode)
        .register_asynchronous_uri_scheme_protocol(bench_scheme::SCHEME, bench_scheme::handle)
        // #region recipe:channel-frames
        .register_uri_scheme_protocol(channel_frames::SCHEME, channel_frames::serve)
        // #endregion recipe:channel-frames
        .manage(state::RustListeners::default())
        .manage(state::FileViewer::default())
        .on_page_load(windows::on_page_load)
        .on_window_event(windows::on_window_event)
        .invoke_handler(app_commands!(invoke_handler))
}

/// What the app asks of the user and the machine beyond its own state: the folder picker, the
/// confirmation dialog, the disk's free space. Tests answer for them.
pub struct Natives {
    pub folder_picker: FolderPicker,
    pub confirm: ConfirmDialog,
    pub free_space: FreeSpace,
}

impl Natives {
    /// The native dialogs and the file system's own free space.
    pub fn real<R: Runtime>(app: &AppHandle<R>) -> Self {
        Self {
            folder_picker: FolderPicker::native(app),
            confirm: ConfirmDialog::native(app),
            free_space: FreeSpace::real(),
        }
    }
}

/// Loads the state kept in `dirs`, takes the natives and the network limits, and installs the
/// event listeners.
pub fn init<R: Runtime>(
    app: &AppHandle<R>,
    dirs: AppDirs,
    natives: Natives,
    net_limits: NetLimits,
) -> error::Result<()> {
    tauri_specta::Builder::<R>::new()
        .events(events::all())
        .mount_events(app);
    app.manage(state::Auth::open(&dirs.private)?);
    app.manage(state::BenchHistory::open(&dirs.private)?);
    let job_events = Arc::new(commands::jobs::AppJobEvents(app.clone()));
    let runtime = tauri::async_runtime::handle().inner().clone();
    app.manage(state::Jobs::new(runtime, job_events));
    let preferences = state::PreferenceStore::open(&dirs.private)?;
    let network = state::Network::open(dirs.downloads(), dirs.private.clone(), net_limits)?
        .with_free_space(natives.free_space);
    network.set_quota(preferences.get().download_quota_bytes());
    app.manage(state::LocalNetworks::open(
        &dirs.private,
        network.address_policy(),
    )?);
    app.manage(network);
    app.manage(preferences);
    app.manage(state::Files::open(dirs)?);
    app.manage(natives.folder_picker);
    app.manage(natives.confirm);
    handshake::install(app);
    window_events::install(app);
    scope_sync::install(app);
    Ok(())
}

/// The app's entry point on every platform. Panics go to the log from the start. The command
/// line (on mobile, the words a build baked in) may ask for a suite (`--bench`, `--self-test`,
/// see `services::bench::run_mode`). A bad one is logged straight to the console (stderr;
/// logcat on Android): the app's logger starts with the app.
#[cfg_attr(mobile, tauri::mobile_entry_point)]
pub fn run() {
    logging::log_panics();
    let run_mode = if cfg!(desktop) {
        services::bench::run_mode::parse(std::env::args().skip(1))
    } else {
        services::bench::run_mode::from_build(option_env!("IPC_LAB_RUN_MODE"))
    }
    .unwrap_or_else(|e| {
        logging::error_on_console(format_args!("ipc-lab: {e}"));
        std::process::exit(2)
    });
    builder(Builder::default(), run_mode)
        .run(tauri::generate_context!())
        .expect("error while running IPC Lab");
}
