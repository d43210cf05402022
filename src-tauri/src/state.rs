//! Managed state shared by commands and event listeners.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

/// App-wide state, managed once in `lib.rs` and injected as `State<'_, AppState>`.
#[derive(Debug, Default)]
pub struct AppState {
    frontend_ready: AtomicBool,
    context_calls: AtomicU64,
}

impl AppState {
    /// Records the `ready` handshake; returns `true` only the first time.
    pub fn mark_frontend_ready(&self) -> bool {
        !self.frontend_ready.swap(true, Ordering::SeqCst)
    }

    pub fn frontend_ready(&self) -> bool {
        self.frontend_ready.load(Ordering::SeqCst)
    }

    /// Counts `with_context` calls (shows that injected State is shared across calls).
    pub fn record_context_call(&self) -> u64 {
        self.context_calls.fetch_add(1, Ordering::SeqCst) + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ready_is_reported_once() {
        let state = AppState::default();
        assert!(!state.frontend_ready());
        assert!(state.mark_frontend_ready());
        assert!(!state.mark_frontend_ready());
        assert!(state.frontend_ready());
    }

    #[test]
    fn context_calls_count_up() {
        let state = AppState::default();
        assert_eq!(state.record_context_call(), 1);
        assert_eq!(state.record_context_call(), 2);
    }
}
