//! Plain Rust behind the commands. Nothing here imports `tauri`: progress and results leave
//! through return values or closures, so every service is unit-tested without a webview.

pub mod accounts;
pub mod addresses;
pub mod app_dirs;
pub mod atomic;
pub mod bench;
pub mod disk;
pub mod download;
pub mod files;
pub mod fs_scope;
pub mod greeting;
pub mod hasher;
pub mod http;
pub mod inbox;
pub mod json_store;
pub mod limit;
pub mod navigation;
pub mod outbox;
pub mod preferences;
pub mod progress;
pub mod raw_body;
pub mod recent;
pub mod run_mode;
pub mod sessions;
pub mod settings;
pub mod text;
pub mod throttle;
pub mod time;
pub mod url_scope;

/// `bytes` random bytes from the OS, hex-encoded (tokens, temp-file names).
pub fn random_hex(bytes: usize) -> String {
    use rand_core::{OsRng, RngCore};
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    buf.iter().map(|b| format!("{b:02x}")).collect()
}
