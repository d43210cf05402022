//! The bench and the self-test: the mode the app runs in, the report that ends a run, and the
//! payloads the bench times — invoke round trips, bytes both ways in three encodings, channel
//! frames, events, structured JSON — with the `eval` floor (`bench_eval`; the transport floor
//! is the `bench:` URI scheme, `bench_scheme.rs`). Each run holds one of two places, so a page
//! cannot pile up 64 MiB payloads.

use std::time::Instant;

use base64::Engine;
use tauri::{AppHandle, Emitter, EventTarget, Manager, Runtime, State, Webview};

use crate::commands::batched_channel::BatchedChannel;
use crate::commands::ipc::{BenchBody, PageChannel, RawRequest};
use crate::error::{Error, Result};
use crate::models::{
    BenchEncoding, ChannelRun, FrameKind, IpcPattern, JsonValue, RunModeInfo, SavedBenchReport,
    SelfTestSuite,
};
use crate::services::bench::run_mode::{self, RunMode};
use crate::services::bench::scale;
use crate::services::bench::{self, Record};
use crate::services::platform;
use crate::services::transport::raw_body::upload_bytes;
use crate::state::{BenchHistory, BenchRuns};
use crate::wiring::channel_frames;
use crate::wiring::events::BenchEvent;

/// How this run of the app was started (`--bench`, `--self-test` or neither), the counts the
/// self-test runs with, the transport of this call, the IPC pattern of this build, and the
/// platform the app was built for.
#[tauri::command]
#[specta::specta]
pub fn run_mode<R: Runtime>(
    mode: State<'_, RunMode>,
    request: RawRequest<'_>,
    app: AppHandle<R>,
) -> RunModeInfo {
    RunModeInfo {
        suite: mode.suite,
        quick: mode.quick,
        transport: request.transport(),
        pattern: pattern(&app),
        scale: scale::of(mode.scale),
        platform: platform::current(),
        mobile: platform::current().is_mobile(),
    }
}

/// The IPC pattern this build's configuration names.
fn pattern<R: Runtime>(app: &AppHandle<R>) -> IpcPattern {
    match app.config().app.security.pattern {
        tauri::utils::config::PatternKind::Brownfield => IpcPattern::Brownfield,
        tauri::utils::config::PatternKind::Isolation { .. } => IpcPattern::Isolation,
    }
}

/// Logs that a `--self-test` run reached `suite` (or page `reload` of its reload loop): one
/// line per step, so a device CI can see where a run that never ends stopped.
#[tauri::command]
#[specta::specta]
pub fn run_progress(
    suite: SelfTestSuite,
    reload: Option<u32>,
    mode: State<'_, RunMode>,
) -> Result<()> {
    // Outside the `log!` macro: it skips its arguments when the level is off.
    let line = run_mode::progress_line(&mode, suite, reload)?;
    log::info!("{line}");
    Ok(())
}

/// Ends a `--bench` or `--self-test` run: writes the report (the page's results and what
/// Rust knows of the build, the IPC pattern included) to `--out` or stdout (on mobile: a file
/// in the app data folder, and the log), and exits non-zero when `passed` is false.
#[tauri::command]
#[specta::specta]
pub fn finish_run<R: Runtime>(
    results: JsonValue,
    passed: bool,
    app: AppHandle<R>,
    mode: State<'_, RunMode>,
    request: RawRequest<'_>,
) -> Result<()> {
    let version = app.package_info().version.to_string();
    let transport = request.transport();
    let report = run_mode::report(
        &mode,
        results.0,
        passed,
        transport,
        &version,
        tauri::VERSION,
        pattern(&app),
    )?;
    let data_dir = || {
        app.path()
            .app_data_dir()
            .map_err(|e| Error::Internal(format!("no app data folder: {e}")))
    };
    let target = run_mode::report_target(&mode, cfg!(mobile), data_dir)?;
    run_mode::write_report(&target, &report)?;
    app.exit(i32::from(!passed));
    Ok(())
}

