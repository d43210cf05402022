//! Small JSON documents in the app data folder (settings, recent files, accounts): read with a
//! default when missing, written atomically. A damaged document must not stop the app from
//! starting: it is moved aside (kept for inspection) and the default is used.

use std::path::Path;

use serde::{de::DeserializeOwned, Serialize};

use crate::error::{Error, Result};
use crate::services::atomic;

/// Suffix of a damaged document moved aside.
pub const DAMAGED_SUFFIX: &str = ".damaged";

/// Reads `dir/name`; `T::default()` when the file does not exist yet, or when it is damaged
/// (then it is renamed to `name.damaged` first).
pub fn load<T: DeserializeOwned + Default>(dir: &Path, name: &str) -> Result<T> {
    let path = dir.join(name);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(T::default()),
        Err(e) => return Err(e.into()),
    };
    serde_json::from_slice(&bytes).or_else(|e| {
        log::warn!(
            "{name} is damaged ({e}); keeping it as {name}{DAMAGED_SUFFIX} and starting afresh"
        );
        std::fs::rename(&path, dir.join(format!("{name}{DAMAGED_SUFFIX}")))?;
        Ok(T::default())
    })
}

/// Writes `value` to `dir/name` atomically.
pub fn save<T: Serialize>(dir: &Path, name: &str, value: &T) -> Result<()> {
    let bytes = serde_json::to_vec_pretty(value).map_err(|e| Error::Internal(e.to_string()))?;
    atomic::write(dir, name, &bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_defaults() {
        let dir = tempfile::tempdir().unwrap();
        let missing: Vec<String> = load(dir.path(), "list.json").unwrap();
        assert!(missing.is_empty());
        save(dir.path(), "list.json", &vec!["a".to_string()]).unwrap();
        let back: Vec<String> = load(dir.path(), "list.json").unwrap();
        assert_eq!(back, ["a"]);
        std::fs::write(dir.path().join("list.json"), "{oops").unwrap();
        let recovered: Vec<String> = load(dir.path(), "list.json").unwrap();
        assert!(recovered.is_empty());
        assert!(!dir.path().join("list.json").exists());
        let kept = std::fs::read_to_string(dir.path().join("list.json.damaged")).unwrap();
        assert_eq!(kept, "{oops");
    }
}
