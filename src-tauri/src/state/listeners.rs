//! The app's own Rust event listeners, counted where they are registered and unregistered
//! (`crate::wiring::listeners` does both), and the ones that belong to a window, so they can be
//! unlistened when it is destroyed, and how often each event's listeners ran. The Events view
//! shows the counts.

use std::collections::{BTreeMap, HashMap};
use std::sync::Mutex;

use super::lock;
use crate::models::ListenerCount;

/// An event listener's id (`tauri::EventId`).
pub type ListenerId = u32;

#[derive(Debug, Default)]
pub struct RustListeners {
    inner: Mutex<Inner>,
}

#[derive(Debug, Default)]
struct Inner {
    counts: BTreeMap<String, u32>,
    /// Per event name: how many times one of its listeners ran.
    heard: HashMap<String, u32>,
    /// Per window label: its listeners' ids and event names.
    windows: HashMap<String, Vec<(ListenerId, String)>>,
}

impl RustListeners {
    /// A listener for `event` was registered.
    pub fn added(&self, event: &str) {
        *lock(&self.inner)
            .counts
            .entry(event.to_owned())
            .or_default() += 1;
    }

    /// A listener for `event` was unregistered (or a `once` fired).
    pub fn removed(&self, event: &str) {
        let mut inner = lock(&self.inner);
        if let Some(count) = inner.counts.get_mut(event) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                inner.counts.remove(event);
            }
        }
    }

    /// A listener for `event` ran.
    pub fn heard(&self, event: &str) {
        let mut inner = lock(&self.inner);
        let heard = inner.heard.entry(event.to_owned()).or_default();
        *heard = heard.saturating_add(1);
    }

    /// A listener for `event` that ends with `window` was registered as `id`.
    pub fn added_for_window(&self, window: &str, event: &str, id: ListenerId) {
        self.added(event);
        lock(&self.inner)
            .windows
            .entry(window.to_owned())
            .or_default()
            .push((id, event.to_owned()));
    }

    /// Forgets `window`'s listeners and answers them, for the caller to unlisten (and then
    /// report each with [`removed`](Self::removed)).
    pub fn take_window(&self, window: &str) -> Vec<(ListenerId, String)> {
        lock(&self.inner).windows.remove(window).unwrap_or_default()
    }

    /// The live listeners per event name, by name, with how often that event's listeners ran.
    pub fn counts(&self) -> Vec<ListenerCount> {
        let inner = lock(&self.inner);
        inner
            .counts
            .iter()
            .map(|(event, count)| ListenerCount {
                event: event.clone(),
                count: *count,
                heard: inner.heard.get(event).copied().unwrap_or(0),
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn total(listeners: &RustListeners) -> u32 {
        listeners.counts().iter().map(|c| c.count).sum()
    }

    #[test]
    fn counts_follow_registrations_and_windows_give_theirs_back() {
        let listeners = RustListeners::default();
        listeners.added("frontend-event");
        listeners.added_for_window("main", "window-specific-event", 7);
        listeners.added_for_window("settings", "window-specific-event", 9);
        assert_eq!(total(&listeners), 3);
        assert_eq!(
            listeners.counts()[1],
            ListenerCount {
                event: "window-specific-event".into(),
                count: 2,
                heard: 0,
            }
        );
        listeners.heard("window-specific-event");
        listeners.heard("window-specific-event");
        assert_eq!(listeners.counts()[1].heard, 2);
        let taken = listeners.take_window("settings");
        assert_eq!(taken, [(9, "window-specific-event".to_owned())]);
        for (_, event) in &taken {
            listeners.removed(event);
        }
        assert!(listeners.take_window("settings").is_empty());
        assert_eq!(total(&listeners), 2);
        listeners.removed("frontend-event");
        listeners.removed("frontend-event");
        assert_eq!(total(&listeners), 1);
    }
}
