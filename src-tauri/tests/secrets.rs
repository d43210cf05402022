//! Secrets stay secret: with every log level on, a full sign-in / token / upload / password
//! change round leaves no password and no token in any log line, event or error.
//! (Its own test binary, so the process-wide logger here is this test's.)

mod common;

use std::sync::{Arc, Mutex};

use common::{app, headers, invoke, invoke_raw};
use serde_json::{json, Value};
use tauri::ipc::InvokeBody;
use tauri::Listener;

struct Capture(Arc<Mutex<Vec<String>>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0
            .lock()
            .unwrap()
            .push(format!("{} {}", record.target(), record.args()));
    }
    fn flush(&self) {}
}

#[test]
fn no_password_or_token_in_logs_events_or_errors() {
    let lines = Arc::new(Mutex::new(Vec::new()));
    log::set_boxed_logger(Box::new(Capture(lines.clone()))).unwrap();
    log::set_max_level(log::LevelFilter::Trace);

    let app = app();
    let seen = Arc::new(Mutex::new(Vec::<String>::new()));
    for name in ["login-result", "user-logged-in", "backend-event", "ready"] {
        let sink = seen.clone();
        app.app.listen_any(name, move |e| {
            sink.lock().unwrap().push(e.payload().to_owned())
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

    let lines = lines.lock().unwrap();
    assert!(
        lines.iter().any(|l| l.contains("signed in")),
        "the flow was logged: {lines:?}"
    );
    let everything: Vec<String> = lines
        .iter()
        .cloned()
        .chain(seen.lock().unwrap().iter().cloned())
        .chain(errors.iter().map(Value::to_string))
        .collect();
    for secret in [password, "wrong-Zz9", token.as_str()] {
        let leaks: Vec<_> = everything.iter().filter(|l| l.contains(secret)).collect();
        assert!(leaks.is_empty(), "{secret:.8}… leaked: {leaks:?}");
    }
}
