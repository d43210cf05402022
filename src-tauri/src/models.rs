//! The payloads commands answer with, in one place (as plugins-workspace keeps its `models.rs`).
//! Plain serde + specta types: they are what `gen/bindings.ts` describes to the frontend.

use serde::Serialize;
use specta::Type;

/// What the Files view shows about a file before reading it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct FileInfo {
    pub path: String,
    pub name: String,
    pub size: u32,
    /// A media type guessed from the extension (`application/octet-stream` when unknown).
    pub mime: String,
}

/// A folder reads are allowed from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct ScopeFolder {
    pub path: String,
    /// Added by the user, so it can be removed; the app's own readable folder cannot.
    pub removable: bool,
}

/// Who is signed in, in the calling window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Type)]
pub struct SessionInfo {
    pub user: Option<String>,
}

/// A file in the upload inbox.
#[derive(Debug, Clone, PartialEq, Serialize, Type)]
#[serde(rename_all = "camelCase")]
pub struct InboxEntry {
    pub name: String,
    pub size: u32,
    /// Last modification, in milliseconds since the Unix epoch.
    pub modified_ms: f64,
}
