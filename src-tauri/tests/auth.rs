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
        sink.lock().unwrap().push(event.payload().to_owned());
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
            sink.lock().unwrap().push(e.payload().to_owned());
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
    // What Tauri reports when the login window is destroyed (the mock runtime cannot report it
    // itself: see the note in tests/windows.rs).
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

/// The JSON bodies the postMessage transport carries: the number array a raw body becomes
/// there, and the base64 string the Android frontend sends (a third of the size).
#[test]
fn number_array_and_base64_json_bodies_are_accepted_like_a_raw_one() {
    use base64::Engine;
    let app = app();
    let main = app.window("main");
    sign_in(&main);
    let bytes = b"\x00\x01android";
    let encoded = base64::engine::general_purpose::STANDARD.encode(bytes);
    for (name, body) in [("array.bin", json!(bytes)), ("base64.bin", json!(encoded))] {
        let token = invoke(&main, "upload_token", json!({})).unwrap();
        let saved = invoke_raw(
            &main,
            "upload",
            InvokeBody::Json(body),
            headers(&[
                (
                    "authorization",
                    &format!("Bearer {}", token.as_str().unwrap()),
                ),
                ("x-file-name", name),
            ]),
        )
        .unwrap()
        .deserialize::<Value>()
        .unwrap();
        assert_eq!(saved["size"], 9);
        assert_eq!(std::fs::read(app.dirs.inbox().join(name)).unwrap(), bytes);
    }
}

/// Hostile calls on sign-in and uploads: password change, the sign-in throttle, and every way an
/// upload's token, name or body is wrong (the runner, the fixture and what "refused" means are in
/// `common/hostile.rs`).
// The hostile fixture is Linux's (a FIFO, links into /proc and /dev): see common/hostile.rs.
#[cfg(target_os = "linux")]
mod hostile {
    use serde_json::json;
    use tauri::ipc::InvokeBody;

    use crate::common::hostile::Expect::{BadArgs, Kind};
    use crate::common::hostile::{fixture, run, ten_mb, upload, Case, Fixture, Token};

