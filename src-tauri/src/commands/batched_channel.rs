//! A channel argument that coalesces many small JSON messages into frames
//! (`services::transport::batch`): what a command streams by the thousand reaches the page in
//! one `eval` per frame instead of one per message. Typed `Channel<T[]>`; the page unpacks each
//! frame in order (`batchedChannel` in `src/api/stream.ts`).

use std::marker::PhantomData;
use std::sync::Arc;

use serde::Serialize;
use specta::datatype::DataType;
use specta::{Type, Types};
use tauri::ipc::{CommandArg, CommandItem, InvokeError};
use tauri::Runtime;

use crate::commands::ipc::{BenchBody, PageChannel};
use crate::error::{Error, Result};
use crate::services::transport::batch::{Batcher, Limits};
use crate::services::transport::outbox::Frame;

// #region recipe:channel-batched
/// A [`PageChannel`] of `T`s sent in batches ([`Batcher`]: in order, when full or when the
/// first message has waited, by a task of its own then). The page's budget holds the sender
/// back as on any page channel. [`BatchedChannel::finish`] sends the stream's last message with
/// what is left: exactly one terminal message.
pub struct BatchedChannel<T> {
    channel: Arc<PageChannel<BenchBody>>,
    batcher: Arc<Batcher>,
    flusher: tauri::async_runtime::JoinHandle<()>,
    _message: PhantomData<fn(&T)>,
}

impl<T: Serialize> BatchedChannel<T> {
    fn new(channel: PageChannel<BenchBody>, limits: Limits) -> Self {
        let channel = Arc::new(channel);
        let sink = Arc::clone(&channel);
        let batcher = Arc::new(Batcher::new(
            limits,
            Box::new(move |frame| sink.send_now(BenchBody::frame(Frame::Json(frame)))),
        ));
        let flushing = Arc::clone(&batcher);
        let flusher = tauri::async_runtime::spawn(async move { flushing.flush_when_due().await });
        Self {
            channel,
            batcher,
            flusher,
            _message: PhantomData,
        }
    }

    /// Adds `message` once the page has room, sending the frames it completes. `cancelled` once
    /// the page is gone, `timeout` when it took nothing for the budget's stall.
    pub async fn send(&self, message: &T) -> Result<()> {
        let json = serde_json::to_string(message)
            .map_err(|e| Error::Internal(format!("could not serialize: {e}")))?;
        self.channel.room().await?;
        self.batcher.push(&json)
    }

    /// Sends `last` and everything still waiting, now; the stream ends with it.
    pub async fn finish(self, last: &T) -> Result<()> {
        self.send(last).await?;
        self.batcher.finish()
    }
}

impl<T> Drop for BatchedChannel<T> {
    fn drop(&mut self) {
        self.flusher.abort();
    }
}

impl<'a, R: Runtime, T: Serialize> CommandArg<'a, R> for BatchedChannel<T> {
    fn from_command(command: CommandItem<'a, R>) -> std::result::Result<Self, InvokeError> {
        let channel = PageChannel::<BenchBody>::from_command(command)?;
        Ok(Self::new(channel, Limits::default()))
    }
}

impl<T: Type> Type for BatchedChannel<T> {
    fn definition(types: &mut Types) -> DataType {
        tauri::ipc::Channel::<Vec<T>>::definition(types)
    }
}
// #endregion recipe:channel-batched
