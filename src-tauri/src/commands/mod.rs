//! Thin command adapters, one module per domain. Each command takes its arguments and injected
//! Tauri types, calls into `services`, and maps the result.

pub mod auth;
pub mod basics;
pub mod bench;
pub mod context;
pub mod events;
pub mod files;
pub mod jobs;
pub mod network;
pub mod preferences;
pub mod upload;
pub mod windows;

use tauri::ipc::{Channel, IpcResponse};

use crate::error::{Error, Result};
use crate::state::PageToken;

/// Sends `message` on `channel` while the page that gave the channel is there; `cancelled`
/// once it is gone (nobody reads the channel any more).
fn send_while_live<T: IpcResponse>(
    page: &PageToken,
    channel: &Channel<T>,
    message: T,
) -> Result<()> {
    if !page.is_live() {
        return Err(Error::Cancelled);
    }
    channel
        .send(message)
        .map_err(|e| Error::Internal(format!("the channel failed: {e}")))
}