    fn cases(_f: &Fixture) -> Vec<Case> {
        let ten_mb = ten_mb();
        let raw = |bytes: &[u8]| InvokeBody::Raw(bytes.to_vec());
        let mut cases = vec![
            // Password change (main is signed in); before the sign-in cases, which throttle the user.
            Case::new(
                "change: missing argument",
                "change_password",
                json!({ "currentPassword": "tauri" }),
                BadArgs("newPassword"),
            ),
            Case::new(
                "change: new too short",
                "change_password",
                json!({ "currentPassword": "tauri", "newPassword": "abc" }),
                Kind("invalidInput"),
            ),
            Case::new(
                "change: new 10 MB",
                "change_password",
                json!({ "currentPassword": "tauri", "newPassword": ten_mb }),
                Kind("tooLarge"),
            ),
            Case::new(
                "change: current 10 MB",
                "change_password",
                json!({ "currentPassword": ten_mb, "newPassword": "abcd" }),
                Kind("tooLarge"),
            ),
            Case::new(
                "change: wrong current",
                "change_password",
                json!({ "currentPassword": "wrong", "newPassword": "abcd" }),
                Kind("unauthorized"),
            ),
            // Sign-in from the sign-in window: bad shapes, wrong guesses, then the throttle.
            Case::new(
                "login: missing password",
                "login",
                json!({ "user": "tauri" }),
                BadArgs("password"),
            )
            .from("login"),
            Case::new(
                "login: wrong types",
                "login",
                json!({ "user": 1, "password": true }),
                BadArgs("user"),
            )
            .from("login"),
            Case::new(
                "login: 10 MB password",
                "login",
                json!({ "user": "tauri", "password": ten_mb }),
                Kind("tooLarge"),
            )
            .from("login"),
            Case::new(
                "login: 10 MB user",
                "login",
                json!({ "user": ten_mb, "password": "x" }),
                Kind("invalidInput"),
            )
            .from("login"),
            Case::new(
                "login: empty user",
                "login",
                json!({ "user": "", "password": "x" }),
                Kind("invalidInput"),
            )
            .from("login"),
            Case::new(
                "login: wrong password",
                "login",
                json!({ "user": "tauri", "password": "pass" }),
                Kind("unauthorized"),
            )
            .from("login"),
            Case::new(
                "login: unknown user",
                "login",
                json!({ "user": "root", "password": "tauri" }),
                Kind("unauthorized"),
            )
            .from("login"),
            Case::new(
                "login: empty password",
                "login",
                json!({ "user": "tauri", "password": "" }),
                Kind("unauthorized"),
            )
            .from("login"),
            Case::new(
                "login: fourth wrong guess",
                "login",
                json!({ "user": "tauri", "password": "pass2" }),
                Kind("unauthorized"),
            )
            .from("login"),
            Case::new(
                "login: throttled, even the right password",
                "login",
                json!({ "user": "tauri", "password": "tauri" }),
                Kind("busy"),
            )
            .from("login"),
            Case::new(
                "login: throttled window, another user",
                "login",
                json!({ "user": "admin", "password": "admin" }),
                Kind("busy"),
            )
            .from("login"),
        ];
        cases.extend([
            // Uploads: the token, the name, the body.
            upload(
                "upload: no token",
                raw(b"x"),
                Some("a.bin"),
                None,
                Kind("unauthorized"),
            ),
            upload(
                "upload: superseded token",
                raw(b"x"),
                Some("a.bin"),
                Some(Token::Superseded),
                Kind("unauthorized"),
            ),
            upload(
                "upload: JSON object body",
                InvokeBody::Json(json!({ "bytes": [1, 2] })),
                Some("a.bin"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: number array with a non-byte",
                InvokeBody::Json(json!([1, 2, 256])),
                Some("a.bin"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: bad base64",
                InvokeBody::Json(json!("@@@")),
                Some("a.bin"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: traversal name",
                raw(b"x"),
                Some("..%2F..%2Fevil"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: name `..`",
                raw(b"x"),
                Some(".."),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: backslash",
                raw(b"x"),
                Some("a%5Cb"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: hidden name",
                raw(b"x"),
                Some(".bashrc"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: NUL in name",
                raw(b"x"),
                Some("a%00b"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: newline in name",
                raw(b"x"),
                Some("a%0Ab"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: name not UTF-8",
                raw(b"x"),
                Some("%FF"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: Windows device name",
                raw(b"x"),
                Some("con.txt"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: Windows device name, capitals",
                raw(b"x"),
                Some("NUL"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: COM port",
                raw(b"x"),
                Some("com7.log"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: LPT with a superscript",
                raw(b"x"),
                Some("LPT%C2%B9.txt"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: colon (alternate data stream)",
                raw(b"x"),
                Some("a.txt%3Ahidden"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: question mark",
                raw(b"x"),
                Some("what%3F.txt"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: asterisk",
                raw(b"x"),
                Some("a*.txt"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: pipe",
                raw(b"x"),
                Some("a%7Cb"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: angle brackets and quote",
                raw(b"x"),
                Some("%3Ca%22b%3E"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: tab",
                raw(b"x"),
                Some("a%09b"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: trailing dot",
                raw(b"x"),
                Some("report."),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: trailing space",
                raw(b"x"),
                Some("report.txt%20"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: 256-byte name",
                raw(b"x"),
                Some(&"n".repeat(256)),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: empty name",
                raw(b"x"),
                Some(""),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: no name",
                raw(b"x"),
                None,
                Some(Token::Fresh),
                Kind("invalidInput"),
            ),
            upload(
                "upload: oversize body",
                raw(&vec![0; 32 * 1024 * 1024 + 1]),
                Some("big.bin"),
                Some(Token::Fresh),
                Kind("tooLarge"),
            ),
            upload(
                "upload: oversize base64",
                InvokeBody::Json(json!("A".repeat(44 * 1024 * 1024))),
                Some("big.bin"),
                Some(Token::Fresh),
                Kind("tooLarge"),
            ),
        ]);
        // Over postMessage (Android, or wherever the `ipc:` protocol failed) a raw body arrives
        // as a JSON number array, and the headers are exactly the ones the page wrote.
        let array = |items: serde_json::Value| InvokeBody::Json(items);
        for (what, items) in [
            ("upload over postMessage: a negative byte", json!([1, -1])),
            ("upload over postMessage: a fraction", json!([1.5])),
            ("upload over postMessage: a nested array", json!([[1, 2]])),
            ("upload over postMessage: a null", json!([0, null])),
            (
                "upload over postMessage: 10 MB text among bytes",
                json!([0, ten_mb]),
            ),
        ] {
            cases.push(upload(
                what,
                array(items),
                Some("a.bin"),
                Some(Token::Fresh),
                Kind("invalidInput"),
            ));
        }
        let mut as_given = |what, body, token, headers: &[(&'static str, &str)], expect| {
            let mut case = upload(what, body, Some("a.bin"), token, expect);
            case.headers.extend(
                headers
                    .iter()
                    .map(|&(name, value)| (name, value.to_owned())),
            );
            cases.push(case);
        };
        as_given(
            "upload over postMessage: Tauri's own headers forged, no token",
            array(json!([1, 2])),
            None,
            &[
                ("tauri-callback", "1"),
                ("tauri-error", "2"),
                ("tauri-invoke-key", "0"),
            ],
            Kind("unauthorized"),
        );
        as_given(
            "upload over postMessage: the token in another header",
            array(json!([1, 2])),
            None,
            &[("x-authorization", "Bearer 0123")],
            Kind("unauthorized"),
        );
        as_given(
            "upload over postMessage: octet-stream declared on a JSON object",
            array(json!({ "0": 1, "length": 1 })),
            Some(Token::Fresh),
            &[("content-type", "application/octet-stream")],
            Kind("invalidInput"),
        );
        let mut refused_auth = |what, header: &str| {
            let mut case = upload(what, raw(b"x"), Some("a.bin"), None, Kind("unauthorized"));
            case.headers.push(("authorization", header.to_owned()));
            cases.push(case);
        };
        refused_auth("upload: basic auth", "Basic dGF1cmk6dGF1cmk=");
        refused_auth("upload: invented token", "Bearer 0123");
        refused_auth("upload: lowercase bearer", "bearer 0123");
        refused_auth("upload: empty bearer", "Bearer ");
        cases
    }

    #[test]
    fn hostile_calls_are_refused_in_bounded_time_and_leave_nothing() {
        let f = fixture();
        run(&f, "auth", cases(&f), 57);
    }
}