/// The bench reports kept on this device, newest first (at most six).
#[tauri::command]
#[specta::specta]
pub fn bench_reports(history: State<'_, BenchHistory>) -> Vec<SavedBenchReport> {
    history.reports()
}

/// Keeps a bench run's `results` (`{ environment, figures, error? }`, at most 1 MiB of JSON)
/// as the newest report of this device; the oldest of seven goes. Anything else is
/// `invalidInput`.
#[tauri::command]
#[specta::specta]
pub fn save_bench_report(
    results: JsonValue,
    quick: bool,
    completed: bool,
    history: State<'_, BenchHistory>,
) -> Result<SavedBenchReport> {
    history.save(results, quick, completed)
}

/// A synchronous no-op (runs on the main thread): the invoke round trip alone.
#[tauri::command]
#[specta::specta]
pub fn bench_noop() {}

/// An async no-op (runs on the async runtime).
#[tauri::command]
#[specta::specta]
pub async fn bench_noop_async() {}

/// `size` bytes of the pattern (from `offset`, default 0: a chunk of a larger payload) to the
/// webview as a JSON number array, a base64 string or a raw `ArrayBuffer`.
#[tauri::command]
#[specta::specta]
pub async fn bench_bytes(
    size: u32,
    encoding: BenchEncoding,
    offset: Option<u32>,
    runs: State<'_, BenchRuns>,
) -> Result<BenchBody> {
    let _place = runs.0.acquire().await?;
    let bytes = bench::pattern_at(offset.unwrap_or(0).into(), size as usize)?;
    Ok(match encoding {
        BenchEncoding::JsonArray => BenchBody::json(&bytes)?,
        BenchEncoding::Base64 => {
            BenchBody::json(&base64::engine::general_purpose::STANDARD.encode(bytes))?
        }
        BenchEncoding::Raw => BenchBody::raw(bytes.to_vec()),
    })
}

/// Bytes from the webview — a raw body, a JSON number array or a base64 string — decoded as a
/// command would, then checked as the scheme's `POST /echo` checks its body; answers their count.
#[tauri::command]
#[specta::specta]
pub async fn bench_upload(request: RawRequest<'_>, runs: State<'_, BenchRuns>) -> Result<u32> {
    let _place = runs.0.acquire().await?;
    bench::consume(&upload_bytes(request.body(), bench::MAX_BYTES)?)
}

// #region recipe:channel-frames
/// Sends `run.count` messages of `run.size` bytes on `on_message`, `run.batch` to a frame;
/// answers the count once all are sent, waiting while the page holds its budget. Stops
/// (`cancelled`) when the calling page is gone, (`timeout`) when it takes nothing for a while.
#[tauri::command]
#[specta::specta]
pub async fn bench_channel(
    on_message: PageChannel<BenchBody>,
    run: ChannelRun,
    runs: State<'_, BenchRuns>,
) -> Result<u32> {
    let _place = runs.0.acquire().await?;
    let ChannelRun {
        kind,
        count,
        size,
        batch,
    } = run;
    bench::check_run(kind, count, size as usize, batch)?;
    let mut first = 0;
    while first < count {
        let n = batch.min(count - first);
        let frame = BenchBody::frame(bench::batch(kind, first, n, count, size as usize));
        on_message.send(frame).await?;
        first += n;
    }
    Ok(count)
}
// #endregion recipe:channel-frames

// #region recipe:channel-batched
/// Sends the numbers `0..count` on a batching channel (`BatchedChannel`: many to a frame, in
/// order, the last one the end); answers the count once all are sent.
#[tauri::command]
#[specta::specta]
pub async fn bench_batched(
    on_message: BatchedChannel<u32>,
    count: u32,
    runs: State<'_, BenchRuns>,
) -> Result<u32> {
    let _place = runs.0.acquire().await?;
    bench::check_run(FrameKind::Json, count, 0, 1)?;
    let Some(last) = count.checked_sub(1) else {
        return Ok(0);
    };
    for i in 0..last {
        on_message.send(&i).await?;
    }
    on_message.finish(&last).await?;
    Ok(count)
}
// #endregion recipe:channel-batched

