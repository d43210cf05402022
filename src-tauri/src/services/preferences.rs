//! The user's preferences, kept in `preferences.json` in the private folder: a small validated
//! key/value set (`notification`: `all` | `errors` | `none`). Changed one key at a time, each
//! change saved atomically before it counts.

use std::path::Path;

use crate::error::{Error, Result};
use crate::models::{Notification, Preferences};
use crate::services::json_store;
use crate::services::text::for_log;

pub const FILE_NAME: &str = "preferences.json";

/// The preferences saved in `dir`; the defaults when there are none (or they are damaged).
pub fn load(dir: &Path) -> Result<Preferences> {
    json_store::load(dir, FILE_NAME)
}

pub fn save(dir: &Path, preferences: &Preferences) -> Result<()> {
    json_store::save(dir, FILE_NAME, preferences)
}

/// `preferences` with `key` set to `value`; `invalidInput` for an unknown key or value.
pub fn with(preferences: &Preferences, key: &str, value: &str) -> Result<Preferences> {
    let mut next = preferences.clone();
    match key {
        "notification" => next.notification = parse_notification(value)?,
        _ => {
            return Err(Error::InvalidInput(format!(
                "unknown preference {}",
                for_log(key)
            )))
        }
    }
    Ok(next)
}

fn parse_notification(value: &str) -> Result<Notification> {
    match value {
        "all" => Ok(Notification::All),
        "errors" => Ok(Notification::Errors),
        "none" => Ok(Notification::None),
        _ => Err(Error::InvalidInput(format!(
            "notification must be all, errors or none, not {}",
            for_log(value)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    #[test]
    fn defaults_then_round_trips() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(load(dir.path()).unwrap().notification, Notification::All);
        let changed = with(&Preferences::default(), "notification", "errors").unwrap();
        save(dir.path(), &changed).unwrap();
        assert_eq!(load(dir.path()).unwrap().notification, Notification::Errors);
        let text = std::fs::read_to_string(dir.path().join(FILE_NAME)).unwrap();
        assert_eq!(
            serde_json::from_str::<serde_json::Value>(&text).unwrap(),
            serde_json::json!({ "notification": "errors" })
        );
    }

    #[test]
    fn every_value_of_notification_is_accepted() {
        for (value, expected) in [
            ("all", Notification::All),
            ("errors", Notification::Errors),
            ("none", Notification::None),
        ] {
            let next = with(&Preferences::default(), "notification", value).unwrap();
            assert_eq!(next.notification, expected);
        }
    }

    #[test]
    fn unknown_keys_and_values_are_invalid_and_not_echoed_in_full() {
        let base = Preferences::default();
        let long = "x".repeat(100_000);
        for (key, value) in [
            ("theme", "dark"),
            ("Notification", "all"),
            ("notification", "ALL"),
            ("notification", ""),
            (long.as_str(), "all"),
            ("notification", long.as_str()),
        ] {
            let err = with(&base, key, value).unwrap_err();
            assert_eq!(
                err.kind(),
                ErrorKind::InvalidInput,
                "{key:.20} = {value:.20}"
            );
            assert!(err.to_string().len() < 400);
        }
    }

    #[test]
    fn a_damaged_file_is_kept_aside_and_the_defaults_apply() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), r#"{"notification":"loud"}"#).unwrap();
        assert_eq!(load(dir.path()).unwrap(), Preferences::default());
        assert!(json_store::damaged_path(dir.path(), FILE_NAME).exists());
        assert!(!dir.path().join(FILE_NAME).exists());
    }
}
