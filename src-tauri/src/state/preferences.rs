//! The preferences the windows read and change: one copy in memory, and a change counts only
//! once it is saved.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::lock;
use crate::error::Result;
use crate::models::Preferences;
use crate::services::store::preferences;

#[derive(Debug)]
pub struct PreferenceStore {
    dir: PathBuf,
    current: Mutex<Preferences>,
}

impl PreferenceStore {
    /// The preferences saved in the private folder `dir` (the defaults when there are none).
    pub fn open(dir: &Path) -> Result<Self> {
        Ok(Self {
            current: Mutex::new(preferences::load(dir)?),
            dir: dir.to_path_buf(),
        })
    }

    pub fn get(&self) -> Preferences {
        lock(&self.current).clone()
    }

    /// Sets `key` to `value` (validated), saves, and answers the preferences now in force.
    pub fn set(&self, key: &str, value: &str) -> Result<Preferences> {
        self.set_then(key, value, |_| {})
    }

    /// [`PreferenceStore::set`], then `apply` to the preferences now in force, before another
    /// change can come in between (so what applies them never sees them out of order).
    pub fn set_then(
        &self,
        key: &str,
        value: &str,
        apply: impl FnOnce(&Preferences),
    ) -> Result<Preferences> {
        let mut current = lock(&self.current);
        let next = preferences::with(&current, key, value)?;
        if next != *current {
            preferences::save(&self.dir, &next)?;
            *current = next;
        }
        apply(&current);
        Ok(current.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::models::Notification;

    #[test]
    fn a_change_is_kept_across_a_restart_and_a_refused_one_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let store = PreferenceStore::open(dir.path()).unwrap();
        assert!(store.set("notification", "sometimes").is_err());
        assert!(!dir.path().join(preferences::FILE_NAME).exists());
        let now = store.set("notification", "none").unwrap();
        assert_eq!(now.notification, Notification::None);
        drop(store);
        let store = PreferenceStore::open(dir.path()).unwrap();
        assert_eq!(store.get().notification, Notification::None);
    }
}
