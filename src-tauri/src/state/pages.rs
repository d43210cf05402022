//! Which page each webview shows, and what the app has sent it on channels that it has not
//! taken yet (its [`Outbox`]). Work started for a page (a `load_image` stream) holds a
//! [`PageToken`] and stops once that page is gone: reloaded, navigated away, or its window
//! destroyed. Its channel has no reader any more then, and what it held is dropped.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio_util::sync::CancellationToken;

use super::lock;
use crate::services::transport::outbox::{Budget, Frame, Outbox};

#[derive(Debug, Default)]
pub struct Pages {
    live: Mutex<HashMap<String, PageToken>>,
    budget: Mutex<Budget>,
}

/// Held by work done for one page of one webview.
#[derive(Debug, Clone)]
pub struct PageToken(Arc<Page>);

#[derive(Debug)]
struct Page {
    /// Cancelled once the page is gone.
    gone: CancellationToken,
    outbox: Outbox<Frame>,
}

impl PageToken {
    /// Whether the page the work was started for is still there.
    pub fn is_live(&self) -> bool {
        !self.0.gone.is_cancelled()
    }

    /// Resolves once the page is gone.
    pub async fn gone(&self) {
        self.0.gone.cancelled().await;
    }

    /// What the page has been sent and not taken yet.
    pub fn outbox(&self) -> &Outbox<Frame> {
        &self.0.outbox
    }
}

impl Pages {
    /// The token of the page `webview` shows now.
    pub fn current(&self, webview: &str) -> PageToken {
        let mut live = lock(&self.live);
        live.entry(webview.to_owned())
            .or_insert_with(|| {
                PageToken(Arc::new(Page {
                    gone: CancellationToken::new(),
                    outbox: Outbox::new(*lock(&self.budget)),
                }))
            })
            .clone()
    }

    /// `webview`'s page is gone (a new one started loading, or the window was destroyed): its
    /// work stops and what it had not taken is dropped.
    pub fn gone(&self, webview: &str) {
        if let Some(page) = lock(&self.live).remove(webview) {
            page.0.gone.cancel();
            page.0.outbox.close();
        }
    }

    /// The budget of pages that start from now on (tests shorten the stall).
    pub fn set_budget(&self, budget: Budget) {
        *lock(&self.budget) = budget;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_dies_with_its_page_only() {
        let pages = Pages::default();
        let main = pages.current("main");
        let login = pages.current("login");
        assert!(main.is_live() && pages.current("main").is_live());
        pages.gone("main");
        assert!(!main.is_live());
        assert!(login.is_live());
        assert!(pages.current("main").is_live(), "the next page has its own");
        pages.gone("nobody");
    }

    #[tokio::test]
    async fn work_can_wait_for_its_page_to_go() {
        let pages = Pages::default();
        let main = pages.current("main");
        let waiting = tokio::spawn({
            let main = main.clone();
            async move { main.gone().await }
        });
        pages.gone("main");
        waiting.await.unwrap();
    }

    #[test]
    fn what_a_page_held_goes_with_it_and_the_next_page_starts_empty() {
        let pages = Pages::default();
        let main = pages.current("main");
        main.outbox().hold(3, Frame::Raw(vec![1, 2, 3])).unwrap();
        assert_eq!(pages.current("main").outbox().in_flight().held, 1);
        pages.gone("main");
        assert_eq!(main.outbox().in_flight().held, 0);
        assert_eq!(pages.current("main").outbox().in_flight().held, 0);
        assert_eq!(pages.current("main").outbox().take(0), None);
    }
}
