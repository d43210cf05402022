//! Sign-in, sessions, upload tokens and uploads, through the real IPC path.

mod common;

use common::{app, headers, invoke, invoke_raw, sign_in};
use ipc_lab_lib::services::auth::throttle::FREE_ATTEMPTS;
use ipc_lab_lib::state::Auth;
use serde_json::{json, Value};
use tauri::ipc::{CapabilityBuilder, InvokeBody};
use tauri::{Listener, Manager, WindowEvent};

fn upload(
    window: &tauri::WebviewWindow<tauri::test::MockRuntime>,
    token: &str,
    name: &str,
    bytes: &[u8],
) -> Result<Value, Value> {
    invoke_raw(
        window,
        "upload",
        InvokeBody::Raw(bytes.to_vec()),
        headers(&[
            ("authorization", &format!("Bearer {token}")),
            ("x-file-name", name),
        ]),
    )
    .map(|body| body.deserialize().unwrap())
}

#[test]
fn login_follows_the_seed() {
    let app = app();
    let main = app.window("main");
    assert_eq!(
        invoke(
            &main,
            "login",
            json!({ "user": "tauri", "password": "pass" })
        ),
        Err(json!({ "kind": "unauthorized", "message": "invalid credentials" }))
    );
    assert_eq!(
        invoke(&main, "session", json!({})),
        Ok(json!({ "user": null }))
    );
    assert_eq!(
        invoke(
            &main,
            "login",
            json!({ "user": "tauri", "password": "tauri" })
        ),
        Ok(json!("logged_in"))
    );
    assert_eq!(
        invoke(&main, "session", json!({})),
        Ok(json!({ "user": "tauri" }))
    );
    // Sessions belong to windows.
    assert_eq!(
        invoke(&app.window("login"), "session", json!({})),
        Ok(json!({ "user": null }))
    );
    invoke(&main, "logout", json!({})).unwrap();
    assert_eq!(
        invoke(&main, "session", json!({})),
        Ok(json!({ "user": null }))
    );
}

#[test]
fn the_login_window_hears_the_result_without_secrets() {
    let app = app();
    let heard = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    let sink = heard.clone();
    let login = app.window("login");
    login.listen("login-result", move |event| {
        sink.lock().unwrap().push(event.payload().to_owned())
    });
    invoke(
        &login,
        "login",
        json!({ "user": "tauri", "password": "nope" }),
    )
    .unwrap_err();
    invoke(
        &login,
        "login",
        json!({ "user": "tauri", "password": "tauri" }),
    )
    .unwrap();
    let heard = heard.lock().unwrap();
    assert_eq!(heard.len(), 2);
    assert_eq!(
        serde_json::from_str::<Value>(&heard[0]).unwrap(),
        json!({ "ok": false, "user": null, "window": "login" })
    );
    assert_eq!(
        serde_json::from_str::<Value>(&heard[1]).unwrap(),
        json!({ "ok": true, "user": "tauri", "window": "login" })
    );
    assert!(heard
        .iter()
        .all(|p| !p.contains("nope") && !p.contains("password")));
}

#[test]
fn the_password_can_be_changed_and_stays_changed() {
    let app = app();
    let main = app.window("main");
    let change = |current: &str, new: &str| {
        invoke(
            &main,
            "change_password",
            json!({ "currentPassword": current, "newPassword": new }),
        )
    };
    assert_eq!(
        change("tauri", "n3w-pass").unwrap_err()["kind"],
        "unauthorized"
    ); // not signed in
    sign_in(&main);
    assert_eq!(
        change("wrong", "n3w-pass").unwrap_err(),
        json!({ "kind": "unauthorized", "message": "invalid credentials" })
    );
    assert_eq!(change("tauri", "abc").unwrap_err()["kind"], "invalidInput");
    assert_eq!(change("tauri", "n3w-pass"), Ok(Value::Null));
    let accounts =
        ipc_lab_lib::services::auth::accounts::Accounts::open(&app.dirs.private).unwrap();
    accounts.verify("tauri", "n3w-pass").unwrap();
    assert!(accounts.verify("tauri", "tauri").is_err());
}

#[test]
fn upload_writes_the_bytes_into_the_inbox_with_a_fresh_token() {
    let app = app();
    let main = app.window("main");
    assert_eq!(
        invoke(&main, "upload_token", json!({})).unwrap_err()["kind"],
        "unauthorized"
    );
    sign_in(&main);
    let token = invoke(&main, "upload_token", json!({})).unwrap();
    let token = token.as_str().unwrap();
    let bytes: Vec<u8> = (0..100_000u32).map(|i| (i * 31 % 256) as u8).collect();
    let saved = upload(&main, token, "r%C3%A9sum%C3%A9.bin", &bytes).unwrap();
    assert_eq!(saved["name"], "résumé.bin");
    assert_eq!(saved["size"], 100_000);
    assert_eq!(
        std::fs::read(app.dirs.inbox().join("résumé.bin")).unwrap(),
        bytes
    );
    let listed = invoke(&main, "inbox_files", json!({})).unwrap();
    assert_eq!(listed[0]["name"], "résumé.bin");
    // Single use.
    let again = upload(&main, token, "again.bin", b"x").unwrap_err();
    assert_eq!(
        again,
        json!({ "kind": "unauthorized", "message": "invalid or expired upload token" })
    );
    assert_eq!(
        app.data_files(),
        ["files/inbox/résumé.bin", "private/accounts.json"]
    );
}

