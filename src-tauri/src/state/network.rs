//! Network work on behalf of the windows: `fetch_data` within its bounds (places, deadline),
//! cancellable by its window and ended with its page or window; and the downloads — queued
//! behind the bound on downloads at once, within the folder's disk budget and their deadline,
//! cancellable, stopped with their window, listed for a page that reloads while they run, and
//! (the finished ones) remembered across restarts in the private folder.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio_util::sync::CancellationToken;

use super::{lock, PageToken};
use crate::error::{Error, Result};
use crate::models::{DownloadEvent, DownloadInfo, WorkState};
use crate::services::net::addresses::AddressPolicy;
use crate::services::net::disk::{DiskBudget, FreeSpace, Usage};
use crate::services::net::download::{self, Progress, Saved};
use crate::services::net::http::{HttpClient, NetLimits};
use crate::services::net::url_scope::{parse_url, UrlScope};
use crate::services::store::json_store;
use crate::services::work::limit::Limit;
use crate::services::work::registry::Registry;
use crate::services::work::time::{for_people, now_ms};

/// `fetch_data` calls running at once (each holds up to its size cap in memory), at most.
pub const FETCHES_AT_ONCE: usize = 4;
/// How long a fetch waits for a place before it is `busy`.
pub const FETCH_WAIT: Duration = Duration::from_secs(2);
/// `fetch_data` calls running or waiting for a place at once, at most; past that, `busy`.
pub const MAX_TRACKED_FETCHES: usize = 64;
/// The quota of the downloads folder until the preferences say otherwise.
pub const DEFAULT_QUOTA_BYTES: u64 = 2 * 1024 * 1024 * 1024;
/// The finished downloads, in the private folder.
pub const HISTORY_FILE: &str = "downloads.json";

/// Where a download's news goes: its `onEvent` channel, and the app-wide events.
pub trait DownloadSink {
    /// A message for the download's channel (dropped when the page gave none or is gone).
    fn send(&self, message: DownloadEvent);
    /// An app-wide event.
    fn broadcast(&self, event: Broadcast);
}

/// The seed's app-wide download events.
#[derive(Debug, Clone, PartialEq)]
pub enum Broadcast {
    /// `download-started`: the server answered (`content_length` when it announced one).
    Started {
        url: String,
        download_id: u32,
        content_length: Option<u32>,
    },
    /// `download-progress`: the percentage, each time it grows.
    Progress(u32),
    /// `download-finished`: the URL of a download saved in full.
    Finished(String),
}

/// Who asks for a fetch: the window, the page it shows, and the id the page gave the call
/// (to cancel it with `cancel_fetch`), if any.
#[derive(Debug, Clone)]
pub struct FetchCaller {
    pub window: String,
    pub page: PageToken,
    pub fetch_id: Option<u32>,
}

#[derive(Debug)]
pub struct Network {
    client: HttpClient,
    /// Where downloads are saved (inside the readable folder).
    dir: PathBuf,
    private: PathBuf,
    disk: Arc<DiskBudget>,
    fetches: Limit,
    running_fetches: Mutex<FetchRegistry>,
    downloads: Registry<DownloadInfo>,
}

#[derive(Debug, Default)]
struct FetchRegistry {
    next_key: u64,
    running: BTreeMap<u64, RunningFetch>,
}

#[derive(Debug)]
struct RunningFetch {
    caller: FetchCaller,
    cancel: CancellationToken,
}

impl Network {
    /// Downloads go to `dir` (created; temp files a crash left there are removed); the
    /// finished ones are remembered in `private`.
    pub fn open(dir: PathBuf, private: PathBuf, limits: NetLimits) -> Result<Self> {
        std::fs::create_dir_all(&dir)?;
        download::remove_partials(&dir)?;
        let history: Vec<DownloadInfo> = json_store::load(&private, HISTORY_FILE)?;
        let ended: VecDeque<DownloadInfo> = history
            .into_iter()
            .filter(|d| d.state == WorkState::Finished)
            .filter(|d| d.path.as_ref().is_some_and(|p| PathBuf::from(p).is_file()))
            .collect();
        let disk = Arc::new(DiskBudget::new(
            dir.clone(),
            DEFAULT_QUOTA_BYTES,
            limits.free_space_reserve,
            limits.space_check_bytes,
            FreeSpace::real(),
        ));
        let (at_once, max) = (limits.downloads_at_once, limits.max_downloads);
        Ok(Self {
            client: HttpClient::new(limits)?,
            dir,
            private,
            disk,
            fetches: Limit::new("fetches", FETCHES_AT_ONCE, FETCH_WAIT),
            running_fetches: Mutex::default(),
            downloads: Registry::new("download", at_once, max, ended),
        })
    }

