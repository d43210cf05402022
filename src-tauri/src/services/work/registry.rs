//! The bookkeeping of long-running work (hash jobs, downloads): ids, at most `at_once` running
//! and `max` running or queued (past that, `busy`), waiting for a place while watching for a
//! cancel, cancelling, and the list of what ended (newest first, bounded) with each item's
//! ending — `finished`, `cancelled` or `failed` — written from its outcome. What the work is,
//! and who hears of it, stays with its owner.

use std::collections::{BTreeMap, VecDeque};
use std::sync::{Arc, Mutex, MutexGuard};

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio_util::sync::CancellationToken;

use crate::error::{Error, IpcError, Result};
use crate::models::{DownloadInfo, JobInfo, WorkState};
use crate::services::work::time::now_ms;

/// Ended items kept in the list, at most.
pub const MAX_ENDED: usize = 100;

/// What the registry reads and writes of an item of work.
pub trait Item: Clone {
    fn id(&self) -> u32;
    fn set_state(&mut self, state: WorkState);
    /// It ended at `ended_ms`, and failed with `error` when there is one.
    fn set_ended(&mut self, ended_ms: f64, error: Option<IpcError>);
}

/// [`Item`] for the work types: each has an `id`, a `state`, an `ended_ms` and an `error`.
macro_rules! items {
    ($($info:ty),*) => {$(
        impl Item for $info {
            fn id(&self) -> u32 {
                self.id
            }
            fn set_state(&mut self, state: WorkState) {
                self.state = state;
            }
            fn set_ended(&mut self, ended_ms: f64, error: Option<IpcError>) {
                self.ended_ms = Some(ended_ms);
                self.error = error;
            }
        }
    )*};
}
items!(JobInfo, DownloadInfo);

/// The queued, running and ended items of one kind of work.
#[derive(Debug)]
pub struct Registry<T> {
    /// What one item is called in messages ("job", "download").
    name: &'static str,
    max: usize,
    places: Arc<Semaphore>,
    lists: Mutex<Lists<T>>,
}

#[derive(Debug)]
struct Lists<T> {
    next_id: u32,
    /// Queued and running items.
    active: BTreeMap<u32, Active<T>>,
    /// Newest first.
    ended: VecDeque<T>,
}

#[derive(Debug)]
struct Active<T> {
    item: T,
    cancel: CancellationToken,
    /// The window it works for, when it stops with its window.
    owner: Option<String>,
}

impl<T: Item> Registry<T> {
    /// At most `at_once` items run and `max` are queued or running. `ended` (newest first,
    /// say from an earlier run) opens the list; ids go on after the highest of them.
    pub fn new(name: &'static str, at_once: usize, max: usize, mut ended: VecDeque<T>) -> Self {
        ended.truncate(MAX_ENDED);
        let next_id = ended.iter().map(Item::id).max().unwrap_or(0) + 1;
        Self {
            name,
            max,
            places: Arc::new(Semaphore::new(at_once)),
            lists: Mutex::new(Lists {
                next_id,
                active: BTreeMap::new(),
                ended,
            }),
        }
    }

    /// Adds the item `make` builds with its new id (queued), owned by the window `owner` if
    /// any; `busy` when `max` are already queued or running. The item and its cancel.
    pub fn register(
        &self,
        owner: Option<&str>,
        make: impl FnOnce(u32) -> T,
    ) -> Result<(T, CancellationToken)> {
        let mut lists = self.lock();
        if lists.active.len() >= self.max {
            return Err(Error::Busy(format!(
                "{} {}s are already queued or running; try again when one ends",
                self.max, self.name
            )));
        }
        let id = lists.next_id;
        lists.next_id += 1;
        let item = make(id);
        let cancel = CancellationToken::new();
        let active = Active {
            item: item.clone(),
            cancel: cancel.clone(),
            owner: owner.map(str::to_owned),
        };
        lists.active.insert(id, active);
        Ok((item, cancel))
    }

    // #region recipe:cancellation
    /// A place to run, held until the permit is dropped. When none is free, `queued` is called
    /// and the wait goes on until one is, or until `cancel` (`cancelled`, checked first).
    pub async fn place(
        &self,
        cancel: &CancellationToken,
        queued: impl FnOnce(),
    ) -> Result<OwnedSemaphorePermit> {
        if cancel.is_cancelled() {
            return Err(Error::Cancelled);
        }
        if let Ok(place) = Arc::clone(&self.places).try_acquire_owned() {
            return Ok(place);
        }
        queued();
        tokio::select! {
            biased;
            () = cancel.cancelled() => Err(Error::Cancelled),
            place = Arc::clone(&self.places).acquire_owned() => place
                .map_err(|e| Error::Internal(format!("the {} queue closed: {e}", self.name))),
        }
    }
    // #endregion recipe:cancellation