/// Emits `bench-event` (payload: the sequence number) `count` times to the calling webview.
#[tauri::command]
#[specta::specta]
pub async fn bench_events<R: Runtime>(
    count: u32,
    webview: Webview<R>,
    runs: State<'_, BenchRuns>,
) -> Result<u32> {
    let target = EventTarget::webview_window(webview.label());
    burst(&runs, count, |i| {
        webview.emit_to(target.clone(), "bench-event", BenchEvent(i))
    })
    .await
}

/// Evaluates a script in the calling webview `count` times: the floors for small channel
/// messages and events, which are delivered by `eval` too. Without `callback`, the bare
/// `window.__ipcLabBenchEval(i)`; with it, the very text the app's channel delivery evaluates
/// for message `i` of a small JSON run (`runCallback(callback,{message:i,index:i})`, as Tauri's
/// own), into the page's callback `callback`.
#[tauri::command]
#[specta::specta]
pub async fn bench_eval<R: Runtime>(
    count: u32,
    callback: Option<u32>,
    webview: Webview<R>,
    runs: State<'_, BenchRuns>,
) -> Result<u32> {
    burst(&runs, count, |i| {
        webview.eval(match callback {
            None => format!("window.__ipcLabBenchEval({i})"),
            Some(id) => channel_frames::run_callback(id, &i.to_string(), i as usize),
        })
    })
    .await
}

/// Holds a bench place and sends message `i` for each of `count` (a burst: it does not wait
/// for the page, so it is bounded by `check_burst`).
async fn burst(
    runs: &BenchRuns,
    count: u32,
    send: impl Fn(u32) -> tauri::Result<()>,
) -> Result<u32> {
    let _place = runs.0.acquire().await?;
    bench::check_burst(count)?;
    for i in 0..count {
        send(i).map_err(|e| Error::Internal(format!("could not send: {e}")))?;
    }
    Ok(count)
}

/// `records` records of structured JSON (6,500 are about 1 MiB).
#[tauri::command]
#[specta::specta]
pub async fn bench_json(records: u32, runs: State<'_, BenchRuns>) -> Result<Vec<Record>> {
    let _place = runs.0.acquire().await?;
    bench::records(records)
}

/// `records` records of structured JSON by another route than the answer: evaluated in the
/// calling page as the argument of its callback `callback` (one script, which `WebKit` hands the
/// web process in one message, parsed there as a literal); answers the count.
#[tauri::command]
#[specta::specta]
pub async fn bench_json_eval<R: Runtime>(
    records: u32,
    callback: u32,
    webview: Webview<R>,
    runs: State<'_, BenchRuns>,
) -> Result<u32> {
    let _place = runs.0.acquire().await?;
    let json = serde_json::to_string(&bench::records(records)?)
        .map_err(|e| Error::Internal(e.to_string()))?;
    webview
        .eval(format!(
            "window.__TAURI_INTERNALS__.runCallback({callback},{json})"
        ))
        .map_err(|e| Error::Internal(format!("could not evaluate: {e}")))?;
    Ok(records)
}

/// Nanoseconds Rust takes to build `records` records and serialize them, as `bench_json` does
/// before Tauri sends them: with `JSON.parse` of the same text in the page, the cost of JSON
/// alone, which `bench_json`'s round trip is compared with.
#[tauri::command]
#[specta::specta]
pub async fn bench_serde(records: u32, runs: State<'_, BenchRuns>) -> Result<f64> {
    let _place = runs.0.acquire().await?;
    let started = Instant::now();
    let built = bench::records(std::hint::black_box(records))?;
    let text = serde_json::to_string(&built).map_err(|e| Error::Internal(e.to_string()))?;
    std::hint::black_box(text);
    Ok(started.elapsed().as_nanos() as f64)
}
