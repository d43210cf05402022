//! Network work on behalf of the windows: `fetch_data` within its bound, and the downloads —
//! queued behind the bound on downloads at once, cancellable, stopped with their window,
//! listed for a page that reloads while they run, and (the finished ones) remembered across
//! restarts in the private folder.

use std::collections::{BTreeMap, VecDeque};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use super::lock;
use crate::error::{Error, Result};
use crate::events::{DownloadFinished, DownloadProgress, DownloadStarted};
use crate::models::{DownloadEvent, DownloadInfo, WorkState};
use crate::services::download::{self, Progress, Saved};
use crate::services::http::{HttpClient, NetLimits};
use crate::services::json_store;
use crate::services::limit::Limit;
use crate::services::time::now_ms;
use crate::services::url_scope::{parse_url, UrlScope};

/// `fetch_data` calls running at once (each holds up to its size cap in memory), at most.
pub const FETCHES_AT_ONCE: usize = 4;
/// How long a fetch waits for a place before it is `busy`.
pub const FETCH_WAIT: Duration = Duration::from_secs(2);
/// The finished downloads, in the private folder.
pub const HISTORY_FILE: &str = "downloads.json";
/// Ended downloads kept in the list (and finished ones kept across restarts), at most.
pub const MAX_ENDED: usize = 100;

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
    Started(DownloadStarted),
    Progress(DownloadProgress),
    Finished(DownloadFinished),
}

#[derive(Debug)]
pub struct Network {
    client: HttpClient,
    /// Where downloads are saved (inside the readable folder).
    dir: PathBuf,
    private: PathBuf,
    fetches: Limit,
    places: Arc<Semaphore>,
    registry: Mutex<Registry>,
}

#[derive(Debug, Default)]
struct Registry {
    next_id: u32,
    /// Queued and running downloads.
    active: BTreeMap<u32, Active>,
    /// Ended downloads, newest first.
    ended: VecDeque<DownloadInfo>,
}

