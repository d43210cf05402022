//! Sign-in: `login` (seed contract), `logout`, `session`, `change_password`, and the
//! short-lived upload token. Sessions belong to the calling window; no secret leaves Rust
//! except the upload token, and that only as the answer to the window that asked.

use tauri::{AppHandle, Runtime, State, WebviewWindow};
use tauri_specta::Event;

use crate::error::Result;
use crate::models::SessionInfo;
use crate::state::Auth;
use crate::wiring::events::LoginResult;
use crate::wiring::labels::LOGIN_WINDOW;
use crate::wiring::platform;

// #region recipe:typed-errors
/// `invoke('login', { user, password })` → `"logged_in"`, or `unauthorized: invalid credentials`
/// (`busy` while failed attempts are throttled). Either way the `login` window is told through
/// `login-result` (no secrets in it).
#[tauri::command]
#[specta::specta]
pub async fn login<R: Runtime>(
    user: String,
    password: String,
    window: WebviewWindow<R>,
    app: AppHandle<R>,
    auth: State<'_, Auth>,
) -> Result<String> {
    let outcome = auth.login(window.label(), &user, password).await;
    let result = LoginResult {
        ok: outcome.is_ok(),
        user: outcome.is_ok().then(|| user.clone()),
        window: window.label().to_owned(),
    };
    if let Err(e) = result.emit_to(&app, platform::window_target(LOGIN_WINDOW)) {
        log::warn!("could not emit login-result: {e}");
    }
    outcome?;
    log::info!("{user} signed in from window {}", window.label());
    Ok("logged_in".into())
}
// #endregion recipe:typed-errors

/// Ends the calling window's session (and its unused upload token).
#[tauri::command]
#[specta::specta]
pub fn logout<R: Runtime>(window: WebviewWindow<R>, auth: State<'_, Auth>) {
    auth.sessions().sign_out(window.label());
}

/// Who is signed in, in the calling window.
#[tauri::command]
#[specta::specta]
pub fn session<R: Runtime>(window: WebviewWindow<R>, auth: State<'_, Auth>) -> SessionInfo {
    SessionInfo {
        user: auth.sessions().user(window.label()).map(str::to_owned),
    }
}

/// Changes the signed-in user's password after checking the current one; the user's sessions
/// in other windows end.
#[tauri::command]
#[specta::specta]
pub async fn change_password<R: Runtime>(
    current_password: String,
    new_password: String,
    window: WebviewWindow<R>,
    auth: State<'_, Auth>,
) -> Result<()> {
    auth.change_password(window.label(), current_password, new_password)
        .await
}

/// A single-use upload token valid for 60 s, for the signed-in calling window only; it
/// replaces the window's previous one.
#[tauri::command]
#[specta::specta]
pub fn upload_token<R: Runtime>(window: WebviewWindow<R>, auth: State<'_, Auth>) -> Result<String> {
    auth.issue_upload_token(window.label())
}
