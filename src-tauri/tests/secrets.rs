//! Secrets stay secret: with every log level on, a full sign-in / token / upload / password
//! change round leaves no password and no token in the log file the app's real logger writes,
//! nor in any event or error.
//! (Its own test binary, so the process-wide logger here is this test's.)

mod common;

use std::sync::{Arc, Mutex};

use common::{app_logging_to, headers, invoke, invoke_raw};
use ipc_lab_lib::logging::LEVEL_ENV;
use serde_json::{json, Value};
use tauri::ipc::InvokeBody;
use tauri::Listener;

/// The text of every file in the log folder.
fn log_files(folder: &std::path::Path) -> Vec<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| std::fs::read_to_string(entry.unwrap().path()).unwrap())
        .collect()
}

#[test]
fn no_password_or_token_in_logs_events_or_errors() {
    // Set before the logger starts, in this binary's only test.
    std::env::set_var(LEVEL_ENV, "trace");
    let logs = tempfile::tempdir().unwrap();
    let app = app_logging_to(logs.path());
    // At trace level: only in the file if IPC_LAB_LOG let every level in.
    let first = "the secrets round begins 51c0";
    log::trace!("{first}");
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    for name in ["login-result", "user-logged-in", "backend-event", "ready"] {
        let sink = seen.clone();
        app.app.listen_any(name, move |e| {
            sink.lock().unwrap().push(e.payload().to_owned());
        });
    }
    let main = app.window("main");
    let mut errors: Vec<Value> = Vec::new();

    let password = "Sup3r-s3cret-pw";
    errors.push(
        invoke(
            &main,
            "login",
            json!({ "user": "tauri", "password": password }),
        )
        .unwrap_err(),
    );
    invoke(
        &main,
        "login",
        json!({ "user": "tauri", "password": "tauri" }),
    )
    .unwrap();
    let change = json!({ "currentPassword": "tauri", "newPassword": password });
    invoke(&main, "change_password", change).unwrap();
    errors.push(
        invoke(
            &main,
            "change_password",
            json!({ "currentPassword": "wrong-Zz9", "newPassword": "abcd" }),
        )
        .unwrap_err(),
    );
    invoke(&main, "logout", json!({})).unwrap();
    invoke(
        &main,
        "login",
        json!({ "user": "tauri", "password": password }),
    )
    .unwrap();

    let token = invoke(&main, "upload_token", json!({}))
        .unwrap()
        .as_str()
        .unwrap()
        .to_owned();
    let auth = format!("Bearer {token}");
    let upload = |auth: &str| {
        invoke_raw(
            &main,
            "upload",
            InvokeBody::Raw(b"data".to_vec()),
            headers(&[("authorization", auth), ("x-file-name", "s.bin")]),
        )
    };
    upload(&auth).unwrap();
    errors.push(upload(&auth).unwrap_err()); // used up
    errors.push(upload(&format!("Bearer {token}x")).unwrap_err());

    log::logger().flush();
    let files = log_files(logs.path());
    let lines: Vec<String> = files
        .iter()
        .flat_map(|f| f.lines())
        .map(str::to_owned)
        .collect();
    assert!(
        lines.iter().any(|l| l.contains(first)) && lines.iter().any(|l| l.contains("signed in")),
        "the whole round is in the file (it never started afresh): {files:?}"
    );
    let everything: Vec<String> = lines
        .into_iter()
        .chain(seen.lock().unwrap().iter().cloned())
        .chain(errors.iter().map(Value::to_string))
        .collect();
    for secret in [password, "wrong-Zz9", token.as_str()] {
        let leaks: Vec<_> = everything.iter().filter(|l| l.contains(secret)).collect();
        assert!(leaks.is_empty(), "{secret:.8}… leaked: {leaks:?}");
    }
}
