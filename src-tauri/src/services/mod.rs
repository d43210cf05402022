//! Plain Rust behind the commands. Nothing here imports `tauri`: progress and results leave
//! through return values or closures, so every service is unit-tested without a webview.

pub mod greeting;
