//! The network commands: `fetch_data` and `download` (with `cancel_download` and
//! `list_downloads`). The URLs a window may reach come from its capability
//! ([`CallerUrlScope`]); the work is `state::Network`'s.

use tauri::{AppHandle, Manager, Runtime, State, Webview};
use tauri_specta::Event;

use crate::error::Result;
use crate::ipc::{CallerUrlScope, OptionalChannel, PageChannel};
use crate::models::{DownloadEvent, DownloadInfo};
use crate::state::{Broadcast, DownloadSink, Network};

/// `invoke('fetch_data', { url })` → the body as text (at most 10 MiB).
#[tauri::command]
#[specta::specta]
pub async fn fetch_data(
    url: String,
    scope: CallerUrlScope,
    network: State<'_, Network>,
) -> Result<String> {
    network.fetch_text(&url, &scope.0).await
}

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

/// Cancels a queued or running download; idempotent (an ended one stays as it ended).
#[tauri::command]
#[specta::specta]
pub fn cancel_download(download_id: u32, network: State<'_, Network>) -> Result<()> {
    network.cancel(download_id)
}

/// Every download, newest first: what a reloaded page shows and keeps following.
#[tauri::command]
#[specta::specta]
pub fn list_downloads(network: State<'_, Network>) -> Vec<DownloadInfo> {
    network.list()
}

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
            Broadcast::Started(event) => event.emit(&self.app),
            Broadcast::Progress(event) => event.emit(&self.app),
            Broadcast::Finished(event) => event.emit(&self.app),
        };
        if let Err(e) = emitted {
            log::warn!("could not emit a download event: {e}");
        }
    }
}
