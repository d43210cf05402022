//! Background jobs: the SHA-256 of a file or a folder in the scope, at most two at once (the
//! rest queue), cancellable, listed for a page that reloads, and contained — a job runs on a
//! blocking thread, and one that panics ends as `failed` (its join error says so) while the
//! app goes on. Every job ends with exactly one update in an ended state. And the seed's
//! `start_job`, one at a time.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::runtime::Handle;
use tokio::sync::Semaphore;
use tokio_util::sync::CancellationToken;

use super::lock;
use crate::error::{Error, Result};
use crate::models::{JobInfo, JobKind, WorkState};
use crate::services::fs::hasher::{self, Progress, Target};
use crate::services::fs::scope::Scope;
use crate::services::work::progress;
use crate::services::work::time::now_ms;

/// Jobs running at once, at most; the next ones queue.
pub const JOBS_AT_ONCE: usize = 2;
/// Jobs running or queued at once, at most; past that, starting one is `busy`.
pub const MAX_JOBS: usize = 16;
/// Least time between two progress updates of one job.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);
/// Ended jobs kept in the list, at most.
pub const MAX_ENDED: usize = 100;

/// Where job news goes: the app-wide `job-update` event.
pub trait JobEvents: Send + Sync {
    fn update(&self, job: &JobInfo);
}

/// What a job's work is given: whether it was cancelled, and where its progress goes.
pub struct JobContext {
    cancel: CancellationToken,
    report: Box<dyn Fn(Progress) + Send + Sync>,
}

impl JobContext {
    pub fn is_cancelled(&self) -> bool {
        self.cancel.is_cancelled()
    }

    pub fn progress(&self, progress: Progress) {
        (self.report)(progress)
    }
}

/// The jobs, shared with the tasks that run them.
#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Inner>,
}

struct Inner {
    runtime: Handle,
    places: Arc<Semaphore>,
    registry: Mutex<Registry>,
    events: Arc<dyn JobEvents>,
    seed: tokio::sync::Mutex<()>,
}

#[derive(Default)]
struct Registry {
    next_id: u32,
    active: BTreeMap<u32, Active>,
    /// Newest first.
    ended: VecDeque<JobInfo>,
}

struct Active {
    info: JobInfo,
    cancel: CancellationToken,
    reported: Option<Instant>,
}

impl Jobs {
    /// Jobs run on `runtime` and tell `events` how they go.
    pub fn new(runtime: Handle, events: Arc<dyn JobEvents>) -> Self {
        Self {
            inner: Arc::new(Inner {
                runtime,
                places: Arc::new(Semaphore::new(JOBS_AT_ONCE)),
                registry: Mutex::new(Registry {
                    next_id: 1,
                    ..Registry::default()
                }),
                events,
                seed: tokio::sync::Mutex::new(()),
            }),
        }
    }

    /// Starts hashing the file or folder at `path` if `scope` allows reading it (refused
    /// before any job exists otherwise); answers with the job as it starts.
    pub async fn start_hash(&self, scope: Scope, path: &str) -> Result<JobInfo> {
        let (opening, path) = (scope.clone(), path.to_owned());
        let target =
            tokio::task::spawn_blocking(move || hasher::open_target(&opening, &path)).await??;
        let kind = match target {
            Target::File { .. } => JobKind::HashFile,
            Target::Folder { .. } => JobKind::HashFolder,
        };
        let shown = target.path().display().to_string();
        self.start(kind, shown, move |job| {
            hasher::hash(target, &scope, &|| job.is_cancelled(), &mut |p| {
                job.progress(p)
            })
        })
    }

    /// Runs `work` as a job on a blocking thread, within the bound on jobs at once. Its `Ok`
    /// is the job's digest; a panic in it ends the job as `failed`.
    pub fn start(
        &self,
        kind: JobKind,
        target: String,
        work: impl FnOnce(&JobContext) -> Result<String> + Send + 'static,
    ) -> Result<JobInfo> {
        let (info, cancel) = self.inner.register(kind, target)?;
        let inner = Arc::clone(&self.inner);
        let id = info.id;
        self.inner.runtime.spawn(async move {
            let outcome = Arc::clone(&inner).run(id, cancel, work).await;
            inner.end(id, outcome);
        });
        Ok(info)
    }

    /// Cancels a queued or running job; one that ended stays as it ended. `notFound` for an
    /// id that never was.
    pub fn cancel(&self, id: u32) -> Result<()> {
        let registry = lock(&self.inner.registry);
        if let Some(active) = registry.active.get(&id) {
            active.cancel.cancel();
            return Ok(());
        }
        match registry.ended.iter().any(|job| job.id == id) {
            true => Ok(()),
            false => Err(Error::NotFound(format!("no job {id}"))),
        }
    }

