//! Windows and events through the real IPC path: JS-originated events reach the Rust listeners
//! (emitted from a window with `plugin:event|emit` / `emit_to`, exactly as the JS API does),
//! targeted events reach only their windows, each window's own Rust listener answers it alone
//! and goes with it, and the file viewer gets its file once its page is ready.
//!
//! Which windows an event reaches is observed with Rust listeners on each window's target.
//! An emit made inside a Rust listener (the answers) is replayed by tauri 2.12 to every Rust
//! listener, target lost (tauri-apps/tauri issue 15759; webviews get it as targeted), so those
//! are observed as what was sent ([`Sent`], an `Any` listener) and their targeting through
//! the same call made outside a listener.
//! (Its own test binary, so the process-wide logger here is this file's.)

mod common;

use std::sync::{Arc, Mutex, OnceLock};

use common::{app, invoke, TestApp};
use ipc_lab_lib::services::page::text::MAX_LOGGED_CHARS;
use ipc_lab_lib::wiring::windows::on_window_event;
use serde_json::{json, Value};
use tauri::test::MockRuntime;
use tauri::{Emitter, Listener, Manager, WebviewWindow, WindowEvent};

const WINDOWS: [&str; 4] = ["main", "login", "file-viewer", "settings"];

struct Capture(Arc<Mutex<Vec<String>>>);

impl log::Log for Capture {
    fn enabled(&self, _: &log::Metadata) -> bool {
        true
    }
    fn log(&self, record: &log::Record) {
        self.0.lock().unwrap().push(record.args().to_string());
    }
    fn flush(&self) {}
}

/// Every log line of this test binary (tests run in parallel: look for lines of your own).
fn log_lines() -> Arc<Mutex<Vec<String>>> {
    static LINES: OnceLock<Arc<Mutex<Vec<String>>>> = OnceLock::new();
    LINES
        .get_or_init(|| {
            let lines = Arc::new(Mutex::new(Vec::new()));
            log::set_boxed_logger(Box::new(Capture(lines.clone()))).unwrap();
            log::set_max_level(log::LevelFilter::Info);
            lines
        })
        .clone()
}

fn logged(marker: &str) -> Vec<String> {
    let lines = log_lines();
    let lines = lines.lock().unwrap();
    lines
        .iter()
        .filter(|l| l.contains(marker))
        .cloned()
        .collect()
}

/// What each window heard of `event`, when listening on its own target: `Window` targets
/// (as JS `new Window(label).listen` does) or `WebviewWindow` targets
/// (`getCurrentWebviewWindow().listen`).
struct Heard(Arc<Mutex<Vec<(String, Value)>>>);

#[derive(Clone, Copy)]
enum Target {
    Window,
    WebviewWindow,
}

impl Heard {
    /// Listens in each of the four windows (building the ones not open yet).
    fn on(app: &TestApp, event: &str, target: Target) -> Self {
        let heard = Arc::new(Mutex::new(Vec::new()));
        for label in WINDOWS {
            let sink = heard.clone();
            let window = app.window(label);
            let record = move |e: tauri::Event| {
                let payload = serde_json::from_str(e.payload()).unwrap();
                sink.lock().unwrap().push((label.to_owned(), payload));
            };
            match target {
                Target::Window => window.as_ref().window().listen(event.to_owned(), record),
                Target::WebviewWindow => window.listen(event.to_owned(), record),
            };
        }
        Self(heard)
    }

    /// What was heard so far, by window label.
    fn take(&self) -> Vec<(String, Value)> {
        let mut heard = std::mem::take(&mut *self.0.lock().unwrap());
        heard.sort_by(|a, b| a.0.cmp(&b.0));
        heard
    }
}

/// Every payload of `event` sent, whatever its target (an `Any` listener hears each emit once).
struct Sent(Arc<Mutex<Vec<Value>>>);