    /// Applies `change` to the active item `id`; `None` when it is not active.
    pub fn update<R>(&self, id: u32, change: impl FnOnce(&mut T) -> R) -> Option<R> {
        self.lock().active.get_mut(&id).map(|a| change(&mut a.item))
    }

    // #region recipe:cancellation
    /// Moves the active item `id` to the ended ones as `outcome` says: `finished` (and
    /// `finish` writes the result into it), `cancelled`, or `failed` with the error. `then`
    /// sees the ended list, newest first, before anything else changes it. The item as it
    /// ended; `None` when it was not active.
    pub fn end<O>(
        &self,
        id: u32,
        outcome: &Result<O>,
        finish: impl FnOnce(&mut T, &O),
        then: impl FnOnce(&VecDeque<T>),
    ) -> Option<T> {
        let mut lists = self.lock();
        let mut item = lists.active.remove(&id)?.item;
        let (state, error) = match outcome {
            Ok(result) => {
                finish(&mut item, result);
                (WorkState::Finished, None)
            }
            Err(Error::Cancelled) => (WorkState::Cancelled, None),
            Err(e) => (WorkState::Failed, Some(e.to_ipc())),
        };
        item.set_state(state);
        item.set_ended(now_ms(), error);
        lists.ended.push_front(item.clone());
        lists.ended.truncate(MAX_ENDED);
        then(&lists.ended);
        Some(item)
    }

    /// Cancels a queued or running item; one that ended stays as it ended. `notFound` for an
    /// id that never was.
    pub fn cancel(&self, id: u32) -> Result<()> {
        let lists = self.lock();
        if let Some(active) = lists.active.get(&id) {
            active.cancel.cancel();
            return Ok(());
        }
        if lists.ended.iter().any(|item| item.id() == id) {
            Ok(())
        } else {
            Err(Error::NotFound(format!("no {} {id}", self.name)))
        }
    }
    // #endregion recipe:cancellation

    /// Cancels every queued or running item of the window `owner`.
    pub fn cancel_owned_by(&self, owner: &str) {
        for active in self.lock().active.values() {
            if active.owner.as_deref() == Some(owner) {
                active.cancel.cancel();
            }
        }
    }

    /// Every item, active and ended, newest first.
    pub fn list(&self) -> Vec<T> {
        let lists = self.lock();
        let mut all: Vec<T> = lists
            .active
            .values()
            .map(|a| a.item.clone())
            .chain(lists.ended.iter().cloned())
            .collect();
        all.sort_by_key(|item| std::cmp::Reverse(item.id()));
        all
    }

    /// The lists, also after a panic elsewhere poisoned the lock (every change is one step).
    fn lock(&self) -> MutexGuard<'_, Lists<T>> {
        self.lists
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    /// The least an item of work can be; `digest` is where a finished one keeps its result.
    #[derive(Debug, Clone, PartialEq)]
    struct Job {
        id: u32,
        state: WorkState,
        digest: Option<String>,
        error: Option<IpcError>,
        ended_ms: Option<f64>,
    }
    items!(Job);

    fn job(id: u32) -> Job {
        Job {
            id,
            state: WorkState::Queued,
            digest: None,
            error: None,
            ended_ms: None,
        }
    }

    fn registry(at_once: usize, max: usize) -> Registry<Job> {
        Registry::new("job", at_once, max, VecDeque::new())
    }

    fn add(registry: &Registry<Job>) -> (u32, CancellationToken) {
        let (info, cancel) = registry.register(None, job).unwrap();
        (info.id, cancel)
    }

    fn ids(registry: &Registry<Job>) -> Vec<u32> {
        registry.list().iter().map(|j| j.id).collect()
    }

    #[test]
    fn ids_count_up_from_one_or_after_the_ended_ones_given() {
        let fresh = registry(1, 10);
        assert_eq!((add(&fresh).0, add(&fresh).0), (1, 2));
        let earlier = VecDeque::from([job(7), job(3)]);
        let reopened = Registry::new("download", 1, 10, earlier);
        assert_eq!(add(&reopened).0, 8);
        assert_eq!(ids(&reopened), [8, 7, 3]);
    }

    #[test]
    fn past_max_queued_or_running_it_is_busy_until_one_ends() {
        let registry = registry(1, 2);
        let (first, _) = add(&registry);
        add(&registry);
        let busy = registry.register(None, job).unwrap_err();
        assert_eq!(busy.kind(), ErrorKind::Busy);
        assert_eq!(
            busy.to_string(),
            "busy: 2 jobs are already queued or running; try again when one ends"
        );
        registry.end(first, &Ok(()), |_, ()| {}, |_| {}).unwrap();
        assert_eq!(add(&registry).0, 3);
    }

