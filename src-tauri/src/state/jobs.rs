//! Background jobs: the SHA-256 of a file or a folder in the scope, at most two at once (the
//! rest queue), cancellable, listed for a page that reloads, and contained — a job runs on a
//! blocking thread, and one that panics ends as `failed` (its join error says so) while the
//! app goes on. Every job ends with exactly one update in an ended state. And the seed's
//! `start_job`, one at a time.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::runtime::Handle;
use tokio_util::sync::CancellationToken;

use super::lock;
use crate::error::{Error, Result};
use crate::models::{JobInfo, JobKind, WorkState};
use crate::services::fs::hasher::{self, Progress, Target};
use crate::services::fs::scope::Scope;
use crate::services::work::progress;
use crate::services::work::registry::Registry;
use crate::services::work::time::now_ms;

/// Jobs running at once, at most; the next ones queue.
pub const JOBS_AT_ONCE: usize = 2;
/// Jobs running or queued at once, at most; past that, starting one is `busy`.
pub const MAX_JOBS: usize = 16;
/// Least time between two progress updates of one job.
pub const PROGRESS_INTERVAL: Duration = Duration::from_millis(100);

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
        (self.report)(progress);
    }
}

/// The jobs, shared with the tasks that run them.
#[derive(Clone)]
pub struct Jobs {
    inner: Arc<Inner>,
}

struct Inner {
    runtime: Handle,
    registry: Registry<JobInfo>,
    events: Arc<dyn JobEvents>,
    seed: tokio::sync::Mutex<()>,
}

impl Jobs {
    /// Jobs run on `runtime` and tell `events` how they go.
    pub fn new(runtime: Handle, events: Arc<dyn JobEvents>) -> Self {
        Self {
            inner: Arc::new(Inner {
                runtime,
                registry: Registry::new("job", JOBS_AT_ONCE, MAX_JOBS, Default::default()),
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
                job.progress(p);
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
        self.inner.registry.cancel(id)
    }

    /// Every job of this run, newest first.
    pub fn list(&self) -> Vec<JobInfo> {
        self.inner.registry.list()
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
        let (info, cancel) = self.registry.register(None, |id| JobInfo {
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
        })?;
        self.events.update(&info);
        Ok((info, cancel))
    }

    async fn run(
        self: Arc<Self>,
        id: u32,
        cancel: CancellationToken,
        work: impl FnOnce(&JobContext) -> Result<String> + Send + 'static,
    ) -> Result<String> {
        let _place = self.registry.place(&cancel, || {}).await?;
        self.change(id, true, |job| job.state = WorkState::Running);
        let reporter = Arc::clone(&self);
        let reported = Mutex::new(Instant::now());
        let context = JobContext {
            cancel,
            // Every progress is kept; an update goes out at most once per PROGRESS_INTERVAL.
            report: Box::new(move |p| {
                let mut last = lock(&reported);
                let due = last.elapsed() >= PROGRESS_INTERVAL;
                if due {
                    *last = Instant::now();
                }
                reporter.change(id, due, |job| {
                    job.bytes = p.bytes as f64;
                    job.total_bytes = p.total_bytes as f64;
                    job.files = p.files;
                    job.total_files = p.total_files;
                });
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

    /// Applies `change` to an active job, and sends the update when `send`.
    fn change(&self, id: u32, send: bool, change: impl FnOnce(&mut JobInfo)) {
        let changed = self.registry.update(id, |job| {
            change(job);
            send.then(|| job.clone())
        });
        if let Some(Some(info)) = changed {
            self.events.update(&info);
        }
    }

    // #region recipe:cancellation
    /// Moves the job to the ended ones and sends its one update in an ended state.
    fn end(&self, id: u32, outcome: Result<String>) {
        let finish = |job: &mut JobInfo, digest: &String| job.digest = Some(digest.clone());
        let Some(info) = self.registry.end(id, &outcome, finish, |_| {}) else {
            return;
        };
        match &outcome {
            Ok(_) | Err(Error::Cancelled) => {}
            Err(e) => log::warn!("job {id} failed: {e}"),
        }
        self.events.update(&info);
    }
    // #endregion recipe:cancellation
}

/// The text a panic was raised with.
fn panic_message(payload: Box<dyn std::any::Any + Send>) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "(no message)".into())
}
