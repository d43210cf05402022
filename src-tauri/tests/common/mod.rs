//! Helpers for IPC tests: the real app wiring (`ipc_lab_lib::builder`) on the mock runtime with
//! the real `generate_context!()`, so the capabilities and ACL are the ones the app ships.
#![allow(dead_code)]

use serde_json::Value;
use tauri::ipc::{CallbackFn, InvokeBody};
use tauri::test::{get_ipc_response, mock_builder, MockRuntime, INVOKE_KEY};
use tauri::webview::InvokeRequest;
use tauri::{App, Manager, WebviewWindow, WebviewWindowBuilder};

/// The app's local origin on Linux and macOS; any other URL is treated as remote.
pub const LOCAL_ORIGIN: &str = "tauri://localhost";

pub fn app() -> App<MockRuntime> {
    ipc_lab_lib::builder(mock_builder())
        .build(tauri::generate_context!())
        .expect("failed to build the app on the mock runtime")
}

/// The window with `label`, created when the config did not already.
pub fn window(app: &App<MockRuntime>, label: &str) -> WebviewWindow<MockRuntime> {
    app.get_webview_window(label).unwrap_or_else(|| {
        WebviewWindowBuilder::new(app, label, Default::default())
            .build()
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

/// Invokes `cmd` with JSON `args` from `window`; `Ok` is the JSON result, `Err` the rejection.
pub fn invoke(window: &WebviewWindow<MockRuntime>, cmd: &str, args: Value) -> Result<Value, Value> {
    get_ipc_response(window, request(cmd, InvokeBody::Json(args)))
        .map(|body| body.deserialize::<Value>().expect("response is not JSON"))
}
