//! Deny by default and least privilege: every app command, and the sensitive core and plugin
//! commands, × every window label: allowed or refused by the ACL.

mod common;

use common::{app, app_logging_to, channel_arg, invoke};
use ipc_lab_lib::commands::NAMES as COMMANDS;
use serde_json::{json, Value};

/// Arguments that deserialize for each command, so a refusal can only be the ACL's (the command
/// itself may still fail with a typed error, which counts as "allowed").
fn args(command: &str) -> Value {
    match command {
        "greet" => json!({ "name": "ACL" }),
        "my_custom_command_snake" => json!({ "invoke_message": "ACL" }),
        "read_file"
        | "read_file_bytes"
        | "file_info"
        | "remove_scope_folder"
        | "open_file_viewer" => json!({ "path": "/nonexistent" }),
        "load_image" => json!({ "path": "/nonexistent", "reader": channel_arg(9) }),
        "read_file_chunk" => json!({ "path": "/nonexistent", "offset": 0, "length": 1 }),
        "login" => json!({ "user": "tauri", "password": "wrong" }),
        "change_password" => json!({ "currentPassword": "a", "newPassword": "bbbb" }),
        "download" | "fetch_data" => json!({ "url": "ftp://acl.invalid/" }),
        "cancel_download" => json!({ "downloadId": 999_999 }),
        "cancel_fetch" => json!({ "fetchId": 999_999 }),
        // Not a local network range: refused before any dialog opens.
        "add_local_network" | "remove_local_network" => json!({ "range": "acl" }),
        "start_hash_job" => json!({ "path": "/nonexistent" }),
        "cancel_job" => json!({ "jobId": 999_999 }),
        // Outside a --bench or --self-test run, finish_run is refused (permissionDenied).
        "finish_run" => json!({ "results": {}, "passed": true }),
        "run_progress" => json!({ "suite": "seeds" }),
        "save_bench_report" => {
            json!({ "results": { "figures": [] }, "quick": true, "completed": true })
        }
        "bench_bytes" => json!({ "size": 1, "encoding": "raw" }),
        "bench_channel" => json!({
            "onMessage": channel_arg(9),
            "run": { "kind": "raw", "count": 1, "size": 1, "batch": 1 },
        }),
        "bench_batched" => json!({ "onMessage": channel_arg(9), "count": 1 }),
        "bench_events" | "bench_eval" => json!({ "count": 1 }),
        "bench_json" | "bench_serde" => json!({ "records": 1 }),
        "bench_json_eval" => json!({ "records": 1, "callback": 1 }),
        "stream_progress" => json!({ "onProgress": channel_arg(9) }),
        "broadcast" => json!({ "message": "ACL" }),
        "set_preference" => json!({ "key": "acl", "value": "probe" }),
        _ => json!({}),
    }
}

/// Which window labels may call which command. Labels not listed here have no capability.
fn allowed(label: &str, command: &str) -> bool {
    match label {
        // Main reads the preferences; only the settings window changes them and the allowed
        // local networks (on desktop).
        "main" => !matches!(
            command,
            "close_window"
                | "set_preference"
                | "local_networks"
                | "add_local_network"
                | "remove_local_network"
        ),
        "login" => matches!(command, "login" | "logout" | "session" | "close_window"),
        "file-viewer" => matches!(
            command,
            "read_file"
                | "read_file_bytes"
                | "read_file_chunk"
                | "file_info"
                | "load_image"
                | "close_window"
        ),
        "settings" => matches!(
            command,
            "preferences"
                | "set_preference"
                | "scope_folders"
                | "add_scope_folder"
                | "remove_scope_folder"
                | "local_networks"
                | "add_local_network"
                | "remove_local_network"
                | "close_window"
        ),
        _ => false,
    }
}

const LABELS: &[&str] = &["main", "login", "intruder", "file-viewer", "settings"];
/// The app's own windows: every one listens to and emits events.
const WINDOWS: &[&str] = &["main", "login", "file-viewer", "settings"];