    /// Every job of this run, newest first.
    pub fn list(&self) -> Vec<JobInfo> {
        let registry = lock(&self.inner.registry);
        let mut all: Vec<JobInfo> = registry
            .active
            .values()
            .map(|a| a.info.clone())
            .chain(registry.ended.iter().cloned())
            .collect();
        all.sort_by_key(|job| std::cmp::Reverse(job.id));
        all
    }

    /// The seed's `start_job`: `progress` gets 1 to 100 (about two seconds), then `done` runs.
    /// One at a time: a second call while one runs is `busy`.
    pub async fn run_seed(
        &self,
        mut progress: impl FnMut(u32) -> Result<()>,
        done: impl FnOnce() -> Result<()>,
    ) -> Result<()> {
        let _only = self
            .inner
            .seed
            .try_lock()
            .map_err(|_| Error::Busy("the seed job is already running".into()))?;
        progress::count(1..=100, progress::STEP, |n| std::future::ready(progress(n))).await?;
        done()
    }
}

impl Inner {
    fn register(&self, kind: JobKind, target: String) -> Result<(JobInfo, CancellationToken)> {
        let mut registry = lock(&self.registry);
        if registry.active.len() >= MAX_JOBS {
            return Err(Error::Busy(format!(
                "{MAX_JOBS} jobs are already queued or running; try again when one ends"
            )));
        }
        let id = registry.next_id;
        registry.next_id += 1;
        let info = JobInfo {
            id,
            kind,
            target,
            state: WorkState::Queued,
            bytes: 0.0,
            total_bytes: 0.0,
            files: 0,
            total_files: 0,
            digest: None,
            error: None,
            started_ms: now_ms(),
            ended_ms: None,
        };
        let cancel = CancellationToken::new();
        let active = Active {
            info: info.clone(),
            cancel: cancel.clone(),
            reported: None,
        };
        registry.active.insert(id, active);
        drop(registry);
        self.events.update(&info);
        Ok((info, cancel))
    }

    async fn run(
        self: Arc<Self>,
        id: u32,
        cancel: CancellationToken,
        work: impl FnOnce(&JobContext) -> Result<String> + Send + 'static,
    ) -> Result<String> {
        let _place = tokio::select! {
            biased;
            _ = cancel.cancelled() => return Err(Error::Cancelled),
            place = Arc::clone(&self.places).acquire_owned() => place
                .map_err(|e| Error::Internal(format!("the job queue closed: {e}")))?,
        };
        self.change(id, true, |job| job.state = WorkState::Running);
        let reporter = Arc::clone(&self);
        let context = JobContext {
            cancel,
            report: Box::new(move |p| {
                reporter.change(id, false, |job| {
                    job.bytes = p.bytes as f64;
                    job.total_bytes = p.total_bytes as f64;
                    job.files = p.files;
                    job.total_files = p.total_files;
                })
            }),
        };
        match tokio::task::spawn_blocking(move || work(&context)).await {
            Ok(outcome) => outcome,
            Err(joined) if joined.is_panic() => Err(Error::Internal(format!(
                "the job panicked: {}",
                panic_message(joined.into_panic())
            ))),
            Err(joined) => Err(joined.into()),
        }
    }

    /// Applies `change` to an active job and sends the update — always when `now`, else at
    /// most once per [`PROGRESS_INTERVAL`].
    fn change(&self, id: u32, now: bool, change: impl FnOnce(&mut JobInfo)) {
        let mut registry = lock(&self.registry);
        let Some(active) = registry.active.get_mut(&id) else {
            return;
        };
        change(&mut active.info);
        let due = active
            .reported
            .map_or(true, |at| at.elapsed() >= PROGRESS_INTERVAL);
        if now || due {
            active.reported = Some(Instant::now());
            let info = active.info.clone();
            drop(registry);
            self.events.update(&info);
        }
    }

    /// Moves the job to the ended ones and sends its one update in an ended state.
    fn end(&self, id: u32, outcome: Result<String>) {
        let mut registry = lock(&self.registry);
        let Some(Active { mut info, .. }) = registry.active.remove(&id) else {
            return;
        };
        info.ended_ms = Some(now_ms());
        match outcome {
            Ok(digest) => {
                info.state = WorkState::Finished;
                info.digest = Some(digest);
            }
            Err(Error::Cancelled) => info.state = WorkState::Cancelled,
            Err(e) => {
                log::warn!("job {id} failed: {e}");
                info.state = WorkState::Failed;
                info.error = Some(e.to_ipc());
            }
        }
        registry.ended.push_front(info.clone());
        registry.ended.truncate(MAX_ENDED);
        drop(registry);
        self.events.update(&info);
    }
}

/// The text a panic was raised with.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}
