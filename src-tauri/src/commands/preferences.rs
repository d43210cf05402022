//! The user's preferences: read them, and change one validated key at a time.

use tauri::State;

use crate::error::Result;
use crate::models::Preferences;
use crate::state::{Network, PreferenceStore};

/// The preferences in force.
#[tauri::command]
#[specta::specta]
pub fn preferences(store: State<'_, PreferenceStore>) -> Preferences {
    store.get()
}

/// Sets one preference (`notification` to `all`, `errors` or `none`; `downloadQuotaMib` to a
/// whole number of MiB from 1 to 1048576) and saves it; an unknown key or value is
/// `invalidInput`. Answers the preferences now in force.
#[tauri::command]
#[specta::specta]
pub async fn set_preference(
    key: String,
    value: String,
    store: State<'_, PreferenceStore>,
    network: State<'_, Network>,
) -> Result<Preferences> {
    store.set_then(&key, &value, |now| {
        network.set_quota(now.download_quota_bytes());
    })
}