impl Sent {
    fn on(app: &TestApp, event: &str) -> Self {
        let sent = Arc::new(Mutex::new(Vec::new()));
        let sink = sent.clone();
        app.app.listen_any(event.to_owned(), move |e| {
            let payload = serde_json::from_str(e.payload()).unwrap();
            sink.lock().unwrap().push(payload);
        });
        Self(sent)
    }

    /// What was sent so far, sorted by its JSON text.
    fn take(&self) -> Vec<Value> {
        let mut sent = std::mem::take(&mut *self.0.lock().unwrap());
        sent.sort_by_key(Value::to_string);
        sent
    }
}

/// `emit(event, payload)` from `window`'s page.
fn emit(window: &WebviewWindow<MockRuntime>, event: &str, payload: Value) {
    let sent = invoke(
        window,
        "plugin:event|emit",
        json!({ "event": event, "payload": payload }),
    );
    assert_eq!(sent, Ok(Value::Null), "emit {event}");
}

/// `emitTo(target, event, payload)` from `window`'s page.
fn emit_to(window: &WebviewWindow<MockRuntime>, target: Value, event: &str, payload: Value) {
    let sent = invoke(
        window,
        "plugin:event|emit_to",
        json!({ "target": target, "event": event, "payload": payload }),
    );
    assert_eq!(sent, Ok(Value::Null), "emit_to {event}");
}

fn open_all(app: &TestApp) {
    for label in WINDOWS {
        app.window(label);
    }
}

fn rust_listeners(app: &TestApp) -> Value {
    invoke(&app.window("main"), "rust_listener_count", json!({})).unwrap()
}

fn count_of(app: &TestApp, event: &str) -> u64 {
    field_of(app, event, "count")
}

/// How many times the app's Rust listeners for `event` ran (`rust_listener_count`'s `heard`).
fn heard_of(app: &TestApp, event: &str) -> u64 {
    field_of(app, event, "heard")
}

fn field_of(app: &TestApp, event: &str, field: &str) -> u64 {
    let counts = rust_listeners(app);
    counts
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["event"] == event)
        .map_or(0, |c| c[field].as_u64().unwrap())
}

