// The name of every app command. `build.rs` includes this file to declare them to
// `tauri_build::AppManifest::commands` (deny by default: each needs a granted permission), and
// the test suite checks it against the commands actually registered in `lib.rs`.

/// Every command the app registers, by IPC name.
pub const COMMANDS: &[&str] = &[
    "greet",
    "my_custom_command",
    "my_custom_command_snake",
    "stream_progress",
    "with_context",
    "read_file",
    "read_file_bytes",
    "load_image",
    "file_info",
    "recent_files",
    "scope_folders",
    "add_scope_folder",
    "remove_scope_folder",
    "login",
    "logout",
    "session",
    "change_password",
    "upload_token",
    "start_job",
    "start_hash_job",
    "cancel_job",
    "list_jobs",
    "fetch_data",
    "download",
    "cancel_download",
    "list_downloads",
    "upload",
    "raw_handler",
    "inbox_files",
    "open_login_window",
    "close_window",
];
