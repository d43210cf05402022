//! Thin command adapters, one module per domain. Each command takes its arguments and injected
//! Tauri types, calls into `services`, and maps the result.

pub mod auth;
pub mod basics;
pub mod bench;
pub mod context;
pub mod events;
pub mod files;
pub mod jobs;
pub mod network;
pub mod preferences;
pub mod upload;
pub mod windows;