    /// Uses `client` (same limits) instead of the default one — for tests that resolve names.
    #[must_use]
    pub fn with_client(mut self, client: HttpClient) -> Self {
        self.client = client;
        self
    }

    /// Measures the free space with `space` instead of asking the file system — for tests that
    /// play a nearly full disk.
    #[must_use]
    pub fn with_free_space(mut self, space: FreeSpace) -> Self {
        let limits = &self.client.limits;
        self.disk = Arc::new(DiskBudget::new(
            self.dir.clone(),
            self.disk.quota(),
            limits.free_space_reserve,
            limits.space_check_bytes,
            space,
        ));
        self
    }

    /// The HTTP client (its checks, its limits).
    pub fn client(&self) -> &HttpClient {
        &self.client
    }

    /// The local networks the client may reach; shared, so a change applies to the next check.
    pub fn address_policy(&self) -> AddressPolicy {
        self.client.policy().clone()
    }

    /// Free space downloads always leave on the disk.
    pub fn free_space_reserve(&self) -> u64 {
        self.client.limits.free_space_reserve
    }

    /// The most the downloads folder may hold, in bytes (the running downloads keep theirs).
    pub fn set_quota(&self, bytes: u64) {
        self.disk.set_quota(bytes);
    }

    /// How the downloads folder stands against its quota, and the disk's free space.
    pub async fn disk_usage(&self) -> Result<Usage> {
        let disk = Arc::clone(&self.disk);
        Ok(tokio::task::spawn_blocking(move || disk.usage()).await?)
    }

    /// `fetch_data` for nobody in particular (no window to end it with): the body of `url`.
    pub async fn fetch_text(&self, url: &str, scope: &UrlScope) -> Result<String> {
        self.fetch_text_for(url, scope, None).await
    }

    /// `fetch_data`: the body of `url` as text, within the places and the deadline; ended
    /// (`cancelled`) by `cancel_fetch` with the caller's fetch id, or when the caller's page
    /// or window goes.
    pub async fn fetch_text_for(
        &self,
        url: &str,
        scope: &UrlScope,
        caller: Option<FetchCaller>,
    ) -> Result<String> {
        let url = parse_url(url)?;
        self.client.check(scope, &url)?;
        let tracked = self.track_fetch(caller)?;
        let deadline = self.client.limits.fetch_deadline;
        let work = async {
            let _place = self.fetches.acquire().await?;
            self.client.fetch_text(scope, url).await
        };
        tokio::select! {
            biased;
            () = tracked.ended() => Err(Error::Cancelled),
            outcome = tokio::time::timeout(deadline, work) => outcome.unwrap_or_else(|_| {
                Err(Error::Timeout(format!(
                    "the fetch took longer than {}",
                    for_people(deadline)
                )))
            }),
        }
    }

    /// Cancels the running fetch `fetch_id` of `window` (never another window's). Whether
    /// there was one: a fetch that just ended is not an error.
    pub fn cancel_fetch(&self, window: &str, fetch_id: u32) -> bool {
        let fetches = lock(&self.running_fetches);
        let mut found = false;
        for running in fetches.running.values() {
            if running.caller.window == window && running.caller.fetch_id == Some(fetch_id) {
                running.cancel.cancel();
                found = true;
            }
        }
        found
    }

