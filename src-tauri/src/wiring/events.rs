//! Event names and payloads. Each event is a struct whose kebab-case name is the wire name
//! (`BackendEvent` → `"backend-event"`), so Rust, the generated TypeScript and the seeds agree.
//!
//! Events reach every window and are not capability-gated: no payload here may carry a secret.
//! Payloads that come *from* JavaScript are parsed with [`parse_payload`], never with a panicking
//! typed listener, because any window can emit anything.

use serde::{de::DeserializeOwned, Deserialize, Serialize};
use specta::Type;
use tauri_specta::{collect_events, Event, Events};

use crate::models::JobInfo;

// #region recipe:handshake
/// JS → all: a window's frontend is mounted and listening. Rust handles the first one with
/// `app.once("ready")`; JS windows can wait for it with `once('ready')`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct Ready {
    /// Label of the window whose frontend is ready.
    pub window: String,
}
// #endregion recipe:handshake

// #region recipe:events-global
/// Rust → all windows: a plain broadcast (`app.emit("backend-event", …)`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct BackendEvent(pub String);
// #endregion recipe:events-global

// #region recipe:js-to-rust
/// JS → Rust: a message the Rust listener logs (`app.listen("frontend-event", …)`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct FrontendEvent(pub String);
// #endregion recipe:js-to-rust

// #region recipe:events-global
/// JS → JS: the name of the user who just signed in (never a token).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct UserLoggedIn(pub String);
// #endregion recipe:events-global

// #region recipe:emit-to
/// Rust → the `login` window (`emit_to("login", …)`): how a sign-in attempt ended.
/// Carries no password and no token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct LoginResult {
    pub ok: bool,
    /// The user who signed in (only when `ok`).
    pub user: Option<String>,
    /// The window the attempt came from.
    pub window: String,
}
// #endregion recipe:emit-to

/// Rust → all: a download got its answer from the server (the seed's `DownloadStarted`; a
/// Rust listener parses it back with `serde_json::from_str::<DownloadStarted>`).
/// `contentLength` is `null` when the server announced no length.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
#[serde(rename_all = "camelCase")]
pub struct DownloadStarted {
    pub url: String,
    pub download_id: u32,
    pub content_length: Option<u32>,
}

/// Rust → all: a download's percentage, each time it grows (only for downloads of known length).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct DownloadProgress(pub u32);

/// Rust → all: the URL of a download saved in full.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct DownloadFinished(pub String);

// #region recipe:events-global
/// Rust → all: the seed job's progress, 1 to 100 (`app.emit("job-progress", i)`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct JobProgress(pub u32);

/// Rust → all: the seed job is done (payload `null`, as the seed's `app.emit("job-done", ())`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct JobDone;
// #endregion recipe:events-global

/// Rust → all: a background job changed (queued, running with progress at most every 100 ms,
/// then exactly one update in an ended state).
#[derive(Debug, Clone, PartialEq, Serialize, Type, Event)]
pub struct JobUpdate(pub JobInfo);

/// Rust → the calling webview: one message of an event-rate bench run (its sequence number).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct BenchEvent(pub u32);
// #region recipe:js-to-rust
/// JS → Rust: the path of a file the user picked (`emit('file-selected', path)`); a Rust
/// listener logs it, escaped and capped.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct FileSelected(pub String);
// #endregion recipe:js-to-rust

// #region recipe:emit-filter
/// Rust → `main` and `file-viewer` only (`emit_filter`): the path of the file the viewer shows.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct OpenFile(pub String);
// #endregion recipe:emit-filter

// #region recipe:window-events
/// JS → all, heard by each window's own Rust listener, which answers that window with
/// [`ResponseEvent`]. The seed sends it both as `{ data: 'value' }` (JS) and as a plain string
/// (Rust's `window.emit("window-specific-event", "data")`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
#[serde(untagged)]
pub enum WindowSpecificEvent {
    Data { data: String },
    Text(String),
}

impl WindowSpecificEvent {
    /// The text it carries, whichever shape it came in.
    pub fn text(&self) -> &str {
        match self {
            Self::Data { data } | Self::Text(data) => data,
        }
    }
}
// #endregion recipe:window-events