#[test]
fn tokens_go_only_to_the_window_that_asked_and_never_into_events_or_errors() {
    let app = app();
    let main = app.window("main");
    let events = std::sync::Arc::new(std::sync::Mutex::new(Vec::<String>::new()));
    for name in ["login-result", "backend-event", "user-logged-in"] {
        let sink = events.clone();
        app.app.listen_any(name, move |e| {
            sink.lock().unwrap().push(e.payload().to_owned())
        });
    }
    sign_in(&main);
    let token = invoke(&main, "upload_token", json!({})).unwrap();
    let token = token.as_str().unwrap().to_owned();
    // Another window, signed in as the same user and allowed to upload, still cannot use
    // main's token: the token is bound to the window it was issued to.
    let other = app.window("login");
    app.app
        .add_capability(
            CapabilityBuilder::new("test-login-uploads")
                .window("login")
                .permission("upload"),
        )
        .unwrap();
    sign_in(&other);
    let stolen = upload(&other, &token, "x.bin", b"x").unwrap_err();
    assert_eq!(
        stolen,
        json!({ "kind": "unauthorized", "message": "invalid or expired upload token" })
    );
    // A wrong token is refused without being echoed.
    let wrong = format!("{token}00");
    let error = upload(&main, &wrong, "x.bin", b"x").unwrap_err();
    assert!(!error.to_string().contains(&token), "{error}");
    assert!(events
        .lock()
        .unwrap()
        .iter()
        .all(|payload| !payload.contains(&token)));
    assert!(app.data_files().iter().all(|f| !f.contains("inbox/")));
}

#[test]
fn a_window_holds_one_upload_token_at_a_time() {
    let app = app();
    let main = app.window("main");
    sign_in(&main);
    let first = invoke(&main, "upload_token", json!({})).unwrap();
    let second = invoke(&main, "upload_token", json!({})).unwrap();
    let refused = upload(&main, first.as_str().unwrap(), "a.bin", b"a").unwrap_err();
    assert_eq!(refused["kind"], "unauthorized");
    upload(&main, second.as_str().unwrap(), "a.bin", b"a").unwrap();
}

#[test]
fn failed_sign_ins_are_throttled_without_hashing() {
    let app = app();
    let login = app.window("login");
    let auth = app.app.state::<Auth>();
    let wrong = json!({ "user": "tauri", "password": "guess" });
    for _ in 0..=FREE_ATTEMPTS {
        assert_eq!(
            invoke(&login, "login", wrong.clone()).unwrap_err()["kind"],
            "unauthorized"
        );
    }
    let hashed = auth.hashes_run();
    let busy = invoke(
        &login,
        "login",
        json!({ "user": "tauri", "password": "tauri" }),
    )
    .unwrap_err();
    assert_eq!(busy["kind"], "busy");
    assert!(
        busy["message"]
            .as_str()
            .unwrap()
            .starts_with("busy: too many failed sign-ins; try again in"),
        "{busy}"
    );
    assert_eq!(
        auth.hashes_run(),
        hashed,
        "a throttled attempt computes no hash"
    );
    // The throttle is per user and per window: another user from another window is heard.
    let other = json!({ "user": "nobody", "password": "guess" });
    let answer = invoke(&app.window("main"), "login", other).unwrap_err();
    assert_eq!(answer["kind"], "unauthorized");
    assert_eq!(auth.hashes_run(), hashed + 1);
}

#[test]
fn a_session_ends_with_its_window_and_a_password_change_ends_the_others() {
    let app = app();
    let main = app.window("main");
    let login = app.window("login");
    sign_in(&main);
    sign_in(&login);
    let user_of = |window| invoke(window, "session", json!({})).unwrap()["user"].clone();
    // What Tauri reports when the login window is destroyed.
    ipc_lab_lib::wiring::windows::on_window_event(
        &login.as_ref().window(),
        &WindowEvent::Destroyed,
    );
    assert_eq!(user_of(&login), Value::Null);
    assert_eq!(user_of(&main), json!("tauri"));

    sign_in(&login);
    let token = invoke(&main, "upload_token", json!({})).unwrap();
    invoke(
        &main,
        "change_password",
        json!({ "currentPassword": "tauri", "newPassword": "n3w-pass" }),
    )
    .unwrap();
    assert_eq!(user_of(&login), Value::Null);
    assert_eq!(user_of(&main), json!("tauri"));
    // The window that changed it keeps its session and its token.
    upload(&main, token.as_str().unwrap(), "kept.bin", b"k").unwrap();
}

#[test]
fn raw_handler_echoes_the_content_type() {
    let app = app();
    let main = app.window("main");
    let answer = invoke_raw(
        &main,
        "raw_handler",
        InvokeBody::Raw(b"<p>".to_vec()),
        headers(&[("content-type", "text/html")]),
    )
    .unwrap()
    .deserialize::<Value>()
    .unwrap();
    assert_eq!(answer, json!("Content-Type: Some(\"text/html\")"));
    let none = invoke(&main, "raw_handler", json!({})).unwrap();
    assert_eq!(none, json!("Content-Type: None"));
}

#[test]
fn a_base64_json_body_is_accepted_like_a_raw_one() {
    use base64::Engine;
    let app = app();
    let main = app.window("main");
    sign_in(&main);
    let token = invoke(&main, "upload_token", json!({})).unwrap();
    let encoded = base64::engine::general_purpose::STANDARD.encode(b"\x00\x01android");
    let saved = invoke_raw(
        &main,
        "upload",
        InvokeBody::Json(json!(encoded)),
        headers(&[
            (
                "authorization",
                &format!("Bearer {}", token.as_str().unwrap()),
            ),
            ("x-file-name", "a.bin"),
        ]),
    )
    .unwrap()
    .deserialize::<Value>()
    .unwrap();
    assert_eq!(saved["size"], 9);
    assert_eq!(
        std::fs::read(app.dirs.inbox().join("a.bin")).unwrap(),
        b"\x00\x01android"
    );
}
