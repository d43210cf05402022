//! What the app keeps between runs: atomic writes, small JSON documents, the settings and the
//! preferences.

pub mod atomic;
pub mod json_store;
pub mod preferences;
pub mod settings;