    fn track_fetch(&self, caller: Option<FetchCaller>) -> Result<TrackedFetch<'_>> {
        let cancel = CancellationToken::new();
        let Some(caller) = caller else {
            return Ok(TrackedFetch {
                network: self,
                key: None,
                page: None,
                cancel,
            });
        };
        let mut fetches = lock(&self.running_fetches);
        if fetches.running.len() >= MAX_TRACKED_FETCHES {
            return Err(Error::Busy(format!(
                "{MAX_TRACKED_FETCHES} fetches are already running or waiting"
            )));
        }
        if let Some(id) = caller.fetch_id {
            let taken = fetches.running.values().any(|r| {
                r.caller.window == caller.window
                    && r.caller.fetch_id == Some(id)
                    && r.caller.page.is_live()
            });
            if taken {
                return Err(Error::InvalidInput(format!(
                    "fetch id {id} is already in use by a running fetch of this window"
                )));
            }
        }
        let key = fetches.next_key;
        fetches.next_key += 1;
        let page = caller.page.clone();
        let running = RunningFetch {
            caller,
            cancel: cancel.clone(),
        };
        fetches.running.insert(key, running);
        Ok(TrackedFetch {
            network: self,
            key: Some(key),
            page: Some(page),
            cancel,
        })
    }

    /// `download`: checks `url` against `scope` (refused before anything starts), then queues,
    /// runs and ends the download, telling `sink` as it goes. Every download that got an id
    /// ends with exactly one `finished`, `failed` or `cancelled` message.
    pub async fn download(
        &self,
        url: &str,
        scope: &UrlScope,
        window: &str,
        sink: &impl DownloadSink,
    ) -> Result<DownloadInfo> {
        let url = parse_url(url)?;
        self.client.check(scope, &url)?;
        let (id, cancel) = self.register(url.as_str(), window)?;
        let outcome = self.run(id, url, scope, &cancel, sink).await;
        self.end(id, outcome, sink)
    }

    /// Every download of this run (queued, running, ended) and the finished ones of earlier
    /// runs, newest first.
    pub fn list(&self) -> Vec<DownloadInfo> {
        self.downloads.list()
    }

    /// Cancels a queued or running download; a download that already ended is left as it is.
    /// `notFound` for an id that never was.
    pub fn cancel(&self, id: u32) -> Result<()> {
        self.downloads.cancel(id)
    }

    /// `window` was destroyed: its downloads and fetches stop.
    pub fn window_gone(&self, window: &str) {
        self.downloads.cancel_owned_by(window);
        for running in lock(&self.running_fetches).running.values() {
            if running.caller.window == window {
                running.cancel.cancel();
            }
        }
    }

    fn register(&self, url: &str, window: &str) -> Result<(u32, CancellationToken)> {
        let (info, cancel) = self.downloads.register(Some(window), |id| DownloadInfo {
            id,
            url: url.to_owned(),
            state: WorkState::Queued,
            received: 0,
            total: None,
            file_name: None,
            path: None,
            error: None,
            started_ms: now_ms(),
            ended_ms: None,
        })?;
        Ok((info.id, cancel))
    }

    async fn run(
        &self,
        id: u32,
        url: url::Url,
        scope: &UrlScope,
        cancel: &CancellationToken,
        sink: &impl DownloadSink,
    ) -> Result<Saved> {
        let queued = || {
            sink.send(DownloadEvent::Queued {
                download_id: id,
                url: url.to_string(),
            });
        };
        let _place = self.downloads.place(cancel, queued).await?;
        self.update(id, |info| info.state = WorkState::Running);
        let mut report = Report {
            id,
            url: url.to_string(),
            percent: None,
        };
        let (client, dir, disk) = (&self.client, &self.dir, &self.disk);
        download::download(client, scope, url, dir, disk, cancel, |progress| {
            let (received, total) = self.update(id, |info| {
                match &progress {
                    Progress::Started {
                        content_length,
                        file_name,
                    } => {
                        info.total = content_length.map(|len| len as u32);
                        info.file_name = Some(file_name.clone());
                    }
                    Progress::Received(len) => info.received += *len as u32,
                }
                (info.received, info.total)
            });
            report.on(&progress, received, total, sink);
        })
        .await
    }

    // #region recipe:cancellation
    /// Moves the download to the ended ones (a finished one into the history too) and sends
    /// its one terminal message.
    fn end(
        &self,
        id: u32,
        outcome: Result<Saved>,
        sink: &impl DownloadSink,
    ) -> Result<DownloadInfo> {
        let finish = |info: &mut DownloadInfo, saved: &Saved| {
            info.received = saved.size as u32;
            info.file_name = Some(saved.file_name.clone());
            info.path = Some(saved.path.display().to_string());
        };
        let save = |ended: &VecDeque<DownloadInfo>| {
            if outcome.is_ok() {
                self.save_history(ended);
            }
        };
        let Some(info) = self.downloads.end(id, &outcome, finish, save) else {
            return Err(Error::Internal(format!("download {id} vanished")));
        };
        let message = match &outcome {
            Ok(_) => DownloadEvent::Finished { download_id: id },
            Err(Error::Cancelled) => DownloadEvent::Cancelled { download_id: id },
            Err(e) => DownloadEvent::Failed {
                download_id: id,
                error: e.to_ipc(),
            },
        };
        if outcome.is_ok() {
            sink.broadcast(Broadcast::Finished(info.url.clone()));
        }
        sink.send(message);
        outcome.map(|_| info)
    }
    // #endregion recipe:cancellation

    /// Saves the finished ones of `ended` (newest first) as the history.
    fn save_history(&self, ended: &VecDeque<DownloadInfo>) {
        let finished: Vec<&DownloadInfo> = ended
            .iter()
            .filter(|d| d.state == WorkState::Finished)
            .collect();
        if let Err(e) = json_store::save(&self.private, HISTORY_FILE, &finished) {
            log::warn!("could not save the download history: {e}");
        }
    }

    /// Applies `change` to an active download's info.
    fn update<T>(&self, id: u32, change: impl FnOnce(&mut DownloadInfo) -> T) -> T {
        self.downloads
            .update(id, change)
            .expect("an active download stays registered until it ends")
    }
}