/// Core and plugin commands a hostile page would reach for, with the window labels allowed to
/// call each; every other label is refused. The arguments make allowed calls fail harmlessly
/// after the ACL (no dialog opens, no file is read).
const PLUGIN_COMMANDS: &[(&str, &[&str])] = &[
    ("plugin:event|listen", WINDOWS),
    ("plugin:event|unlisten", WINDOWS),
    ("plugin:event|emit", WINDOWS),
    // The seed's `emitTo('settings', 'settings-update-requested', …)`, sent from main.
    ("plugin:event|emit_to", &["main"]),
    ("plugin:dialog|open", &["main"]),
    ("plugin:dialog|save", &[]),
    ("plugin:dialog|message", &[]),
    ("plugin:dialog|ask", &[]),
    // No fs plugin command anywhere: the plugin's reads have no size or concurrency bound and
    // open FIFOs blocking, so every read goes through the app's bounded `read_file` and friends.
    ("plugin:fs|read_text_file", &[]),
    ("plugin:fs|read_file", &[]),
    ("plugin:fs|read_text_file_lines", &[]),
    ("plugin:fs|read_text_file_lines_next", &[]),
    ("plugin:fs|read", &[]),
    ("plugin:fs|read_dir", &[]),
    ("plugin:fs|open", &[]),
    ("plugin:fs|seek", &[]),
    ("plugin:fs|stat", &[]),
    ("plugin:fs|lstat", &[]),
    ("plugin:fs|fstat", &[]),
    ("plugin:fs|exists", &[]),
    ("plugin:fs|size", &[]),
    ("plugin:fs|copy_file", &[]),
    ("plugin:fs|write_file", &[]),
    ("plugin:fs|write_text_file", &[]),
    ("plugin:fs|remove", &[]),
    ("plugin:fs|rename", &[]),
    ("plugin:window|create", &[]),
    ("plugin:window|close", &[]),
    ("plugin:window|destroy", &[]),
    ("plugin:window|set_title", &[]),
    ("plugin:window|set_size", &[]),
    ("plugin:window|show", &[]),
    ("plugin:webview|create_webview_window", &[]),
    ("plugin:webview|create_webview", &[]),
    ("plugin:webview|set_webview_zoom", &[]),
    ("plugin:menu|new", &[]),
    ("plugin:menu|set_as_app_menu", &[]),
    ("plugin:tray|new", &[]),
    ("plugin:path|resolve_directory", &[]),
    ("plugin:path|resolve", &[]),
    ("plugin:app|version", &[]),
    ("plugin:app|app_hide", &[]),
    ("plugin:app|set_app_theme", &[]),
    ("plugin:image|new", &[]),
    ("plugin:resources|close", &[]),
    // The app's logger takes no line from a page: it would go into the user's log file.
    ("plugin:log|log", &[]),
];

fn plugin_args(command: &str) -> Value {
    match command {
        "plugin:event|listen" => {
            json!({ "event": "acl-probe", "target": { "kind": "Any" }, "handler": 1 })
        }
        "plugin:event|unlisten" => json!({ "event": "acl-probe", "eventId": 1 }),
        "plugin:event|emit" => json!({ "event": "acl-probe", "payload": null }),
        "plugin:event|emit_to" => {
            json!({ "target": { "kind": "AnyLabel", "label": "nobody" }, "event": "acl-probe", "payload": null })
        }
        "plugin:dialog|open" => json!({ "options": "not options" }),
        "plugin:fs|read_text_file"
        | "plugin:fs|read_file"
        | "plugin:fs|read_text_file_lines"
        | "plugin:fs|read_dir"
        | "plugin:fs|open"
        | "plugin:fs|stat"
        | "plugin:fs|lstat"
        | "plugin:fs|exists"
        | "plugin:fs|size" => json!({ "path": "/nonexistent" }),
        "plugin:fs|read_text_file_lines_next" | "plugin:fs|read" | "plugin:fs|fstat" => {
            json!({ "rid": 1, "len": 8 })
        }
        "plugin:log|log" => json!({ "level": 3, "message": "a line from a page" }),
        _ => json!({}),
    }
}

