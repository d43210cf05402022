//! The payloads commands answer with, in one place (as plugins-workspace keeps its `models.rs`).
//! Plain serde + specta types: they are what `gen/bindings.ts` describes to the frontend.

use serde::{Deserialize, Serialize};
use specta::Type;

use crate::error::IpcError;

/// What the Files view shows about a file before reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    pub path: String,
    pub name: String,
    pub size: u32,
    /// A media type guessed from the extension (`application/octet-stream` when unknown).
    pub mime: String,
}

/// A folder reads are allowed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScopeFolder {
    pub path: String,
    /// Added by the user, so it can be removed; the app's own readable folder cannot.
    pub removable: bool,
}

/// Who is signed in, in the calling window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SessionInfo {
    pub user: Option<String>,
}

// #region recipe:raw-request
/// A file in the upload inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct InboxEntry {
    pub name: String,
    pub size: u32,
    /// Last modification, in milliseconds since the Unix epoch.
    pub modified_ms: f64,
}
// #endregion recipe:raw-request

/// Where a download or a job is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum WorkState {
    /// Waiting for one of the places for work running at once.
    Queued,
    Running,
    Finished,
    Failed,
    Cancelled,
}

/// One download as `list_downloads` and `download` answer it: enough to show it, and, for a
/// page that reloaded while it ran, to pick it up again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DownloadInfo {
    pub id: u32,
    pub url: String,
    pub state: WorkState,
    /// Bytes on disk so far.
    pub received: u32,
    /// The length the server announced, when it did.
    pub total: Option<u32>,
    /// The saved file's name and path (once finished).
    pub file_name: Option<String>,
    pub path: Option<String>,
    /// Why it failed (state `failed`).
    pub error: Option<IpcError>,
    /// Milliseconds since the Unix epoch.
    pub started_ms: f64,
    pub ended_ms: Option<f64>,
}

// #region recipe:channel-enum
/// The messages on `download`'s optional `onEvent` channel, in order: `queued` (only when it
/// has to wait), `started`, `progress`…, then exactly one of `finished`, `failed`,
/// `cancelled`. The first three are the seed's shapes. `chunkLength` counts the bytes since
/// the last `progress` (messages are at most one per `progress_interval`).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(
    rename_all = "camelCase",
    rename_all_fields = "camelCase",
    tag = "event",
    content = "data"
)]
pub enum DownloadEvent {
    Queued {
        download_id: u32,
        url: String,
    },
    Started {
        url: String,
        download_id: u32,
        content_length: Option<u32>,
    },
    Progress {
        download_id: u32,
        chunk_length: u32,
    },
    Finished {
        download_id: u32,
    },
    Failed {
        download_id: u32,
        error: IpcError,
    },
    Cancelled {
        download_id: u32,
    },
}
// #endregion recipe:channel-enum

/// What a background job computes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum JobKind {
    /// The SHA-256 of one file.
    HashFile,
    /// The SHA-256 of a folder's sorted `sha256sum` manifest.
    HashFolder,
}

/// A background job as `start_hash_job`, `list_jobs` and the `job-update` event carry it.
/// Byte counts are numbers (a folder can hold more than 4 GiB).
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct JobInfo {
    pub id: u32,
    pub kind: JobKind,
    /// The canonical path of the file or folder.
    pub target: String,
    pub state: WorkState,
    pub bytes: f64,
    pub total_bytes: f64,
    pub files: u32,
    pub total_files: u32,
    /// The hex SHA-256 (state `finished`).
    pub digest: Option<String>,
    /// Why it failed (state `failed`).
    pub error: Option<IpcError>,
    pub started_ms: f64,
    pub ended_ms: Option<f64>,
}

/// How `bench_bytes` encodes its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum BenchEncoding {
    /// A JSON array of numbers (what a `Vec<u8>` return does).
    JsonArray,
    /// A base64 JSON string.
    Base64,
    /// A raw `ArrayBuffer` (`tauri::ipc::Response`).
    Raw,
}

/// The suite this run of the app was started for (`--bench`, `--self-test`), if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct RunModeInfo {
    pub suite: Option<Suite>,
    /// `--quick`: small sizes, few repetitions.
    pub quick: bool,
    /// The transport that carried this very call.
    pub transport: IpcTransport,
    /// The IPC pattern this build was made with.
    pub pattern: IpcPattern,
    /// How much the self-test moves (`--scale`): its streams' and loops' counts.
    pub scale: SelfTestScale,
    /// The platform the app was built for: what the frontend goes by, not its user agent (an
    /// iPad's web view says "Macintosh").
    pub platform: Platform,
    /// Android or iOS: one webview, `main`, with the desktop's secondary windows as its routes.
    pub mobile: bool,
}

/// The self-test's sizing: `full` (the default, desktop CI) or `emulator`, the same checks with
/// counts a debug build in a software-rendered emulator gets through in minutes.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum ScaleName {
    #[default]
    Full,
    Emulator,
}

/// The counts of a self-test scale (`services::bench::scale`): what the page runs, and what the
/// report states it ran.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
pub struct SelfTestScale {
    pub name: ScaleName,
    /// Mixed channel messages (raw and JSON, 0 B to 64 KiB) in one stream.
    pub mixed: u32,
    /// Small JSON channel messages in one stream.
    pub small: u32,
    /// Tagged channel messages, the last one terminal.
    pub tagged: u32,
    /// Listening components mounted and unmounted.
    pub mounts: u32,
    /// Page loads counted by the reload loop.
    pub reloads: u32,
}

