//! The bench reports of this device (`services::bench::history`): one copy in memory, and a new
//! report counts only once it is saved.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use super::lock;
use crate::error::Result;
use crate::models::{JsonValue, SavedBenchReport};
use crate::services::bench::history::{History, FILE_NAME};
use crate::services::store::json_store;
use crate::services::work::time::now_ms;

#[derive(Debug)]
pub struct BenchHistory {
    dir: PathBuf,
    history: Mutex<History>,
}

impl BenchHistory {
    /// The reports saved in the private folder `dir` (none when there are none, or when the
    /// document is damaged: it is kept aside).
    pub fn open(dir: &Path) -> Result<Self> {
        Ok(Self {
            history: Mutex::new(json_store::load(dir, FILE_NAME)?),
            dir: dir.to_path_buf(),
        })
    }

    /// The kept reports, newest first.
    pub fn reports(&self) -> Vec<SavedBenchReport> {
        lock(&self.history).reports().to_vec()
    }

    /// Keeps `results` as the newest report and saves the list.
    pub fn save(
        &self,
        results: JsonValue,
        quick: bool,
        completed: bool,
    ) -> Result<SavedBenchReport> {
        let mut history = lock(&self.history);
        let mut next = history.clone();
        let saved = next.add(results, quick, completed, now_ms())?;
        json_store::save(&self.dir, FILE_NAME, &next)?;
        *history = next;
        Ok(saved)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn reports_survive_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let history = BenchHistory::open(dir.path()).unwrap();
        assert!(history.reports().is_empty());
        let results = JsonValue(json!({ "figures": [{ "id": "invoke.sync.p50" }] }));
        let saved = history.save(results.clone(), true, false).unwrap();
        assert_eq!((saved.id, saved.quick, saved.completed), (1, true, false));

        let reopened = BenchHistory::open(dir.path()).unwrap();
        assert_eq!(reopened.reports(), [saved]);
        assert_eq!(reopened.reports()[0].results, results);
    }

    #[test]
    fn a_refused_report_changes_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let history = BenchHistory::open(dir.path()).unwrap();
        assert!(history.save(JsonValue(json!({})), false, true).is_err());
        assert!(history.reports().is_empty());
        assert!(!dir.path().join(FILE_NAME).exists());
    }
}
