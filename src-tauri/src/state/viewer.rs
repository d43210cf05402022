//! The file the `file-viewer` window shows: set by `open_file_viewer`, sent again whenever the
//! viewer's page announces `ready`, cleared when the viewer is destroyed.

use std::sync::Mutex;

use super::lock;

#[derive(Debug, Default)]
pub struct FileViewer {
    file: Mutex<Option<String>>,
}

impl FileViewer {
    pub fn show(&self, path: String) {
        *lock(&self.file) = Some(path);
    }

    pub fn file(&self) -> Option<String> {
        lock(&self.file).clone()
    }

    pub fn closed(&self) {
        *lock(&self.file) = None;
    }
}
