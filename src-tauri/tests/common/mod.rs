//! Helpers for IPC tests: the real app wiring (`ipc_lab_lib::wire` + `init`) on the mock
//! runtime with the real `generate_context!()`, so the capabilities and ACL are the ones the app
//! ships. Each app gets its own temp data folder, channel frames are captured, the folder
//! picker answers what the test says the user picks, the confirmation dialog what the test says
//! the user answers (cancel unless told), and the disk has the free space the test sets
//! (plenty unless told).
#![allow(dead_code)]

pub mod hostile;
pub mod http_server;

use std::collections::VecDeque;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use ipc_lab_lib::models::Question;
use ipc_lab_lib::services::bench::run_mode::RunMode;
use ipc_lab_lib::services::fs::app_dirs::AppDirs;
use ipc_lab_lib::services::net::disk::FreeSpace;
use ipc_lab_lib::services::net::http::NetLimits;
use ipc_lab_lib::services::net::url_scope::UrlScope;
use ipc_lab_lib::wiring::confirm_dialog::ConfirmDialog;
use ipc_lab_lib::wiring::folder_picker::FolderPicker;
use ipc_lab_lib::Natives;
use serde_json::Value;
use tauri::http::{HeaderMap, HeaderName, HeaderValue};
use tauri::ipc::{CallbackFn, InvokeBody, InvokeResponseBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The app's local origin (`tauri://localhost` on Linux and macOS, `http://tauri.localhost` on
/// Windows, where `WebView2` serves custom schemes over http); any other URL is treated as remote.
#[cfg(not(windows))]
pub const LOCAL_ORIGIN: &str = "tauri://localhost";
#[cfg(windows)]
pub const LOCAL_ORIGIN: &str = "http://tauri.localhost";

/// One message a command sent on a channel.
#[derive(Debug, Clone)]
pub struct Frame {
    pub channel: u32,
    pub index: usize,
    pub raw: bool,
    pub bytes: Vec<u8>,
}

/// Runs for every channel frame a command sends, after it is recorded.
type FrameHook = Box<dyn FnMut(&Frame) + Send>;

pub struct TestApp {
    pub app: App<MockRuntime>,
    pub data: tempfile::TempDir,
    pub dirs: AppDirs,
    pub frames: Arc<Mutex<Vec<Frame>>>,
    frame_hook: Arc<Mutex<Option<FrameHook>>>,
    real_delivery: Arc<AtomicBool>,
    picks: Arc<Mutex<VecDeque<Option<PathBuf>>>>,
    answers: Arc<Mutex<VecDeque<bool>>>,
    /// Every question the confirmation dialog was asked, with the window it was asked over.
    pub questions: Arc<Mutex<Vec<(String, Question)>>>,
    free_space: Arc<AtomicU64>,
}

/// The free space the test disk has unless a test says otherwise.
pub const PLENTY: u64 = 1 << 40;

impl TestApp {
    /// The app's readable folder, canonical.
    pub fn readable(&self) -> PathBuf {
        dunce::canonicalize(&self.dirs.files).unwrap()
    }

    /// The app's private folder, canonical.
    pub fn private(&self) -> PathBuf {
        dunce::canonicalize(&self.dirs.private).unwrap()
    }

    /// Writes `bytes` as `name` in the readable folder; returns its canonical path.
    pub fn put(&self, name: &str, bytes: &[u8]) -> String {
        let path = self.readable().join(name);
        std::fs::write(&path, bytes).unwrap();
        path.display().to_string()
    }

    /// Calls `hook` on every channel frame from now on.
    pub fn on_frame(&self, hook: impl FnMut(&Frame) + Send + 'static) {
        *self.frame_hook.lock().unwrap() = Some(Box::new(hook));
    }

    /// From now on channel messages go through the app's own delivery
    /// (`channel_frames::intercept`) instead of being recorded: on the mock runtime nothing runs
    /// the scripts or fetches the frames, so this plays a page that never takes anything.
    pub fn page_never_fetches(&self) {
        self.real_delivery.store(true, Ordering::SeqCst);
    }

    /// What the user picks in the next folder dialog (`None`: they cancel).
    pub fn user_picks(&self, folder: Option<&Path>) {
        self.picks
            .lock()
            .unwrap()
            .push_back(folder.map(Path::to_path_buf));
    }

    /// What the user answers in the next confirmation dialog (unanswered ones are cancelled).
    pub fn user_answers(&self, ok: bool) {
        self.answers.lock().unwrap().push_back(ok);
    }

    /// The free space the downloads folder's disk reports from now on.
    pub fn set_free_space(&self, bytes: u64) {
        self.free_space.store(bytes, Ordering::SeqCst);
    }

    /// The window with `label`, created when the config did not already.
    pub fn window(&self, label: &str) -> WebviewWindow<MockRuntime> {
        window(&self.app, label)
    }

    pub fn frames(&self, channel: u32) -> Vec<Frame> {
        let mut frames: Vec<_> = self
            .frames
            .lock()
            .unwrap()
            .iter()
            .filter(|f| f.channel == channel)
            .cloned()
            .collect();
        frames.sort_by_key(|f| f.index);
        frames
    }

    /// Every file under the data folder, relative, sorted.
    pub fn data_files(&self) -> Vec<String> {
        let mut out = Vec::new();
        let mut stack = vec![self.data.path().to_path_buf()];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push(
                        path.strip_prefix(self.data.path())
                            .unwrap()
                            .display()
                            .to_string(),
                    );
                }
            }
        }
        out.sort();
        out
    }
}

