//! Plain Rust behind the commands, grouped by domain. Nothing here imports `tauri`: progress and
//! results leave through return values or closures, so every service is unit-tested without a
//! webview. A service may use `models`, `error` and other services; never `state`, `commands` or
//! the Tauri wiring.

pub mod auth;
pub mod bench;
pub mod fs;
pub mod net;
pub mod page;
pub mod platform;
pub mod store;
pub mod transport;
pub mod work;

/// `bytes` random bytes from the OS, hex-encoded (tokens, temp-file names).
pub fn random_hex(bytes: usize) -> String {
    use rand_core::{OsRng, RngCore};
    let mut buf = vec![0u8; bytes];
    OsRng.fill_bytes(&mut buf);
    hex::encode(buf)
}
