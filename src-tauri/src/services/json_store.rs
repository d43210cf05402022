//! Small JSON documents in the app data folder (settings, recent files, accounts): read with a
//! default when missing, written atomically.

use std::path::Path;

use serde::{de::DeserializeOwned, Serialize};

use crate::error::{Error, Result};
use crate::services::atomic;

/// Reads `dir/name`, or `T::default()` when the file does not exist yet.
pub fn load<T: DeserializeOwned + Default>(dir: &Path, name: &str) -> Result<T> {
    match std::fs::read(dir.join(name)) {
        Ok(bytes) => serde_json::from_slice(&bytes)
            .map_err(|e| Error::Internal(format!("{name} is damaged: {e}"))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(T::default()),
        Err(e) => Err(e.into()),
    }
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
        let err = load::<Vec<String>>(dir.path(), "list.json").unwrap_err();
        assert_eq!(err.kind(), crate::error::ErrorKind::Internal);
    }
}