/// A fetch in the registry while it runs (taken out when it ends, however it ends).
struct TrackedFetch<'a> {
    network: &'a Network,
    key: Option<u64>,
    page: Option<PageToken>,
    cancel: CancellationToken,
}

impl TrackedFetch<'_> {
    /// Resolves when the fetch is cancelled or the page that asked for it is gone.
    async fn ended(&self) {
        let page_gone = async {
            match &self.page {
                Some(page) => page.gone().await,
                None => std::future::pending().await,
            }
        };
        tokio::select! {
            () = self.cancel.cancelled() => {}
            () = page_gone => {}
        }
    }
}

impl Drop for TrackedFetch<'_> {
    fn drop(&mut self) {
        if let Some(key) = self.key {
            lock(&self.network.running_fetches).running.remove(&key);
        }
    }
}

/// Turns a download's progress into its messages: `started`, one `progress` per report
/// (the service reports at most once per interval), and a `download-progress` percentage each
/// time it grows.
struct Report {
    id: u32,
    url: String,
    percent: Option<u32>,
}

impl Report {
    fn on(
        &mut self,
        progress: &Progress,
        received: u32,
        total: Option<u32>,
        sink: &impl DownloadSink,
    ) {
        match progress {
            Progress::Started { .. } => {
                sink.send(DownloadEvent::Started {
                    url: self.url.clone(),
                    download_id: self.id,
                    content_length: total,
                });
                sink.broadcast(Broadcast::Started {
                    url: self.url.clone(),
                    download_id: self.id,
                    content_length: total,
                });
            }
            Progress::Received(len) => {
                sink.send(DownloadEvent::Progress {
                    download_id: self.id,
                    chunk_length: *len as u32,
                });
                if let Some(total) = total.filter(|t| *t > 0) {
                    let percent = (u64::from(received) * 100 / u64::from(total)).min(100) as u32;
                    if self.percent.map_or(true, |p| percent > p) {
                        self.percent = Some(percent);
                        sink.broadcast(Broadcast::Progress(percent));
                    }
                }
            }
        }
    }
}
