//! Bounds on expensive work (password hashes, bulk reads): at most N at once; a caller past
//! that waits briefly for a place, then gets `busy` instead of queueing without end.

use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use crate::error::{Error, Result};

/// At most `permits` holders at once, each waiting at most `wait` for a place.
#[derive(Debug)]
pub struct Limit {
    what: &'static str,
    places: Arc<Semaphore>,
    permits: usize,
    wait: Duration,
    granted: AtomicU64,
}

impl Limit {
    /// `what` names the work in the `busy` message ("password checks", "bulk reads").
    pub fn new(what: &'static str, permits: usize, wait: Duration) -> Self {
        Self {
            what,
            places: Arc::new(Semaphore::new(permits)),
            permits,
            wait,
            granted: AtomicU64::new(0),
        }
    }

    /// A place, held until the permit is dropped (it can move into a blocking task).
    pub async fn acquire(&self) -> Result<OwnedSemaphorePermit> {
        let place = tokio::time::timeout(self.wait, self.places.clone().acquire_owned()).await;
        match place {
            Ok(Ok(permit)) => {
                self.granted.fetch_add(1, Ordering::Relaxed);
                Ok(permit)
            }
            _ => Err(Error::Busy(format!(
                "{} {} are already running; try again shortly",
                self.permits, self.what
            ))),
        }
    }

    /// How many places were ever granted (what ran, as opposed to what was refused).
    pub fn granted(&self) -> u64 {
        self.granted.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    // Paused time: the 50 ms wait and the 10 ms before the place frees up are the runtime's
    // clock, which only moves when every task waits, so "freed at 10 ms of a 50 ms wait" is an
    // order of events here, not a race a loaded machine can lose. A waiter that gave up at
    // once, or a freed place that went to nobody, still fails.
    #[tokio::test(start_paused = true)]
    async fn the_excess_waits_briefly_then_is_busy() {
        let limit = Limit::new("bulk reads", 2, Duration::from_millis(50));
        let first = limit.acquire().await.unwrap();
        let _second = limit.acquire().await.unwrap();
        let err = limit.acquire().await.unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Busy);
        assert_eq!(
            err.to_string(),
            "busy: 2 bulk reads are already running; try again shortly"
        );
        assert_eq!(limit.granted(), 2);
        // A place that frees up while a caller waits goes to that caller.
        let (waited, ()) = tokio::join!(limit.acquire(), async move {
            tokio::time::sleep(Duration::from_millis(10)).await;
            drop(first);
        });
        assert!(waited.is_ok());
        assert_eq!(limit.granted(), 3);
    }
}