/// The ACL's refusals: `<command> not allowed on window …` (no capability) or
/// `<command> not allowed. Permissions associated with this command: …` (none granted).
fn is_acl_refusal(error: &Value) -> bool {
    error.as_str().is_some_and(|text| {
        text.contains(" not allowed on window ") || text.contains(" not allowed. ")
    })
}

#[test]
fn every_command_against_every_window() {
    let app = app();
    for label in LABELS {
        let window = app.window(label);
        for command in COMMANDS {
            let result = invoke(&window, command, args(command));
            if allowed(label, command) {
                // It ran: a value or a typed `{ kind, message }` error, never a framework string.
                assert!(
                    !matches!(result, Err(Value::String(_))),
                    "{command} from {label} should run: {result:?}"
                );
            } else {
                let error = result.expect_err(&format!("{command} from {label} must be refused"));
                assert!(is_acl_refusal(&error), "{command} from {label}: {error}");
            }
        }
    }
}

#[test]
fn core_and_plugin_commands_are_granted_only_where_a_view_uses_them() {
    // With the app's logger, so `plugin:log|log` is a live command (the only app with it here).
    let logs = tempfile::tempdir().unwrap();
    let app = app_logging_to(logs.path());
    for label in LABELS {
        let window = app.window(label);
        for (command, allowed) in PLUGIN_COMMANDS {
            let result = invoke(&window, command, plugin_args(command));
            if allowed.contains(label) {
                assert!(
                    !result.as_ref().is_err_and(is_acl_refusal),
                    "{command} from {label} should pass the ACL: {result:?}"
                );
            } else {
                let error = result.expect_err(&format!("{command} from {label} must be refused"));
                assert!(is_acl_refusal(&error), "{command} from {label}: {error}");
            }
        }
    }
}

#[test]
fn a_window_without_a_capability_is_told_so() {
    let app = app();
    let intruder = app.window("intruder");
    let error = invoke(&intruder, "greet", args("greet")).unwrap_err();
    let text = error.as_str().unwrap();
    assert!(
        text.contains("greet not allowed on window \"intruder\""),
        "{text}"
    );
}

#[test]
fn a_granted_window_is_refused_commands_outside_its_sets() {
    let app = app();
    let login = app.window("login");
    let error = invoke(&login, "read_file", args("read_file")).unwrap_err();
    let text = error.as_str().unwrap();
    assert!(text.contains("read_file not allowed"), "{text}");
    assert!(text.contains("allow-read-file"), "{text}");
}

#[test]
fn a_remote_origin_is_refused_even_in_main() {
    let app = app();
    let main = app.window("main");
    let mut request = common::request("greet", tauri::ipc::InvokeBody::Json(args("greet")));
    request.url = "https://example.com".parse().unwrap();
    let error = tauri::test::get_ipc_response(&main, request).unwrap_err();
    assert!(is_acl_refusal(&error), "{error}");
}

#[test]
fn the_file_viewer_may_only_read() {
    let app = app();
    let viewer = app.window("file-viewer");
    for command in [
        "download",
        "fetch_data",
        "cancel_fetch",
        "download_usage",
        "add_local_network",
        "upload",
        "upload_token",
        "login",
        "add_scope_folder",
        "remove_scope_folder",
        "set_preference",
        "open_file_viewer",
        "recent_files",
    ] {
        let error = invoke(&viewer, command, args(command)).unwrap_err();
        let text = error.as_str().unwrap_or_default();
        assert!(
            text.contains(&format!("{command} not allowed")),
            "{command}: {error}"
        );
    }
    let read = invoke(&viewer, "read_file", args("read_file")).unwrap_err();
    assert_eq!(
        read["kind"], "outsideScope",
        "it ran, and found the path outside the scope"
    );
}
