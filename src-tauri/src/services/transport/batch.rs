//! Coalescing small JSON messages into frames. Tauri delivers each small channel message by one
//! `eval` of `runCallback(id, { message, index })`, so a stream of thousands of tiny messages
//! pays that cost thousands of times. A [`Batch`] gathers the messages' JSON texts into one JSON
//! array, in order, and hands it out as a frame once it holds `bytes` of JSON or its first
//! message has waited `delay` — whichever comes first; the page unpacks each array in order
//! (`batchedChannel` in `src/api/stream.ts`). A [`Batcher`] sends the frames through the sink
//! it is given, in order, and on time. No `tauri` here: the channel argument that gives it the
//! page's channel is `commands::batched_channel::BatchedChannel`.

use std::sync::{Mutex, MutexGuard, PoisonError};
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::error::Result;

/// When a batch goes out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// A frame holds at most this many bytes of JSON (a single larger message goes alone).
    pub bytes: usize,
    /// The first message of a batch waits at most this long.
    pub delay: Duration,
}

impl Default for Limits {
    /// Just under Tauri's 8192-byte threshold for delivering a JSON channel message by `eval`
    /// (larger ones cost the page a fetch more), and one 60 Hz frame of waiting.
    fn default() -> Self {
        Self {
            bytes: 8000,
            delay: Duration::from_millis(16),
        }
    }
}

/// The messages gathered for the next frame.
#[derive(Debug)]
pub struct Batch {
    limits: Limits,
    text: String,
    count: usize,
    since: Option<Instant>,
}

impl Batch {
    pub fn new(limits: Limits) -> Self {
        Self {
            limits,
            text: String::new(),
            count: 0,
            since: None,
        }
    }

    /// Adds one message (its JSON text) at `now`; answers the frames now due, in order: none,
    /// the batch it filled, or (for a message past the size) the batch before it and the
    /// message alone.
    pub fn push(&mut self, json: &str, now: Instant) -> Vec<String> {
        let mut due = Vec::new();
        // `[` + texts joined by `,` + `]`.
        if self.count > 0 && self.text.len() + json.len() + 2 > self.limits.bytes {
            due.extend(self.take());
        }
        if self.count == 0 {
            self.text.push('[');
            self.since = Some(now);
        } else {
            self.text.push(',');
        }
        self.text.push_str(json);
        self.count += 1;
        if self.text.len() + 1 >= self.limits.bytes {
            due.extend(self.take());
        }
        due
    }

    /// When the batch must go out (its first message's wait ends), if it holds any.
    pub fn deadline(&self) -> Option<Instant> {
        self.since.map(|since| since + self.limits.delay)
    }

    /// The batch as a frame (a JSON array), if it holds any; it is empty after.
    pub fn take(&mut self) -> Option<String> {
        if self.count == 0 {
            return None;
        }
        self.text.push(']');
        self.count = 0;
        self.since = None;
        Some(std::mem::take(&mut self.text))
    }

    /// Messages waiting.
    pub fn len(&self) -> usize {
        self.count
    }

    pub fn is_empty(&self) -> bool {
        self.count == 0
    }
}

/// Where a [`Batcher`]'s frames go (a page's channel in the app).
pub type Sink = Box<dyn Fn(String) -> Result<()> + Send + Sync>;

/// A [`Batch`] and its sink: frames leave in order (each is sent under the batch's lock), when
/// full ([`Batcher::push`]), when due ([`Batcher::flush_when_due`], a task of its own), or at
/// the end ([`Batcher::finish`]).
pub struct Batcher {
    batch: Mutex<Batch>,
    /// Wakes the flusher when a batch starts.
    started: Notify,
    sink: Sink,
}

impl Batcher {
    pub fn new(limits: Limits, sink: Sink) -> Self {
        Self {
            batch: Mutex::new(Batch::new(limits)),
            started: Notify::new(),
            sink,
        }
    }

    fn batch(&self) -> MutexGuard<'_, Batch> {
        self.batch.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Adds one message (its JSON text) and sends the frames it completes.
    pub fn push(&self, json: &str) -> Result<()> {
        let mut batch = self.batch();
        let was_empty = batch.is_empty();
        for frame in batch.push(json, Instant::now()) {
            (self.sink)(frame)?;
        }
        if was_empty && !batch.is_empty() {
            self.started.notify_one();
        }
        Ok(())
    }

    /// Sends what is waiting, now.
    pub fn finish(&self) -> Result<()> {
        match self.batch().take() {
            Some(frame) => (self.sink)(frame),
            None => Ok(()),
        }
    }

