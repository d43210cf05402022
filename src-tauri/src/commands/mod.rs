//! Thin command adapters, one module per domain. Each command takes its arguments and injected
//! Tauri types, calls into `services`, and maps the result.

pub mod auth;
pub mod basics;
pub mod batched_channel;
pub mod bench;
pub mod context;
pub mod events;
pub mod files;
pub mod ipc;
pub mod jobs;
pub mod network;
pub mod preferences;
pub mod upload;
pub mod windows;

/// The IPC name of every command in the list.
macro_rules! command_names {
    ($($module:ident::$name:ident $(<$runtime:ident>)?,)*) => {
        &[$(stringify!($name)),*]
    };
}

/// Every command the app registers, by IPC name, from the one list (`commands/list.rs`).
pub const NAMES: &[&str] = app_commands!(command_names);
