//! The recently opened files, most recent first, without duplicates, capped.

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

pub const FILE_NAME: &str = "recent.json";
pub const MAX_ENTRIES: usize = 10;

#[derive(Debug, Default, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecentFiles(Vec<PathBuf>);

impl RecentFiles {
    /// Moves `path` to the front; returns whether the list changed.
    pub fn touch(&mut self, path: &Path) -> bool {
        if self.0.first().is_some_and(|p| p == path) {
            return false;
        }
        self.0.retain(|p| p != path);
        self.0.insert(0, path.to_path_buf());
        self.0.truncate(MAX_ENTRIES);
        true
    }

    pub fn paths(&self) -> &[PathBuf] {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_recent_first_without_duplicates() {
        let mut recent = RecentFiles::default();
        assert!(recent.touch(Path::new("/a")));
        assert!(recent.touch(Path::new("/b")));
        assert!(!recent.touch(Path::new("/b")));
        assert!(recent.touch(Path::new("/a")));
        assert_eq!(recent.paths(), [PathBuf::from("/a"), PathBuf::from("/b")]);
        for i in 0..20 {
            recent.touch(Path::new(&format!("/f{i}")));
        }
        assert_eq!(recent.paths().len(), MAX_ENTRIES);
        assert_eq!(recent.paths()[0], PathBuf::from("/f19"));
    }
}
