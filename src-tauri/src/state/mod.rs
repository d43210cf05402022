//! Managed state shared by commands and event listeners. Plain Rust (no `tauri`): folders are
//! given to it, which is what lets tests point it at temp dirs. Multi-step flows (sign in, read
//! a file within the limits) are methods here, so commands stay one-line adapters.

mod auth;
mod bench_history;
mod files;
mod jobs;
mod listeners;
mod local_networks;
mod network;
mod pages;
mod preferences;
mod viewer;

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Mutex, MutexGuard};

pub use auth::Auth;
pub use bench_history::BenchHistory;
pub use files::Files;
pub use jobs::{JobContext, JobEvents, Jobs};
pub use listeners::{ListenerId, RustListeners};
pub use local_networks::LocalNetworks;
pub use network::{Broadcast, DownloadSink, FetchCaller, Network};
pub use pages::{PageToken, Pages};
pub use preferences::PreferenceStore;
pub use viewer::FileViewer;

/// App-wide counters, managed once in `lib.rs` and injected as `State<'_, AppState>`.
#[derive(Debug, Default)]
pub struct AppState {
    context_calls: AtomicU64,
}

impl AppState {
    /// Counts `with_context` calls (shows that injected State is shared across calls).
    pub fn record_context_call(&self) -> u64 {
        self.context_calls.fetch_add(1, Ordering::SeqCst) + 1
    }
}

/// The places for bench runs: at most four at once (the bench reads in up to four parallel
/// chunks), so a page cannot pile up 64 MiB payloads.
#[derive(Debug)]
pub struct BenchRuns(pub crate::services::work::limit::Limit);

impl Default for BenchRuns {
    fn default() -> Self {
        Self(crate::services::work::limit::Limit::new(
            "bench runs",
            4,
            std::time::Duration::from_secs(5),
        ))
    }
}

/// Locks `mutex`, also after a panic elsewhere poisoned it (the data stays consistent: every
/// critical section here is a single update).
fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_calls_count_up() {
        let state = AppState::default();
        assert_eq!(state.record_context_call(), 1);
        assert_eq!(state.record_context_call(), 2);
    }
}
