// The name of every app command. `build.rs` includes this file to declare them to
// `tauri_build::AppManifest::commands` (deny by default: each needs a granted permission), and
// the test suite checks it against the commands actually registered in `lib.rs`.

/// Every command the app registers, by IPC name.
pub const COMMANDS: &[&str] = &[
    "greet",
    "my_custom_command",
    "my_custom_command_snake",
    "with_context",
];