pub fn app() -> TestApp {
    app_with(net_limits())
}

/// [`app`] with these network limits.
pub fn app_with(limits: NetLimits) -> TestApp {
    app_on(mock_builder(), limits)
}

/// [`app`] with the app's real logger ([`ipc_lab_lib::logging`]) writing its file in `folder`.
/// It becomes the process's logger, so one app per test binary may have it.
pub fn app_logging_to(folder: &Path) -> TestApp {
    let logger = ipc_lab_lib::logging::plugin_in(folder.to_path_buf());
    app_on(mock_builder().plugin(logger), net_limits())
}

/// [`app_with`] built on `builder` (which may carry more plugins).
pub fn app_on(builder: tauri::Builder<MockRuntime>, limits: NetLimits) -> TestApp {
    let data = tempfile::tempdir().unwrap();
    let frames: Arc<Mutex<Vec<Frame>>> = Arc::default();
    let frame_hook: Arc<Mutex<Option<FrameHook>>> = Arc::default();
    let real_delivery: Arc<AtomicBool> = Arc::default();
    let (sink, hook, real) = (
        Arc::clone(&frames),
        Arc::clone(&frame_hook),
        Arc::clone(&real_delivery),
    );
    let builder = builder.channel_interceptor(move |webview, callback, index, body| {
        if real.load(Ordering::SeqCst) {
            return ipc_lab_lib::wiring::channel_frames::intercept(webview, callback, index, body);
        }
        let (raw, bytes) = match body {
            InvokeResponseBody::Raw(bytes) => (true, bytes.clone()),
            InvokeResponseBody::Json(json) => (false, json.as_bytes().to_vec()),
        };
        let frame = Frame {
            channel: callback.0,
            index,
            raw,
            bytes,
        };
        if let Some(hook) = hook.lock().unwrap().as_mut() {
            hook(&frame);
        }
        sink.lock().unwrap().push(frame);
        true
    });
    let app = ipc_lab_lib::wire(builder, RunMode::default())
        .build(tauri::generate_context!())
        .expect("failed to build the app on the mock runtime");
    let dirs = AppDirs::prepare(data.path(), &[]).expect("app folders");
    let picks: Arc<Mutex<VecDeque<Option<PathBuf>>>> = Arc::default();
    let answers = Arc::clone(&picks);
    let picker = FolderPicker::new(move |_window| {
        let picked = answers.lock().unwrap().pop_front().flatten();
        Box::pin(std::future::ready(Ok(picked)))
    });
    let answers: Arc<Mutex<VecDeque<bool>>> = Arc::default();
    let questions: Arc<Mutex<Vec<(String, Question)>>> = Arc::default();
    let (queued, asked) = (Arc::clone(&answers), Arc::clone(&questions));
    let confirm = ConfirmDialog::new(move |window, question| {
        asked
            .lock()
            .unwrap()
            .push((window.to_owned(), question.clone()));
        let ok = queued.lock().unwrap().pop_front().unwrap_or(false);
        Box::pin(std::future::ready(Ok(ok)))
    });
    let free_space = Arc::new(AtomicU64::new(PLENTY));
    let free = Arc::clone(&free_space);
    let natives = Natives {
        folder_picker: picker,
        confirm,
        free_space: FreeSpace::new(move |_| Ok(free.load(Ordering::SeqCst))),
    };
    ipc_lab_lib::init(app.handle(), dirs.clone(), natives, limits).expect("init");
    TestApp {
        app,
        data,
        dirs,
        frames,
        frame_hook,
        real_delivery,
        picks,
        answers,
        questions,
        free_space,
    }
}

