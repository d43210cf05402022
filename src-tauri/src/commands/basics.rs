//! The seed's first commands: `greet`, `my_custom_command` in both argument casings, and
//! `stream_progress` on a channel.

use crate::commands::ipc::PageChannel;
use crate::error::Result;
use crate::services::page::greeting;
use crate::services::page::text::for_log;
use crate::services::work::progress;

// #region recipe:commands
/// `invoke('greet', { name })` → `"Hello, {name}!"`; a blank or over-long name is `invalidInput`
/// / `tooLarge`.
#[tauri::command]
#[specta::specta]
pub fn greet(name: String) -> Result<String> {
    greeting::greet(&name)
}
// #endregion recipe:commands

// #region recipe:arguments
/// `invoke('my_custom_command')` or `invoke('my_custom_command', { invokeMessage })`: logs the
/// message when there is one and answers `"Hello from Rust!"`.
#[tauri::command]
#[specta::specta]
pub fn my_custom_command(invoke_message: Option<String>) -> String {
    log_message("my_custom_command", invoke_message.as_deref());
    greeting::CUSTOM_COMMAND_REPLY.into()
}

/// The same command with `rename_all = "snake_case"`: JS passes `{ invoke_message }`, and the
/// message is required (as in the seed), so a camelCase key fails loudly instead of vanishing.
///
/// tauri-specta rc.26 always camelCases argument keys, so its generated `myCustomCommandSnake`
/// sends `invokeMessage` and is refused; `src/api` calls this command with `invoke` directly.
#[tauri::command(rename_all = "snake_case")]
#[specta::specta(rename_all = "snake_case")]
pub fn my_custom_command_snake(invoke_message: String) -> String {
    log_message("my_custom_command_snake", Some(&invoke_message));
    greeting::CUSTOM_COMMAND_REPLY.into()
}

fn log_message(command: &str, message: Option<&str>) {
    match message {
        Some(message) => log::info!("{command}: message from JavaScript: {}", for_log(message)),
        None => log::info!("{command}: invoked from JavaScript without a message"),
    }
}
// #endregion recipe:arguments

// #region recipe:channel
/// `invoke('stream_progress', { onProgress })`: sends 0..=100 in order on the `Channel<number>`
/// (about two seconds), then resolves. Stops (`cancelled`) once the calling page is gone.
#[tauri::command]
#[specta::specta]
pub async fn stream_progress(on_progress: PageChannel<u32>) -> Result<()> {
    progress::count(0..=100, progress::STEP, |percent| on_progress.send(percent)).await
}
// #endregion recipe:channel
