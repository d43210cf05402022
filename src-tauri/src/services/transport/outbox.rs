//! What the app has sent one page on its channels and the page has not taken yet, within a
//! budget. Small messages are evaluated in the page and count until the webview says it ran
//! them; large frames wait here, by sequential id, until the page fetches them. A sender waits
//! for room before it sends (backpressure); a page that takes nothing for `stall` ends the
//! waiting streams with `timeout`, and what they held is dropped. When the page goes, all of it
//! goes.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::Duration;

use tokio::sync::Notify;
use tokio::time::Instant;

use crate::error::{Error, Result};

/// One message as it goes on a channel: raw bytes (an `ArrayBuffer` in the page) or JSON text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Frame {
    Raw(Vec<u8>),
    Json(String),
}

impl Frame {
    pub fn len(&self) -> usize {
        match self {
            Frame::Raw(bytes) => bytes.len(),
            Frame::Json(text) => text.len(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// How much one page may hold, and how long a sender waits for it to take anything.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Bytes sent but not taken, at most (one frame larger than this goes alone).
    pub bytes: u64,
    /// Messages sent but not taken, at most.
    pub messages: u64,
    /// A sender waiting for room gives up once the page has taken nothing for this long.
    pub stall: Duration,
}

impl Default for Budget {
    /// 64 MiB (64 frames of `load_image`) and 8,192 messages: enough to keep the transport busy,
    /// small next to the app; 10 s without the page taking anything is a page that stopped.
    fn default() -> Self {
        Self {
            bytes: 64 * 1024 * 1024,
            messages: 8192,
            stall: Duration::from_secs(10),
        }
    }
}

/// One page's messages in flight; `T` is what a held frame is kept as ([`Frame`] in the app).
#[derive(Debug)]
pub struct Outbox<T> {
    budget: Budget,
    state: Mutex<State<T>>,
    room: Notify,
}

#[derive(Debug)]
struct State<T> {
    bytes: u64,
    messages: u64,
    next_id: u64,
    held: HashMap<u64, Held<T>>,
    /// When the page last fetched a held frame, and last ran an evaluated message.
    last_fetched: Instant,
    last_ran: Instant,
    /// Sizes of the evaluated messages not known to have run, oldest first, and the sequence
    /// number the next one gets.
    evaluated: VecDeque<u64>,
    next_eval: u64,
    /// How many times a wait ended in a stall (every sender waiting then ends too).
    stalls: u64,
    closed: bool,
}

impl<T> State<T> {
    /// When a sender that began waiting at `began` counts as stalled: once the page has taken
    /// nothing of what blocks it for `stall` — no held frame fetched while frames are held (a
    /// page that runs small messages but never fetches still stalls), otherwise no evaluated
    /// message run.
    fn stalls_at(&self, began: Instant, stall: Duration) -> Instant {
        let last = if self.held.is_empty() {
            self.last_ran
        } else {
            self.last_fetched
        };
        last.max(began) + stall
    }

    /// Drops the frames waiting to be fetched (a page that stopped taking them).
    fn drop_held(&mut self) {
        for (_, held) in self.held.drain() {
            self.bytes = self.bytes.saturating_sub(held.size);
            self.messages = self.messages.saturating_sub(1);
        }
    }
}

#[derive(Debug)]
struct Held<T> {
    size: u64,
    frame: T,
}

/// What a page holds now (for tests and diagnostics).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct InFlight {
    pub bytes: u64,
    pub messages: u64,
    /// Of those, frames waiting here to be fetched.
    pub held: usize,
}

impl<T> Outbox<T> {
    pub fn new(budget: Budget) -> Self {
        Self {
            budget,
            state: Mutex::new(State {
                bytes: 0,
                messages: 0,
                next_id: 0,
                held: HashMap::new(),
                last_fetched: Instant::now(),
                last_ran: Instant::now(),
                evaluated: VecDeque::new(),
                next_eval: 0,
                stalls: 0,
                closed: false,
            }),
            room: Notify::new(),
        }
    }

    fn state(&self) -> std::sync::MutexGuard<'_, State<T>> {
        self.state
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// A message of `size` bytes went to the page by `eval`: it counts until the page has run
    /// it ([`Self::ran_through`]). Its sequence number, or `None` once the page is gone (nothing
    /// is counted then; do not send).
    pub fn sent(&self, size: u64) -> Option<u64> {
        let mut state = self.state();
        if state.closed {
            return None;
        }
        state.bytes += size;
        state.messages += 1;
        state.evaluated.push_back(size);
        state.next_eval += 1;
        Some(state.next_eval - 1)
    }

    /// The page ran every evaluated message up to `seq` (a page runs them in order).
    pub fn ran_through(&self, seq: u64) {
        let mut state = self.state();
        if state.closed {
            return;
        }
        let mut first = state.next_eval - state.evaluated.len() as u64;
        while first <= seq {
            let Some(size) = state.evaluated.pop_front() else {
                break;
            };
            state.bytes = state.bytes.saturating_sub(size);
            state.messages = state.messages.saturating_sub(1);
            first += 1;
        }
        state.last_ran = Instant::now();
        drop(state);
        self.room.notify_waiters();
    }

    /// Keeps a large frame for the page to fetch; its id (sequential), or `None` once the page
    /// is gone.
    pub fn hold(&self, size: u64, frame: T) -> Option<u64> {
        let mut state = self.state();
        if state.closed {
            return None;
        }
        let id = state.next_id;
        state.next_id += 1;
        state.bytes += size;
        state.messages += 1;
        state.held.insert(id, Held { size, frame });
        Some(id)
    }

    /// The page fetches frame `id`: it leaves the outbox (once).
    pub fn take(&self, id: u64) -> Option<T> {
        let mut state = self.state();
        let held = state.held.remove(&id)?;
        state.bytes = state.bytes.saturating_sub(held.size);
        state.messages = state.messages.saturating_sub(1);
        state.last_fetched = Instant::now();
        drop(state);
        self.room.notify_waiters();
        Some(held.frame)
    }

    /// Waits until the page holds less than the budget. `timeout` when the page took nothing
    /// for the budget's `stall` while this waited: then the frames it left are dropped (every
    /// stream that waits ends the same way). `cancelled` once the page is gone.
    pub async fn room(&self) -> Result<()> {
        let began = Instant::now();
        let stalls = self.state().stalls;
        loop {
            let notified = self.room.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let stalled_at = {
                let state = self.state();
                if state.closed {
                    return Err(Error::Cancelled);
                }
                if state.stalls != stalls {
                    return Err(Error::Timeout(
                        "the page stopped taking what it was sent".into(),
                    ));
                }
                if state.bytes < self.budget.bytes && state.messages < self.budget.messages {
                    return Ok(());
                }
                state.stalls_at(began, self.budget.stall)
            };
            tokio::select! {
                () = &mut notified => {}
                () = tokio::time::sleep_until(stalled_at) => {
                    let mut state = self.state();
                    if state.closed {
                        return Err(Error::Cancelled);
                    }
                    if state.stalls_at(began, self.budget.stall) <= Instant::now() {
                        let error = Error::Timeout(format!(
                            "the page took nothing for {} s while {} bytes in {} messages waited for it",
                            self.budget.stall.as_secs_f32(),
                            state.bytes,
                            state.messages
                        ));
                        state.drop_held();
                        state.stalls += 1;
                        drop(state);
                        self.room.notify_waiters();
                        return Err(error);
                    }
                }
            }
        }
    }

    /// The page is gone: everything it held is dropped, waiting senders get `cancelled`, and
    /// nothing more is counted or held.
    pub fn close(&self) {
        let mut state = self.state();
        state.closed = true;
        state.held.clear();
        state.evaluated.clear();
        state.bytes = 0;
        state.messages = 0;
        drop(state);
        self.room.notify_waiters();
    }

    pub fn in_flight(&self) -> InFlight {
        let state = self.state();
        InFlight {
            bytes: state.bytes,
            messages: state.messages,
            held: state.held.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn budget(bytes: u64, messages: u64, stall_ms: u64) -> Budget {
        Budget {
            bytes,
            messages,
            stall: Duration::from_millis(stall_ms),
        }
    }

    #[tokio::test]
    async fn held_frames_are_fetched_once_by_sequential_id() {
        let outbox = Outbox::new(Budget::default());
        assert_eq!(outbox.hold(3, "a"), Some(0));
        assert_eq!(outbox.hold(4, "b"), Some(1));
        assert_eq!(
            outbox.in_flight(),
            InFlight {
                bytes: 7,
                messages: 2,
                held: 2
            }
        );
        assert_eq!(outbox.take(1), Some("b"));
        assert_eq!(outbox.take(1), None, "a frame is fetched once");
        assert_eq!(outbox.take(0), Some("a"));
        assert_eq!(outbox.in_flight(), InFlight::default());
    }

    #[tokio::test(start_paused = true)]
    async fn a_sender_waits_while_the_page_holds_the_budget_and_goes_on_once_it_takes() {
        let outbox = Outbox::new(budget(10, 100, 1000));
        outbox.hold(6, ()).unwrap();
        outbox.room().await.unwrap();
        outbox.hold(6, ()).unwrap();
        let waiting = outbox.room();
        tokio::pin!(waiting);
        assert!(
            futures_poll(&mut waiting).is_none(),
            "12 of 10 bytes held: the sender waits"
        );
        tokio::time::advance(Duration::from_millis(500)).await;
        outbox.take(0).unwrap();
        waiting.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn messages_count_as_well_as_bytes_and_each_ack_frees_every_message_up_to_it() {
        let outbox: Outbox<()> = Outbox::new(budget(1 << 20, 3, 1000));
        assert_eq!(outbox.sent(10), Some(0));
        assert_eq!(outbox.sent(20), Some(1));
        assert_eq!(outbox.sent(30), Some(2));
        let waiting = outbox.room();
        tokio::pin!(waiting);
        assert!(futures_poll(&mut waiting).is_none());
        outbox.ran_through(1);
        waiting.await.unwrap();
        assert_eq!(
            outbox.in_flight(),
            InFlight {
                bytes: 30,
                messages: 1,
                held: 0
            }
        );
        outbox.ran_through(1);
        outbox.ran_through(99);
        assert_eq!(
            outbox.in_flight(),
            InFlight::default(),
            "an ack past the last frees what was sent, no more"
        );
        assert_eq!(outbox.sent(1), Some(3));
    }

    #[tokio::test(start_paused = true)]
    async fn a_page_that_takes_nothing_ends_the_wait_with_timeout_and_its_frames_are_dropped() {
        let outbox = Outbox::new(budget(10, 100, 1000));
        outbox.hold(8, ()).unwrap();
        outbox.hold(8, ()).unwrap();
        assert!(outbox.sent(3).is_some());
        let started = Instant::now();
        let err = outbox.room().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Timeout);
        assert_eq!(started.elapsed(), Duration::from_secs(1));
        assert_eq!(
            outbox.in_flight(),
            InFlight {
                bytes: 3,
                messages: 1,
                held: 0
            },
            "the held frames went; the evaluated message counts until the webview has run it"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn a_page_that_runs_small_messages_but_never_fetches_frames_still_stalls() {
        let outbox = Outbox::new(budget(10, 100, 1000));
        outbox.hold(20, ()).unwrap();
        let waiting = outbox.room();
        tokio::pin!(waiting);
        for _ in 0..9 {
            assert!(futures_poll(&mut waiting).is_none());
            tokio::time::advance(Duration::from_millis(100)).await;
            let seq = outbox.sent(1).unwrap();
            outbox.ran_through(seq);
        }
        tokio::time::advance(Duration::from_millis(100)).await;
        assert_eq!(waiting.await.unwrap_err().kind(), ErrorKind::Timeout);
    }

    #[tokio::test(start_paused = true)]
    async fn every_sender_waiting_when_the_page_stalls_ends_with_it() {
        let outbox = Outbox::new(budget(10, 100, 1000));
        outbox.hold(20, ()).unwrap();
        let (first, second) = tokio::join!(outbox.room(), async {
            tokio::time::advance(Duration::from_millis(500)).await;
            outbox.room().await
        });
        assert_eq!(first.unwrap_err().kind(), ErrorKind::Timeout);
        assert_eq!(
            second.unwrap_err().kind(),
            ErrorKind::Timeout,
            "not let through by the room the drop made"
        );
        outbox.room().await.expect("a new stream starts afresh");
    }

    #[tokio::test(start_paused = true)]
    async fn the_stall_clock_starts_when_the_wait_does() {
        let outbox = Outbox::new(budget(10, 100, 1000));
        tokio::time::advance(Duration::from_secs(60)).await;
        outbox.hold(20, ()).unwrap();
        let started = Instant::now();
        assert_eq!(outbox.room().await.unwrap_err().kind(), ErrorKind::Timeout);
        assert_eq!(
            started.elapsed(),
            Duration::from_secs(1),
            "an idle page is not a stalled one"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn taking_something_restarts_the_stall_clock() {
        let outbox = Outbox::new(budget(10, 100, 1000));
        for _ in 0..3 {
            outbox.hold(8, ()).unwrap();
        }
        let waiting = outbox.room();
        tokio::pin!(waiting);
        assert!(futures_poll(&mut waiting).is_none());
        tokio::time::advance(Duration::from_millis(900)).await;
        outbox.take(0).unwrap();
        tokio::time::advance(Duration::from_millis(900)).await;
        assert!(
            futures_poll(&mut waiting).is_none(),
            "1.8 s in, but the page took a frame 0.9 s ago"
        );
        outbox.take(1).unwrap();
        waiting.await.unwrap();
    }

    #[tokio::test(start_paused = true)]
    async fn closing_drops_everything_and_cancels_the_waiting() {
        let outbox = Outbox::new(budget(10, 100, 60_000));
        outbox.hold(20, vec![0u8; 20]).unwrap();
        let waiting = outbox.room();
        tokio::pin!(waiting);
        assert!(futures_poll(&mut waiting).is_none());
        outbox.close();
        assert_eq!(waiting.await.unwrap_err().kind(), ErrorKind::Cancelled);
        assert_eq!(outbox.in_flight(), InFlight::default());
        assert_eq!(
            outbox.hold(1, vec![1]),
            None,
            "nothing is held for a gone page"
        );
        assert_eq!(outbox.sent(1), None);
    }

    /// Polls `future` once: its output, or `None` while it is pending.
    fn futures_poll<F: std::future::Future + Unpin>(future: &mut F) -> Option<F::Output> {
        let waker = futures_util::task::noop_waker();
        let mut cx = std::task::Context::from_waker(&waker);
        match std::pin::Pin::new(future).poll(&mut cx) {
            std::task::Poll::Ready(out) => Some(out),
            std::task::Poll::Pending => None,
        }
    }
}
