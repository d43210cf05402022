//! The user's preferences, kept in `preferences.json` in the private folder: a small validated
//! key/value set (`notification`: `all` | `errors` | `none`; `downloadQuotaMib`: a whole number
//! of MiB from 1 to 1,048,576). Changed one key at a time, each change saved atomically before
//! it counts.

use std::path::Path;

use crate::error::{Error, Result};
use crate::models::{Notification, Preferences};
use crate::services::page::text::for_log;
use crate::services::store::json_store;

pub const FILE_NAME: &str = "preferences.json";
/// The downloads quota, in MiB: at least 1, at most 1 TiB.
pub const QUOTA_MIB: std::ops::RangeInclusive<u32> = 1..=1024 * 1024;

/// The preferences saved in `dir`; the defaults when there are none (or they are damaged), and
/// for a key an older version did not save.
pub fn load(dir: &Path) -> Result<Preferences> {
    let stored: Stored = json_store::load(dir, FILE_NAME)?;
    let mut download_quota_mib = stored.download_quota_mib;
    if !QUOTA_MIB.contains(&download_quota_mib) {
        log::warn!("the saved downloads quota {download_quota_mib} MiB is out of bounds; using the default");
        download_quota_mib = Preferences::DEFAULT_QUOTA_MIB;
    }
    Ok(Preferences {
        notification: stored.notification,
        download_quota_mib,
    })
}

/// `preferences.json` as any version wrote it.
#[derive(serde::Deserialize)]
#[serde(default, rename_all = "camelCase")]
struct Stored {
    notification: Notification,
    download_quota_mib: u32,
}

impl Default for Stored {
    fn default() -> Self {
        let defaults = Preferences::default();
        Self {
            notification: defaults.notification,
            download_quota_mib: defaults.download_quota_mib,
        }
    }
}

pub fn save(dir: &Path, preferences: &Preferences) -> Result<()> {
    json_store::save(dir, FILE_NAME, preferences)
}

/// `preferences` with `key` set to `value`; `invalidInput` for an unknown key or value.
pub fn with(preferences: &Preferences, key: &str, value: &str) -> Result<Preferences> {
    let mut next = preferences.clone();
    match key {
        "notification" => next.notification = parse_notification(value)?,
        "downloadQuotaMib" => next.download_quota_mib = parse_quota(value)?,
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

/// A whole number of MiB in [`QUOTA_MIB`], written in plain decimal digits.
fn parse_quota(value: &str) -> Result<u32> {
    let invalid = || {
        Error::InvalidInput(format!(
            "downloadQuotaMib must be a whole number of MiB from {} to {}, not {}",
            QUOTA_MIB.start(),
            QUOTA_MIB.end(),
            for_log(value)
        ))
    };
    if value.is_empty() || value.len() > 7 || !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(invalid());
    }
    let mib: u32 = value.parse().map_err(|_| invalid())?;
    if QUOTA_MIB.contains(&mib) {
        Ok(mib)
    } else {
        Err(invalid())
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
            serde_json::json!({ "notification": "errors", "downloadQuotaMib": 2048 })
        );
    }

    #[test]
    fn the_quota_is_a_whole_number_of_mib_within_bounds() {
        let base = Preferences::default();
        assert_eq!(base.download_quota_bytes(), 2 * 1024 * 1024 * 1024);
        for (value, mib) in [("1", 1), ("512", 512), ("1048576", 1_048_576)] {
            let next = with(&base, "downloadQuotaMib", value).unwrap();
            assert_eq!(next.download_quota_mib, mib);
            assert_eq!(next.notification, base.notification);
        }
        for bad in [
            "",
            "0",
            "-1",
            "+5",
            " 5",
            "5 ",
            "1.5",
            "1e3",
            "0x10",
            "1048577",
            "99999999",
            "4294967296",
            "abc",
            "２",
        ] {
            let err = with(&base, "downloadQuotaMib", bad).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::InvalidInput, "{bad:?}");
        }
    }

    #[test]
    fn a_file_from_before_the_quota_gets_the_default_quota() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(FILE_NAME), r#"{"notification":"none"}"#).unwrap();
        let loaded = load(dir.path()).unwrap();
        assert_eq!(loaded.notification, Notification::None);
        assert_eq!(loaded.download_quota_mib, Preferences::DEFAULT_QUOTA_MIB);
        let tampered = r#"{"notification":"none","downloadQuotaMib":0}"#;
        std::fs::write(dir.path().join(FILE_NAME), tampered).unwrap();
        assert_eq!(load(dir.path()).unwrap().download_quota_mib, 2048);
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