#[test]
fn rust_listeners_hear_the_events_js_emits_and_log_them_escaped_and_capped() {
    log_lines();
    let app = app();
    let main = app.window("main");
    emit(&main, "file-selected", json!("/home/me/a\nINFO forged.txt"));
    emit(&main, "frontend-event", json!("hello from the page 7f3a"));
    let long = format!("/picked-9c2e/{}", "x".repeat(100_000));
    emit(&main, "file-selected", json!(long));
    emit(&main, "file-selected", json!({ "not": "a path" }));

    assert_eq!(
        logged("file-selected: \"/home/me/a"),
        [r#"file-selected: "/home/me/a\nINFO forged.txt""#]
    );
    assert_eq!(
        logged("7f3a"),
        [r#"frontend-event: "hello from the page 7f3a""#]
    );
    let capped = logged("/picked-9c2e/");
    assert_eq!(capped.len(), 1);
    assert!(capped[0].len() < MAX_LOGGED_CHARS + 80, "{}", capped[0]);
    assert!(capped[0].ends_with("more characters)\""), "{}", capped[0]);
    assert_eq!(logged("ignoring malformed file-selected").len(), 1);
    // What the page can see of it: how often each listener ran, malformed payloads too.
    assert_eq!(heard_of(&app, "file-selected"), 3);
    assert_eq!(heard_of(&app, "frontend-event"), 1);
}

#[test]
fn open_file_reaches_exactly_main_and_the_viewer_once_the_viewer_is_ready() {
    let app = app();
    let main = app.window("main");
    let sent = Sent::on(&app, "open-file");
    let path = app.put("shown.txt", b"shown");

    // A new viewer: nothing is sent until its page announces itself, then the file is.
    assert_eq!(
        invoke(&main, "open_file_viewer", json!({ "path": path })),
        Ok(json!("created"))
    );
    assert!(sent.take().is_empty(), "sent before the viewer was ready");
    let viewer = app.app.get_webview_window("file-viewer").unwrap();
    emit(&viewer, "ready", json!({ "window": "file-viewer" }));
    assert_eq!(sent.take(), [json!(path)]);

    // Open already: focused, and sent at once, to main and the viewer only.
    let heard = Heard::on(&app, "open-file", Target::WebviewWindow);
    let other = app.put("other.txt", b"other");
    assert_eq!(
        invoke(&main, "open_file_viewer", json!({ "path": other })),
        Ok(json!("focused"))
    );
    assert_eq!(
        heard.take(),
        [
            ("file-viewer".to_owned(), json!(other)),
            ("main".to_owned(), json!(other)),
        ]
    );
    assert_eq!(sent.take(), [json!(other)]);

    // A ready forged by another window only sends the same file again; main's own ready
    // sends nothing.
    emit(
        &app.window("settings"),
        "ready",
        json!({ "window": "file-viewer" }),
    );
    assert_eq!(sent.take(), [json!(other)]);
    emit(&main, "ready", json!({ "window": "main" }));
    assert!(sent.take().is_empty());

    // The viewer closes: it forgets its file.
    on_window_event(&viewer.as_ref().window(), &WindowEvent::Destroyed);
    emit(&main, "ready", json!({ "window": "file-viewer" }));
    assert!(sent.take().is_empty());
}

#[test]
fn open_file_viewer_refuses_what_it_cannot_show_without_opening_anything() {
    let app = app();
    let main = app.window("main");
    let private = app.private().join("accounts.json");
    std::fs::create_dir(app.readable().join("folder")).unwrap();
    let missing = app.readable().join("missing.txt");
    for (path, kind) in [
        (private.display().to_string(), "outsideScope"),
        ("/etc/hostname".to_owned(), "outsideScope"),
        (missing.display().to_string(), "notFound"),
        (
            app.readable().join("folder").display().to_string(),
            "invalidInput",
        ),
        ("relative.txt".to_owned(), "invalidInput"),
    ] {
        let error = invoke(&main, "open_file_viewer", json!({ "path": path })).unwrap_err();
        assert_eq!(error["kind"], kind, "{path}: {error}");
    }
    assert!(app.app.get_webview_window("file-viewer").is_none());
}

#[test]
fn targeted_events_reach_only_their_window() {
    let app = app();
    open_all(&app);
    let main = app.window("main");
    let requests = Heard::on(&app, "settings-update-requested", Target::WebviewWindow);
    let results = Heard::on(&app, "login-result", Target::WebviewWindow);

    // The seed's `emitTo('settings', 'settings-update-requested', { key: 'notification', value: 'all' })`.
    let request = json!({ "key": "notification", "value": "all" });
    emit_to(
        &main,
        json!({ "kind": "AnyLabel", "label": "settings" }),
        "settings-update-requested",
        request.clone(),
    );
    assert_eq!(requests.take(), [("settings".to_owned(), request)]);

    // Rust's `app.emit_to("login", "login-result", …)`.
    let result = json!({ "ok": false, "user": null, "window": "main" });
    app.app.emit_to("login", "login-result", &result).unwrap();
    assert_eq!(results.take(), [("login".to_owned(), result)]);
    // The login command itself says so to the login window only.
    invoke(&main, "login", json!({ "user": "tauri", "password": "x" })).unwrap_err();
    let heard = results.take();
    assert_eq!(heard.len(), 1);
    assert_eq!(heard[0].0, "login");
}

#[test]
fn window_specific_events_are_answered_to_that_window_only() {
    let app = app();
    open_all(&app);
    let main = app.window("main");
    let sent = Sent::on(&app, "response-event");
    let answer = |label: &str, data: &str| json!({ "window": label, "data": data });
    let each = |data: &str| -> Vec<Value> {
        ["file-viewer", "login", "main", "settings"]
            .into_iter()
            .map(|label| answer(label, data))
            .collect()
    };

    // Aimed at one window (`emitTo({ kind: 'Window', label })`): only its listener hears it.
    emit_to(
        &main,
        json!({ "kind": "Window", "label": "settings" }),
        "window-specific-event",
        json!({ "data": "value" }),
    );
    assert_eq!(sent.take(), [answer("settings", "value")]);

    // The seed's `new Window('main').emit(…)` is a global emit: each window's own listener
    // hears it once and answers its own window.
    emit(&main, "window-specific-event", json!({ "data": "value" }));
    assert_eq!(sent.take(), each("value"));

    // The seed's Rust `window.emit("window-specific-event", "data")` is heard alike.
    main.emit("window-specific-event", "data").unwrap();
    assert_eq!(sent.take(), each("data"));

    // Malformed: no answer, no panic. Long: the echo is capped.
    emit(&main, "window-specific-event", json!(42));
    assert!(sent.take().is_empty());
    emit_to(
        &main,
        json!({ "kind": "Window", "label": "main" }),
        "window-specific-event",
        json!({ "data": "d".repeat(1_000_000) }),
    );
    let long = sent.take();
    assert_eq!(long.len(), 1);
    assert_eq!(long[0]["window"], "main");
    let echoed = long[0]["data"].as_str().unwrap();
    assert_eq!(
        echoed.chars().count(),
        201,
        "200 characters and the ellipsis"
    );
}

#[test]
fn an_answer_reaches_the_window_it_names_only() {
    let app = app();
    open_all(&app);
    let on_windows = Heard::on(&app, "response-event", Target::Window);
    let on_webviews = Heard::on(&app, "response-event", Target::WebviewWindow);
    ipc_lab_lib::wiring::window_events::respond(app.app.handle(), "settings", "value");
    assert_eq!(
        on_windows.take(),
        [(
            "settings".to_owned(),
            json!({ "window": "settings", "data": "value" })
        )]
    );
    // `EventTarget::window` is the `Window` target (JS `new Window(label).listen`), not the
    // webview window's.
    assert!(on_webviews.take().is_empty());
}

// These tests (and those in auth.rs, downloads.rs, files.rs and channels.rs) call the app's hooks,
// `wiring::windows::on_window_event(Destroyed)` and `Pages::gone` (what `on_page_load` calls),
// directly: tauri 2.12.5's mock runtime cannot drive the real ones. Its window dispatcher's
// `on_window_event` drops the handler Tauri registers (test/mock_runtime.rs, `fn on_window_event`
// returns a new id and never keeps `f`), so no window event ever reaches the app's hook or
// Tauri's own listener purge; `destroy()`/`close()` outside `App::run` only drop the window from
// the mock's map (the app still lists the window and counts its listeners afterwards), and
// inside `run` a close sends `CloseRequested` only, never `Destroyed`.
// `navigate()` only stores the URL and `reload()` does nothing, and the mock never calls a
// webview's page-load handler, so `on_page_load` cannot fire either. The real window close and
// page reload belong to the end-to-end specs (e2e/, on the real runtime).
#[test]
fn a_windows_own_listeners_are_counted_and_go_when_it_is_destroyed() {
    let app = app();
    let main = app.window("main");
    let at_start = rust_listeners(&app);
    // Before any page is ready: the handshake's once, the viewer's ready listener, the two
    // loggers, and main's own window-specific-event listener.
    assert_eq!(
        at_start,
        json!([
            { "event": "file-selected", "count": 1, "heard": 0 },
            { "event": "frontend-event", "count": 1, "heard": 0 },
            { "event": "ready", "count": 2, "heard": 0 },
            { "event": "window-specific-event", "count": 1, "heard": 0 },
        ])
    );
    // `once` counts until it fires; both ready listeners ran.
    emit(&main, "ready", json!({ "window": "main" }));
    assert_eq!(count_of(&app, "ready"), 1);
    assert_eq!(heard_of(&app, "ready"), 2);

    open_all(&app);
    assert_eq!(count_of(&app, "window-specific-event"), 4);
    let sent = Sent::on(&app, "response-event");
    let extra = app.window("extra");
    assert_eq!(count_of(&app, "window-specific-event"), 5);
    on_window_event(&extra.as_ref().window(), &WindowEvent::Destroyed);
    assert_eq!(count_of(&app, "window-specific-event"), 4);
    emit(&main, "window-specific-event", json!({ "data": "after" }));
    assert_eq!(heard_of(&app, "window-specific-event"), 4);
    let answered: Vec<Value> = sent.take().iter().map(|a| a["window"].clone()).collect();
    assert_eq!(
        answered,
        ["file-viewer", "login", "main", "settings"],
        "nobody answers for the destroyed window"
    );
    // Destroyed twice (or a window never built by the app): nothing more goes.
    on_window_event(&extra.as_ref().window(), &WindowEvent::Destroyed);
    assert_eq!(count_of(&app, "window-specific-event"), 4);
}

#[test]
fn broadcast_asks_rust_for_a_backend_event_to_every_window() {
    let app = app();
    open_all(&app);
    let main = app.window("main");
    let heard = Heard::on(&app, "backend-event", Target::WebviewWindow);
    assert_eq!(
        invoke(&main, "broadcast", json!({ "message": "hi all" })),
        Ok(Value::Null)
    );
    let every: Vec<_> = ["file-viewer", "login", "main", "settings"]
        .into_iter()
        .map(|label| (label.to_owned(), json!("hi all")))
        .collect();
    assert_eq!(heard.take(), every);
    let error = invoke(&main, "broadcast", json!({ "message": "x".repeat(1001) })).unwrap_err();
    assert_eq!(
        error,
        json!({ "kind": "tooLarge", "message": "too large: message has 1001 characters, the limit is 1000" })
    );
    assert!(heard.take().is_empty());
}

#[test]
fn the_settings_window_changes_the_preferences_main_reads() {
    let app = app();
    let main = app.window("main");
    let settings = app.window("settings");
    assert_eq!(
        invoke(&main, "preferences", json!({})),
        Ok(json!({ "notification": "all", "downloadQuotaMib": 2048 }))
    );
    assert_eq!(
        invoke(
            &settings,
            "set_preference",
            json!({ "key": "notification", "value": "errors" })
        ),
        Ok(json!({ "notification": "errors", "downloadQuotaMib": 2048 }))
    );
    assert_eq!(
        invoke(&main, "preferences", json!({})),
        Ok(json!({ "notification": "errors", "downloadQuotaMib": 2048 }))
    );
    let saved = std::fs::read_to_string(app.dirs.private.join("preferences.json")).unwrap();
    assert_eq!(
        serde_json::from_str::<Value>(&saved).unwrap(),
        json!({ "notification": "errors", "downloadQuotaMib": 2048 })
    );
    assert_eq!(
        invoke(
            &settings,
            "set_preference",
            json!({ "key": "notification", "value": "loud" })
        ),
        Err(json!({
            "kind": "invalidInput",
            "message": "invalid input: notification must be all, errors or none, not \"loud\""
        }))
    );
    assert_eq!(
        invoke(
            &settings,
            "set_preference",
            json!({ "key": "theme", "value": "dark" })
        ),
        Err(
            json!({ "kind": "invalidInput", "message": "invalid input: unknown preference \"theme\"" })
        )
    );
}

#[test]
fn opening_a_window_that_is_open_focuses_it() {
    let app = app();
    let main = app.window("main");
    for (command, label) in [
        ("open_settings_window", "settings"),
        ("open_login_window", "login"),
    ] {
        assert_eq!(
            invoke(&main, command, json!({})),
            Ok(json!("created")),
            "{command}"
        );
        assert!(app.app.get_webview_window(label).is_some());
        assert_eq!(
            invoke(&main, command, json!({})),
            Ok(json!("focused")),
            "{command}"
        );
    }
    // A window built by the app has its own listener (and the counts say so).
    assert_eq!(count_of(&app, "window-specific-event"), 3);
}

#[test]
fn close_window_asks_to_close_the_calling_window() {
    let app = app();
    let settings = app.window("settings");
    assert_eq!(
        invoke(&settings, "close_window", json!({})),
        Ok(Value::Null)
    );
}