#[derive(Debug)]
struct Active {
    info: DownloadInfo,
    window: String,
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
            .take(MAX_ENDED)
            .collect();
        let next_id = ended.iter().map(|d| d.id).max().unwrap_or(0) + 1;
        Ok(Self {
            places: Arc::new(Semaphore::new(limits.downloads_at_once)),
            client: HttpClient::new(limits)?,
            dir,
            private,
            fetches: Limit::new("fetches", FETCHES_AT_ONCE, FETCH_WAIT),
            registry: Mutex::new(Registry {
                next_id,
                active: BTreeMap::new(),
                ended,
            }),
        })
    }

    /// Uses `client` (same limits) instead of the default one — for tests that resolve names.
    pub fn with_client(mut self, client: HttpClient) -> Self {
        self.client = client;
        self
    }

    /// `fetch_data`: the body of `url` as text.
    pub async fn fetch_text(&self, url: &str, scope: &UrlScope) -> Result<String> {
        let url = parse_url(url)?;
        scope.check(&url)?;
        let _place = self.fetches.acquire().await?;
        self.client.fetch_text(scope, url).await
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
        scope.check(&url)?;
        let (id, cancel) = self.register(url.as_str(), window)?;
        let outcome = self.run(id, url, scope, &cancel, sink).await;
        self.end(id, outcome, sink)
    }

    /// Every download of this run (queued, running, ended) and the finished ones of earlier
    /// runs, newest first.
    pub fn list(&self) -> Vec<DownloadInfo> {
        let registry = lock(&self.registry);
        let mut all: Vec<DownloadInfo> = registry
            .active
            .values()
            .map(|a| a.info.clone())
            .chain(registry.ended.iter().cloned())
            .collect();
        all.sort_by_key(|d| std::cmp::Reverse(d.id));
        all
    }

    /// Cancels a queued or running download; a download that already ended is left as it is.
    /// `notFound` for an id that never was.
    pub fn cancel(&self, id: u32) -> Result<()> {
        let registry = lock(&self.registry);
        if let Some(active) = registry.active.get(&id) {
            active.cancel.cancel();
            return Ok(());
        }
        match registry.ended.iter().any(|d| d.id == id) {
            true => Ok(()),
            false => Err(Error::NotFound(format!("no download {id}"))),
        }
    }

    /// `window` was destroyed: its downloads stop.
    pub fn window_gone(&self, window: &str) {
        for active in lock(&self.registry).active.values() {
            if active.window == window {
                active.cancel.cancel();
            }
        }
    }

    fn register(&self, url: &str, window: &str) -> Result<(u32, CancellationToken)> {
        let mut registry = lock(&self.registry);
        let max = self.client.limits.max_downloads;
        if registry.active.len() >= max {
            return Err(Error::Busy(format!(
                "{max} downloads are already queued or running; try again when one ends"
            )));
        }
        let id = registry.next_id;
        registry.next_id += 1;
        let cancel = CancellationToken::new();
        let info = DownloadInfo {
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
        };
        let active = Active {
            info,
            window: window.to_owned(),
            cancel: cancel.clone(),
        };
        registry.active.insert(id, active);
        Ok((id, cancel))
    }

    async fn run(
        &self,
        id: u32,
        url: url::Url,
        scope: &UrlScope,
        cancel: &CancellationToken,
        sink: &impl DownloadSink,
    ) -> Result<Saved> {
        let _place = match Arc::clone(&self.places).try_acquire_owned() {
            Ok(place) => place,
            Err(_) => {
                sink.send(DownloadEvent::Queued {
                    download_id: id,
                    url: url.to_string(),
                });
                tokio::select! {
                    biased;
                    _ = cancel.cancelled() => return Err(Error::Cancelled),
                    place = Arc::clone(&self.places).acquire_owned() => place
                        .map_err(|e| Error::Internal(format!("the download queue closed: {e}")))?,
                }
            }
        };
        self.update(id, |info| info.state = WorkState::Running);
        let mut report = Report {
            id,
            url: url.to_string(),
            percent: None,
        };
        download::download(&self.client, scope, url, &self.dir, cancel, |progress| {
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

    /// Moves the download to the ended ones and sends its one terminal message.
    fn end(
        &self,
        id: u32,
        outcome: Result<Saved>,
        sink: &impl DownloadSink,
    ) -> Result<DownloadInfo> {
        let mut registry = lock(&self.registry);
        let Some(Active { mut info, .. }) = registry.active.remove(&id) else {
            return Err(Error::Internal(format!("download {id} vanished")));
        };
        info.ended_ms = Some(now_ms());
        let message = match &outcome {
            Ok(saved) => {
                info.state = WorkState::Finished;
                info.received = saved.size as u32;
                info.file_name = Some(saved.file_name.clone());
                info.path = Some(saved.path.display().to_string());
                DownloadEvent::Finished { download_id: id }
            }
            Err(Error::Cancelled) => {
                info.state = WorkState::Cancelled;
                DownloadEvent::Cancelled { download_id: id }
            }
            Err(e) => {
                info.state = WorkState::Failed;
                info.error = Some(e.to_ipc());
                DownloadEvent::Failed {
                    download_id: id,
                    error: e.to_ipc(),
                }
            }
        };
        registry.ended.push_front(info.clone());
        registry.ended.truncate(MAX_ENDED);
        if outcome.is_ok() {
            let finished: Vec<&DownloadInfo> = registry
                .ended
                .iter()
                .filter(|d| d.state == WorkState::Finished)
                .collect();
            if let Err(e) = json_store::save(&self.private, HISTORY_FILE, &finished) {
                log::warn!("could not save the download history: {e}");
            }
        }
        drop(registry);
        if outcome.is_ok() {
            sink.broadcast(Broadcast::Finished(DownloadFinished(info.url.clone())));
        }
        sink.send(message);
        outcome.map(|_| info)
    }

    /// Applies `change` to an active download's info.
    fn update<T>(&self, id: u32, change: impl FnOnce(&mut DownloadInfo) -> T) -> T {
        let mut registry = lock(&self.registry);
        let active = registry
            .active
            .get_mut(&id)
            .expect("an active download stays registered until it ends");
        change(&mut active.info)
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
                sink.broadcast(Broadcast::Started(DownloadStarted {
                    url: self.url.clone(),
                    download_id: self.id,
                    content_length: total,
                }));
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
                        sink.broadcast(Broadcast::Progress(DownloadProgress(percent)));
                    }
                }
            }
        }
    }
}