/// A suite of the self-test, as the page names it (`src/bench/selfTest/checks.ts`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum SelfTestSuite {
    Seeds,
    Channel,
    Hygiene,
    EarlyEvents,
}

/// The platforms Tauri runs on, from the Rust target (`services::platform`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Platform {
    /// Linux, and the other Unix desktops, which run the same GTK webview.
    Linux,
    Macos,
    Windows,
    Android,
    /// iPhone and iPad alike.
    Ios,
}

impl Platform {
    /// Android and iOS: one webview and no secondary windows.
    pub fn is_mobile(self) -> bool {
        matches!(self, Platform::Android | Platform::Ios)
    }
}

/// Which of Tauri's two transports carried an invoke: the `ipc:` custom protocol (a `fetch`,
/// desktop and iOS) or the webview's postMessage interface (Android, and anywhere once a
/// custom-protocol request has failed).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum IpcTransport {
    CustomProtocol,
    PostMessage,
}

/// The IPC pattern of this build: `brownfield` (the page calls Rust directly, as the app
/// ships) or `isolation` (every call passes a sandboxed iframe's hook and is encrypted first;
/// a build with `tauri.isolation.conf.json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum IpcPattern {
    Brownfield,
    Isolation,
}

/// One `bench_channel` run: `count` messages of `size` bytes, `batch` to a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Type)]
pub struct ChannelRun {
    pub kind: FrameKind,
    pub count: u32,
    pub size: u32,
    pub batch: u32,
}

/// Which download endings main shows a notice for.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Notification {
    /// Every finished or failed download.
    #[default]
    All,
    /// Failed downloads only.
    Errors,
    /// None.
    None,
}

/// The user's preferences (`preferences()`; changed one key at a time by `set_preference`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct Preferences {
    pub notification: Notification,
    /// The most the downloads folder may hold, in MiB (1 to 1,048,576; 2048 unless changed).
    pub download_quota_mib: u32,
}

impl Preferences {
    /// 2 GiB.
    pub const DEFAULT_QUOTA_MIB: u32 = 2048;

    /// The downloads quota in bytes.
    pub fn download_quota_bytes(&self) -> u64 {
        u64::from(self.download_quota_mib) * 1024 * 1024
    }
}

impl Default for Preferences {
    fn default() -> Self {
        Self {
            notification: Notification::default(),
            download_quota_mib: Self::DEFAULT_QUOTA_MIB,
        }
    }
}

/// A size in bytes, sent as a JSON integer (a `number` in the page: exact up to 2^53 bytes,
/// 8 PiB). specta refuses a bare `u64`, which may not fit a JavaScript number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct ByteCount(pub u64);

impl Type for ByteCount {
    fn definition(_: &mut specta::Types) -> specta::datatype::DataType {
        specta_typescript::define("number").into()
    }
}

/// How the downloads folder stands against its quota (`download_usage()`), in bytes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct DownloadUsage {
    /// On disk in the downloads folder: whole files, and what running downloads wrote so far.
    pub used_bytes: ByteCount,
    /// Claimed by running downloads and not written yet (the rest of their declared lengths).
    pub reserved_bytes: ByteCount,
    /// The quota (the `downloadQuotaMib` preference).
    pub quota_bytes: ByteCount,
    /// Free space on the folder's disk for the app; `null` when the system cannot tell.
    pub free_bytes: Option<ByteCount>,
    /// Free space downloads always leave on that disk.
    pub free_reserve_bytes: ByteCount,
}

/// How an `open_*_window` command showed its window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum WindowOpened {
    /// A new window: it hears events once its page has announced `ready`.
    Created,
    /// It was open already and now has the focus.
    Focused,
    /// Android/iOS: there are no other windows; the frontend shows the screen as a route.
    Route,
}

/// The app's own Rust event listeners for one event name.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct ListenerCount {
    pub event: String,
    pub count: u32,
    /// How many times a Rust listener of the app ran for this event since the app started
    /// (one emit heard by two listeners counts twice): what proves Rust heard an emit.
    pub heard: u32,
}

/// A suite the app runs in its webview, then exits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum Suite {
    Bench,
    SelfTest,
}

/// How channel messages are sent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub enum FrameKind {
    /// An `ArrayBuffer` of `size` bytes; its first 4 bytes are the sequence number (LE).
    Raw,
    /// The JSON `[sequence, "<size characters>"]` (or just the sequence number for size 0).
    Json,
    /// Raw and JSON in turn, sizes cycling through `services::bench::MIXED_SIZES`.
    Mixed,
    /// A tagged stream as `download`'s: `{"event":"data","data":<sequence>}` for each message
    /// but the last, which is the one terminal `{"event":"end","data":<count>}`.
    Tagged,
}

/// What a confirmation dialog asks the user (allowing a local network).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Question {
    pub title: String,
    pub message: String,
    /// The label of the button that says yes ("Allow").
    pub ok: String,
}

/// Any JSON from the frontend (the bench's and self-test's results), typed `unknown`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct JsonValue(pub serde_json::Value);

impl Type for JsonValue {
    fn definition(_: &mut specta::Types) -> specta::datatype::DataType {
        specta_typescript::define("unknown").into()
    }
}

/// A bench report kept on this device (`save_bench_report`), as the Bench view shows it again.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct SavedBenchReport {
    /// Counts up from 1 on this device.
    pub id: u32,
    /// When it was saved, in whole milliseconds since the Unix epoch.
    pub saved_ms: f64,
    /// A `--quick`-sized run (small sizes, few repetitions).
    pub quick: bool,
    /// Every step ran to its end.
    pub completed: bool,
    /// The page's results: `{ environment, figures, error? }`.
    pub results: JsonValue,
}
