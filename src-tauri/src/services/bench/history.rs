//! The bench reports kept on this device, so the Bench view opens with the last one and can set
//! two side by side: newest first, at most [`KEEP`], each at most [`MAX_REPORT_BYTES`] of JSON,
//! all in one document of the private folder.

use serde::{Deserialize, Serialize};

use crate::error::{Error, Result};
use crate::models::{JsonValue, SavedBenchReport};

pub const FILE_NAME: &str = "bench-reports.json";
/// Most reports kept: the oldest goes when another comes.
pub const KEEP: usize = 6;
/// Largest report kept, as JSON text (a full run's is about 60 KiB).
pub const MAX_REPORT_BYTES: usize = 1024 * 1024;

/// The kept reports, newest first.
#[derive(Debug, Default, Clone, PartialEq, Serialize, Deserialize)]
pub struct History(Vec<SavedBenchReport>);

impl History {
    pub fn reports(&self) -> &[SavedBenchReport] {
        &self.0
    }

    /// Keeps `results` as the newest report (saved at `now_ms`), the oldest going beyond
    /// [`KEEP`]. `results` must be what the page's bench answers: an object with a `figures`
    /// array, within [`MAX_REPORT_BYTES`].
    pub fn add(
        &mut self,
        results: JsonValue,
        quick: bool,
        completed: bool,
        now_ms: f64,
    ) -> Result<SavedBenchReport> {
        check(&results.0)?;
        let id = self
            .0
            .iter()
            .map(|r| r.id)
            .max()
            .unwrap_or(0)
            .saturating_add(1);
        let report = SavedBenchReport {
            id,
            saved_ms: now_ms,
            quick,
            completed,
            results,
        };
        self.0.insert(0, report.clone());
        self.0.truncate(KEEP);
        Ok(report)
    }
}

fn check(results: &serde_json::Value) -> Result<()> {
    if !results
        .get("figures")
        .is_some_and(serde_json::Value::is_array)
    {
        return Err(Error::InvalidInput(
            "a bench report is an object with a figures array".into(),
        ));
    }
    let size = serde_json::to_vec(results)
        .map_err(|e| Error::Internal(e.to_string()))?
        .len();
    if size > MAX_REPORT_BYTES {
        return Err(Error::InvalidInput(format!(
            "a bench report of {size} bytes is larger than the {MAX_REPORT_BYTES} kept"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn report(n: usize) -> JsonValue {
        JsonValue(json!({ "environment": {}, "figures": [{ "id": format!("f{n}") }] }))
    }

    #[test]
    fn keeps_the_newest_first_and_drops_the_oldest() {
        let mut history = History::default();
        for n in 1..=KEEP + 2 {
            let saved = history.add(report(n), n % 2 == 0, true, n as f64).unwrap();
            assert_eq!(saved.id as usize, n);
        }
        let ids: Vec<u32> = history.reports().iter().map(|r| r.id).collect();
        assert_eq!(ids, [8, 7, 6, 5, 4, 3]);
        assert_eq!(history.reports()[0].results, report(KEEP + 2));
        assert!((history.reports()[0].saved_ms - 8.0).abs() < f64::EPSILON);
        assert!(history.reports()[0].quick);
    }

    #[test]
    fn refuses_what_is_not_a_report_or_too_large() {
        let mut history = History::default();
        for bad in [
            json!(null),
            json!([]),
            json!({ "figures": 1 }),
            json!("figures"),
        ] {
            let error = history.add(JsonValue(bad), false, true, 0.0).unwrap_err();
            assert!(matches!(error, Error::InvalidInput(_)), "{error:?}");
        }
        let huge = json!({ "figures": [], "pad": "x".repeat(MAX_REPORT_BYTES) });
        let error = history.add(JsonValue(huge), false, true, 0.0).unwrap_err();
        assert!(error.to_string().contains("larger than"), "{error}");
        assert!(history.reports().is_empty());
    }
}