    /// Sends each batch once its first message has waited its delay; runs until the sink
    /// fails (the page is gone) or the task is aborted.
    pub async fn flush_when_due(&self) {
        loop {
            let deadline = self.batch().deadline();
            let Some(deadline) = deadline else {
                self.started.notified().await;
                continue;
            };
            tokio::time::sleep_until(deadline).await;
            let mut batch = self.batch();
            if batch.deadline().is_some_and(|due| due <= Instant::now()) {
                if let Some(frame) = batch.take() {
                    if (self.sink)(frame).is_err() {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    /// A batcher whose frames are kept, and the frames.
    fn recording(bytes: usize) -> (Arc<Batcher>, Arc<Mutex<Vec<String>>>) {
        let frames = Arc::new(Mutex::new(Vec::new()));
        let kept = Arc::clone(&frames);
        let sink: Sink = Box::new(move |frame| {
            kept.lock().unwrap().push(frame);
            Ok(())
        });
        let limits = Limits {
            bytes,
            delay: Duration::from_millis(16),
        };
        (Arc::new(Batcher::new(limits, sink)), frames)
    }

    #[tokio::test(start_paused = true)]
    async fn a_batch_goes_out_once_its_first_message_has_waited_its_delay() {
        let (batcher, frames) = recording(1000);
        let flusher = tokio::spawn({
            let batcher = Arc::clone(&batcher);
            async move { batcher.flush_when_due().await }
        });
        batcher.push("1").unwrap();
        tokio::time::sleep(Duration::from_millis(10)).await;
        batcher.push("2").unwrap();
        assert!(frames.lock().unwrap().is_empty(), "not due yet");
        tokio::time::sleep(Duration::from_millis(7)).await;
        assert_eq!(*frames.lock().unwrap(), ["[1,2]"]);
        // The next batch waits its own delay; the end sends what is left at once.
        batcher.push("3").unwrap();
        batcher.finish().unwrap();
        assert_eq!(*frames.lock().unwrap(), ["[1,2]", "[3]"]);
        tokio::time::sleep(Duration::from_millis(50)).await;
        assert_eq!(frames.lock().unwrap().len(), 2, "nothing sent twice");
        flusher.abort();
    }

    #[tokio::test(start_paused = true)]
    async fn the_flusher_stops_when_the_sink_fails() {
        let sink: Sink = Box::new(|_| Err(crate::error::Error::Cancelled));
        let batcher = Arc::new(Batcher::new(Limits::default(), sink));
        let flusher = tokio::spawn({
            let batcher = Arc::clone(&batcher);
            async move { batcher.flush_when_due().await }
        });
        batcher.push("1").unwrap();
        tokio::time::sleep(Duration::from_millis(20)).await;
        assert!(flusher.is_finished());
    }

    fn batch(bytes: usize) -> Batch {
        Batch::new(Limits {
            bytes,
            delay: Duration::from_millis(16),
        })
    }

    #[test]
    fn messages_go_out_in_order_as_json_arrays_once_the_size_is_reached() {
        let now = Instant::now();
        let mut b = batch(10);
        assert!(b.push("1", now).is_empty());
        assert!(b.push("22", now).is_empty());
        // [1,22,333] is 10 bytes: the batch is full with it.
        assert_eq!(b.push("333", now), vec!["[1,22,333]".to_string()]);
        assert!(b.is_empty() && b.deadline().is_none());
        assert!(b.push("4", now).is_empty());
        // [4,55555555] would be 12 bytes: "[4]" goes out before the message that would
        // overflow it, and that message fills a batch of its own (10 bytes) at once.
        assert_eq!(
            b.push("55555555", now),
            vec!["[4]".to_string(), "[55555555]".to_string()]
        );
        assert_eq!(b.take(), None);
        let frames: Vec<serde_json::Value> = ["[1,22,333]", "[4]", "[55555555]"]
            .iter()
            .map(|f| serde_json::from_str(f).unwrap())
            .collect();
        let flat: Vec<u64> = frames
            .iter()
            .flat_map(|f| f.as_array().unwrap().iter().map(|v| v.as_u64().unwrap()))
            .collect();
        assert_eq!(flat, [1, 22, 333, 4, 55_555_555]);
    }

    #[test]
    fn a_message_past_the_size_goes_alone_after_the_batch_before_it() {
        let now = Instant::now();
        let mut b = batch(8);
        assert!(b.push("1", now).is_empty());
        let big = "\"abcdefghij\"";
        assert_eq!(
            b.push(big, now),
            vec!["[1]".to_string(), format!("[{big}]")]
        );
        assert!(b.is_empty());
    }

    #[test]
    fn the_first_message_sets_the_deadline() {
        let start = Instant::now();
        let mut b = batch(1000);
        assert_eq!(b.deadline(), None);
        b.push("1", start);
        b.push("2", start + Duration::from_millis(10));
        assert_eq!(b.deadline(), Some(start + Duration::from_millis(16)));
        assert_eq!(b.len(), 2);
        assert_eq!(b.take().as_deref(), Some("[1,2]"));
        assert_eq!(b.deadline(), None);
    }

    #[test]
    fn the_default_frame_stays_under_the_eval_threshold() {
        let limits = Limits::default();
        assert!(limits.bytes < 8192);
        let mut b = Batch::new(limits);
        let now = Instant::now();
        let mut frames = Vec::new();
        for i in 0..10_000u32 {
            frames.extend(b.push(&i.to_string(), now));
        }
        frames.extend(b.take());
        assert!(
            frames.iter().all(|f| f.len() <= limits.bytes),
            "a frame is too large"
        );
        let count: usize = frames
            .iter()
            .map(|f| serde_json::from_str::<Vec<u32>>(f).unwrap().len())
            .sum();
        assert_eq!(count, 10_000);
    }
}
