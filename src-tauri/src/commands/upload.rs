//! Raw-body commands: `upload` (bytes + `Authorization: Bearer <upload token>` + file name,
//! into the inbox) and `raw_handler` (echoes the content type), plus the inbox listing.

use tauri::{Runtime, State, WebviewWindow};

use crate::commands::ipc::RawRequest;
use crate::error::Result;
use crate::models::InboxEntry;
use crate::services::transport::raw_body::{bearer_token, FILE_NAME_HEADER};
use crate::state::{Auth, Files};

// #region recipe:raw-request
/// `invoke('upload', bytes, { headers: { Authorization: 'Bearer <token>', 'X-File-Name': … } })`.
/// Checks, in order: the token (from this window, unexpired, unused), the name, the body's size;
/// then writes the body as it lies in the request (no copy).
#[tauri::command]
#[specta::specta]
pub async fn upload<R: Runtime>(
    request: RawRequest<'_>,
    window: WebviewWindow<R>,
    auth: State<'_, Auth>,
    files: State<'_, Files>,
) -> Result<InboxEntry> {
    let token = bearer_token(request.header("authorization"))?;
    let user = auth.redeem_upload_token(token, window.label())?;
    let saved = files.save_upload(request.header(FILE_NAME_HEADER), request.body())?;
    log::info!("{user} uploaded {:?} ({} bytes)", saved.name, saved.size);
    Ok(saved)
}

/// `invoke('raw_handler', body, { headers })` → `Content-Type: Some("…")` (the seed's format).
#[tauri::command]
#[specta::specta]
pub fn raw_handler(request: RawRequest<'_>) -> String {
    format!("Content-Type: {:?}", request.headers.get("content-type"))
}
// #endregion recipe:raw-request

/// The files in the upload inbox, newest first.
#[tauri::command]
#[specta::specta]
pub async fn inbox_files(files: State<'_, Files>) -> Result<Vec<InboxEntry>> {
    files.inbox()
}