    #[tokio::test]
    async fn at_once_places_then_the_next_waits_queued_until_one_is_free() {
        let registry = registry(2, 10);
        let (_, cancel) = add(&registry);
        let mut queued = 0;
        let first = registry.place(&cancel, || queued += 1).await.unwrap();
        let _second = registry.place(&cancel, || queued += 1).await.unwrap();
        assert_eq!(queued, 0, "a free place is taken without queueing");
        let (third, ()) = tokio::join!(registry.place(&cancel, || queued += 1), async {
            tokio::task::yield_now().await;
            drop(first);
        });
        assert!(third.is_ok());
        assert_eq!(queued, 1);
    }

    #[tokio::test]
    async fn cancelled_while_waiting_it_is_cancelled_and_its_place_is_never_taken() {
        let registry = registry(1, 10);
        let (_, holder) = add(&registry);
        let (waiter, cancel) = add(&registry);
        let held = registry.place(&holder, || {}).await.unwrap();
        let mut queued = false;
        let (waited, ()) = tokio::join!(registry.place(&cancel, || queued = true), async {
            tokio::task::yield_now().await;
            registry.cancel(waiter).unwrap();
        });
        assert!(queued);
        assert_eq!(waited.unwrap_err().kind(), ErrorKind::Cancelled);
        // Cancelled before it asks: no place, even a free one.
        drop(held);
        let err = registry.place(&cancel, || panic!("not queued")).await;
        assert_eq!(err.unwrap_err().kind(), ErrorKind::Cancelled);
        assert_eq!(registry.places.available_permits(), 1);
    }

    #[test]
    fn cancel_reaches_an_active_item_leaves_an_ended_one_and_knows_no_other() {
        let registry = registry(1, 10);
        let (running, cancel) = add(&registry);
        registry.update(running, |j| j.set_state(WorkState::Running));
        registry.cancel(running).unwrap();
        assert!(cancel.is_cancelled());
        let (done, done_cancel) = add(&registry);
        registry.end(done, &Ok(()), |_, ()| {}, |_| {}).unwrap();
        registry.cancel(done).unwrap();
        assert!(!done_cancel.is_cancelled());
        let unknown = registry.cancel(99).unwrap_err();
        assert_eq!(unknown.to_string(), "not found: no job 99");
    }

    #[test]
    fn cancel_owned_by_reaches_only_that_windows_items() {
        let registry = registry(1, 10);
        let (_, mine) = registry.register(Some("second"), job).unwrap();
        let (_, theirs) = registry.register(Some("main"), job).unwrap();
        let (_, nobodys) = registry.register(None, job).unwrap();
        registry.cancel_owned_by("second");
        assert!(mine.is_cancelled());
        assert!(!theirs.is_cancelled() && !nobodys.is_cancelled());
    }

    #[test]
    fn the_ended_list_keeps_the_newest_hundred_newest_first() {
        let registry = registry(1, 1);
        let mut seen = 0;
        for _ in 0..MAX_ENDED + 5 {
            let (id, _) = add(&registry);
            registry
                .end(id, &Ok(()), |_, ()| {}, |ended| seen = ended.len())
                .unwrap();
        }
        assert_eq!(seen, MAX_ENDED);
        let newest_first: Vec<u32> = (6..=105).rev().collect();
        assert_eq!(ids(&registry), newest_first);
        assert_eq!(registry.cancel(5).unwrap_err().kind(), ErrorKind::NotFound);
        // Active ones come first by id, among the ended ones.
        let (active, _) = add(&registry);
        assert_eq!(ids(&registry)[..2], [active, 105]);
    }

    #[test]
    fn the_outcome_decides_the_ending() {
        let registry = registry(1, 10);
        let end = |outcome: Result<&str>| {
            let (id, _) = add(&registry);
            let finish = |job: &mut Job, digest: &&str| job.digest = Some((*digest).to_string());
            let ended = registry.end(id, &outcome, finish, |_| {}).unwrap();
            assert!(ended.ended_ms.is_some());
            assert_eq!(registry.list()[0], ended, "listed as it ended");
            assert_eq!(
                registry.end(id, &outcome, finish, |_| {}),
                None,
                "ends once"
            );
            (ended.state, ended.digest, ended.error)
        };
        assert_eq!(
            end(Ok("abc")),
            (WorkState::Finished, Some("abc".into()), None)
        );
        assert_eq!(
            end(Err(Error::Cancelled)),
            (WorkState::Cancelled, None, None)
        );
        let failed = || Error::Http("HTTP 500".into());
        assert_eq!(
            end(Err(failed())),
            (WorkState::Failed, None, Some(failed().to_ipc()))
        );
    }
}
