//! The user's preferences: read them, and change one validated key at a time.

use tauri::State;

use crate::error::Result;
use crate::models::Preferences;
use crate::state::PreferenceStore;

/// The preferences in force.
#[tauri::command]
#[specta::specta]
pub fn preferences(store: State<'_, PreferenceStore>) -> Preferences {
    store.get()
}

/// Sets one preference (`notification` to `all`, `errors` or `none`) and saves it; an unknown
/// key or value is `invalidInput`. Answers the preferences now in force.
#[tauri::command]
#[specta::specta]
pub async fn set_preference(
    key: String,
    value: String,
    store: State<'_, PreferenceStore>,
) -> Result<Preferences> {
    store.set(&key, &value)
}
