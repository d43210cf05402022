//! The network commands: `fetch_data` (with `cancel_fetch`) and `download` (with
//! `cancel_download`, `list_downloads` and `download_usage`), and the local networks the user
//! allows in Settings. The URLs a window may reach come from its capability
//! ([`CallerUrlScope`]); the work is `state::Network`'s and `state::LocalNetworks`'.

use tauri::{AppHandle, Manager, Runtime, State, Webview};
use tauri_specta::Event;

use crate::commands::ipc::{CallerUrlScope, OptionalChannel, PageChannel};
use crate::error::Result;
use crate::models::{ByteCount, DownloadEvent, DownloadInfo, DownloadUsage};
use crate::state::{Broadcast, DownloadSink, FetchCaller, LocalNetworks, Network, Pages};
use crate::wiring::confirm_dialog::ConfirmDialog;
use crate::wiring::events::{DownloadFinished, DownloadProgress, DownloadStarted};

// #region recipe:capabilities
/// `invoke('fetch_data', { url })` → the body as text (at most 10 MiB, within 60 s). With a
/// `fetchId` of the page's choosing, `cancel_fetch` can end it; it also ends when the page
/// reloads or its window closes.
#[tauri::command]
#[specta::specta]
pub async fn fetch_data<R: Runtime>(
    url: String,
    fetch_id: Option<u32>,
    webview: Webview<R>,
    scope: CallerUrlScope,
    network: State<'_, Network>,
    pages: State<'_, Pages>,
) -> Result<String> {
    let caller = FetchCaller {
        window: webview.label().to_owned(),
        page: pages.current(webview.label()),
        fetch_id,
    };
    network.fetch_text_for(&url, &scope.0, Some(caller)).await
}
// #endregion recipe:capabilities

/// Cancels the calling window's running `fetch_data` with this `fetchId` (it rejects with
/// `cancelled`); another window's fetches are out of reach. Whether one was running.
#[tauri::command]
#[specta::specta]
pub fn cancel_fetch<R: Runtime>(
    fetch_id: u32,
    webview: Webview<R>,
    network: State<'_, Network>,
) -> bool {
    network.cancel_fetch(webview.label(), fetch_id)
}

/// How the downloads folder stands against its quota, and the disk's free space.
#[tauri::command]
#[specta::specta]
pub async fn download_usage(network: State<'_, Network>) -> Result<DownloadUsage> {
    let usage = network.disk_usage().await?;
    Ok(DownloadUsage {
        used_bytes: ByteCount(usage.used),
        reserved_bytes: ByteCount(usage.reserved),
        quota_bytes: ByteCount(usage.quota),
        free_bytes: usage.free.map(ByteCount),
        free_reserve_bytes: ByteCount(network.free_space_reserve()),
    })
}

/// The local network ranges pages may reach (beyond them, private and shared ranges are refused).
#[tauri::command]
#[specta::specta]
pub fn local_networks(networks: State<'_, LocalNetworks>) -> Vec<String> {
    networks.list()
}

/// Asks the user, in a native dialog that names it, whether pages may reach `range` (inside a
/// private or shared range: `192.168.1.0/24`, `fd12:3456::/48`); only their OK adds it.
/// Answers the ranges now allowed (unchanged when they cancel).
#[tauri::command]
#[specta::specta]
pub async fn add_local_network<R: Runtime>(
    range: String,
    webview: Webview<R>,
    networks: State<'_, LocalNetworks>,
    dialog: State<'_, ConfirmDialog>,
) -> Result<Vec<String>> {
    networks
        .add(&range, |question| dialog.ask(webview.label(), &question))
        .await
}

/// Stops allowing a local network range; `notFound` when it is not allowed.
#[tauri::command]
#[specta::specta]
pub fn remove_local_network(
    range: String,
    networks: State<'_, LocalNetworks>,
) -> Result<Vec<String>> {
    networks.remove(&range)
}

// #region recipe:channel-enum
/// `invoke('download', { url })` or `invoke('download', { url, onEvent })`: saves the file in
/// the downloads folder and resolves with it. Emits `download-started`, `download-progress`
/// and `download-finished` to every window, and streams the tagged `DownloadEvent`s on
/// `onEvent` while the calling page is there. Stops when the calling window is closed.
#[tauri::command]
#[specta::specta]
pub async fn download<R: Runtime>(
    url: String,
    on_event: OptionalChannel<DownloadEvent>,
    webview: Webview<R>,
    scope: CallerUrlScope,
    network: State<'_, Network>,
) -> Result<DownloadInfo> {
    let sink = Sink {
        app: webview.app_handle().clone(),
        channel: on_event.0,
    };
    network
        .download(&url, &scope.0, webview.label(), &sink)
        .await
}
// #endregion recipe:channel-enum

// #region recipe:cancellation
/// Cancels a queued or running download; idempotent (an ended one stays as it ended).
#[tauri::command]
#[specta::specta]
pub fn cancel_download(download_id: u32, network: State<'_, Network>) -> Result<()> {
    network.cancel(download_id)
}
// #endregion recipe:cancellation

/// Every download, newest first: what a reloaded page shows and keeps following.
#[tauri::command]
#[specta::specta]
pub fn list_downloads(network: State<'_, Network>) -> Vec<DownloadInfo> {
    network.list()
}

// #region recipe:channel-enum
/// A download's channel (while its page is there) and the app-wide events.
struct Sink<R: Runtime> {
    app: AppHandle<R>,
    channel: Option<PageChannel<DownloadEvent>>,
}

impl<R: Runtime> DownloadSink for Sink<R> {
    fn send(&self, message: DownloadEvent) {
        if let Some(channel) = &self.channel {
            // After a reload nobody reads the channel; the download goes on all the same. A few
            // small messages a second, paced by the download's timer: sent without waiting.
            if let Err(e) = channel.send_now(message) {
                log::debug!("download message not sent: {e}");
            }
        }
    }

    fn broadcast(&self, event: Broadcast) {
        let emitted = match event {
            Broadcast::Started {
                url,
                download_id,
                content_length,
            } => DownloadStarted {
                url,
                download_id,
                content_length,
            }
            .emit(&self.app),
            Broadcast::Progress(percent) => DownloadProgress(percent).emit(&self.app),
            Broadcast::Finished(url) => DownloadFinished(url).emit(&self.app),
        };
        if let Err(e) = emitted {
            log::warn!("could not emit a download event: {e}");
        }
    }
}
// #endregion recipe:channel-enum
