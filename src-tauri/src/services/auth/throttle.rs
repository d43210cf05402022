//! Throttling failed sign-ins. Every attempt counts against each of its keys (the user name and
//! the window) until it succeeds; past a few free attempts a key must wait, twice as long after
//! each further attempt. An attempt that must wait is refused at once, before any password hash
//! is computed, so a flood of guesses costs a few hashes and nothing more.

use std::collections::HashMap;
use std::time::{Duration, Instant};

/// Attempts per key that never wait.
pub const FREE_ATTEMPTS: u32 = 3;
/// The wait after the first attempt past the free ones; it doubles with each further one.
pub const FIRST_DELAY: Duration = Duration::from_secs(1);
/// The longest wait.
pub const MAX_DELAY: Duration = Duration::from_secs(60);
/// A key untouched for this long past its wait is forgotten.
const FORGET_AFTER: Duration = Duration::from_secs(15 * 60);
/// The table is swept of forgotten keys when it grows past this many.
const SWEEP_AT: usize = 1024;

#[derive(Debug, Clone, Copy)]
struct Entry {
    attempts: u32,
    not_before: Instant,
}

#[derive(Debug, Default)]
pub struct Throttle {
    entries: HashMap<String, Entry>,
}

/// The wait that follows the `attempts`-th attempt.
pub fn delay_after(attempts: u32) -> Duration {
    if attempts <= FREE_ATTEMPTS {
        return Duration::ZERO;
    }
    let doublings = (attempts - FREE_ATTEMPTS - 1).min(16);
    FIRST_DELAY.saturating_mul(1 << doublings).min(MAX_DELAY)
}

impl Throttle {
    /// Counts an attempt on every key, or refuses it with the longest wait left among them.
    pub fn begin(&mut self, keys: &[String], now: Instant) -> Result<(), Duration> {
        if self.entries.len() > SWEEP_AT {
            self.entries
                .retain(|_, entry| now < entry.not_before + FORGET_AFTER);
        }
        let wait = keys
            .iter()
            .filter_map(|key| self.entries.get(key))
            .map(|entry| entry.not_before.saturating_duration_since(now))
            .max()
            .unwrap_or_default();
        if !wait.is_zero() {
            return Err(wait);
        }
        for key in keys {
            let entry = self.entries.entry(key.clone()).or_insert(Entry {
                attempts: 0,
                not_before: now,
            });
            entry.attempts += 1;
            entry.not_before = now + delay_after(entry.attempts);
        }
        Ok(())
    }

    /// The attempt succeeded: its keys start afresh.
    pub fn succeeded(&mut self, keys: &[String]) {
        for key in keys {
            self.entries.remove(key);
        }
    }

    /// The attempt never ran (no place to check the password): it does not count.
    pub fn withdraw(&mut self, keys: &[String]) {
        for key in keys {
            if let Some(entry) = self.entries.get_mut(key) {
                entry.attempts = entry.attempts.saturating_sub(1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| (*n).to_string()).collect()
    }

    #[test]
    fn the_delay_doubles_past_the_free_attempts_and_is_capped() {
        let delays: Vec<u64> = (1..=12).map(|n| delay_after(n).as_secs()).collect();
        assert_eq!(delays, [0, 0, 0, 1, 2, 4, 8, 16, 32, 60, 60, 60]);
        assert_eq!(delay_after(u32::MAX), MAX_DELAY);
    }

    #[test]
    fn a_burst_gets_the_free_attempts_and_one_more_then_waits() {
        let mut throttle = Throttle::default();
        let now = Instant::now();
        let both = keys(&["user:tauri", "window:main"]);
        let allowed = (0..200)
            .filter(|_| throttle.begin(&both, now).is_ok())
            .count();
        assert_eq!(allowed, FREE_ATTEMPTS as usize + 1);
        assert_eq!(throttle.begin(&both, now), Err(FIRST_DELAY));
        // Once the wait is over, one more attempt, after which the wait has doubled.
        let later = now + FIRST_DELAY;
        assert!(throttle.begin(&both, later).is_ok());
        assert_eq!(throttle.begin(&both, later), Err(FIRST_DELAY * 2));
    }

    #[test]
    fn each_key_throttles_on_its_own() {
        let mut throttle = Throttle::default();
        let now = Instant::now();
        for user in ["a", "b", "c", "d"] {
            throttle
                .begin(&keys(&[&format!("user:{user}"), "window:main"]), now)
                .unwrap();
        }
        // The window is spent, whatever the user name.
        let err = throttle.begin(&keys(&["user:e", "window:main"]), now);
        assert_eq!(err, Err(FIRST_DELAY));
        // Another window trying a fresh user is not.
        assert!(throttle
            .begin(&keys(&["user:e", "window:login"]), now)
            .is_ok());
    }

    #[test]
    fn success_resets_and_withdrawn_attempts_do_not_count() {
        let mut throttle = Throttle::default();
        let now = Instant::now();
        let both = keys(&["user:tauri", "window:main"]);
        for _ in 0..3 {
            throttle.begin(&both, now).unwrap();
        }
        throttle.withdraw(&both);
        throttle.begin(&both, now).unwrap();
        assert_eq!(
            delay_after(3),
            Duration::ZERO,
            "still within the free attempts"
        );
        throttle.begin(&both, now).unwrap();
        assert!(throttle.begin(&both, now).is_err());
        throttle.succeeded(&both);
        assert!(throttle.begin(&both, now).is_ok());
    }

    #[test]
    fn forgotten_keys_are_swept() {
        let mut throttle = Throttle::default();
        let now = Instant::now();
        for n in 0..=SWEEP_AT {
            throttle.begin(&keys(&[&format!("user:{n}")]), now).unwrap();
        }
        let much_later = now + FORGET_AFTER + MAX_DELAY;
        throttle.begin(&keys(&["user:new"]), much_later).unwrap();
        assert_eq!(throttle.entries.len(), 1);
    }
}