// #region recipe:emit-to
/// Rust → one window (`emit_to(EventTarget::window(label), …)`): the answer to a
/// `window-specific-event` heard by that window's listener.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct ResponseEvent {
    /// The window answered.
    pub window: String,
    /// What the event carried, capped at [`MAX_ECHOED_CHARS`] characters.
    pub data: String,
}

/// JS → the `settings` window (`emitTo('settings', …)`): a request to change a preference.
/// Events are public, so the settings window only shows it; the user applies it or not.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type, Event)]
pub struct SettingsUpdateRequested {
    pub key: String,
    pub value: String,
}
// #endregion recipe:emit-to

/// Most characters of webview text Rust echoes back in an event.
pub const MAX_ECHOED_CHARS: usize = 200;

// #region recipe:events-global
/// Every typed event, for the bindings and for `mount_events`.
pub fn all() -> Events {
    collect_events![
        Ready,
        BackendEvent,
        FrontendEvent,
        UserLoggedIn,
        LoginResult,
        DownloadStarted,
        DownloadProgress,
        DownloadFinished,
        JobProgress,
        JobDone,
        JobUpdate,
        BenchEvent,
        FileSelected,
        OpenFile,
        WindowSpecificEvent,
        ResponseEvent,
        SettingsUpdateRequested
    ]
}
// #endregion recipe:events-global

// #region recipe:js-to-rust
/// Parses a JSON event payload sent by a webview; malformed input is an error, not a panic.
pub fn parse_payload<T: DeserializeOwned>(raw: &str) -> crate::error::Result<T> {
    serde_json::from_str(raw)
        .map_err(|e| crate::error::Error::InvalidInput(format!("event payload: {e}")))
}
// #endregion recipe:js-to-rust

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wire_names_match_the_seeds() {
        assert_eq!(Ready::NAME, "ready");
        assert_eq!(BackendEvent::NAME, "backend-event");
        assert_eq!(FrontendEvent::NAME, "frontend-event");
        assert_eq!(UserLoggedIn::NAME, "user-logged-in");
        assert_eq!(LoginResult::NAME, "login-result");
        assert_eq!(DownloadStarted::NAME, "download-started");
        assert_eq!(DownloadProgress::NAME, "download-progress");
        assert_eq!(DownloadFinished::NAME, "download-finished");
        assert_eq!(JobProgress::NAME, "job-progress");
        assert_eq!(JobDone::NAME, "job-done");
        assert_eq!(JobUpdate::NAME, "job-update");
        assert_eq!(BenchEvent::NAME, "bench-event");
        assert_eq!(FileSelected::NAME, "file-selected");
        assert_eq!(OpenFile::NAME, "open-file");
        assert_eq!(WindowSpecificEvent::NAME, "window-specific-event");
        assert_eq!(ResponseEvent::NAME, "response-event");
        assert_eq!(SettingsUpdateRequested::NAME, "settings-update-requested");
    }

    #[test]
    fn window_specific_event_takes_both_seed_shapes() {
        let js: WindowSpecificEvent = parse_payload(r#"{"data":"value"}"#).unwrap();
        assert_eq!(js.text(), "value");
        let rust: WindowSpecificEvent = parse_payload(r#""data""#).unwrap();
        assert_eq!(rust.text(), "data");
        for bad in ["null", "{}", r#"{"data":1}"#, "[]"] {
            assert!(parse_payload::<WindowSpecificEvent>(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn payloads_from_javascript_are_parsed_without_panicking() {
        let ready: Ready = parse_payload(r#"{"window":"main"}"#).unwrap();
        assert_eq!(ready.window, "main");
        let message: FrontendEvent = parse_payload(r#""hi""#).unwrap();
        assert_eq!(message.0, "hi");
        for bad in ["", "null", "42", r#"{"win":"main"}"#, "{"] {
            let err = parse_payload::<Ready>(bad).unwrap_err();
            assert_eq!(err.kind(), crate::error::ErrorKind::InvalidInput, "{bad:?}");
        }
    }
}
