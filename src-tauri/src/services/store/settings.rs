//! The user's settings, kept in `settings.json` in the private folder: which folders they
//! added to the read scope. Loaded once at start, saved atomically on every change.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::services::store::json_store;

pub const FILE_NAME: &str = "settings.json";

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// Folders the user added to the read scope (the built-in folder is always in it).
    pub folders: Vec<PathBuf>,
}

impl Settings {
    /// The settings saved in `dir`; the defaults when there are none (or they are damaged).
    pub fn load(dir: &Path) -> Result<Self> {
        json_store::load(dir, FILE_NAME)
    }

    pub fn save(&self, dir: &Path) -> Result<()> {
        json_store::save(dir, FILE_NAME, self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips() {
        let dir = tempfile::tempdir().unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), Settings::default());
        let settings = Settings {
            folders: vec![PathBuf::from("/home/me/notes")],
        };
        settings.save(dir.path()).unwrap();
        assert_eq!(Settings::load(dir.path()).unwrap(), settings);
    }
}
