//! Small JSON documents in the private folder (settings, recent files, accounts): read with a
//! default when missing, written atomically. A damaged document is moved aside (kept for
//! inspection as `<name>.damaged`) rather than overwritten.

use std::path::Path;

use serde::{de::DeserializeOwned, Serialize};

use crate::error::{Error, Result};
use crate::services::store::atomic;

/// Suffix of a damaged document moved aside.
pub const DAMAGED_SUFFIX: &str = ".damaged";

/// What [`read`] found.
#[derive(Debug, PartialEq, Eq)]
pub enum Stored<T> {
    Missing,
    Found(T),
    /// The document did not parse; it now sits at `<name>.damaged`.
    Damaged,
}

/// Reads `dir/name`; a damaged document is renamed to `name.damaged` first.
pub fn read<T: DeserializeOwned>(dir: &Path, name: &str) -> Result<Stored<T>> {
    let path = dir.join(name);
    let bytes = match std::fs::read(&path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Stored::Missing),
        Err(e) => return Err(e.into()),
    };
    match serde_json::from_slice(&bytes) {
        Ok(value) => Ok(Stored::Found(value)),
        Err(e) => {
            log::warn!("{name} is damaged ({e}); keeping it as {name}{DAMAGED_SUFFIX}");
            std::fs::rename(&path, damaged_path(dir, name))?;
            Ok(Stored::Damaged)
        }
    }
}

/// Reads `dir/name`, or `T::default()` when it is missing or damaged (for documents whose loss
/// only costs a preference, never access).
pub fn load<T: DeserializeOwned + Default>(dir: &Path, name: &str) -> Result<T> {
    Ok(match read(dir, name)? {
        Stored::Found(value) => value,
        Stored::Missing | Stored::Damaged => T::default(),
    })
}

/// Where a damaged `dir/name` is kept.
pub fn damaged_path(dir: &Path, name: &str) -> std::path::PathBuf {
    dir.join(format!("{name}{DAMAGED_SUFFIX}"))
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
    }

    #[test]
    fn a_damaged_document_is_kept_aside() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("list.json"), "{oops").unwrap();
        assert_eq!(
            read::<Vec<String>>(dir.path(), "list.json").unwrap(),
            Stored::Damaged
        );
        assert!(!dir.path().join("list.json").exists());
        let kept = std::fs::read_to_string(damaged_path(dir.path(), "list.json")).unwrap();
        assert_eq!(kept, "{oops");
        std::fs::write(dir.path().join("list.json"), "{oops").unwrap();
        let recovered: Vec<String> = load(dir.path(), "list.json").unwrap();
        assert!(recovered.is_empty());
    }
}