/// The `url` allow entries of the main window's `network` permission, read from the capability
/// the app ships (capabilities/default.json).
pub fn main_patterns() -> Vec<String> {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json");
    let capability: Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let network = capability["permissions"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["identifier"] == "network")
        .expect("main has the network set");
    network["allow"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| entry["url"].as_str().unwrap().to_owned())
        .collect()
}

/// The main window's URL scope as the app ships it (capabilities/default.json).
pub fn main_scope() -> UrlScope {
    let patterns = main_patterns();
    let patterns: Vec<&str> = patterns.iter().map(String::as_str).collect();
    UrlScope::from_patterns(&patterns, &[]).unwrap()
}

/// The app's network limits with the waits shortened, so a stalled server fails a test fast.
pub fn net_limits() -> NetLimits {
    NetLimits {
        connect_timeout: Duration::from_secs(2),
        stall_timeout: Duration::from_millis(700),
        ..NetLimits::default()
    }
}

/// The window with `label`, built as the app builds its windows (guarded, with its own Rust
/// listeners) when it is not open yet.
pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    app.get_webview_window(label).unwrap_or_else(|| {
        let builder = WebviewWindowBuilder::new(app, label, Default::default());
        ipc_lab_lib::wiring::windows::build(builder, app.handle())
            .expect("failed to create a mock window")
    })
}

pub fn request(cmd: &str, body: InvokeBody) -> InvokeRequest {
    InvokeRequest {
        cmd: cmd.into(),
        callback: CallbackFn(0),
        error: CallbackFn(1),
        url: LOCAL_ORIGIN.parse().unwrap(),
        body,
        headers: Default::default(),
        invoke_key: INVOKE_KEY.to_string(),
    }
}

pub fn headers(pairs: &[(&str, &str)]) -> HeaderMap {
    let mut map = HeaderMap::new();
    for (name, value) in pairs {
        map.insert(
            HeaderName::from_bytes(name.as_bytes()).unwrap(),
            HeaderValue::from_str(value).unwrap(),
        );
    }
    map
}

/// Invokes `cmd` with JSON `args` from `window`; `Ok` is the JSON result, `Err` the rejection.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(window, request(cmd, InvokeBody::Json(args)))
        .map(|body| body.deserialize::<Value>().expect("response is not JSON"))
}

/// Invokes `cmd` with any body and headers; `Ok` is the raw response body.
pub fn invoke_raw(
    window: &WebviewWindow<MockRuntime>,
    cmd: &str,
    body: InvokeBody,
    headers: HeaderMap,
) -> Result<InvokeResponseBody, Value> {
    let mut request = request(cmd, body);
    request.headers = headers;
    get_ipc_response(window, request)
}

/// A channel argument as the JS `Channel` serializes it.
pub fn channel_arg(id: u32) -> Value {
    Value::String(format!("__CHANNEL__:{id}"))
}

/// Signs `window` in as the demo user.
pub fn sign_in(window: &WebviewWindow<MockRuntime>) {
    let result = invoke(
        window,
        "login",
        serde_json::json!({ "user": "tauri", "password": "tauri" }),
    );
    assert_eq!(result, Ok(Value::from("logged_in")));
}
