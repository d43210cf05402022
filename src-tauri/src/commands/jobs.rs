//! Jobs: the seed's `start_job` (events `job-progress` 1..=100, then `job-done`) and background
//! hash jobs (`job-update` events, `cancel_job`, `list_jobs`). The work is `state::Jobs`'s.

use tauri::{AppHandle, Runtime, State};
use tauri_specta::Event;

use crate::error::{Error, Result};
use crate::models::JobInfo;
use crate::state::{Files, JobEvents, Jobs};
use crate::wiring::events::{JobDone, JobProgress, JobUpdate};

/// `invoke('start_job')`: emits `job-progress` 1..=100 (about two seconds), then `job-done`,
/// and resolves. One at a time (`busy` while one runs).
#[tauri::command]
#[specta::specta]
pub async fn start_job<R: Runtime>(app: AppHandle<R>, jobs: State<'_, Jobs>) -> Result<()> {
    let emitted = |e: tauri::Error| Error::Internal(format!("could not emit: {e}"));
    jobs.run_seed(
        |percent| JobProgress(percent).emit(&app).map_err(emitted),
        || JobDone.emit(&app).map_err(emitted),
    )
    .await
}

/// Starts the SHA-256 of a file or folder in the scope; answers with the job at once. Its
/// progress and its one ending come as `job-update` events.
#[tauri::command]
#[specta::specta]
pub async fn start_hash_job(
    path: String,
    files: State<'_, Files>,
    jobs: State<'_, Jobs>,
) -> Result<JobInfo> {
    jobs.start_hash(files.scope(), &path).await
}

// #region recipe:cancellation
/// Cancels a queued or running job; idempotent (an ended one stays as it ended).
#[tauri::command]
#[specta::specta]
pub fn cancel_job(job_id: u32, jobs: State<'_, Jobs>) -> Result<()> {
    jobs.cancel(job_id)
}
// #endregion recipe:cancellation

/// Every job of this run, newest first: what a reloaded page shows and keeps following.
#[tauri::command]
#[specta::specta]
pub fn list_jobs(jobs: State<'_, Jobs>) -> Vec<JobInfo> {
    jobs.list()
}

/// Job news as the app-wide `job-update` event.
pub struct AppJobEvents<R: Runtime>(pub AppHandle<R>);

impl<R: Runtime> JobEvents for AppJobEvents<R> {
    fn update(&self, job: &JobInfo) {
        if let Err(e) = JobUpdate(job.clone()).emit(&self.0) {
            log::warn!("could not emit job-update: {e}");
        }
    }
}
