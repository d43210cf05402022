//! Desktop entry point: everything lives in the shared `ipc_lab_lib::run()`.

// Prevents an additional console window on Windows in release builds.
#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

fn main() {
    ipc_lab_lib::run();
}
